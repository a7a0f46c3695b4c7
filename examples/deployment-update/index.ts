import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();

const cluster = new clarifai.ComputeCluster("llm", { cloudProvider: "aws", region: "us-east-1" });

const pool = new clarifai.Nodepool("l40s", {
  computeClusterId: cluster.id,
  instanceTypes: ["g6e.xlarge"],
  minInstances: 0,
  maxInstances: 4,
  capacity: "spotWithFallback",
});

// Both knobs update the deployment in place (PATCH), and `pulumi up` waits until it is ready again.
const llm = new clarifai.Deployment("llama", {
  model: {
    userId: "meta",
    appId: "Llama-3",
    modelId: "Llama-3_2-3B-Instruct",
    versionId: config.get("modelVersion") ?? "fe271b43266a45a5b068766b6437687f",
  },
  nodepools: [pool.id],
  autoscale: {
    minReplicas: config.getNumber("minReplicas") ?? 1,
    maxReplicas: config.getNumber("maxReplicas") ?? 2,
    scaleUpDelaySeconds: 30,
    scaleDownDelaySeconds: 300,
  },
  readyTimeoutSeconds: 1800,
});

export const deploymentId = llm.id;
export const modelVersion = llm.model.apply((m) => m?.versionId);
export const replicas = llm.autoscale.apply((a) => `${a?.minReplicas}..${a?.maxReplicas}`);
export const ready = llm.ready;
