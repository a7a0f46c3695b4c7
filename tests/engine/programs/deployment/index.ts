import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();

const cluster = new clarifai.ComputeCluster("cluster", {
  computeClusterId: "dep-cluster",
  cloudProvider: "aws",
  region: config.get("region") ?? "us-east-1",
});

const pool = new clarifai.Nodepool("gpu", {
  computeClusterId: cluster.id,
  nodepoolId: "gpu",
  instanceTypes: [config.get("instanceType") ?? "g5.xlarge"],
  maxInstances: 2,
});

const ocr = new clarifai.Deployment("ocr", {
  deploymentId: "ocr",
  description: "engine test",
  model: { userId: "stepfun-ai", appId: "ocr", modelId: "got-ocr-2_0", versionId: config.get("modelVersion") ?? "5d92321db5d341b5b4cf407ab34f618f" },
  nodepools: [pool.id],
  autoscale: { minReplicas: 1, maxReplicas: config.getNumber("maxReplicas") ?? 1, scaleUpDelaySeconds: 30 },
});

// Clarifai's published deployment_config.yaml as it is, on the program's nodepool.
const fromYaml = clarifai.Deployment.fromConfigFile("yaml", config.require("deploymentConfig"), { nodepools: [pool.id] });

if (config.getBoolean("slow")) {
  new clarifai.Deployment("slow", {
    deploymentId: "slow",
    model: { userId: "meta", appId: "Llama-3", modelId: "llama", versionId: "fe271b43266a45a5b068766b6437687f" },
    nodepools: [pool.id],
    autoscale: { minReplicas: 1, maxReplicas: 1 },
    readyTimeoutSeconds: config.requireNumber("slowTimeout"),
  });
}

if (config.getBoolean("broken")) {
  new clarifai.Deployment("broken", {
    deploymentId: "broken",
    model: { userId: "openai", appId: "chat", modelId: "whisper", versionId: "0123456789abcdef" },
    nodepools: [pool.id],
    autoscale: { minReplicas: 1, maxReplicas: 1 },
  });
}

export const ocrId = ocr.id;
export const ocrReady = ocr.ready;
export const ocrVersion = ocr.model.apply((m) => m?.versionId);
export const ocrServed = ocr.servedVersionId;
export const ocrLive = ocr.liveReplicas;
export const yamlReady = fromYaml.ready;
export const yamlDesired = fromYaml.desiredReplicas;
export const yamlId = fromYaml.id;
export const yamlAutoscale = fromYaml.autoscale;
export const yamlScheduling = fromYaml.schedulingChoice;
