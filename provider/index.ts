// The engine-facing side of pulumi-clarifai, loaded by package name ("pulumi-clarifai/provider") inside
// the dynamic-provider process. The SDK classes serialize only a few lines that forward here.
export { configure, setSettings, settings, client } from "./config";
export { computeClusterProvider as ComputeCluster } from "./resources/computeCluster";
export { nodepoolProvider as Nodepool } from "./resources/nodepool";
export { deploymentProvider as Deployment } from "./resources/deployment";
