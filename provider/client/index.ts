/**
 * The Clarifai Compute Orchestration API client: what the other layers use. Imports nothing from
 * @pulumi. Wire shapes, conversions, retries, the request pipeline and the concurrency gate stay inside
 * this folder (their unit tests import the modules themselves).
 */
export { ClarifaiClient, DEFAULT_API_BASE } from "./client";
export type { ClientOptions, CreateOptions, PatchOptions } from "./client";
export type { Owned } from "./ownership";
export type {
  CapacityType,
  CloudProvider,
  ComputeCluster,
  ComputeClusterInput,
  Deployment,
  DeploymentInput,
  ComputeInfo,
  InstanceType,
  ModelRef,
  ModelVersion,
  Nodepool,
  NodepoolInput,
  NodepoolRef,
  Visibility,
  WorkflowRef,
} from "./domain";
export {
  ClarifaiError,
  NotFoundError,
  InvalidArgumentError,
  AlreadyExistsError,
  UnauthenticatedError,
  PermissionDeniedError,
  RateLimitedError,
  ServerError,
  ConnectionError,
  TimeoutError,
  CreateConflictError,
} from "./errors";
export { isAmbiguous } from "./retry";
export type { LogEntry, LogType } from "./logEntries";
export { writeCount } from "./http";
export { nodepoolKey, parseNodepoolKey } from "./ids";
export type { NodepoolKey } from "./ids";
