// Issue 6 through the real CLI against the emulator: cluster, nodepool and deployments up (one from
// Clarifai's deployment_config.yaml), no-change preview, autoscale and model version changed in place,
// waiting with the emulator's readiness delays (ready, deadline passed then resumed, terminal error),
// catalogue preflight failures at preview with zero write calls, destroy in order.
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack } from "../support/engine";

jest.setTimeout(600_000);

const PAT = "engine-pat-deployment-7b1e04";
const V2 = "6a7b8c9d0e1f4a5b8c7d6e5f4a3b2c1d";

describe("Deployment through the real engine", () => {
  let emu: RunningEmulator;
  let s: EngineStack;

  const writes = () => emu.requests().requests.filter((r) => r.method !== "GET").map((r) => r.rpc);
  type St = { compute_clusters: { id: string }[]; nodepools: { id: string }[]; deployments: { id: string; autoscale_config?: { max_replicas?: number }; worker?: { model?: { model_version?: { id?: string } } } }[]; runners: unknown[] };
  const st = () => emu.state() as unknown as St;
  const dep = (id: string) => st().deployments.find((d) => d.id === id);
  const failureOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return String(e).replace(/\\"/g, '"'); // the CLI's output is quoted inside the error text
    }
    throw new Error("expected the operation to fail");
  };

  beforeAll(async () => {
    emu = await startEmulator({ tokens: [PAT], userId: "engine-user" });
    s = await createStack({
      programDir: path.join(__dirname, "programs", "deployment"),
      config: {
        "clarifai:pat": { value: PAT, secret: true },
        "clarifai:apiBase": { value: emu.url },
        deploymentConfig: { value: path.join(__dirname, "..", "fixtures", "clarifai-docs-configs", "deployment_config.yaml") },
      },
      env: { PULUMI_CLARIFAI_POLL_MS: "100" },
    });
  });
  afterAll(async () => {
    await s?.dispose();
    await emu?.close();
  });

  it("up, change in place, wait, fail at preview, destroy", async () => {
    // up: the deployments wait for their runners (the first reads show them pending)
    emu.setReadiness({ deploymentReadyAfterReads: 3 });
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 });
    expect(writes()).toEqual(["PostComputeClusters", "PostNodepools", "PostDeployments", "PostDeployments"]);
    expect(up.outputs.ocrId.value).toBe("ocr");
    expect(up.outputs.ocrReady.value).toBe(true);
    expect(up.outputs.yamlId.value).toBe("test-deployment");
    expect(up.outputs.yamlAutoscale.value).toEqual({ minReplicas: 0, maxReplicas: 1, trafficHistorySeconds: 100, scaleDownDelaySeconds: 30, scaleUpDelaySeconds: 30, disablePacking: false });
    expect(up.outputs.yamlScheduling.value).toBe("performance");
    expect(s.output.join("")).toMatch(/Deployment "ocr": waiting: 0\/1 replicas live, rollout in progress \(\d+s\)/);
    expect(up.outputs.ocrLive.value).toBe(1);
    // The docs' file scales to zero (min_replicas 0): 0 desired replicas, ready without waiting.
    expect(up.outputs.yamlReady.value).toBe(true);
    expect(up.outputs.yamlDesired.value).toBe(0);

    // nothing changed: no diff and no request at all
    emu.setReadiness({});
    emu.clearRequests();
    await s.preview({ expectNoChanges: true });
    expect(emu.requests().requests).toEqual([]);

    // autoscale: in place, one PATCH
    await s.setConfig("maxReplicas", "3");
    emu.clearRequests();
    const up2 = await s.up();
    expect(up2.summary.resourceChanges).toEqual({ same: 4, update: 1 });
    expect(writes()).toEqual(["PatchDeployments"]);
    expect(dep("ocr")?.autoscale_config?.max_replicas).toBe(3);

    // model version: in place, one PATCH of desired_worker, and waits until the emulator serves it
    // (12.x: `worker`, the observed version, follows once the rollout is done; here after 3 reads)
    await s.setConfig("modelVersion", V2);
    emu.setReadiness({ deploymentReadyAfterReads: 3 });
    emu.clearRequests();
    const up3 = await s.up();
    expect(up3.summary.resourceChanges).toEqual({ same: 4, update: 1 });
    expect(writes()).toEqual(["PatchDeployments"]);
    expect(up3.outputs.ocrVersion.value).toBe(V2);
    expect(up3.outputs.ocrServed.value).toBe(V2);
    expect(dep("ocr")?.worker?.model?.model_version?.id).toBe(V2);
    expect(emu.requests().counts.GetDeployment).toBeGreaterThanOrEqual(2);
    emu.setReadiness({});
    await s.preview({ expectNoChanges: true });

    // deadline passed: the up fails, the deployment is in the state with its id ...
    emu.setReadiness({ deploymentReadyAfterMs: 7000 });
    await s.setConfig("slow", "true");
    await s.setConfig("slowTimeout", "1");
    const late = await failureOf(s.up());
    // A partial failure is reported under the resource's own heading, with the reason.
    expect(s.output.join("")).toMatch(/Deployment "slow": waiting: 0\/1 replicas live/);
    expect(late).toMatch(/pulumi-nodejs:dynamic\/clarifai:Deployment \(slow\):\s+error: 1 error occurred:\s+\* not ready after 1s \(readyTimeoutSeconds 1\): 0\/1 replicas live, rollout in progress\. Latest event: Pulling image "llama:\w+" \(Pulling\)\. The deployment "slow" exists in Clarifai and is kept in the Pulumi state/);
    const slow = (await s.exportState()).find((r) => r.urn.endsWith("::slow"));
    expect(slow).toMatchObject({ type: "pulumi-nodejs:dynamic/clarifai:Deployment", id: "slow", outputs: expect.objectContaining({ deploymentId: "slow" }) });
    expect(dep("slow")).toBeDefined();
    // ... and a later up with a longer deadline resumes it (update, waiting) and succeeds
    await s.setConfig("slowTimeout", "60");
    emu.clearRequests();
    const up4 = await s.up();
    expect(up4.summary.resourceChanges).toMatchObject({ update: 1 });
    // Nothing Clarifai holds changed: the resumed update reads and waits, it writes nothing.
    expect(writes()).toEqual([]);
    expect((await s.exportState()).find((r) => r.urn.endsWith("::slow"))?.outputs?.ready).toBe(true);

    // terminal error: fails fast with the API's reason
    emu.setReadiness({ deploymentReadyAfterMs: 600_000, failDeployments: { broken: "no GPU capacity for g5.xlarge in us-east-1" } });
    await s.setConfig("broken", "true");
    emu.clearRequests();
    const broken = await failureOf(s.up());
    expect(broken).toMatch(/Deployment \(broken\):\s+error: 1 error occurred:\s+\* replicas failed on nodepool dep-cluster\/gpu: no GPU capacity for g5.xlarge in us-east-1 \(runner status ERROR\)/);
    // Failed on its first look: no polling of the broken deployment.
    expect(emu.requests().requests.filter((r) => r.rpc === "GetDeployment" && r.path.endsWith("/broken"))).toEqual([]);
    expect((await s.exportState()).find((r) => r.urn.endsWith("::broken"))?.id).toBe("broken");
    emu.setReadiness({});

    // preflight at preview: an instance type the cluster's region does not offer
    await s.setConfig("instanceType", "g5.mega");
    emu.clearRequests();
    const badType = await failureOf(s.preview());
    expect(badType).toMatch(/Nodepool "gpu": instanceTypes\[0\]: "g5.mega" is not an instance type Clarifai offers in aws\/us-east-1 \(cluster "dep-cluster"\); valid choices: t3a.medium, .*g5.xlarge/);
    expect(writes()).toEqual([]);
    await s.setConfig("instanceType", "g5.xlarge");

    // the PAT is nowhere in the state file or the engine's output
    expect(s.stateText()).not.toContain(PAT);
    expect(s.output.join("")).not.toContain(PAT);

    // destroy: deployments, then the nodepool, then the cluster; nothing left
    emu.clearRequests();
    const destroy = await s.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 7 });
    const w = writes();
    expect(w.slice(0, 4)).toEqual(["DeleteDeployments", "DeleteDeployments", "DeleteDeployments", "DeleteDeployments"]);
    expect(w.slice(4)).toEqual(["DeleteNodepools", "DeleteComputeClusters"]);
    expect(st()).toMatchObject({ compute_clusters: [], nodepools: [], deployments: [], runners: [] });

    // preflight at preview on a fresh stack: a region the provider does not offer, zero write calls
    await s.setConfig("region", "us-west-2");
    emu.clearRequests();
    const badRegion = await failureOf(s.preview());
    expect(badRegion).toMatch(/ComputeCluster "cluster": region: "us-west-2" is not a region Clarifai offers for aws; valid choices: us-east-1/);
    expect(writes()).toEqual([]);
    expect(emu.requests().counts).toEqual({ ListCloudProviders: 1, ListCloudRegions: 1 });
  });
});
