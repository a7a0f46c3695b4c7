// Readiness explained, through the real engine: a deployment on a spot nodepool that the emulator
// stalls (no spot capacity for g5.xlarge in us-east-1). While `up` waits, the engine log shows the
// reason read from the runner's events; the timed-out `up` fails with the reason and the hint; with
// `capacity: spotWithFallback` (and the capacity back) the next `up` converges.
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack } from "../support/engine";

jest.setTimeout(600_000);

const PAT = "engine-pat-events-90d1aa";

let emu: RunningEmulator;
let s: EngineStack;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "ev-user", readiness: { stallDeployments: { "st-llm": "insufficientCapacity" } } });
  s = await createStack({
    programDir: path.join(__dirname, "programs", "stalled-deployment"),
    config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url }, readyTimeout: { value: "14" } },
    env: { PULUMI_CLARIFAI_POLL_MS: "200" },
  });
});
afterAll(async () => {
  await s?.dispose();
  await emu?.close();
});

it("a wait that times out says why (no spot capacity) and what to do; the next up converges", async () => {
  const failed = await s.up().then(
    () => "",
    (e: unknown) => String(e).replace(/\\"/g, '"'),
  );
  const reason = "could not scale up nodepool st-spot: no spot capacity for g5.xlarge in us-east-1 (aws: InsufficientInstanceCapacity) (FailedScaleUp)";
  const hint = "consider `capacity: spotWithFallback` on the nodepool (on-demand when spot is short), or another instance type or region";
  // Logged while waiting (after 10 s without progress) ...
  expect(s.output.join("")).toContain(`Deployment "llm": not ready: ${reason}; ${hint}`);
  // ... and in the error of the timed-out wait.
  expect(failed).toContain(`not ready after 14s (readyTimeoutSeconds 14): 0/1 replicas live, rollout in progress. Why: ${reason}. Hint: ${hint}.`);
  const reads = emu.requests().counts.ListLogEntries;
  expect(reads).toBe(2); // at 10 s without progress, and at the timeout

  // Following the hint: spot with on-demand fallback, and the emulator no longer short of capacity.
  await s.setConfig("capacity", "spotWithFallback");
  emu.setReadiness({});
  const up = await s.up();
  expect(up.summary.resourceChanges).toMatchObject({ update: 2 });
  await s.preview({ expectNoChanges: true });
});
