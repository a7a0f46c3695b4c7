// The engine-facing side of pulumi-clarifai, loaded by package name ("pulumi-clarifai/provider") inside
// the dynamic-provider process. The SDK classes serialize only a few lines that forward here.
export { configure, setSettings, settings, client } from "./config";
import { providers } from "./resources/registry";

export const { ComputeCluster, Nodepool, Deployment } = providers;
