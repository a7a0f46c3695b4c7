// The ownership engine tests' program (tests/engine/ownership.test.ts, interrupted.test.ts). Config:
// - `cluster` ("true" by default): declare a compute cluster (id `clusterId`, generated when unset);
// - `onCluster`: or put the nodepool on an existing cluster by its id (another stack's);
// - `pool` ("true" by default): a nodepool (id `poolId`, generated when unset; `instanceType`,
//   `maxInstances`, `description`, `ignoreMax` for ignoreChanges ["maxInstances"], `forceDestroy`);
// - `deployment` ("true" by default): a deployment on it (id `deploymentId`, generated when unset;
//   `onPool` puts it on an existing nodepool instead; `modelId`, `minReplicas`).
import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();
const on = (k: string) => config.get(k) !== "false";

const cluster = on("cluster") && !config.get("onCluster")
  ? new clarifai.ComputeCluster("cluster", {
      computeClusterId: config.get("clusterId"),
      cloudProvider: "aws",
      region: "us-east-1",
      forceDestroy: config.getBoolean("forceDestroy"),
    })
  : undefined;

const pool = on("pool")
  ? new clarifai.Nodepool(
      "pool",
      {
        computeClusterId: cluster?.id ?? config.require("onCluster"),
        nodepoolId: config.get("poolId"),
        instanceTypes: [config.get("instanceType") ?? "t3a.large"],
        maxInstances: config.getNumber("maxInstances") ?? 7,
        description: config.get("description") ?? "",
        forceDestroy: config.getBoolean("forceDestroy"),
      },
      { ignoreChanges: config.getBoolean("ignoreMax") ? ["maxInstances"] : [] },
    )
  : undefined;

if (on("deployment")) {
  new clarifai.Deployment("dep", {
    deploymentId: config.get("deploymentId"),
    model: { userId: "clarifai", appId: "main", modelId: config.get("modelId") ?? "general-image-recognition", versionId: "aa11bb22" },
    nodepools: [pool?.id ?? config.require("onPool")],
    autoscale: { minReplicas: config.getNumber("minReplicas") ?? 0, maxReplicas: 1 },
  });
}

export const poolId = pool?.id;
