/** The Clarifai Compute Orchestration API client. Imports nothing from @pulumi. */
export * from "./domain";
export * from "./wire";
export * from "./convert";
export * from "./errors";
export * from "./retry";
export * from "./semaphore";
export * from "./match";
export * from "./ids";
export { path, query } from "./path";
export { Pipeline, defaultSleep, writeCount } from "./http";
export type { PipelineOptions, RequestSpec, VerifyResult } from "./http";
export { packageVersion, requestIdPrefix, PACKAGE_NAME } from "./version";
export { ClarifaiClient, DEFAULT_API_BASE, PER_PAGE } from "./client";
export type { ClientOptions } from "./client";
