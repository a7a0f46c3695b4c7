// examples/go through the real engine: the Go SDK of this checkout (sdks/go, through a `replace`), built
// and run by the project's Go language host (scripts/language-hosts), with the standalone plugin installed
// from its tarball and no `node` on the engine's PATH: up, a no-change preview, an update in place, destroy.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack, repoRoot } from "../support/engine";
import { expectDestroyed, expectNoChangePreview, expectPoolUpdatedInPlace } from "./steps";
import { installStandalone, installedExecutable, pathWithoutNode, toolDir } from "./standalone";

// The first build of a Go program compiles the Pulumi Go SDK and its dependencies (minutes on 2 cores).
jest.setTimeout(1_200_000);

const PAT = "go-pat-7e40a1c9-never-in-state";

describe("examples/go through the engine, standalone plugin, no node on PATH", () => {
  let emu: RunningEmulator;
  let s: EngineStack;
  let tmp: string;

  beforeAll(async () => {
    emu = await startEmulator({ tokens: [PAT], userId: "go-user" });
    // The host keeps the program's binary under $TMPDIR; this test's own folder goes with the test.
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clarifai-go-example-"));
    const goDir = toolDir("go");
    s = await createStack({
      programDir: path.join(repoRoot, "examples", "go"),
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
      env: { PATH: pathWithoutNode(goDir), TMPDIR: tmp, PULUMI_CLARIFAI_POLL_MS: "50", GOFLAGS: "-buildvcs=false" },
    });
    // The example's `replace` names ../../sdks/go; the copy runs elsewhere, so it names the checkout's SDK.
    execFileSync(path.join(goDir, "go"), ["mod", "edit", `-replace=github.com/clarifai/pulumi-clarifai/sdks/go=${path.join(repoRoot, "sdks", "go")}`], { cwd: s.dir });
    installStandalone(s.dir);
  });
  afterAll(async () => {
    await s?.dispose();
    await emu?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("up, no-change preview, update in place, destroy", async () => {
    expect(fs.existsSync(installedExecutable(s.dir))).toBe(true);
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 });
    expect(up.outputs.computeClusterId.value).toBe("quickstart-aws-us-east-1");
    expect(up.outputs.nodepools.value).toEqual({
      cpu: { id: "quickstart-aws-us-east-1/cpu-t3a-2xlarge", max: 2, capacity: "onDemand" },
      gpu: { id: "quickstart-aws-us-east-1/gpu-a10g", max: 4, capacity: "spotWithFallback" },
    });
    expect(up.outputs.deployment.value).toEqual({ id: "quickstart-ocr", ready: true });
    expect(emu.state().deployments.map((d) => d.id)).toEqual(["quickstart-ocr"]);

    await expectNoChangePreview(s, emu);
    await expectPoolUpdatedInPlace(s, emu, { config: "gpuMaxInstances", nodepoolId: "gpu-a10g", maxInstances: 6 });

    await expectDestroyed(s, emu, 5);
  });
});
