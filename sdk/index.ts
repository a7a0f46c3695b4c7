// pulumi-clarifai: Clarifai Compute Orchestration resources for Pulumi.
// Each kind's class, its Args and its outputs (generated from schema.json).
export * from "./resources.generated";
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
