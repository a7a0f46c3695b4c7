// pulumi-clarifai: Clarifai Compute Orchestration resources for Pulumi.
export { ComputeCluster, type ComputeClusterArgs, type Visibility } from "./computeCluster";
export { Nodepool, type NodepoolArgs, type Capacity, type InstanceTypeInfo } from "./nodepool";
export { loadConfigFile, ConfigFileError } from "./configFile";
export { Deployment, type DeploymentArgs, type ModelRef, type WorkflowRef, type Autoscale, type SchedulingChoice } from "./deployment";
export {
  getCloudProviders,
  getRegions,
  getInstanceTypes,
  getCloudProvidersOutput,
  getRegionsOutput,
  getInstanceTypesOutput,
  parseQuantity,
  quantityToGiB,
  type CloudProvider,
  type Region,
  type GetInstanceTypesArgs,
  type InstanceTypeResult,
} from "./lookups";
