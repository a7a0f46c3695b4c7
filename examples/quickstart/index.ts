import * as clarifai from "pulumi-clarifai";

// docs:start ComputeCluster
// One cluster in AWS us-east-1.
const cluster = new clarifai.ComputeCluster("quickstart", {
  computeClusterId: "quickstart-aws-us-east-1",
  cloudProvider: "aws",
  region: "us-east-1",
  description: "pulumi-clarifai quickstart",
});
// docs:end

// CPU nodes, bought on demand, scaled to zero when idle.
const cpu = new clarifai.Nodepool("cpu", {
  computeClusterId: cluster.id,
  nodepoolId: "cpu-t3a-2xlarge",
  instanceTypes: ["t3a.2xlarge"],
  minInstances: 0,
  maxInstances: 2,
  capacity: "onDemand",
});

// docs:start Nodepool
// A10G GPUs on spot capacity, falling back to on-demand when spot is unavailable.
const gpu = new clarifai.Nodepool("gpu", {
  computeClusterId: cluster.id,
  nodepoolId: "gpu-a10g",
  instanceTypes: ["g5.xlarge"],
  minInstances: 0,
  maxInstances: 4,
  capacity: "spotWithFallback",
});
// docs:end

// docs:start Deployment
// A model served on the GPU nodepool; `pulumi up` waits until its replica is running.
const ocr = new clarifai.Deployment("ocr", {
  deploymentId: "quickstart-ocr",
  description: "GOT-OCR 2.0 on A10G",
  model: { userId: "stepfun-ai", appId: "ocr", modelId: "got-ocr-2_0", versionId: "5d92321db5d341b5b4cf407ab34f618f" },
  nodepools: [gpu.id],
  autoscale: { minReplicas: 1, maxReplicas: 2, scaleToZeroDelaySeconds: 1800 },
});
// docs:end

export const computeClusterId = cluster.id;
export const nodepools = {
  cpu: { id: cpu.id, min: cpu.minInstances, max: cpu.maxInstances, capacity: cpu.capacity },
  gpu: { id: gpu.id, min: gpu.minInstances, max: gpu.maxInstances, capacity: gpu.capacity, accelerators: gpu.instanceTypeDetails.apply((d) => d.map((t) => t.acceleratorType.join("+"))) },
};
export const deployment = { id: ocr.id, ready: ocr.ready, replicas: ocr.autoscale };
