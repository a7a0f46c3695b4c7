// What the state holds when the package is installed as users install it (from `npm pack`, no symlink
// into this checkout): the quickstart's `pulumi stack export` names the provider by reference, the
// versioned entries of the `exports` map, and holds no provider code.
import * as fs from "fs";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack, repoRoot } from "../support/engine";
import { packedProject } from "./packed";

jest.setTimeout(300_000);

const PAT = "packed-pat-6c1e08d2a7";
const ENTRIES = ["computeCluster", "nodepool", "deployment"];

describe("the quickstart, with the package installed from its tarball", () => {
  let emu: RunningEmulator;
  let s: EngineStack;

  beforeAll(async () => {
    emu = await startEmulator({ tokens: [PAT], userId: "packed-user", readiness: { deploymentReadyAfterReads: 1 } });
    s = await createStack({
      programDir: path.join(repoRoot, "examples", "quickstart"),
      install: "packed",
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
      env: { PULUMI_CLARIFAI_POLL_MS: "200" },
    });
  });
  afterAll(async () => {
    await s?.dispose();
    await emu?.close();
  });

  it("the installed package is the tarball's, and it opens the versioned provider entries", () => {
    const installed = path.join(packedProject(), "node_modules", "pulumi-clarifai");
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(fs.realpathSync(path.join(s.dir, "node_modules", "pulumi-clarifai"))).toBe(installed);
    for (const e of ENTRIES) {
      const file = require.resolve(`pulumi-clarifai/dynamic/v1/${e}`, { paths: [s.dir] });
      expect(file.startsWith(installed + path.sep)).toBe(true);
    }
  });

  it("stack export names the provider by reference and holds no provider code; preview and destroy run from it", async () => {
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 });

    const exported = await s.exportText(false);
    const resources = (JSON.parse(exported).deployment.resources as { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[]).filter((r) =>
      r.type.startsWith("pulumi-nodejs:dynamic/clarifai:"),
    );
    expect(resources).toHaveLength(4);
    const stored = resources.flatMap((r) => [r.inputs?.__provider, r.outputs?.__provider]);
    for (const p of stored) {
      expect(p).toMatch(/^exports\.handler = \(\) => require\("pulumi-clarifai\/dynamic\/v1\/(computeCluster|nodepool|deployment)"\);\n$/);
      expect(Buffer.byteLength(String(p))).toBeLessThanOrEqual(200);
    }
    // Nothing else in the whole export looks like serialized code or a path into an install.
    expect(exported).not.toMatch(/__f0|with\(\{|function |require\("pulumi-clarifai\/provider"\)|node_modules\/pulumi-clarifai/);
    expect(exported).not.toContain(PAT);

    await s.preview({ expectNoChanges: true });
    await s.refresh({ expectNoChanges: true });
    await s.destroy();
    expect(emu.state().compute_clusters).toHaveLength(0);
  });
});
