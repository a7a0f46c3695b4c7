// Readiness explained: while a deployment's wait makes no progress, the provider reads its runners'
// events (ListLogEntries "runner.events") at a backed-off cadence, logs a one-line reason, and a failed
// or timed-out wait carries the reason and a hint. Long waits run at once on an injected clock, against
// the in-process emulator (its readiness.stallDeployments keeps the deployment pending).
import { startEmulator, RunningEmulator, type Stall } from "../../emulator";
import { setSettings } from "../../provider/settings/config";
import { computeClusterProvider as clusters } from "../../provider/resources/computeCluster";
import { nodepoolProvider as nodepools } from "../../provider/resources/nodepool";
import { deploymentProvider as deployments } from "../../provider/resources/deployment";
import { EventReads, explain } from "../../provider/resources/events";
import { resetPreflight } from "../../provider/resources/preflight";
import { setClock, setTiming } from "../../provider/resources/timing";

const PAT = "events-test-pat-7e21c4";
type Props = Record<string, unknown>;
type P = typeof clusters;

let emu: RunningEmulator;
let logs: string[];
/** The injected time: sleeping advances it at once. */
let now = 0;
beforeAll(async () => {
  setTiming({ pollBaseMs: 1000, secondLookMs: 20 });
  emu = await startEmulator({ tokens: [PAT], userId: "u1" });
});
afterAll(async () => {
  setTiming({});
  setClock();
  await emu.close();
});
beforeEach(() => {
  emu.reset();
  resetPreflight();
  setSettings({ pat: PAT, apiBase: emu.url });
  now = Date.parse("2026-12-04T00:00:00Z");
  setClock({ now: () => now, sleep: async (ms) => void (now += ms) });
  logs = [];
  jest.spyOn(console, "log").mockImplementation((...a: unknown[]) => void logs.push(a.join(" ")));
});
afterEach(() => jest.restoreAllMocks());

const checked = async (p: P, news: Props) => {
  const r = await p.check!({}, { __provider: "code", ...news });
  expect(r.failures).toEqual([]);
  return r.inputs as Props;
};

/** A cluster, a nodepool with the given capacity, and a deployment on it that the emulator stalls. */
async function stalledWait(stall: Stall, capacity: string, readyTimeoutSeconds = 600): Promise<string> {
  await clusters.create(await checked(clusters, { __logicalName: "c", computeClusterId: "c1", cloudProvider: "aws", region: "us-east-1" }));
  await nodepools.create(await checked(nodepools, { __logicalName: "np", computeClusterId: "c1", nodepoolId: "np1", instanceTypes: ["g5.xlarge"], maxInstances: 2, capacity }));
  emu.setReadiness({ stallDeployments: { d1: stall } });
  emu.clearRequests();
  const model = { userId: "u1", appId: "app", modelId: "llm", versionId: "aa7f35c01e0642fda5cf400f543e7c40" };
  const inputs = await checked(deployments as unknown as P, { __logicalName: "llm", deploymentId: "d1", model, nodepools: ["c1/np1"], autoscale: { minReplicas: 1, maxReplicas: 1 }, readyTimeoutSeconds });
  try {
    await deployments.create(inputs);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the wait to fail");
}

it("a ten-minute wait without progress reads the events 7 times (at 10, 30, 70, 150, 310, 470 s and at the timeout), and says why", async () => {
  const message = await stalledWait("insufficientCapacity", "spot");
  expect(message).toMatch(/^Deployment "llm": not ready after 600s \(readyTimeoutSeconds 600\): 0\/1 replicas live, rollout in progress\. /);
  expect(message).toContain(
    "Why: could not scale up nodepool np1: no spot capacity for g5.xlarge in us-east-1 (aws: InsufficientInstanceCapacity) (FailedScaleUp). " +
      "Hint: consider `capacity: spotWithFallback` on the nodepool (on-demand when spot is short), or another instance type or region.",
  );
  const counts = emu.requests().counts;
  expect(counts.ListLogEntries).toBe(7);
  // The reason is logged once (it did not change), beside the usual progress lines.
  expect(logs.filter((l) => l.includes("not ready:"))).toEqual([
    'Deployment "llm": not ready: could not scale up nodepool np1: no spot capacity for g5.xlarge in us-east-1 (aws: InsufficientInstanceCapacity) (FailedScaleUp); consider `capacity: spotWithFallback` on the nodepool (on-demand when spot is short), or another instance type or region',
  ]);
  console.info(`event reads in a ten-minute failed wait: ${counts.ListLogEntries} ListLogEntries (and ${counts.GetDeployment} GetDeployment polls)`);
});

it.each<[Stall, string, RegExp]>([
  ["insufficientCapacity", "onDemand", /Why: could not scale up nodepool np1: no on-demand capacity for g5\.xlarge in us-east-1 .*Hint: the cloud has no capacity for this instance type there now/],
  ["imagePullFailure", "onDemand", /Why: Back-off pulling image "llm:aa7f35c01e0642fda5cf400f543e7c40" \(ImagePullBackOff\) \(BackOff\)\. Hint: the model version's image could not be pulled/],
  ["outOfMemory", "onDemand", /Why: Container model was killed: out of memory on g5\.xlarge \(exit code 137\) \(OOMKilled\), then Back-off restarting failed container model \(CrashLoopBackOff\) \(BackOff\)\. Hint: the model needs more memory than the instance type has/],
  ["crashLoop", "onDemand", /Why: Back-off restarting failed container model: it exited with code 1 \(CrashLoopBackOff\) \(BackOff\)\. Hint: the model's container keeps exiting: see its output with `clarifai deployment logs <deployment id>`/],
  ["preemption", "spot", /Why: The spot node running the replica was reclaimed by aws \(g5\.xlarge in us-east-1\); rescheduling \(Preempted\)\. Hint: spot capacity was reclaimed: consider `capacity: spotWithFallback` or `onDemand`/],
])("%s on %s: the timeout says why", async (stall, capacity, why) => {
  expect(await stalledWait(stall, capacity, 60)).toMatch(why);
  expect(emu.requests().counts.ListLogEntries).toBeLessThanOrEqual(4);
});

it("a terminal failure keeps the API's reason and does not repeat it", async () => {
  await clusters.create(await checked(clusters, { __logicalName: "c", computeClusterId: "c1", cloudProvider: "aws", region: "us-east-1" }));
  await nodepools.create(await checked(nodepools, { __logicalName: "np", computeClusterId: "c1", nodepoolId: "np1", instanceTypes: ["g5.xlarge"], maxInstances: 2 }));
  emu.setReadiness({ failDeployments: { d1: "model failed to load" } });
  const inputs = await checked(deployments as unknown as P, { __logicalName: "llm", deploymentId: "d1", model: { userId: "u1", appId: "app", modelId: "llm", versionId: "aa7f35c01e0642fda5cf400f543e7c40" }, nodepools: ["c1/np1"], autoscale: { minReplicas: 1, maxReplicas: 1 } });
  const message = await deployments.create(inputs).then(() => "", (e: Error) => e.message);
  expect(message).toMatch(/replicas failed on nodepool c1\/np1: model failed to load \(runner status ERROR\)\. The deployment "d1" exists/);
  expect(message).not.toContain("Why:");
});

it("the cadence: first read after 10 s without progress, gaps doubling to 160 s, progress starts over", () => {
  const r = new EventReads(0);
  const at: number[] = [];
  for (let t = 0; t <= 600_000; t += 1000) if (r.due("0/1", t)) at.push(t / 1000);
  expect(at).toEqual([10, 30, 70, 150, 310, 470]);
  expect(r.due("1/2", 601_000)).toBe(false); // progress: the next read is 10 s away again
  expect(r.due("1/2", 611_000)).toBe(true);
  expect(explain(["x Normal Pulling: Pulling image", "garbled"])).toEqual({ reason: "garbled", warning: false });
  expect(explain([])).toBeUndefined();
});
