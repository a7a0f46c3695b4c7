// A cluster, two nodepools and (when the SDK has it) a deployment on the first nodepool. Config:
// `maxInstances` (the update step changes it) and `deployment` ("false" leaves the deployment out).
import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();
const maxInstances = config.getNumber("maxInstances") ?? 2;

const cluster = new clarifai.ComputeCluster("cluster", { computeClusterId: "fm-cluster", cloudProvider: "aws", region: "us-east-1" });
const pools = ["a", "b"].map(
  (id) => new clarifai.Nodepool(`pool-${id}`, { computeClusterId: cluster.id, nodepoolId: id, instanceTypes: ["t3a.large"], maxInstances }),
);
const Deployment = (clarifai as unknown as Record<string, (new (name: string, args: object) => pulumi.CustomResource) | undefined>).Deployment;
if (Deployment && config.get("deployment") !== "false") {
  new Deployment("dep", {
    deploymentId: "fm-dep",
    model: { userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: "aa11bb22" },
    nodepools: [pools[0].id],
    autoscale: { minReplicas: 0, maxReplicas: maxInstances },
  });
}

export const nodepoolIds = pools.map((p) => p.id);
