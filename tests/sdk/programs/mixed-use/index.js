"use strict";
// The cluster was created by Clarifai's Python SDK from the docs' compute_cluster_config.yaml; this
// program adopts it (same id and immutable fields) and manages it from now on, with a nodepool of its own.
const pulumi = require("@pulumi/pulumi");
const clarifai = require("pulumi-clarifai");

const config = new pulumi.Config();
const cluster = new clarifai.ComputeCluster("adopted", {
  computeClusterId: "test-compute-cluster",
  cloudProvider: "aws",
  region: "us-east-1",
  description: config.get("description") || "now managed by Pulumi",
  adopt: true,
});
const pool = new clarifai.Nodepool("pool", {
  computeClusterId: cluster.id,
  nodepoolId: "pulumi-pool",
  description: "made by Pulumi",
  instanceTypes: ["g5.xlarge"],
  capacity: "spotWithFallback",
  minInstances: 0,
  maxInstances: 3,
  metadata: { team: "ml" },
});
module.exports = {
  clusterDescription: cluster.description,
  pool: { id: pool.nodepoolId, instanceTypes: pool.instanceTypes, min: pool.minInstances, max: pool.maxInstances, capacity: pool.capacity, createdAt: pool.createdAt, metadata: pool.metadata },
};
