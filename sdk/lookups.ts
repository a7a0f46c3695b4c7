// Catalogue look-ups for programs: plain async functions running in the program process, so they work
// during `pulumi preview`. Credentials resolve as the provider resolves them, through provider/config.ts
// (stack config clarifai:*, else the environment, else the clarifai CLI's current context). Reading
// stack config here is fine: this code runs in the program, never inside the serialized provider.
import * as pulumi from "@pulumi/pulumi";
import { client as providerClient, fromConfig } from "../provider/settings/config";
import * as lookups from "../provider/lookups/lookups";
import type { CloudProvider, GetInstanceTypesArgs, InstanceTypeResult, Region } from "../provider/lookups/lookups";

export { filterInstanceTypes, parseQuantity, quantityToGiB } from "../provider/lookups/lookups";
export type { CloudProvider, GetInstanceTypesArgs, InstanceTypeResult, Region } from "../provider/lookups/lookups";


/** The provider's one door for credentials, with this program's stack config first. */
function client() {
  const cfg = new pulumi.Config("clarifai");
  return providerClient("crud", fromConfig((k) => cfg.get(k)));
}

/** The cloud providers Clarifai offers. */
export function getCloudProviders(): Promise<CloudProvider[]> {
  return lookups.getCloudProviders(client());
}

/** The regions Clarifai offers for a cloud provider. */
export function getRegions(args: { cloudProvider: string }): Promise<Region[]> {
  return lookups.getRegions(client(), args);
}

/** The instance types offered in a provider's region, narrowed by the filters, in catalogue order. */
export function getInstanceTypes(args: GetInstanceTypesArgs): Promise<InstanceTypeResult[]> {
  return lookups.getInstanceTypes(client(), args);
}

/** {@link getCloudProviders} as an Output. */
export const getCloudProvidersOutput = (): pulumi.Output<CloudProvider[]> => pulumi.output(getCloudProviders());
/** {@link getRegions} as an Output. */
export const getRegionsOutput = (args: { cloudProvider: string }): pulumi.Output<Region[]> => pulumi.output(getRegions(args));
/** {@link getInstanceTypes} as an Output. */
export const getInstanceTypesOutput = (args: GetInstanceTypesArgs): pulumi.Output<InstanceTypeResult[]> => pulumi.output(getInstanceTypes(args));
