import * as pulumi from "@pulumi/pulumi";
import { startEmulator } from "../../emulator";
import { createStack } from "../engine/harness";
jest.setTimeout(300_000);
it("probe inline", async () => {
  const clarifai = require("../../dist/sdk");
  const PAT = "probe-pat-aaaaaaaaaaaaaaaaaaaa";
  const emu = await startEmulator({ tokens: [PAT] });
  let args: Record<string, unknown> = {};
  const s = await createStack({ program: async () => { const c = new clarifai.ComputeCluster("c1", args); void pulumi; return { id: c.id }; }, config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } } });
  for (const a of [{ cloudProvider: "aws", region: "us-east-1", computeClusterId: "bad id!" }, { cloudProvider: "aws", region: "us-east-1", clusterType: "shared" }, { cloudProvider: "aws2", region: "us-east-1" }]) {
    args = a;
    const t = Date.now();
    try { await s.stack.preview({ color: "never" }); console.log("OK?"); } catch (e) { console.log((e as Error).message.split("\n").filter((l) => /error:/.test(l)).join("\n")); }
    console.log("ms", Date.now() - t);
  }
  args = { cloudProvider: "aws", region: "us-east-1", computeClusterId: "good" };
  const up = await s.stack.up({ color: "never" });
  console.log(up.summary.resourceChanges, JSON.stringify(await s.stack.exportStack()).match(/__provider":"[^"]{0,300}/)?.[0]);
  await s.stack.destroy();
  await s.dispose(); await emu.close();
});
