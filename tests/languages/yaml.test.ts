// examples/yaml through the real engine with the standalone plugin installed from its tarball and no
// `node` on the engine's PATH (Pulumi's own YAML host, linked beside the CLI by scripts/ensure-pulumi):
// up, a no-change preview, an in-place update, refresh, `pulumi import` of a cluster, a nodepool and a
// deployment made out of band (with the code Pulumi generates for them), destroy. The PAT is never in
// the state or the output (the harness scans every artifact on dispose). The Node-script plugin:
// tests/engine/yamlPlugin.test.ts.
import * as fs from "fs";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { ClarifaiClient } from "../../provider/client";
import { handCluster, handDeployment, handNodepool, OCR_MODEL } from "../support/wire";
import { createStack, EngineStack, repoRoot } from "../support/engine";
import { installStandalone, installedExecutable, pathWithoutNode } from "./standalone";
import { expectDestroyed, expectNoChangePreview, expectPoolUpdatedInPlace } from "./steps";

jest.setTimeout(600_000);

const PAT = "yaml-sa-pat-2c81d0e5-never-in-state";

/** Rewrites the copied program's Pulumi.yaml. */
function editProject(s: EngineStack, edit: (text: string) => string): void {
  const file = path.join(s.dir, "Pulumi.yaml");
  fs.writeFileSync(file, edit(fs.readFileSync(file, "utf8")));
}

describe("examples/yaml through the engine, standalone plugin, no node on PATH", () => {
  let emu: RunningEmulator;
  let s: EngineStack;

  beforeAll(async () => {
    emu = await startEmulator({ tokens: [PAT], userId: "yaml-user" });
    s = await createStack({
      programDir: path.join(repoRoot, "examples", "yaml"),
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
      env: { PATH: pathWithoutNode(), PULUMI_CLARIFAI_POLL_MS: "50" },
    });
    // The installed plugin, not the folder the example names for a checkout.
    editProject(s, (t) => t.replace(/plugins:\n(\s+.*\n)+?(?=config:)/, ""));
    installStandalone(s.dir);
  });
  afterAll(async () => {
    await s?.dispose();
    await emu?.close();
  });

  it("up, no-change preview, update in place, refresh, import, destroy", async () => {
    expect(fs.existsSync(installedExecutable(s.dir))).toBe(true);
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 });
    expect(up.outputs.gpuNodepoolId.value).toBe("yaml-cluster/gpu");
    expect(up.outputs.ready.value).toBe(true);
    const st = emu.state();
    // The GPU pool is spot with on-demand fallback: both capacity types (1 on-demand, 2 spot).
    expect(Object.fromEntries(st.nodepools.map((n) => [n.id, [...((n.node_capacity_type as { capacity_types?: number[] } | undefined)?.capacity_types ?? [])].sort()]))).toEqual({ cpu: [1], gpu: [1, 2] });
    expect(st.deployments.map((d) => d.id)).toEqual(["ocr"]);

    await expectNoChangePreview(s, emu);
    await expectPoolUpdatedInPlace(s, emu, { config: "gpuMaxInstances", nodepoolId: "gpu", maxInstances: 4 });

    const refresh = await s.refresh({ expectNoChanges: true });
    expect(refresh.summary.resourceChanges).toEqual({ same: 5 });

    // A cluster, a nodepool and a deployment made outside Pulumi, imported by id; the code Pulumi
    // generates then shows no changes.
    const api = new ClarifaiClient({ pat: PAT, userId: "yaml-user", apiBase: emu.url });
    await api.createComputeCluster(handCluster({ computeClusterId: "oob-cluster", description: "made by hand", key: PAT }));
    await api.createNodepool(handNodepool({ nodepoolId: "oob", computeClusterId: "oob-cluster", description: "made by hand", maxInstances: 3 }));
    await api.createDeployment(
      handDeployment({ deploymentId: "oob-dep", model: OCR_MODEL, nodepools: ["oob-cluster/oob"], autoscale: { minReplicas: 0, maxReplicas: 2 } }),
    );
    const imported = await s.stack.import({
      resources: [
        { type: "clarifai:index:ComputeCluster", name: "oobCluster", id: "oob-cluster" },
        { type: "clarifai:index:Nodepool", name: "oobPool", id: "oob-cluster/oob" },
        { type: "clarifai:index:Deployment", name: "oobDeployment", id: "oob-dep" },
      ],
      protect: false,
      generateCode: true,
    });
    expect(imported.summary.resourceChanges).toEqual({ import: 3, same: 5 });
    for (const [name, type] of [["oobCluster", "ComputeCluster"], ["oobPool", "Nodepool"], ["oobDeployment", "Deployment"]]) {
      expect(imported.generatedCode).toMatch(new RegExp(`${name}:\\n\\s+type: clarifai:(index:)?${type}\\n`));
    }
    expect(imported.generatedCode).toMatch(/maxInstances: 3/);
    expect(imported.generatedCode).not.toContain(PAT);
    editProject(s, (t) => t.replace("outputs:\n", `${imported.generatedCode.replace(/^resources:\n/, "")}outputs:\n`));
    await expectNoChangePreview(s, emu);

    const state = await s.exportState();
    // The state's order follows the engine's steps, which run in parallel: compare as a set.
    expect(state.filter((r) => r.urn.includes("::oob")).map((r) => [r.type, r.id]).sort()).toEqual([
      ["clarifai:index:ComputeCluster", "oob-cluster"],
      ["clarifai:index:Deployment", "oob-dep"],
      ["clarifai:index:Nodepool", "oob-cluster/oob"],
    ]);
    const exported = await s.exportText();
    expect(exported).not.toContain(PAT);

    await expectDestroyed(s, emu, 8);
  });
});
