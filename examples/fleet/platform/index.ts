// The shared "platform" stack: reads each region's stack through a stack reference (config `regions`,
// the stack names of examples/fleet/region) and serves one CPU model (the regions' nodepools are CPU
// nodepools: the preview's fit check refuses a GPU model there) on the first nodepool of every region.
// A region stack's nodepools change there; this stack follows at its next `up`.
import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();
const regions = config.requireObject<string[]>("regions");
const org = config.get("organization") ?? "organization"; // the DIY backends' organization name

const refs = regions.map((r) => new pulumi.StackReference(`${org}/clarifai-fleet-region/${r}`));
const firstPools = refs.map((ref) => ref.requireOutput("nodepoolIds").apply((ids) => (ids as string[])[0]));

const model = new clarifai.Deployment("model", {
  deploymentId: "fleet-apparel",
  model: { userId: "clarifai", appId: "main", modelId: "apparel-clusterering", versionId: "cc911f6b0ed748efb89e3d1359c146c4" },
  nodepools: firstPools,
  autoscale: { minReplicas: 0, maxReplicas: regions.length },
  waitForReady: false,
});

export const deploymentId = model.id;
export const nodepools = model.nodepools;
export const fleetMaxInstances = pulumi.all(refs.map((ref) => ref.requireOutput("maxInstances"))).apply((n) => (n as number[]).reduce((a, b) => a + b, 0));
