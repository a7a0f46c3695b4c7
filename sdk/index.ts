// pulumi-clarifai: Clarifai Compute Orchestration resources for Pulumi.
export { ComputeCluster, type ComputeClusterArgs } from "./computeCluster";
export { Nodepool, type NodepoolArgs } from "./nodepool";
export { loadConfigFile, ConfigFileError } from "./configFile";
export { Deployment, type DeploymentArgs } from "./deployment";
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
