import { type DeploymentInput } from "../../provider/client";
import { computeClusterFromWire, computeClusterToWire, deploymentFromWire, deploymentToWire, instanceTypeFromWire, nodepoolFromWire, nodepoolToWire, runnerFromWire } from "../../provider/client/convert";
import { computeClusterMismatches, nodepoolMismatches, deploymentMismatches } from "../../provider/client/match";

describe("compute cluster", () => {
  it("to wire: snake_case, enum ints, key as {id}", () => {
    expect(
      computeClusterToWire({
        id: "c1",
        description: "My AWS cluster",
        cloudProvider: "aws",
        region: "us-east-1",
        clusterType: "dedicated",
        managedBy: "clarifai",
        visibility: "public",
        key: "PAT123",
      }),
    ).toEqual({
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
  it("from wire: masked key becomes hasKey, zero values filled", () => {
    expect(
      computeClusterFromWire({
        id: "c1",
        cloud_provider: { id: "aws", name: "AWS" },
        region: "us-east-1",
        user_id: "u1",
        created_at: "2025-09-08T11:40:34.059523Z",
        modified_at: "2025-09-08T11:40:34.059523Z",
        visibility: { gettable: 10 },
        cluster_type: "dedicated",
        managed_by: "clarifai",
        key: { id: "****" },
      }),
    ).toEqual({
      id: "c1",
      description: "",
      cloudProvider: "aws",
      cloudProviderName: "AWS",
      region: "us-east-1",
      clusterType: "dedicated",
      managedBy: "clarifai",
      visibility: "private",
      hasKey: true,
      userId: "u1",
      createdAt: "2025-09-08T11:40:34.059523Z",
      modifiedAt: "2025-09-08T11:40:34.059523Z",
    });
    const bare = computeClusterFromWire({ id: "x", visibility: { gettable: 0 } });
    expect(bare.hasKey).toBe(false);
    expect(bare.visibility).toBeUndefined();
  });
});

describe("nodepool", () => {
  it("to wire", () => {
    expect(
      nodepoolToWire({
        id: "np",
        computeClusterId: "c1",
        instanceTypes: ["g5.2xlarge"],
        minInstances: 0,
        maxInstances: 5,
        capacityTypes: ["onDemand", "spot"],
        visibility: "org",
        metadata: { date: "03-04-2026" },
      }),
    ).toEqual({
      id: "np",
      description: "",
      compute_cluster: { id: "c1" },
      instance_types: [{ id: "g5.2xlarge" }],
      node_capacity_type: { capacity_types: [1, 2] },
      min_instances: 0,
      max_instances: 5,
      visibility: { gettable: 30 },
      metadata: { date: "03-04-2026" },
    });
  });
  it("from wire (reference §6.7 sample)", () => {
    const np = nodepoolFromWire({
      id: "test-nodepool",
      description: "First nodepool",
      compute_cluster: { id: "test-compute-cluster", key: { id: "****" } },
      node_capacity_type: { capacity_types: [1, 0, 9 as 1] }, // 9: a value this definition does not know
      instance_types: [
        {
          id: "g5.2xlarge",
          description: "g5.2xlarge",
          compute_info: { cpu_memory: "29033Mi", num_accelerators: 1, accelerator_memory: "23028Mi", accelerator_type: ["NVIDIA-A10G"], cpu_limit: "7525m" },
          price: "42.000000",
          cloud_provider: { id: "aws", name: "aws" },
          region: "us-east-1",
        },
      ],
      max_instances: 1,
      visibility: { gettable: 10 },
      enforced_max_instances: 1,
    });
    expect(np).toEqual({
      id: "test-nodepool",
      computeClusterId: "test-compute-cluster",
      status: "unknown",
      description: "First nodepool",
      instanceTypes: [
        {
          id: "g5.2xlarge",
          description: "g5.2xlarge",
          cloudProvider: "aws",
          region: "us-east-1",
          computeInfo: { cpuLimit: "7525m", cpuMemory: "29033Mi", numAccelerators: 1, acceleratorMemory: "23028Mi", acceleratorType: ["NVIDIA-A10G"] },
          price: "42.000000",
        },
      ],
      minInstances: 0,
      maxInstances: 1,
      enforcedMaxInstances: 1,
      capacityTypes: ["onDemand"],
      visibility: "private",
    });
    expect(nodepoolFromWire({ id: "n" }, "fallback").computeClusterId).toBe("fallback");
  });
  it("instance type with allowed capacity types", () => {
    expect(instanceTypeFromWire({ id: "a3-highgpu-1g", allowed_capacity_types: { capacity_types: [2] }, feature_flag_group: "ComputeResourceLarge" })).toEqual({
      id: "a3-highgpu-1g",
      allowedCapacityTypes: ["spot"],
      featureFlagGroup: "ComputeResourceLarge",
    });
  });
});

describe("deployment", () => {
  const input: DeploymentInput = {
    id: "dep",
    description: "test deployment",
    model: { userId: "meta", appId: "Llama-3", modelId: "Llama-3_2-3B-Instruct", versionId: "fe27" },
    nodepools: [{ computeClusterId: "cc", nodepoolId: "np", userId: "u1" }, { computeClusterId: "cc", nodepoolId: "np2" }],
    autoscale: { minReplicas: 1, maxReplicas: 20, disablePacking: false },
    schedulingChoice: "performance",
    visibility: "private",
    deployLatestVersion: true,
  };
  it("to wire (reference §6.3 shape)", () => {
    expect(deploymentToWire(input, "create")).toEqual({
      id: "dep",
      description: "test deployment",
      autoscale_config: { min_replicas: 1, max_replicas: 20, disable_packing: false },
      worker: { model: { id: "Llama-3_2-3B-Instruct", model_version: { id: "fe27" }, user_id: "meta", app_id: "Llama-3" } },
      scheduling_choice: 4,
      nodepools: [
        { id: "np", compute_cluster: { id: "cc", user_id: "u1" } },
        { id: "np2", compute_cluster: { id: "cc" } },
      ],
      visibility: { gettable: 10 },
      deploy_latest_version: true,
    });
    expect(deploymentToWire({ id: "w", nodepools: [], workflow: { userId: "u", appId: "a", workflowId: "wf", versionId: "v" } }, "create").worker).toEqual({
      workflow: { id: "wf", user_id: "u", app_id: "a", version: { id: "v" } },
    });
  });
  it("a patch writes desired_worker only: 12.x ignores a patched worker", () => {
    const w = deploymentToWire(input, "patch");
    expect(w.worker).toBeUndefined();
    expect(w.desired_worker).toEqual({ model: { id: "Llama-3_2-3B-Instruct", model_version: { id: "fe27" }, user_id: "meta", app_id: "Llama-3" } });
  });
  it("priorities go out as deployment_nodepools, never beside nodepools", () => {
    const w = deploymentToWire({ ...input, nodepools: [{ computeClusterId: "cc", nodepoolId: "np", priority: 2 }, { computeClusterId: "cc", nodepoolId: "np2" }] }, "create");
    expect(w.nodepools).toBeUndefined();
    expect(w.deployment_nodepools).toEqual([
      { id: "np", compute_cluster: { id: "cc" }, priority: 2 },
      { id: "np2", compute_cluster: { id: "cc" } },
    ]);
    const back = deploymentFromWire({ ...w, nodepools: [{ id: "np", compute_cluster: { id: "cc" } }, { id: "np2", compute_cluster: { id: "cc" } }] });
    expect(back.nodepools).toEqual([{ computeClusterId: "cc", nodepoolId: "np", priority: 2 }, { computeClusterId: "cc", nodepoolId: "np2" }]);
  });
  it("reads the observed worker, the desired worker and the 12.x metrics", () => {
    const d = deploymentFromWire({
      id: "d",
      worker: { model: { id: "m", user_id: "u", app_id: "a", model_version: { id: "v1" } } },
      desired_worker: { model: { id: "m", user_id: "u", app_id: "a", model_version: { id: "v2" } } },
      deployment_metrics: { desired_replicas: 9, aggregate: { desired_replicas: 2, live_replicas: 1, rollout_in_progress: true } },
      nodepools: [{ id: "np", compute_cluster: { id: "cc" }, status: 3, status_description: "quota" }],
    });
    expect(d.model?.versionId).toBe("v1");
    expect(d.desiredModel?.versionId).toBe("v2");
    expect(d.metrics).toEqual({ desiredReplicas: 2, liveReplicas: 1, rolloutInProgress: true });
    expect(d.poolStates).toEqual([{ computeClusterId: "cc", nodepoolId: "np", status: "error", statusDescription: "quota" }]);
    // Deprecated top-level copies are read when the aggregate is absent; no desired_worker means `worker`.
    const old = deploymentFromWire({ id: "d", worker: { model: { id: "m", model_version: { id: "v1" } } }, deployment_metrics: { desired_replicas: 3, live_replicas: 3 } });
    expect(old.metrics).toEqual({ desiredReplicas: 3, liveReplicas: 3, rolloutInProgress: false });
    expect(old.desiredModel?.versionId).toBe("v1");
  });
  it("round trips through the wire", () => {
    const back = deploymentFromWire({ ...deploymentToWire(input, "create"), user_id: "u1", created_at: "t" });
    expect(back).toEqual({
      ...input,
      desiredModel: input.model,
      poolStates: [
        { computeClusterId: "cc", nodepoolId: "np", status: "unknown" },
        { computeClusterId: "cc", nodepoolId: "np2", status: "unknown" },
      ],
      gracefulDeploy: false,
      nodepools: [{ computeClusterId: "cc", nodepoolId: "np", userId: "u1" }, { computeClusterId: "cc", nodepoolId: "np2" }],
      autoscale: { minReplicas: 1, maxReplicas: 20, trafficHistorySeconds: 0, scaleDownDelaySeconds: 0, scaleUpDelaySeconds: 0, scaleToZeroDelaySeconds: 0, disablePacking: false, softMinReplicas: 0 },
      userId: "u1",
      createdAt: "t",
    });
    expect(deploymentFromWire({ id: "d" })).toEqual({ id: "d", description: "", nodepools: [], poolStates: [], deployLatestVersion: false, gracefulDeploy: false });
  });
  it("scheduling choices map 1..8", () => {
    const names = ["fail", "random", "price", "performance", "network", "utilization", "preferSpot", "preferOndemand"] as const;
    names.forEach((n, i) => {
      expect(deploymentToWire({ id: "d", nodepools: [], schedulingChoice: n }, "create").scheduling_choice).toBe(i + 1);
      expect(deploymentFromWire({ id: "d", scheduling_choice: (i + 1) as 1 }).schedulingChoice).toBe(n);
    });
  });
});

describe("runner", () => {
  it("reads readiness metrics", () => {
    expect(
      runnerFromWire({
        id: "r1",
        nodepool: { id: "np", compute_cluster: { id: "cc" } },
        worker: { model: { id: "m", model_version: { id: "v" } } },
        num_replicas: 2,
        runner_metrics: { pods_total: 2, pods_running: 1 },
      }),
    ).toEqual({ id: "r1", computeClusterId: "cc", nodepoolId: "np", numReplicas: 2, podsTotal: 2, podsRunning: 1, modelId: "m", modelVersionId: "v" });
    expect(runnerFromWire({ id: "r2" })).toEqual({ id: "r2", podsTotal: 0, podsRunning: 0 });
  });
});

describe("ambiguous-create matching", () => {
  it("cluster identity fields", () => {
    const sent = { id: "c", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai", description: "a" };
    const found = computeClusterFromWire({ id: "c", cloud_provider: { id: "aws" }, region: "us-east-1", cluster_type: "dedicated", managed_by: "clarifai", description: "b" });
    expect(computeClusterMismatches(sent, found)).toEqual([]);
    expect(computeClusterMismatches({ ...sent, region: "us-west-2" }, found)).toEqual(['region: sent "us-west-2", found "us-east-1"']);
  });
  it("nodepool instance types as a set, and cluster", () => {
    const sent = { id: "n", computeClusterId: "c", instanceTypes: ["b", "a"], minInstances: 0, maxInstances: 1, capacityTypes: [] };
    const found = nodepoolFromWire({ id: "n", compute_cluster: { id: "c" }, instance_types: [{ id: "a" }, { id: "b" }], max_instances: 3 });
    expect(nodepoolMismatches(sent, found)).toEqual([]);
    expect(nodepoolMismatches({ ...sent, instanceTypes: ["a"] }, found)).toHaveLength(1);
    expect(nodepoolMismatches({ ...sent, computeClusterId: "d" }, found)).toHaveLength(1);
  });
  it("deployment model and nodepools", () => {
    const sent: DeploymentInput = { id: "d", model: { userId: "u", appId: "a", modelId: "m", versionId: "v" }, nodepools: [{ computeClusterId: "c", nodepoolId: "n" }] };
    const found = deploymentFromWire({ ...deploymentToWire(sent, "create"), nodepools: [{ id: "n", compute_cluster: { id: "c", user_id: "u1" } }] });
    expect(deploymentMismatches(sent, found)).toEqual([]);
    expect(deploymentMismatches({ ...sent, model: { ...sent.model!, versionId: "v2" } }, found)).toEqual(['model.versionId: sent "v2", found "v"']);
    expect(deploymentMismatches({ ...sent, nodepools: [{ computeClusterId: "c", nodepoolId: "x" }] }, found)).toHaveLength(1);
    expect(deploymentMismatches({ id: "d", workflow: { userId: "u", appId: "a", workflowId: "w" }, nodepools: sent.nodepools }, found)).toEqual([
      "workflow: sent w, found none",
    ]);
  });
});
