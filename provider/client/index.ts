/**
 * The Clarifai Compute Orchestration API client: what the other layers use. Imports nothing from
 * @pulumi. It speaks the API's messages (api/wire.generated.ts); retries, the request pipeline and the
 * concurrency gate stay inside this folder (their unit tests import the modules themselves).
 */
export { ClarifaiClient, DEFAULT_API_BASE } from "./client";
export type { ClientOptions, CreateOptions, DeploymentFilter, LogType, Matching } from "./client";
export type { Owned } from "./ownership";
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
export { writeCount } from "./http";
