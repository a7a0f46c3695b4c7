// The Deployment provider's methods and the catalogue preflight, called as the engine calls them,
// against the in-process emulator (readiness delays, terminal failures and fault rules included).
import { startEmulator, RunningEmulator } from "../../emulator";
import { setSettings } from "../../provider/settings/config";
import { computeClusterProvider as clusters } from "../../provider/resources/computeCluster";
import { nodepoolProvider as nodepools } from "../../provider/resources/nodepool";
import { deploymentProvider as deployments } from "../../provider/resources/deployment";
import { resetPreflight } from "../../provider/resources/preflight";
import { UNKNOWN } from "../../provider/model/schema";
import { setTiming } from "../../provider/resources/timing";

const PAT = "deployment-test-pat-41d7e9";
type Props = Record<string, unknown>;
type Partial = Error & { id?: string; properties?: Props; reasons?: string[] };
type P = typeof deployments;

const V1 = "aa7f35c01e0642fda5cf400f543e7c40";
const V2 = "bb8f35c01e0642fda5cf400f543e7c41";
const model = (over: Props = {}) => ({ userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: V1, ...over });

let emu: RunningEmulator;
let logs: string[];
beforeAll(async () => {
  setTiming({ pollBaseMs: 20, secondLookMs: 20 }); // the second looks and polls, shortened
  process.env.PULUMI_CLARIFAI_POLL_MS = "20";
  emu = await startEmulator({ tokens: [PAT], userId: "u1" });
});
afterAll(async () => {
  delete process.env.PULUMI_CLARIFAI_POLL_MS;
  await emu.close();
});
beforeEach(() => {
  emu.reset();
  resetPreflight();
  setSettings({ pat: PAT, apiBase: emu.url });
  logs = [];
  jest.spyOn(console, "log").mockImplementation((...a: unknown[]) => void logs.push(a.join(" ")));
});
afterEach(() => jest.restoreAllMocks());

const checked = async (p: P, news: Props, olds: Props = {}) => {
  const r = await p.check!(olds, { __provider: "code", ...news });
  expect(r.failures).toEqual([]);
  return r.inputs as Props;
};
const failuresOf = async (p: P, news: Props, olds: Props = {}) => (await p.check!(olds, { __provider: "code", ...news })).failures!;
const depIn = (over: Props = {}) => checked(deployments, { __logicalName: "ocr", deploymentId: "d1", model: model(), nodepools: ["c1/np1"], ...over });
const writes = () => emu.requests().requests.filter((r) => r.method !== "GET").map((r) => r.rpc);
const counts = () => emu.requests().counts;
type Worker = { model?: { model_version?: { id?: string } } };
type Stored = { id: string; autoscale_config?: Props; worker?: Worker; desired_worker?: Worker; description?: string; nodepools: { id: string }[]; graceful_deploy?: boolean; deployment_nodepools?: Props[] };
const stored = () => (emu.state() as unknown as { deployments: Stored[] }).deployments;
const errorOf = async (p: Promise<unknown>): Promise<Partial> => {
  try {
    await p;
  } catch (e) {
    expect(`${(e as Error).message} ${JSON.stringify(e)}`).not.toContain(PAT);
    return e as Partial;
  }
  throw new Error("expected a failure");
};

async function infra() {
  await clusters.create(await checked(clusters, { __logicalName: "c", computeClusterId: "c1", cloudProvider: "aws", region: "us-east-1" }));
  for (const id of ["np1", "np2"]) {
    await nodepools.create(await checked(nodepools, { __logicalName: id, computeClusterId: "c1", nodepoolId: id, instanceTypes: ["g5.xlarge"], maxInstances: 2 }));
  }
  emu.clearRequests();
}

describe("create, read, update, delete", () => {
  beforeEach(infra);

  it("creates, waits until ready, reads back exactly what create returned, and deletes", async () => {
    const c = await deployments.create(await depIn({ description: "ocr", autoscale: { minReplicas: 1, maxReplicas: 3, scaleUpDelaySeconds: 30 } }));
    expect(c.id).toBe("d1");
    expect(c.outs).toMatchObject({
      deploymentId: "d1", description: "ocr", model: model(), nodepools: ["c1/np1"], schedulingChoice: "performance", visibility: "private",
      autoscale: { minReplicas: 1, maxReplicas: 3, scaleUpDelaySeconds: 30, disablePacking: false }, ready: true, userId: "u1", waitForReady: true, readyTimeoutSeconds: 1200,
    });
    expect(c.outs).not.toHaveProperty("autoscale.trafficHistorySeconds");
    expect(c.outs).toMatchObject({ servedVersionId: V1, desiredReplicas: 1, liveReplicas: 1, gracefulDeploy: false });
    expect(writes()).toEqual(["PostDeployments"]);

    const read = await deployments.read!("d1", c.outs);
    expect(read.props).toEqual(c.outs);
    expect(read.inputs).toEqual(expect.objectContaining({ deploymentId: "d1", autoscale: c.outs.autoscale, model: model() }));
    expect(read.inputs).not.toHaveProperty("ready");
    // refreshed inputs check clean and diff as no change
    const d = await deployments.diff!("d1", { ...read.inputs, ...read.props }, await depIn({ description: "ocr", autoscale: { minReplicas: 1, maxReplicas: 3, scaleUpDelaySeconds: 30 } }));
    expect(d.changes).toBe(false);

    await deployments.delete!("d1", c.outs);
    expect(stored()).toEqual([]);
    expect(await deployments.read!("d1", c.outs)).toEqual({});
    await expect(deployments.delete!("d1", c.outs)).resolves.toBeUndefined();
  });

  it("changes autoscale in place with one PATCH overwrite", async () => {
    const c = await deployments.create(await depIn());
    emu.clearRequests();
    const u = await deployments.update!("d1", c.outs, await depIn({ autoscale: { minReplicas: 1, maxReplicas: 4, scaleDownDelaySeconds: 120 } }, ));
    expect(writes()).toEqual(["PatchDeployments"]);
    expect(u.outs).toMatchObject({ autoscale: { minReplicas: 1, maxReplicas: 4, scaleDownDelaySeconds: 120 }, ready: true });
    expect(stored()[0].autoscale_config).toMatchObject({ min_replicas: 1, max_replicas: 4, scale_down_delay_seconds: 120 });
  });

  it("changes the model version through desired_worker and waits until the new version is served", async () => {
    const c = await deployments.create(await depIn({ autoscale: { minReplicas: 1, maxReplicas: 2 } }));
    emu.clearRequests();
    // The rollout takes 3 reads: `worker` keeps V1 (rollout_in_progress) until then.
    emu.setReadiness({ deploymentReadyAfterReads: 3 });
    const u = await deployments.update!("d1", c.outs, await depIn({ model: model({ versionId: V2 }), nodepools: ["c1/np1", "c1/np2"], autoscale: { minReplicas: 1, maxReplicas: 2 } }));
    expect(writes()).toEqual(["PatchDeployments"]);
    expect(counts().GetDeployment).toBeGreaterThanOrEqual(2);
    expect(u.outs).toMatchObject({ model: model({ versionId: V2 }), servedVersionId: V2, nodepools: ["c1/np1", "c1/np2"], ready: true, desiredReplicas: 2, liveReplicas: 2 });
    expect(stored()[0].desired_worker?.model?.model_version?.id).toBe(V2);
    expect(stored()[0].worker?.model?.model_version?.id).toBe(V2);
  });

  it("refresh reports the version served, so a change made outside Pulumi shows as drift", async () => {
    const c = await deployments.create(await depIn());
    // Someone moves the deployment to V2 with the API (12.x: PATCH desired_worker).
    const res = await fetch(`${emu.url}/v2/users/u1/deployments`, {
      method: "PATCH",
      headers: { authorization: `Key ${PAT}`, "content-type": "application/json" },
      body: JSON.stringify({ action: "overwrite", deployments: [{ id: "d1", desired_worker: { model: { id: "general-image-recognition", user_id: "clarifai", app_id: "main", model_version: { id: V2 } } } }] }),
    });
    expect(res.status).toBe(200);
    const read = await deployments.read!("d1", c.outs);
    expect(read.props).toMatchObject({ model: model({ versionId: V2 }), servedVersionId: V2 });
    const d = await deployments.diff!("d1", { ...read.inputs, ...read.props }, await depIn());
    expect(d).toMatchObject({ changes: true, replaces: [] });
  });

  it("a scale-to-zero deployment (0 desired replicas) is ready at once, without waiting", async () => {
    emu.setReadiness({ deploymentReadyAfterMs: 60_000 });
    const c = await deployments.create(await depIn({ autoscale: { minReplicas: 0, maxReplicas: 3 } }));
    expect(c.outs).toMatchObject({ ready: true, desiredReplicas: 0, liveReplicas: 0 });
    expect(counts().GetDeployment ?? 0).toBe(0);
  });

  it("sends and reads back the 12.x inputs: priorities, softMinReplicas, gracefulDeploy", async () => {
    const inputs = await depIn({ nodepools: ["c1/np1", "c1/np2"], nodepoolPriorities: [1, 0], gracefulDeploy: true, autoscale: { minReplicas: 1, softMinReplicas: 1, maxReplicas: 3 } });
    const c = await deployments.create(inputs);
    expect(stored()[0]).toMatchObject({ graceful_deploy: true, deployment_nodepools: [{ id: "np1", priority: 1 }, { id: "np2" }] });
    expect(c.outs).toMatchObject({ nodepoolPriorities: [1, 0], gracefulDeploy: true, autoscale: { softMinReplicas: 1 }, desiredReplicas: 4 });
    const read = await deployments.read!("d1", c.outs);
    expect((await deployments.diff!("d1", { ...read.inputs, ...read.props }, inputs)).changes).toBe(false);
  });

  it("status pauses and resumes traffic in place (12.x Deployment.status), and refresh reads it back", async () => {
    const c = await deployments.create(await depIn());
    expect(c.outs.status).toBe("enabled");
    const paused = await depIn({ status: "disabled" });
    const d = await deployments.diff!("d1", c.outs, paused);
    expect(d).toMatchObject({ changes: true, replaces: [] });
    emu.clearRequests();
    const u = await deployments.update!("d1", c.outs, paused);
    expect(u.outs.status).toBe("disabled");
    // Paused, it serves nothing: not waited for (no poll), and not ready.
    expect(u.outs.ready).toBe(false);
    expect(emu.requests().requests.map((r) => r.rpc)).toEqual(["PatchDeployments"]);
    expect((stored()[0] as { status?: number }).status).toBe(1);
    const read = await deployments.read!("d1", u.outs);
    expect(read.props?.status).toBe("disabled");
    expect((await deployments.diff!("d1", { ...read.inputs, ...read.props }, paused)).changes).toBe(false);
    const resumed = await deployments.update!("d1", u.outs, await depIn({ status: "enabled" }));
    expect(resumed.outs).toMatchObject({ status: "enabled", ready: true });
    expect((stored()[0] as { status?: number }).status ?? 0).toBe(0);
  });

  it("waitForReady: false returns at once and reports whether it was ready", async () => {
    emu.setReadiness({ deploymentReadyAfterMs: 60_000 });
    const c = await deployments.create(await depIn({ waitForReady: false, autoscale: { minReplicas: 1, maxReplicas: 1 } }));
    expect(c.outs).toMatchObject({ ready: false, waitForReady: false });
    expect(counts().GetDeployment ?? 0).toBe(0); // no poll at all
  });

  it("a lost create response is settled without a duplicate; throttling slows an update", async () => {
    emu.addFault({ rpc: "PostDeployments", kind: "lost_response", times: 1 });
    const c = await deployments.create(await depIn());
    expect(stored()).toHaveLength(1);
    expect(counts()).toMatchObject({ PostDeployments: 1, GetDeployment: 1 });
    emu.addFault({ rpc: "PatchDeployments", kind: "throttle", retryAfterSeconds: 1, times: 1 });
    const u = await deployments.update!("d1", c.outs, await depIn({ description: "after throttle" }));
    expect(u.outs).toMatchObject({ description: "after throttle" });
  });
});

describe("adoption", () => {
  beforeEach(infra);

  it("fails on an existing id explaining adopt, and adopts with adopt: true", async () => {
    await deployments.create(await depIn());
    const e = await errorOf(deployments.create(await depIn()));
    expect(e.message).toMatch(/Deployment "ocr": a deployment with id "d1" already exists in this Clarifai account \[code \d+, req_id \S+\].*set `adopt: true`/);
    const a = await deployments.create(await depIn({ adopt: true, description: "adopted", autoscale: { minReplicas: 0, maxReplicas: 2 } }));
    expect(a.outs).toMatchObject({ description: "adopted", adopt: true, autoscale: { maxReplicas: 2 } });
    expect(stored()).toHaveLength(1);
  });
});

describe("waiting for readiness", () => {
  beforeEach(infra);

  const one = { autoscale: { minReplicas: 1, maxReplicas: 1 } };

  it("notices readiness within one round trip: the first polls go back to back", async () => {
    emu.setReadiness({ deploymentReadyAfterReads: 5 });
    setTiming({ pollBaseMs: 60_000, secondLookMs: 20 }); // a pause would blow the test's timeout
    try {
      const c = await deployments.create(await depIn(one));
      expect(c.outs).toMatchObject({ ready: true });
      expect(counts().GetDeployment).toBeLessThanOrEqual(6);
    } finally {
      setTiming({ pollBaseMs: 20, secondLookMs: 20 });
    }
  });

  it("polls GetDeployment until the live replicas reach the desired ones, logging progress", async () => {
    emu.setReadiness({ deploymentReadyAfterReads: 4 });
    const c = await deployments.create(await depIn(one));
    expect(c.outs).toMatchObject({ ready: true, liveReplicas: 1, desiredReplicas: 1 });
    expect(counts().GetDeployment).toBeGreaterThanOrEqual(3);
    expect(logs).toEqual(expect.arrayContaining([expect.stringMatching(/^Deployment "ocr": waiting: 0\/1 replicas live, rollout in progress \(\d+s\)$/)]));
    // not more than one progress line per ~10 s
    expect(logs.filter((l) => l.includes("waiting:"))).toHaveLength(1);
  });

  it("at the deadline fails with a partial record (id, outputs, __provider); the next up waits again and succeeds", async () => {
    emu.setReadiness({ deploymentReadyAfterMs: 2500 });
    const e = await errorOf(deployments.create(await depIn({ readyTimeoutSeconds: 1, ...one })));
    // The runner's newest event says what is going on (events.ts).
    expect(e.message).toMatch(
      /^Deployment "ocr": not ready after 1s \(readyTimeoutSeconds 1\): 0\/1 replicas live, rollout in progress\. Latest event: Pulling image "general-image-recognition:\w+" \(Pulling\)\. The deployment "d1" exists in Clarifai and is kept in the Pulumi state/,
    );
    expect(e.message).toMatch(/Raise readyTimeoutSeconds, or set waitForReady: false/);
    expect(e.id).toBe("d1");
    expect(e.properties).toMatchObject({ deploymentId: "d1", __provider: "code", model: model() });
    expect(e.properties).not.toHaveProperty("ready", true);
    expect(stored()).toHaveLength(1);
    emu.clearRequests();
    const u = await deployments.update!("d1", e.properties!, await depIn({ readyTimeoutSeconds: 30, ...one }));
    expect(u.outs.ready).toBe(true);
    // Nothing the program sets changed: the resumed update reads and waits, it writes nothing.
    expect(writes()).toEqual([]);
  });

  it("fails fast on a terminal runner error with the API's reason", async () => {
    emu.setReadiness({ deploymentReadyAfterMs: 60_000, failDeployments: { d1: "no capacity for g5.xlarge in us-east-1" } });
    const e = await errorOf(deployments.create(await depIn(one)));
    expect(counts().GetDeployment ?? 0).toBe(0); // the first look (the create's answer, then the runners) fails it
    expect(e.message).toMatch(/^Deployment "ocr": replicas failed on nodepool c1\/np1: no capacity for g5.xlarge in us-east-1 \(runner status ERROR\)/);
    expect(e.id).toBe("d1");
    expect(e.properties).toMatchObject({ __provider: "code" });
  });

  it("fails fast when a nodepool reports status ERROR, with the server's description", async () => {
    emu.setReadiness({ failNodepools: { np1: "quota exceeded for g5.xlarge" } });
    const e = await errorOf(deployments.create(await depIn(one)));
    expect(counts().GetDeployment ?? 0).toBe(0); // the create's answer already shows the nodepool's ERROR
    expect(counts().ListRunners ?? 0).toBe(0);
    expect(e.message).toMatch(/^Deployment "ocr": nodepool c1\/np1 has status ERROR: quota exceeded for g5.xlarge\. The deployment "d1" exists/);
    expect(e.id).toBe("d1");
  });
});

describe("preview checks against the account (zero write calls)", () => {
  beforeEach(infra);
  afterEach(() => expect(writes()).toEqual([]));

  it("a nodepool that does not exist fails; one unknown at preview passes", async () => {
    const f = await failuresOf(deployments, { __logicalName: "ocr", deploymentId: "d1", model: model(), nodepools: ["c1/np1", "c1/ghost"] });
    expect(f).toEqual([{ property: "nodepools[1]", reason: expect.stringMatching(/^Deployment "ocr": nodepools\[1\]: nodepool "c1\/ghost" does not exist in the Clarifai account; if this program creates it, pass the Nodepool's `id` output/) }]);
    expect(await failuresOf(deployments, { __logicalName: "ocr", deploymentId: "d1", model: model(), nodepools: [UNKNOWN, "c1/np1"] })).toEqual([]);
  });

  it("checks of many deployments share one nodepool list per cluster and one deployment list: no round trip per resource", async () => {
    for (let i = 0; i < 10; i++) {
      expect(await failuresOf(deployments, { __logicalName: `d${i}`, deploymentId: `d${i}`, model: model({ modelId: `m${i}` }), nodepools: ["c1/np1", "c1/np2"] })).toEqual([]);
    }
    // The fit check reads each model version once (ten models here); per version, not per resource.
    expect(counts()).toEqual({ ListNodepools: 1, ListDeployments: 1, GetModelVersion: 10 });
  });

  it("a deployment written earlier in the run is seen by later checks without listing again", async () => {
    expect(await failuresOf(deployments, { __logicalName: "x", deploymentId: "x", model: model({ modelId: "other" }), nodepools: ["c1/np1"] })).toEqual([]);
    await deployments.create(await depIn({ deploymentId: "first" }));
    emu.clearRequests();
    const f = await failuresOf(deployments, { __logicalName: "again", model: model({ versionId: V2 }), nodepools: ["c1/np1"] });
    expect(f).toEqual([{ property: "nodepools[0]", reason: expect.stringMatching(/already serves model clarifai\/main\/general-image-recognition in deployment "first"/) }]);
    expect(counts().ListDeployments ?? 0).toBe(0);
  });

  it("a second deployment of the same model on a nodepool fails, naming the existing one", async () => {
    await deployments.create(await depIn({ deploymentId: "first" }));
    emu.clearRequests();
    const f = await failuresOf(deployments, { __logicalName: "again", model: model({ versionId: V2 }), nodepools: ["c1/np2", "c1/np1"] });
    expect(f).toEqual([{ property: "nodepools[1]", reason: expect.stringMatching(/nodepool "c1\/np1" already serves model clarifai\/main\/general-image-recognition in deployment "first", and Clarifai allows one deployment per model per nodepool/) }]);
    // the deployment itself (same id) is not a conflict, nor is another model
    expect(await failuresOf(deployments, { __logicalName: "x", deploymentId: "first", model: model({ versionId: V2 }), nodepools: ["c1/np1"] }, { nodepools: [] })).toEqual([]);
    expect(await failuresOf(deployments, { __logicalName: "x", model: model({ modelId: "other" }), nodepools: ["c1/np1"] })).toEqual([]);
  });

  it("a cluster's provider and region must be offered, listing the valid choices", async () => {
    resetPreflight(); // infra() filled the cache; count from a fresh run
    const bad = (over: Props) => failuresOf(clusters, { __logicalName: "c", computeClusterId: "c9", cloudProvider: "aws", region: "us-east-1", ...over });
    expect(await bad({ region: "us-west-2" })).toEqual([{ property: "region", reason: 'ComputeCluster "c": region: "us-west-2" is not a region Clarifai offers for aws; valid choices: us-east-1 (see getRegions({ cloudProvider: "aws" }))' }]);
    expect(await bad({ cloudProvider: "ibm" })).toEqual([{ property: "cloudProvider", reason: expect.stringMatching(/"ibm" is not a cloud provider Clarifai offers; valid choices: aws, gcp, azure, vultr, oracle/) }]);
    expect(await bad({ cloudProvider: "gcp", region: "us-central1" })).toEqual([]);
    expect(await bad({ region: "us-east-2" })).toHaveLength(1);
    // an accepted provider that ListCloudProviders leaves out, and local-dev clusters, pass
    expect(await bad({ cloudProvider: "lambda", region: "us-south-3" })).toEqual([]);
    expect(await bad({ cloudProvider: "local", region: "na", clusterType: "local-dev", managedBy: "user" })).toEqual([]);
    // one catalogue look-up per provider per run
    expect(counts().ListCloudProviders).toBe(1);
    expect(counts().ListCloudRegions).toBe(4); // aws, ibm (404), gcp, lambda: aws once although asked twice
  });

  it("a nodepool's instance types must be offered in its cluster's region, with an allowed capacity", async () => {
    const bad = (over: Props) => failuresOf(nodepools, { __logicalName: "p", computeClusterId: "c1", nodepoolId: "np9", instanceTypes: ["g5.xlarge"], maxInstances: 2, ...over });
    const f = await bad({ instanceTypes: ["g5.xlarge", "a2-highgpu-1g"] });
    expect(f).toEqual([{ property: "instanceTypes[1]", reason: expect.stringMatching(/"a2-highgpu-1g" is not an instance type Clarifai offers in aws\/us-east-1 \(cluster "c1"\); valid choices: t3a.medium, t3a.large, .*g5.xlarge.*g6e.xlarge/) }]);
    await clusters.create(await checked(clusters, { __logicalName: "g", computeClusterId: "g1", cloudProvider: "gcp", region: "us-central1" }));
    emu.clearRequests();
    const spot = await bad({ computeClusterId: "g1", instanceTypes: ["a3-highgpu-1g"], capacity: "onDemand" });
    expect(spot).toEqual([{ property: "instanceTypes[0]", reason: expect.stringMatching(/"a3-highgpu-1g" is offered in gcp\/us-central1 \(cluster "g1"\) only as spot capacity, but capacity "onDemand" needs onDemand; change capacity, or pick one of: n2-standard-2, /) }]);
    expect(await bad({ computeClusterId: "g1", instanceTypes: ["a3-highgpu-1g"], capacity: "spot" })).toEqual([]);
    // the cluster is unknown at preview (created in the same program): skipped without its placement,
    // checked against the planned region with it (what the SDK passes, sdk/placement.ts)
    expect(await bad({ computeClusterId: UNKNOWN, instanceTypes: ["nonsense"] })).toEqual([]);
    expect(await bad({ computeClusterId: UNKNOWN, __clusterCloudProvider: "aws", __clusterRegion: "us-east-1", instanceTypes: ["nonsense"] })).toEqual([
      { property: "instanceTypes[0]", reason: expect.stringMatching(/"nonsense" is not an instance type Clarifai offers in aws\/us-east-1 \(the cluster this program creates\)/) },
    ]);
    expect(counts().ListInstanceTypes).toBe(1);
  });

  it("unchanged values make no request at all", async () => {
    const olds = await checked(nodepools, { __logicalName: "p", computeClusterId: "c1", nodepoolId: "np1", instanceTypes: ["g5.xlarge"], maxInstances: 2 });
    const dolds = await depIn();
    emu.clearRequests();
    await checked(nodepools, { __logicalName: "p", computeClusterId: "c1", nodepoolId: "np1", instanceTypes: ["g5.xlarge"], maxInstances: 5 }, olds);
    await checked(deployments, { __logicalName: "ocr", deploymentId: "d1", model: model(), nodepools: ["c1/np1"], description: "x" }, dolds);
    expect(emu.requests().requests).toEqual([]);
  });

  it("without credentials it fails once (or warns once for an offline preview); a look-up that fails warns and skips", async () => {
    const saved = process.env.CLARIFAI_PAT;
    delete process.env.CLARIFAI_PAT;
    try {
      setSettings({ apiBase: emu.url });
      const missing = await failuresOf(clusters, { __logicalName: "c", cloudProvider: "aws", region: "nowhere" });
      expect(missing).toEqual([{ property: "clarifai:pat", reason: expect.stringMatching(/^ComputeCluster "c": clarifai:pat: Clarifai credentials are missing: .*CLARIFAI_OFFLINE_PREVIEW=1$/) }]);
      expect(await failuresOf(clusters, { __logicalName: "c2", cloudProvider: "aws", region: "nowhere" })).toEqual([]); // said once
      resetPreflight();
      setSettings({ apiBase: emu.url, offlinePreview: true });
      expect(await failuresOf(clusters, { __logicalName: "c", cloudProvider: "aws", region: "nowhere" })).toEqual([]);
      expect(await failuresOf(clusters, { __logicalName: "c2", cloudProvider: "aws", region: "nowhere" })).toEqual([]);
    } finally {
      if (saved !== undefined) process.env.CLARIFAI_PAT = saved;
    }
    expect(logs.filter((l) => /preflight checks .* skipped: offline preview, no Clarifai credentials/.test(l))).toHaveLength(1);
    setSettings({ pat: PAT, apiBase: emu.url });
    resetPreflight();
    emu.addFault({ rpc: "ListCloudProviders", kind: "server_error", httpStatus: 503 });
    expect(await failuresOf(clusters, { __logicalName: "c", cloudProvider: "aws", region: "nowhere" })).toEqual([]);
    expect(logs).toEqual(expect.arrayContaining([expect.stringMatching(/^warning: ComputeCluster "c": preflight check skipped, a Clarifai look-up failed \(.*ListCloudProviders.*\); the API checks these values again/)]));
  }, 30_000);
});
