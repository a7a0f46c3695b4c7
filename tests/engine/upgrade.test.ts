// Stacks made with 0.1.0 keep working. tests/fixtures/v0.1.0 holds what 0.1.0 (commit 6e8e2d0) wrote
// for programs/upgrade: its `pulumi stack export` and the account it left (the emulator's state file).
// The fixture was made by running that commit's build against this emulator; its serialized provider
// `require`s "pulumi-clarifai/provider", so the engine now runs the current code on the old state.
// tests/fixtures/main-d3bfa00 is the same program written by the last commit that stored the provider
// by value (before the reference to "pulumi-clarifai/dynamic/v1/<kind>", sdk/forwarder.ts).
// Only the emulator's address and the stack's name are filled in.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack } from "../support/engine";

jest.setTimeout(300_000);

const PAT = "upgrade-pat-0123"; // the token the fixture's account was made with (also its cluster key)
const fixtures = path.join(__dirname, "..", "fixtures");

/** The stack of `fixture` imported into a new engine stack, against an emulator holding the account it left. */
function oldStack(fixture: string) {
  const h = {} as { emu: RunningEmulator; s: EngineStack; writes(): string[] };
  h.writes = () => h.emu.requests().requests.filter((r) => r.method !== "GET").map((r) => r.rpc ?? r.path);
  beforeAll(async () => {
    const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-")), "account.json");
    fs.copyFileSync(path.join(fixtures, fixture, "emulator-state.json"), stateFile);
    const emu = (h.emu = await startEmulator({ tokens: [PAT], userId: "up-user", stateFile }));
    const s = (h.s = await createStack({
      programDir: path.join(__dirname, "programs", "upgrade"),
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
    }));
    const text = fs
      .readFileSync(path.join(fixtures, fixture, "stack.json"), "utf8")
      .replace(/__EMULATOR_URL__/g, emu.url)
      .replace(/__STACK__/g, s.stack.name);
    await s.stack.importStack(JSON.parse(text));
  });
  afterAll(async () => {
    await h.s?.dispose();
    await h.emu?.close();
  });
  return h;
}

/** What the current code stores as the provider: the reference, no code. */
const REFERENCE = /^exports\.handler = \(\) => require\("pulumi-clarifai\/dynamic\/v1\/(computeCluster|nodepool|deployment)"\);\n$/;

describe("a stack written by 0.1.0, under the current code", () => {
  const h = oldStack("v0.1.0");

  it("up changes nothing in the account; preview and a refresh then show nothing to change", async () => {
    const { s, emu, writes } = h;
    const before = (await s.exportState()).filter((r) => r.type.includes("clarifai"));
    expect(before.map((r) => r.type)).toEqual([
      "pulumi-nodejs:dynamic/clarifai:ComputeCluster",
      "pulumi-nodejs:dynamic/clarifai:Nodepool",
      "pulumi-nodejs:dynamic/clarifai:Deployment",
    ]);
    // 0.1.0 never wrote the 12.x fields.
    expect(before[2].outputs).not.toHaveProperty("gracefulDeploy");
    expect(before[1].outputs).not.toHaveProperty("status");

    emu.clearRequests();
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ same: 4 });
    expect(writes()).toEqual([]);
    await s.preview({ expectNoChanges: true });

    // A refresh reads the 12.x outputs in; the program still has nothing to change afterwards.
    await s.refresh();
    const after = (await s.exportState()).filter((r) => r.type.includes("clarifai"));
    expect(after[1].outputs).toMatchObject({ status: "ready" });
    expect(after[2].outputs).toMatchObject({ servedVersionId: "fe271b43266a45a5b068766b6437687f", liveReplicas: 1, desiredReplicas: 1 });
    await s.preview({ expectNoChanges: true });
    expect(writes()).toEqual([]);
  });
});

describe("a stack written with the provider stored by value (main at d3bfa00), under the current code", () => {
  const h = oldStack("main-d3bfa00");

  it("up changes nothing and stores the reference; preview and refresh then change nothing; destroy deletes everything", async () => {
    const { s, emu, writes } = h;
    const old = (await s.exportState()).filter((r) => r.type.includes("clarifai"));
    for (const r of old) expect(String(r.inputs?.__provider)).toMatch(/^exports\.handler = __f0;[^]*require\("pulumi-clarifai\/provider"\)/);

    emu.clearRequests();
    expect((await s.up()).summary.resourceChanges).toEqual({ same: 4 });
    // The inputs now name the reference; the outputs keep the copy until the resource is next updated
    // (Pulumi's dynamic-provider host hands a refresh's inputs the outputs' provider).
    const after = (await s.exportState()).filter((r) => r.type.includes("clarifai"));
    for (const r of after) expect(r.inputs?.__provider).toMatch(REFERENCE);
    await s.preview({ expectNoChanges: true });
    await s.refresh({ expectNoChanges: true });
    await s.preview({ expectNoChanges: true });
    expect(writes()).toEqual([]);

    await s.destroy();
    expect(writes().sort()).toEqual(["DeleteComputeClusters", "DeleteDeployments", "DeleteNodepools"]);
    expect((await s.exportState()).filter((r) => r.type.includes("clarifai"))).toEqual([]);
  });
});
