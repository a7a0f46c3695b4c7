import * as path from "path";
import * as clarifai from "pulumi-clarifai";

// The three files in ./configs are Clarifai's published examples for its Python SDK, byte for byte.
const configs = path.join(__dirname, "configs");

const cluster = clarifai.ComputeCluster.fromConfigFile("cluster", path.join(configs, "compute_cluster_config.yaml"));

// The nodepool file names no cluster: tie it to the one above, which also orders create and delete.
const pool = clarifai.Nodepool.fromConfigFile("pool", path.join(configs, "nodepool_config.yaml"), {
  computeClusterId: cluster.id,
  maxInstances: 2, // overrides win over the file (which says 1)
});

// The deployment file names its nodepool by id; point it at the Pulumi resource instead.
const deployment = clarifai.Deployment.fromConfigFile("deployment", path.join(configs, "deployment_config.yaml"), {
  nodepools: [pool.id],
});

export const clusterId = cluster.id;
export const nodepoolId = pool.id;
export const capacity = pool.capacity;
export const deploymentId = deployment.id;
