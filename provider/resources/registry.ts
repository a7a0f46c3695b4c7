// Every resource kind, its definition and its provider, in one typed table: a kind without a provider,
// or a provider without one of the six methods the engine calls, is a compile error. The dynamic
// provider entry point (provider/index.ts), the native plugin and the export read it; tests iterate it.
import { ResourceKind, resourceKinds } from "../model/model.generated";
import type { ResourceProvider } from "./lifecycle";
import type { ResourceDefinition } from "./definition";
import { computeClusterDefinition, computeClusterProvider } from "./computeCluster";
import { deploymentDefinition, deploymentProvider } from "./deployment";
import { nodepoolDefinition, nodepoolProvider } from "./nodepool";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own Remote type
export const definitions: { readonly [K in ResourceKind]: ResourceDefinition<K, any> } = {
  ComputeCluster: computeClusterDefinition,
  Nodepool: nodepoolDefinition,
  Deployment: deploymentDefinition,
};

export const providers: { readonly [K in ResourceKind]: ResourceProvider } = {
  ComputeCluster: computeClusterProvider,
  Nodepool: nodepoolProvider,
  Deployment: deploymentProvider,
};

export const kinds: readonly ResourceKind[] = resourceKinds;
