/** ListCloudProviders, ListCloudRegions, ListInstanceTypes, served from the seed catalogue. */
import type { Obj } from "../json";
import { ApiError } from "../status";
import { PROVIDERS, WILDCARD, findProvider, instanceTypesFor } from "../catalogue";
import { clone, type Handler } from "./context";

function providerId(req: Obj): string {
  return String((req.cloud_provider as Obj | undefined)?.id ?? "");
}

const ListCloudProviders: Handler = () => ({
  cloud_providers: PROVIDERS.filter((p) => p.listed).map((p) => ({ id: p.id, name: p.name })),
});

/** `all` is accepted here too (reading of open question §12.12): every listed provider's regions, de-duplicated. */
const ListCloudRegions: Handler = (req) => {
  const id = providerId(req);
  const p = id === WILDCARD ? undefined : findProvider(id);
  if (!p && id !== WILDCARD) throw new ApiError("CONN_DOES_NOT_EXIST", `Cloud provider '${id}' not found`);
  const regions = p ? [...p.regions] : [...new Set(PROVIDERS.filter((x) => x.listed).flatMap((x) => x.regions))];
  // 12.x renders `cloud_regions` (CloudRegion {id, special_handling}) beside the deprecated `regions`.
  return { regions, cloud_regions: regions.map((r) => ({ id: r })) };
};

/** Provider and region may each be the wildcard `all` (observed: /cloud_providers/all/regions/all/instance_types). */
const ListInstanceTypes: Handler = (req) => {
  const id = providerId(req);
  const region = String(req.region ?? "");
  if (id !== WILDCARD) {
    const p = findProvider(id);
    if (!p) throw new ApiError("CONN_DOES_NOT_EXIST", `Cloud provider '${id}' not found`);
    if (region !== WILDCARD && !p.regions.includes(region))
      throw new ApiError("CONN_DOES_NOT_EXIST", `Region '${region}' not found for cloud provider '${id}'`);
  }
  return { instance_types: instanceTypesFor(id, region).map((t) => clone(t) as unknown as Obj) };
};

export const handlers: Record<string, Handler> = { ListCloudProviders, ListCloudRegions, ListInstanceTypes };
