// The wire mapping (provider/model/wireMap.ts): each kind's stored inputs go to its API message by
// schema.json's apiField, through the kind's codecs where the shape differs, and come back the same way.
import type { ApiDeployment } from "../../api/wire.generated";
import type { InputsOf } from "../../provider/model/model.generated";
import { deploymentPools, modelRef, replicaMetrics, desiredWorker, servedWorker } from "../../provider/model/messages";
import { fromWire, toWire } from "../../provider/model/wireMap";
import { definitions } from "../../provider/resources/registry";
import { identity } from "../../provider/model/identity";
import { checkedInputs } from "../support/wire";

type Given<K extends keyof InputsOf> = Partial<InputsOf[K]>;

const cluster = (p: Given<"ComputeCluster">) => toWire("ComputeCluster", definitions.ComputeCluster.wire, checkedInputs("ComputeCluster", p), "create");
const pool = (p: Given<"Nodepool">) => toWire("Nodepool", definitions.Nodepool.wire, checkedInputs("Nodepool", p), "create");
const deployment = (p: Given<"Deployment">, mode: "create" | "patch" = "create") => toWire("Deployment", definitions.Deployment.wire, checkedInputs("Deployment", p), mode);
const readDeployment = (w: ApiDeployment) => fromWire("Deployment", definitions.Deployment.wire, w);

describe("compute cluster", () => {
  const inputs: Given<"ComputeCluster"> = {
    computeClusterId: "c1",
    description: "My AWS cluster",
    cloudProvider: "aws",
    region: "us-east-1",
    clusterType: "dedicated",
    managedBy: "clarifai",
    visibility: "public",
    key: "PAT123",
  };
  it("to wire: snake_case, enum ints, key as {id}", () => {
    expect(cluster(inputs)).toEqual({
      id: "c1",
      description: "My AWS cluster",
      cloud_provider: { id: "aws" },
      region: "us-east-1",
      visibility: { gettable: 50 },
      managed_by: "clarifai",
      cluster_type: "dedicated",
      key: { id: "PAT123" },
    });
  });
  it("from wire: the masked key is never read back, unknown visibility is unset", () => {
    expect(fromWire("ComputeCluster", definitions.ComputeCluster.wire, { ...cluster(inputs), key: { id: "****" }, visibility: { gettable: 10 } })).toEqual({ ...inputs, key: undefined, visibility: "private" });
    expect(fromWire("ComputeCluster", definitions.ComputeCluster.wire, { id: "x", visibility: { gettable: 0 } })).toEqual({ computeClusterId: "x" });
  });
  it("a patch of some fields carries those only", () => {
    expect(toWire("ComputeCluster", definitions.ComputeCluster.wire, checkedInputs("ComputeCluster", inputs), "patch", ["computeClusterId", "visibility"])).toEqual({ id: "c1", visibility: { gettable: 50 } });
  });
});

describe("nodepool", () => {
  const inputs: Given<"Nodepool"> = {
    nodepoolId: "np",
    computeClusterId: "c1",
    instanceTypes: ["g5.2xlarge"],
    minInstances: 0,
    maxInstances: 5,
    capacity: "spotWithFallback",
    visibility: "org",
    metadata: { date: "03-04-2026" },
  };
  it("to wire: the schema's default description is sent (a patch overwrite clears it)", () => {
    expect(pool(inputs)).toEqual({
      id: "np",
      description: "",
      compute_cluster: { id: "c1" },
      instance_types: [{ id: "g5.2xlarge" }],
      node_capacity_type: { capacity_types: [2, 1] },
      min_instances: 0,
      max_instances: 5,
      visibility: { gettable: 30 },
      metadata: { date: "03-04-2026" },
    });
  });
  it("from wire (reference §6.7 sample): unknown capacity numbers are dropped", () => {
    const np = fromWire("Nodepool", definitions.Nodepool.wire, {
      id: "test-nodepool",
      description: "First nodepool",
      compute_cluster: { id: "test-compute-cluster", key: { id: "****" } },
      node_capacity_type: { capacity_types: [1, 0, 9 as 1] }, // 9: a value this definition does not know
      instance_types: [{ id: "g5.2xlarge", compute_info: { cpu_limit: "7525m" }, cloud_provider: { id: "aws", name: "aws" }, region: "us-east-1" }],
      max_instances: 1,
      visibility: { gettable: 10 },
      enforced_max_instances: 1,
    });
    expect(np).toEqual({
      nodepoolId: "test-nodepool",
      computeClusterId: "test-compute-cluster",
      description: "First nodepool",
      instanceTypes: ["g5.2xlarge"],
      maxInstances: 1,
      capacity: "onDemand",
      visibility: "private",
    });
  });
});

describe("deployment", () => {
  const inputs: Given<"Deployment"> = {
    deploymentId: "dep",
    description: "test deployment",
    model: { userId: "meta", appId: "Llama-3", modelId: "Llama-3_2-3B-Instruct", versionId: "fe27" },
    nodepools: ["cc/np", "cc/np2"],
    autoscale: { minReplicas: 1, maxReplicas: 20, disablePacking: false },
    schedulingChoice: "performance",
    visibility: "private",
    deployLatestVersion: true,
  };
  const worker = { model: { id: "Llama-3_2-3B-Instruct", model_version: { id: "fe27" }, user_id: "meta", app_id: "Llama-3" } };
  it("to wire (reference §6.3 shape)", () => {
    expect(deployment(inputs)).toEqual({
      id: "dep",
      description: "test deployment",
      autoscale_config: { min_replicas: 1, max_replicas: 20, disable_packing: false },
      worker,
      scheduling_choice: 4,
      nodepools: [
        { id: "np", compute_cluster: { id: "cc" } },
        { id: "np2", compute_cluster: { id: "cc" } },
      ],
      visibility: { gettable: 10 },
      deploy_latest_version: true,
      graceful_deploy: false,
      status: 0,
    });
    expect(deployment({ deploymentId: "w", nodepools: ["c/n"], workflow: { userId: "u", appId: "a", workflowId: "wf", versionId: "v" } }).worker).toEqual({
      workflow: { id: "wf", user_id: "u", app_id: "a", version: { id: "v" } },
    });
  });
  it("a patch writes desired_worker only: 12.x ignores a patched worker", () => {
    const w = deployment(inputs, "patch");
    expect(w.worker).toBeUndefined();
    expect(w.desired_worker).toEqual(worker);
  });
  it("priorities go out as deployment_nodepools, never beside nodepools, and come back", () => {
    const w = deployment({ ...inputs, nodepoolPriorities: [2, 0] });
    expect(w.nodepools).toBeUndefined();
    expect(w.deployment_nodepools).toEqual([
      { id: "np", compute_cluster: { id: "cc" }, priority: 2 },
      { id: "np2", compute_cluster: { id: "cc" } },
    ]);
    const back = readDeployment({ ...w, nodepools: [{ id: "np", compute_cluster: { id: "cc" } }, { id: "np2", compute_cluster: { id: "cc" } }] });
    expect(back.nodepools).toEqual(["cc/np", "cc/np2"]);
    expect(back.nodepoolPriorities).toEqual([2, 0]);
    // A patch of the priorities alone carries the nodepools they belong to.
    expect(toWire("Deployment", definitions.Deployment.wire, checkedInputs("Deployment", { ...inputs, nodepoolPriorities: [2, 0] }), "patch", ["nodepoolPriorities"])).toEqual({ deployment_nodepools: w.deployment_nodepools });
  });
  it("reads the observed worker, the desired worker and the 12.x metrics", () => {
    const d: ApiDeployment = {
      id: "d",
      worker: { model: { id: "m", user_id: "u", app_id: "a", model_version: { id: "v1" } } },
      desired_worker: { model: { id: "m", user_id: "u", app_id: "a", model_version: { id: "v2" } } },
      deployment_metrics: { desired_replicas: 9, aggregate: { desired_replicas: 2, live_replicas: 1, rollout_in_progress: true } },
      nodepools: [{ id: "np", compute_cluster: { id: "cc" }, status: 3, status_description: "quota" }],
    };
    expect(readDeployment(d).model?.versionId).toBe("v1");
    expect(modelRef(desiredWorker(d))?.versionId).toBe("v2");
    expect(replicaMetrics(d)).toEqual({ desiredReplicas: 2, liveReplicas: 1, rolloutInProgress: true });
    expect(deploymentPools(d)).toEqual([{ computeClusterId: "cc", nodepoolId: "np", status: "error", statusDescription: "quota" }]);
    // Deprecated top-level copies are read when the aggregate is absent; no desired_worker means `worker`.
    const old: ApiDeployment = { id: "d", worker: { model: { id: "m", model_version: { id: "v1" } } }, deployment_metrics: { desired_replicas: 3, live_replicas: 3 } };
    expect(replicaMetrics(old)).toEqual({ desiredReplicas: 3, liveReplicas: 3, rolloutInProgress: false });
    expect(modelRef(desiredWorker(old))?.versionId).toBe("v1");
    expect(modelRef(servedWorker({ id: "d", desired_worker: old.worker }))?.versionId).toBe("v1");
  });
  it("round trips through the wire", () => {
    expect(readDeployment({ ...deployment(inputs), user_id: "u1", created_at: "t" })).toEqual({ ...inputs, gracefulDeploy: false, status: "enabled" });
    // proto3 omits an enum at zero: an absent status reads as "enabled" (ENABLED = 0).
    expect(readDeployment({ id: "d" })).toEqual({ deploymentId: "d", nodepools: [], status: "enabled" });
  });
  it("scheduling choices map 1..8, by the generated enum numbers", () => {
    const names = ["fail", "random", "price", "performance", "network", "utilization", "preferSpot", "preferOndemand"] as const;
    names.forEach((n, i) => {
      expect(deployment({ deploymentId: "d", nodepools: ["c/n"], schedulingChoice: n }).scheduling_choice).toBe(i + 1);
      expect(readDeployment({ id: "d", scheduling_choice: (i + 1) as 1 }).schedulingChoice).toBe(n);
    });
  });
});

describe("ambiguous-create matching: the identity fields, in the schema's terms", () => {
  const computeClusterMismatches = identity("ComputeCluster", definitions.ComputeCluster.wire);
  const nodepoolMismatches = identity("Nodepool", definitions.Nodepool.wire);
  const deploymentMismatches = identity("Deployment", definitions.Deployment.wire);
  it("cluster identity fields", () => {
    const sent = { id: "c", cloud_provider: { id: "aws" }, region: "us-east-1", cluster_type: "dedicated", managed_by: "clarifai", description: "a" };
    const found = { ...sent, description: "b" };
    expect(computeClusterMismatches(sent, found)).toEqual([]);
    expect(computeClusterMismatches({ ...sent, region: "us-west-2" }, found)).toEqual(['region: sent "us-west-2", found "us-east-1"']);
  });
  it("nodepool instance types as a set, and cluster", () => {
    const sent = { id: "n", compute_cluster: { id: "c" }, instance_types: [{ id: "b" }, { id: "a" }] };
    const found = { id: "n", compute_cluster: { id: "c" }, instance_types: [{ id: "a" }, { id: "b" }], max_instances: 3 };
    expect(nodepoolMismatches(sent, found)).toEqual([]);
    expect(nodepoolMismatches({ ...sent, instance_types: [{ id: "a" }] }, found)).toHaveLength(1);
    expect(nodepoolMismatches({ ...sent, compute_cluster: { id: "d" } }, found)).toHaveLength(1);
  });
  it("deployment model and nodepools", () => {
    const sent = deployment({ deploymentId: "d", model: { userId: "u", appId: "a", modelId: "m", versionId: "v" }, nodepools: ["c/n"] });
    const found = { ...sent, nodepools: [{ id: "n", compute_cluster: { id: "c", user_id: "u1" } }] };
    expect(deploymentMismatches(sent, found)).toEqual([]);
    expect(deploymentMismatches({ ...sent, worker: { model: { ...sent.worker!.model, model_version: { id: "v2" } } } }, found)).toEqual(['model.versionId: sent "v2", found "v"']);
    expect(deploymentMismatches({ ...sent, nodepools: [{ id: "x", compute_cluster: { id: "c" } }] }, found)).toHaveLength(1);
    expect(deploymentMismatches({ ...sent, worker: { workflow: { id: "w", user_id: "u", app_id: "a" } } }, found)).toEqual(['workflow: sent {"userId":"u","appId":"a","workflowId":"w"}, found none']);
  });
});
