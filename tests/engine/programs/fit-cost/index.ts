import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();

const cluster = new clarifai.ComputeCluster("cluster", { computeClusterId: "fit-cluster", cloudProvider: "aws", region: "us-east-1" });

const gpu = new clarifai.Nodepool("gpu", {
  computeClusterId: cluster.id,
  nodepoolId: "gpu",
  instanceTypes: (config.get("instanceTypes") ?? "g5.xlarge").split(","),
  minInstances: config.getNumber("minInstances") ?? 0,
  maxInstances: config.getNumber("maxInstances") ?? 2,
  capacity: "spotWithFallback",
});

const model = config.get("model") ?? "stepfun-ai/ocr/got-ocr-2_0/5d92321db5d341b5b4cf407ab34f618f";
const [userId, appId, modelId, versionId] = model.split("/");
new clarifai.Deployment("serve", {
  deploymentId: "fit-serve",
  model: { userId, appId, modelId, versionId },
  nodepools: [gpu.id],
  autoscale: { minReplicas: 0, maxReplicas: 1 },
  waitForReady: false,
});

export const cost = gpu.estimatedHourlyCost;
export const prices = gpu.instanceTypeDetails.apply((d) => d.map((t) => t.price));
