import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();
const region = config.get("region") ?? "us-east-1";

const cluster = new clarifai.ComputeCluster("inference", {
  cloudProvider: "aws",
  region,
  description: "CPU for pre/post-processing, GPUs for models",
});

// CPU work runs on demand: it is cheap and must not be interrupted.
const cpu = new clarifai.Nodepool("cpu", {
  computeClusterId: cluster.id,
  instanceTypes: ["t3a.xlarge"],
  minInstances: 1,
  maxInstances: 3,
  capacity: "onDemand",
});

// Batch-style GPU work tolerates interruptions: spot only.
const batchGpu = new clarifai.Nodepool("batch-gpu", {
  computeClusterId: cluster.id,
  instanceTypes: ["g6.xlarge"],
  minInstances: 0,
  maxInstances: 8,
  capacity: "spot",
});

// Online GPU work: the cheapest catalogue entry with at least 40 GiB per accelerator, on spot with
// on-demand fallback. The lookup runs at preview too, so `pulumi preview` shows the chosen type.
const largeGpuType = clarifai
  .getInstanceTypes({ cloudProvider: "aws", region, minAccelerators: 1, minAcceleratorMemoryGiB: 40 })
  .then((types) => {
    const cheapest = [...types].sort((a, b) => Number(a.price) - Number(b.price))[0];
    if (!cheapest) throw new Error(`no instance type in aws/${region} has a 40 GiB accelerator`);
    return cheapest.id;
  });

const onlineGpu = new clarifai.Nodepool("online-gpu", {
  computeClusterId: cluster.id,
  instanceTypes: [largeGpuType],
  minInstances: 0,
  maxInstances: 4,
  capacity: "spotWithFallback",
  metadata: { team: "ml-platform", tier: "online" },
});

export const clusterId = cluster.id;
export const pools = [cpu, batchGpu, onlineGpu].map((p) => ({
  id: p.id,
  capacity: p.capacity,
  range: pulumi.interpolate`${p.minInstances}..${p.maxInstances}`,
  gpu: p.instanceTypeDetails.apply((d) => d.map((t) => `${t.numAccelerators}x ${t.acceleratorType.join("+") || "none"} ${t.acceleratorMemory ?? ""}`.trim())),
}));
