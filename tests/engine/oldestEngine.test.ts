// The oldest engine this package supports (package.json pulumi.minEngineVersion) still runs it: the
// other engine tests use scripts/ensure-pulumi's default, the newest tested. The quickstart's lifecycle,
// and a stack written by 0.1.0 (tests/fixtures/v0.1.0) taken over without a write.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, pulumiBin, repoRoot } from "./harness";

jest.setTimeout(600_000);

const PAT = "oldest-engine-pat-58d0e2";
const oldest = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { pulumi: { minEngineVersion: string } }).pulumi.minEngineVersion;

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "oldest-user", readiness: { deploymentReadyAfterReads: 1 } });
});
afterAll(() => emu?.close());

it(`runs on pulumi ${oldest}`, () => {
  expect(execFileSync(path.join(pulumiBin("oldest"), "pulumi"), ["version"], { encoding: "utf8" }).trim()).toBe(`v${oldest}`);
});

it("quickstart: up, no-change preview, refresh, destroy", async () => {
  const s = await createStack({
    programDir: path.join(repoRoot, "examples", "quickstart"),
    engine: "oldest",
    config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
    env: { PULUMI_CLARIFAI_POLL_MS: "200" },
  });
  try {
    expect((await s.up()).summary.resourceChanges).toEqual({ create: 5 });
    await s.preview({ expectNoChanges: true });
    await s.refresh({ expectNoChanges: true });
    await s.destroy();
    expect(emu.state().compute_clusters).toHaveLength(0);
  } finally {
    await s.dispose();
  }
});

it("a stack written by 0.1.0: up changes nothing", async () => {
  const fixture = path.join(__dirname, "..", "fixtures", "v0.1.0");
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "oldest-")), "account.json");
  fs.copyFileSync(path.join(fixture, "emulator-state.json"), stateFile);
  const old = await startEmulator({ tokens: ["upgrade-pat-0123"], userId: "up-user", stateFile });
  const s = await createStack({
    programDir: path.join(__dirname, "programs", "upgrade"),
    engine: "oldest",
    config: { "clarifai:pat": { value: "upgrade-pat-0123", secret: true }, "clarifai:apiBase": { value: old.url } },
  });
  try {
    const text = fs.readFileSync(path.join(fixture, "stack.json"), "utf8").replace(/__EMULATOR_URL__/g, old.url).replace(/__STACK__/g, s.stack.name);
    await s.stack.importStack(JSON.parse(text));
    old.clearRequests();
    expect((await s.up()).summary.resourceChanges).toEqual({ same: 4 });
    expect(old.requests().requests.filter((r) => r.method !== "GET")).toEqual([]);
  } finally {
    await s.dispose();
    await old.close();
  }
});
