import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();

const cluster = new clarifai.ComputeCluster("cluster", { computeClusterId: "dr-cluster", cloudProvider: "aws", region: "us-east-1" });

const pool = new clarifai.Nodepool("pool", {
  computeClusterId: cluster.id,
  nodepoolId: "dr-pool",
  instanceTypes: [config.get("instanceType") ?? "g5.xlarge"],
  maxInstances: 2,
});

// `depId` unset: a generated id. `nodepool` set: a literal nodepool reference instead of `pool.id`.
const dep = new clarifai.Deployment("dep", {
  deploymentId: config.get("depId"),
  model: { userId: "meta", appId: "Llama-3", modelId: "llama", versionId: "fe271b43266a45a5b068766b6437687f" },
  nodepools: [config.get("nodepool") ?? pool.id],
  autoscale: { minReplicas: 1, maxReplicas: 1 },
});

export const depId = dep.id;
