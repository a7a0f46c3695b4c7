// One region of the fleet: a cluster and `pools` CPU nodepools in it. The stack is named after the
// region (`pulumi stack select new-york`); examples/fleet/fleet.ts brings every region up in parallel.
import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();
const cloudProvider = config.get("cloudProvider") ?? "vultr";
const region = pulumi.getStack();
const instanceType = config.get("instanceType") ?? "vc2-2c-4gb";
const pools = config.getNumber("pools") ?? 2;

const cluster = new clarifai.ComputeCluster("cluster", { computeClusterId: `fleet-${region}`, cloudProvider, region });
const nodepools = Array.from(
  { length: pools },
  (_, i) =>
    new clarifai.Nodepool(`pool-${i}`, {
      computeClusterId: cluster.id,
      nodepoolId: `fleet-${region}-${i}`,
      instanceTypes: [instanceType],
      minInstances: 0,
      maxInstances: 2,
    }),
);

export const computeClusterId = cluster.id;
export const nodepoolIds = nodepools.map((p) => p.id);
export const maxInstances = pools * 2;
