// The same program under 0.1.0 and under the current code: a cluster, a spot-with-fallback nodepool,
// a pinned model deployment with autoscale, and one from an id the program does not own.
import * as clarifai from "pulumi-clarifai";

const cluster = new clarifai.ComputeCluster("cluster", { computeClusterId: "up-cluster", cloudProvider: "aws", region: "us-east-1", description: "made by 0.1.0" });

const pool = new clarifai.Nodepool("pool", {
  computeClusterId: cluster.id,
  nodepoolId: "up-pool",
  instanceTypes: ["g5.xlarge"],
  minInstances: 0,
  maxInstances: 3,
  capacity: "spotWithFallback",
});

const dep = new clarifai.Deployment("dep", {
  deploymentId: "up-dep",
  model: { userId: "meta", appId: "Llama-3", modelId: "llama", versionId: "fe271b43266a45a5b068766b6437687f" },
  nodepools: [pool.id],
  autoscale: { minReplicas: 1, maxReplicas: 2, scaleDownDelaySeconds: 60 },
});

export const deploymentReady = dep.ready;
export const poolId = pool.id;
