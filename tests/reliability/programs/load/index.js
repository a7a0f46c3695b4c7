"use strict";
// One cluster with `count` nodepools, and a deployment on each of the first `deployments` nodepools.
// Plain JavaScript: used by the load test and by `npm run bench`, where the program's start-up counts.
const pulumi = require("@pulumi/pulumi");
const clarifai = require("pulumi-clarifai");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const deployments = config.getNumber("deployments") || 0;

const cluster = new clarifai.ComputeCluster("cluster", { computeClusterId: "load-cluster", cloudProvider: "aws", region: "us-east-1" });
for (let i = 0; i < count; i++) {
  const pool = new clarifai.Nodepool(`pool-${i}`, { computeClusterId: cluster.id, nodepoolId: `pool-${i}`, instanceTypes: ["t3a.large"], maxInstances: 1 });
  if (i < deployments) {
    new clarifai.Deployment(`dep-${i}`, {
      deploymentId: `dep-${i}`,
      model: { userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: "aa11bb22" },
      nodepools: [pool.id],
    });
  }
}
module.exports.clusterId = cluster.id;
