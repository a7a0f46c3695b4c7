// The shared "platform" stack: reads each region's stack through a stack reference (config `regions`,
// the stack names of examples/fleet/region) and serves one model on the first nodepool of every region.
// A region stack's nodepools change there; this stack follows at its next `up`.
import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();
const regions = config.requireObject<string[]>("regions");
const org = config.get("organization") ?? "organization"; // the DIY backends' organization name

const refs = regions.map((r) => new pulumi.StackReference(`${org}/clarifai-fleet-region/${r}`));
const firstPools = refs.map((ref) => ref.requireOutput("nodepoolIds").apply((ids) => (ids as string[])[0]));

const model = new clarifai.Deployment("model", {
  deploymentId: "fleet-ocr",
  model: { userId: "stepfun-ai", appId: "ocr", modelId: "got-ocr-2_0", versionId: "5d92321db5d341b5b4cf407ab34f618f" },
  nodepools: firstPools,
  autoscale: { minReplicas: 0, maxReplicas: regions.length },
  waitForReady: false,
});

export const deploymentId = model.id;
export const nodepools = model.nodepools;
export const fleetMaxInstances = pulumi.all(refs.map((ref) => ref.requireOutput("maxInstances"))).apply((n) => (n as number[]).reduce((a, b) => a + b, 0));
