// examples/python through the real engine, from the wheel built out of sdks/python (scripts/ensure-python-dist,
// installed into a virtualenv by scripts/ensure-python-example), run by the project's Python language host
// (scripts/language-hosts) with the standalone plugin installed from its tarball and no `node` on the engine's
// PATH: up, a no-change preview, an in-place update, refresh, `pulumi import` of a nodepool made out of band,
// a look-up through invoke, a secret output that stays secret, destroy. And the example's types under mypy.
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { ClarifaiClient } from "../../provider/client";
import { wireOf } from "../support/wire";
import { createStack, EngineStack, repoRoot } from "../support/engine";
import { expectDestroyed, expectNoChangePreview, expectPoolUpdatedInPlace } from "./steps";
import { installStandalone, installedExecutable, pathWithoutNode } from "./standalone";

jest.setTimeout(900_000);

const PAT = "py-pat-5b1e0c77-never-in-state";
const CLUSTER_KEY = "py-cluster-key-93d2a4f1-stays-secret";
const example = path.join(repoRoot, "examples", "python");

let venv: string;
beforeAll(() => {
  venv = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-python-example")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
});

/** mypy --strict on a program file; resolves with its exit code and output. */
function mypy(file: string): Promise<{ code: number; out: string }> {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "clarifai-mypy-"));
  return new Promise((resolve) =>
    execFile(path.join(venv, "bin", "mypy"), ["--strict", "--cache-dir", cache, file], { cwd: path.dirname(file) }, (err, stdout, stderr) => {
      fs.rmSync(cache, { recursive: true, force: true });
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    }),
  );
}

describe("the SDK's type hints, checked by mypy on the example", () => {
  it("passes mypy --strict, and mypy flags a wrong argument type", async () => {
    const ok = await mypy(path.join(example, "__main__.py"));
    expect(ok.out).toMatch(/Success: no issues found/);
    expect(ok.code).toBe(0);

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clarifai-mypy-bad-"));
    try {
      const bad = path.join(tmp, "__main__.py");
      fs.writeFileSync(bad, fs.readFileSync(path.join(example, "__main__.py"), "utf8").replace("max_instances=2,", 'max_instances="two",'));
      const res = await mypy(bad);
      expect(res.code).toBe(1);
      expect(res.out).toMatch(/__main__\.py:\d+: error: No overload variant of "Nodepool" matches argument types .*"str"/);
      expect(res.out).toMatch(/max_instances: int \| Awaitable\[int \| None\]/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe("examples/python through the engine, standalone plugin, no node on PATH", () => {
  let emu: RunningEmulator;
  let s: EngineStack;

  beforeAll(async () => {
    // The cluster key is a second key of the same user (Clarifai checks that it names one).
    emu = await startEmulator({ tokens: [PAT, CLUSTER_KEY], userId: "py-user" });
    s = await createStack({
      programDir: example,
      config: {
        "clarifai:pat": { value: PAT, secret: true },
        "clarifai:apiBase": { value: emu.url },
        clusterKey: { value: CLUSTER_KEY, secret: true },
      },
      env: { PATH: pathWithoutNode(), PULUMI_CLARIFAI_POLL_MS: "50" },
    });
    // Pulumi.yaml names the virtualenv `venv` beside the program, as a user creates it (one made in the
    // checkout by following the README was copied along: the tested one replaces it).
    fs.rmSync(path.join(s.dir, "venv"), { recursive: true, force: true });
    fs.symlinkSync(venv, path.join(s.dir, "venv"), "dir");
    installStandalone(s.dir);
  });
  afterAll(async () => {
    await s?.dispose();
    await emu?.close();
  });

  it("up, no-change preview, update in place, refresh, import, secret output, destroy", async () => {
    expect(fs.existsSync(installedExecutable(s.dir))).toBe(true);
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 });
    expect(up.outputs.computeClusterId.value).toBe("quickstart-aws-us-east-1");
    // The GPU instance type came from the getInstanceTypes look-up (an Invoke the plugin served).
    const gpuType = up.outputs.gpuInstanceType.value as string;
    const gpuPool = emu.state().nodepools.find((n) => n.id === "gpu-a10g");
    expect((gpuPool?.instance_types as { id?: string }[] | undefined)?.map((t) => t.id)).toEqual([gpuType]);
    expect(up.outputs.nodepools.value).toEqual({
      cpu: { id: "quickstart-aws-us-east-1/cpu-t3a-2xlarge", max: 2, capacity: "onDemand" },
      gpu: { id: "quickstart-aws-us-east-1/gpu-a10g", max: 4, capacity: "spotWithFallback" },
    });
    expect(up.outputs.deployment.value).toEqual({ id: "quickstart-ocr", ready: true });
    // The cluster key is a secret output: marked so, encrypted in the state, never printed.
    expect(up.outputs.clusterKey).toEqual({ value: CLUSTER_KEY, secret: true });
    expect(await s.exportText()).not.toContain(CLUSTER_KEY);
    expect(s.stateText()).not.toContain(CLUSTER_KEY);
    expect(s.output.join("")).not.toContain(CLUSTER_KEY);

    await expectNoChangePreview(s, emu);
    await expectPoolUpdatedInPlace(s, emu, { config: "gpuMaxInstances", nodepoolId: "gpu-a10g", maxInstances: 6 });

    const refresh = await s.refresh({ expectNoChanges: true });
    expect(refresh.summary.resourceChanges).toEqual({ same: 5 });

    // A nodepool made outside Pulumi, imported by id, then declared in the program: no changes.
    const api = new ClarifaiClient({ pat: PAT, userId: "py-user", apiBase: emu.url });
    await api.createNodepool(
      wireOf("Nodepool", {
        nodepoolId: "oob",
        computeClusterId: "quickstart-aws-us-east-1",
        description: "made by hand",
        instanceTypes: ["t3a.large"],
        minInstances: 0,
        maxInstances: 3,
        capacity: "onDemand",
      }),
    );
    const imported = await s.stack.import({
      resources: [{ type: "clarifai:index:Nodepool", name: "oobPool", id: "quickstart-aws-us-east-1/oob" }],
      protect: false,
      generateCode: false,
    });
    expect(imported.summary.resourceChanges).toEqual({ import: 1, same: 5 });
    fs.appendFileSync(
      path.join(s.dir, "__main__.py"),
      `\nclarifai.Nodepool("oobPool", compute_cluster_id=cluster.id, nodepool_id="oob", description="made by hand",\n` +
        `                  instance_types=["t3a.large"], min_instances=0, max_instances=3, capacity=clarifai.Capacity.ON_DEMAND)\n`,
    );
    await expectNoChangePreview(s, emu);

    await expectDestroyed(s, emu, 6);
  });
});
