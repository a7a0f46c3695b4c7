// pulumi-clarifai: Clarifai Compute Orchestration resources for Pulumi.
export { ComputeCluster, type ComputeClusterArgs, type Visibility } from "./computeCluster";
export { Nodepool, type NodepoolArgs, type Capacity, type InstanceTypeInfo } from "./nodepool";
export { loadConfigFile, ConfigFileError } from "./configFile";
