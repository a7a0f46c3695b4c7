// pulumi-clarifai: Clarifai Compute Orchestration resources for Pulumi.
export { ComputeCluster, Nodepool, Deployment } from "./resources.generated";
export type { ComputeClusterArgs, NodepoolArgs, DeploymentArgs } from "./model.generated";
export { loadConfigFile, ConfigFileError } from "./configFile";
export type {
  Visibility,
  ClusterType,
  ManagedBy,
  Capacity,
  SchedulingChoice,
  ModelRef,
  ModelRefArgs,
  WorkflowRef,
  WorkflowRefArgs,
  Autoscale,
  AutoscaleArgs,
  InstanceTypeInfo,
  ComputeClusterOutputs,
  NodepoolOutputs,
  DeploymentOutputs,
} from "./model.generated";
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
