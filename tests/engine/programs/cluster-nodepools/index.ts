import * as pulumi from "@pulumi/pulumi";
import * as clarifai from "pulumi-clarifai";

const config = new pulumi.Config();

const cluster = new clarifai.ComputeCluster("cluster", {
  computeClusterId: "engine-cluster",
  cloudProvider: "aws",
  region: "us-east-1",
  description: "engine test",
});

const cpu = new clarifai.Nodepool("cpu", {
  computeClusterId: cluster.id,
  nodepoolId: "cpu",
  instanceTypes: [config.get("cpuInstanceType") ?? "t3a.large"],
  minInstances: 0,
  maxInstances: 2,
});

const gpu = new clarifai.Nodepool("gpu", {
  computeClusterId: cluster.id,
  nodepoolId: "gpu",
  instanceTypes: ["g5.xlarge"],
  minInstances: 0,
  maxInstances: config.getNumber("gpuMaxInstances") ?? 2,
  capacity: "spotWithFallback",
});

export const clusterId = cluster.id;
export const cpuId = cpu.id;
export const gpuId = gpu.id;
export const gpuAccelerators = gpu.instanceTypeDetails.apply((d) => d[0]?.acceleratorType);
