"use strict";
// The baseline for `npm run bench`: the graph of tests/reliability/programs/load (one cluster, `count`
// nodepools depending on it, `deployments` deployments each depending on its nodepool), made of
// dynamic resources whose provider has the same seven methods and does nothing.
const pulumi = require("@pulumi/pulumi");
const { noopProvider } = require("./provider");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const deployments = config.getNumber("deployments") || 0;

class Noop extends pulumi.dynamic.Resource {
  constructor(type, name, props) {
    super(noopProvider, name, { ...props, out: undefined }, undefined, "bench", type);
  }
}
const cluster = new Noop("Cluster", "cluster", { computeClusterId: "load-cluster" });
for (let i = 0; i < count; i++) {
  const pool = new Noop("Pool", `pool-${i}`, { computeClusterId: cluster.id, nodepoolId: `pool-${i}` });
  if (i < deployments) new Noop("Deployment", `dep-${i}`, { deploymentId: `dep-${i}`, nodepools: [pool.id] });
}
module.exports.clusterId = cluster.id;
