import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();

const cluster = new clarifai.ComputeCluster("cluster", { computeClusterId: "st-cluster", cloudProvider: "aws", region: "us-east-1" });

const pool = new clarifai.Nodepool("spot", {
  computeClusterId: cluster.id,
  nodepoolId: "st-spot",
  instanceTypes: ["g5.xlarge"],
  maxInstances: 2,
  capacity: (config.get("capacity") ?? "spot") as clarifai.Capacity,
});

new clarifai.Deployment("llm", {
  deploymentId: "st-llm",
  model: { userId: "meta", appId: "Llama-3", modelId: "llama", versionId: "fe271b43266a45a5b068766b6437687f" },
  nodepools: [pool.id],
  autoscale: { minReplicas: 1, maxReplicas: 1 },
  readyTimeoutSeconds: config.requireNumber("readyTimeout"),
});
