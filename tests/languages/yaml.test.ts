// examples/yaml through the real engine with the standalone plugin installed from its tarball and no
// `node` on the engine's PATH (Pulumi's own YAML host, linked beside the CLI by scripts/ensure-pulumi):
// up, a no-change preview, destroy. tests/engine/yamlPlugin.test.ts runs the full lifecycle with the
// Node-script plugin.
import * as fs from "fs";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack, repoRoot } from "../support/engine";
import { installStandalone, installedExecutable, pathWithoutNode } from "./standalone";

jest.setTimeout(600_000);

const PAT = "yaml-sa-pat-2c81d0e5-never-in-state";

describe("examples/yaml through the engine, standalone plugin, no node on PATH", () => {
  let emu: RunningEmulator;
  let s: EngineStack;
  const writes = () => emu.requests().requests.filter((r) => r.method !== "GET").map((r) => r.rpc);

  beforeAll(async () => {
    emu = await startEmulator({ tokens: [PAT], userId: "yaml-user" });
    s = await createStack({
      programDir: path.join(repoRoot, "examples", "yaml"),
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
      env: { PATH: pathWithoutNode(), PULUMI_CLARIFAI_POLL_MS: "50" },
    });
    // The installed plugin, not the folder the example names for a checkout.
    const project = path.join(s.dir, "Pulumi.yaml");
    fs.writeFileSync(project, fs.readFileSync(project, "utf8").replace(/plugins:\n(\s+.*\n)+?(?=config:)/, ""));
    installStandalone(s.dir);
  });
  afterAll(async () => {
    await s?.dispose();
    await emu?.close();
  });

  it("up, no-change preview, destroy", async () => {
    expect(fs.existsSync(installedExecutable(s.dir))).toBe(true);
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 });
    expect(up.outputs.gpuNodepoolId.value).toBe("yaml-cluster/gpu");
    expect(up.outputs.ready.value).toBe(true);

    emu.clearRequests();
    await s.preview({ expectNoChanges: true });
    expect(writes()).toEqual([]);

    const destroy = await s.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 5 });
    expect([emu.state().compute_clusters, emu.state().nodepools, emu.state().deployments]).toEqual([[], [], []]);
  });
});
