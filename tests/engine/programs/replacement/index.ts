import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();

const cluster = new clarifai.ComputeCluster("cluster", {
  computeClusterId: "rp-cluster",
  cloudProvider: config.get("cloud") ?? "aws",
  region: config.get("region") ?? "us-east-1",
});

const pool = new clarifai.Nodepool("pool", {
  computeClusterId: cluster.id,
  // Unset: a generated id, so a replacement creates the new nodepool before deleting the old one.
  nodepoolId: config.getBoolean("fixedPoolId") ? "rp-pool" : undefined,
  instanceTypes: [config.get("instanceType") ?? "g5.xlarge"],
  maxInstances: 2,
});

const dep = new clarifai.Deployment("dep", {
  deploymentId: "rp-dep",
  model: { userId: "meta", appId: "Llama-3", modelId: "llama", versionId: "fe271b43266a45a5b068766b6437687f" },
  nodepools: [pool.id],
  autoscale: { minReplicas: 1, maxReplicas: 1 },
});

export const poolId = pool.id;
export const deploymentNodepools = dep.nodepools;
