// Read-only checks that `check` runs against the Clarifai account, so that a preview fails on a region,
// an instance type or a nodepool that does not exist instead of the `up` failing half-way. Rules:
// - never a write call: only catalogue look-ups and GETs;
// - only for new or changed values (an unchanged preview makes no request at all; the API accepted the
//   value when it was created);
// - credentials that cannot work fail the check, once per run (the first resource to look says why,
//   the others stay quiet): missing ones, unless the user opted into offline previews
//   (clarifai:offlinePreview / CLARIFAI_OFFLINE_PREVIEW, then one warning and no checks), and ones the
//   API refuses (401, 403: not transient);
// - on a look-up that fails otherwise (network, 5xx, throttling beyond a few retries), warn and skip:
//   the API checks the values again at create;
// - catalogue answers are cached for the process (one look-up per provider/region per run), and so are
//   the account's nodepools (one list per cluster) and deployments (one list): the engine runs `check`
//   one resource at a time, so a per-resource look-up would put N round trips on the critical path.
//   A nodepool missing from the list is looked up on its own (it may have been created in this run).
import type { ApiCloudProvider, ApiComputeCluster, ApiDeployment, ApiInstanceType, ApiModelVersion, ApiNodepool } from "../../api/wire.generated";
import { ClarifaiClient, ClarifaiError } from "../client";
import { capacityTypesFromWire } from "../model/codecs";
import { capacityToTypes } from "../model/capacity";
import { MissingCredentialsError, client, settings } from "../settings/config";
import type { ResourceKind } from "../model/model.generated";
import { UNKNOWN, isUnknown } from "../model/schema";
import { CatalogueFacts, Previewed, Prior, clean, deepEqual } from "./definition";
import { resetListedReads } from "./listedReads";

type Fail = (property: string, reason: string) => void;

const warned = new Set<string>();
/** The look-ups' answers for the run, one table per look-up, by key. */
const cache = {
  modelVersions: new Map<string, Promise<ApiModelVersion | undefined>>(),
  providers: new Map<string, Promise<ApiCloudProvider[]>>(),
  regions: new Map<string, Promise<string[]>>(),
  instanceTypes: new Map<string, Promise<ApiInstanceType[]>>(),
  deployments: new Map<string, Promise<ApiDeployment[]>>(),
  nodepools: new Map<string, Promise<ApiNodepool[]>>(),
};

export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.log(`warning: ${message}`);
}

/** For tests: forget cached look-ups (refresh's listed reads too) and warnings, as a new provider process would. */
export function resetPreflight(): void {
  resetListedReads();
  warned.clear();
  for (const table of Object.values(cache)) table.clear();
  clusters.clear();
  written.clear();
  credentialsFailed = false;
}

function cached<T>(table: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const k = `${settings().apiBase}\n${key}`;
  let p = table.get(k);
  if (!p) {
    p = load();
    table.set(k, p);
    // A transient failure must not stick for the rest of the run.
    p.catch(() => table.delete(k));
  }
  return p;
}

/** A cluster's location never changes (it replaces), so one look-up per cluster and run; misses are not kept. */
const clusters = new Map<string, Promise<ApiComputeCluster | undefined>>();
export function clusterOf(c: ClarifaiClient, id: string): Promise<ApiComputeCluster | undefined> {
  const k = `${settings().apiBase}\n${id}`;
  let p = clusters.get(k);
  if (!p) {
    p = c.getComputeCluster(id);
    clusters.set(k, p);
    p.then((found) => found || clusters.delete(k), () => clusters.delete(k));
  }
  return p;
}

export const catalogue = {
  /** A model version (what one replica needs), read once per version per run; undefined: it does not exist. */
  modelVersion: (c: ClarifaiClient, m: { userId: string; appId: string; modelId: string; versionId: string }) =>
    cached(cache.modelVersions, `model\n${m.userId}/${m.appId}/${m.modelId}/${m.versionId}`, () => c.getModelVersion(m.userId, m.appId, m.modelId, m.versionId)),
  providers: (c: ClarifaiClient) => cached(cache.providers, "providers", () => c.listCloudProviders()),
  regions: (c: ClarifaiClient, provider: string) => cached(cache.regions, `regions\n${provider}`, () => c.listCloudRegions(provider)),
  instanceTypes: (c: ClarifaiClient, provider: string, region: string) =>
    cached(cache.instanceTypes, `types\n${provider}\n${region}`, () => c.listInstanceTypes(provider, region)),
};

const isNotFound = (e: unknown) => ClarifaiError.isInstance(e) && e.kind === "notFound";

/**
 * Deployments this process wrote during the run (undefined: deleted), laid over the listed ones so a
 * check later in the run sees what earlier steps did without listing again.
 */
const written = new Map<string, ApiDeployment | undefined>();

/** What the account holds, listed once per run and shared by every resource's check. */
export const account = {
  async deployments(c: ClarifaiClient): Promise<ApiDeployment[]> {
    const listed = await cached(cache.deployments, "deployments", () => c.listDeployments());
    const out = listed.filter((d) => !written.has(d.id ?? ""));
    for (const d of written.values()) if (d) out.push(d);
    return out;
  },
  /** Records a deployment this process created or updated (`d`), or deleted (`id` only). */
  wroteDeployment(id: string, d: ApiDeployment | undefined): void {
    written.set(id, d);
  },
  nodepools: (c: ClarifaiClient, clusterId: string) =>
    cached(cache.nodepools, `nodepools\n${clusterId}`, () =>
      c.listNodepools(clusterId).catch((e: unknown) => {
        if (isNotFound(e)) return []; // the cluster does not exist (yet): every pool is looked up on its own
        throw e;
      }),
    ),
};

/** New resource, or one of `keys` changed since the last deployment. */
export function changed<K extends ResourceKind>(olds: Prior<K>, news: Previewed<K>, keys: (keyof Prior<K> & keyof Previewed<K>)[]): boolean {
  if (!olds || Object.keys(olds).length === 0) return true;
  // Key order is not preserved through the engine's state (structs), so compare structurally.
  return keys.some((k) => !deepEqual(olds[k], news[k]));
}

/** Whether this run already failed a check for its credentials (said once, not once per resource). */
let credentialsFailed = false;

/**
 * Runs `body` with a read-only client. Missing or refused credentials fail the check once per run;
 * other look-up errors skip with a warning.
 */
export async function runPreflight(what: string, fail: Fail, body: (c: ClarifaiClient) => Promise<void>): Promise<void> {
  if (credentialsFailed) return;
  const s = settings();
  if (!s.pat) {
    if (s.offlinePreview) {
      warnOnce("no-credentials", "Clarifai preflight checks (catalogue, existing nodepools and deployments) skipped: offline preview, no Clarifai credentials");
      return;
    }
    credentialsFailed = true;
    fail(
      "clarifai:pat",
      `${new MissingCredentialsError(s).message}. To preview without credentials (skipping the checks against the account), set \`pulumi config set clarifai:offlinePreview true\` or CLARIFAI_OFFLINE_PREVIEW=1`,
    );
    return;
  }
  try {
    await body(client("preview"));
  } catch (e) {
    if (ClarifaiError.isInstance(e) && (e.kind === "unauthenticated" || e.kind === "permissionDenied")) {
      credentialsFailed = true;
      const setting = s.sources.pat === "stack config" ? "clarifai:pat" : s.sources.pat === "the environment" ? "CLARIFAI_PAT" : `the PAT of ${s.sources.pat}`;
      fail(
        "clarifai:pat",
        `Clarifai refused the credentials (${e.kind === "unauthenticated" ? "the PAT is not valid" : `the PAT may not act for user "${s.userId}"`}): ${e.message}. ` +
          `Fix ${setting}${e.kind === "permissionDenied" ? " or clarifai:userId" : ""}; nothing was written`,
      );
      return;
    }
    const msg = e instanceof Error ? e.message : String(e);
    console.log(`warning: ${what}: preflight check skipped, a Clarifai look-up failed (${msg}); the API checks these values again when the resource is created`);
  }
}

const list = (xs: (string | undefined)[]) => (xs.length ? xs.join(", ") : "(none)");

export async function preflightCluster(olds: Prior<"ComputeCluster">, p: Previewed<"ComputeCluster">, label: string, fail: Fail): Promise<void> {
  if (!changed(olds, p, ["cloudProvider", "region", "clusterType"])) return;
  // Local-dev clusters use the "local" provider, which the catalogue does not list. With `adopt` the
  // object may already exist: create compares it with the program and says precisely what differs,
  // and the catalogue (what can be created today) must not block taking over an older object.
  if (p.adopt === true || p.clusterType === "local-dev" || isUnknown(p.cloudProvider)) return;
  const provider = p.cloudProvider;
  await runPreflight(label, fail, async (c) => {
    // The provider list and its regions in one round trip of wall time.
    const regionsOf = catalogue.regions(c, provider);
    regionsOf.catch(() => undefined); // awaited (and its failure handled) below
    const ids = (await catalogue.providers(c)).map((x) => x.id);
    let regions: string[] | undefined;
    if (!ids.includes(provider)) {
      // ListCloudProviders leaves out some providers the API accepts (e.g. lambda): ask before failing.
      try {
        regions = await regionsOf;
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      if (!regions?.length) {
        fail("cloudProvider", `"${provider}" is not a cloud provider Clarifai offers; valid choices: ${list(ids)} (see getCloudProviders())`);
        return;
      }
    }
    if (isUnknown(p.region)) return;
    regions ??= await regionsOf;
    const region = p.region;
    if (!regions.includes(region)) {
      fail("region", `"${region}" is not a region Clarifai offers for ${provider}; valid choices: ${list(regions)} (see getRegions({ cloudProvider: "${provider}" }))`);
    }
  });
}

/** What policies and the cost summary read of an instance type (definition.ts, CatalogueFacts). */
function facts(t: ApiInstanceType): CatalogueFacts {
  const ci = t.compute_info ?? {};
  return clean({
    id: t.id ?? "",
    price: t.price,
    numAccelerators: ci.num_accelerators ?? 0,
    acceleratorType: ci.accelerator_type ?? [],
    acceleratorMemory: ci.accelerator_memory,
    cpuLimit: ci.cpu_limit,
    cpuMemory: ci.cpu_memory,
  });
}

export async function preflightNodepool(olds: Prior<"Nodepool">, p: Previewed<"Nodepool">, label: string, fail: Fail): Promise<void> {
  if (!changed(olds, p, ["computeClusterId", "instanceTypes", "capacity"])) {
    // The catalogue facts recorded when the instance types were checked still hold.
    const { __catalogue: kept } = olds;
    if (kept) p.__catalogue = kept;
    return;
  }
  // With `adopt`, see preflightCluster.
  const { instanceTypes, capacity } = p;
  if (p.adopt === true || !Array.isArray(instanceTypes)) return;
  // Unknown capacity: only the instance types themselves can be checked.
  const capacityTypes = capacity === UNKNOWN ? [] : capacityToTypes(capacity);
  // A cluster the program creates has an unknown id at preview, but the program states its cloud and
  // region (hidden inputs from the SDK, sdk/placement.ts): check against that region's catalogue.
  let planned: { cloud: string; region: string; type?: string } | undefined;
  if (isUnknown(p.computeClusterId)) {
    const { __clusterCloudProvider: cloud, __clusterRegion: region, __clusterType: type } = p;
    if (cloud === undefined || region === undefined || isUnknown(cloud) || isUnknown(region)) return;
    planned = { cloud, region, type };
  }
  await runPreflight(label, fail, async (c) => {
    let where: string;
    let offered: ApiInstanceType[];
    if (planned) {
      if (planned.type === "local-dev") return;
      const { cloud, region } = planned;
      where = `${cloud}/${region}`;
      const regions = await catalogue.regions(c, cloud).catch(() => undefined);
      // A region the cluster's own check refuses is reported there, once.
      if (!regions?.includes(region)) return;
      offered = await catalogue.instanceTypes(c, cloud, region);
      where += " (the cluster this program creates)";
    } else {
      const cluster = await clusterOf(c, p.computeClusterId);
      // A missing cluster is the API's to report at create (it may be created earlier in this run).
      if (!cluster || cluster.cluster_type === "local-dev") return;
      const [cloud, region] = [cluster.cloud_provider?.id ?? "", cluster.region ?? ""];
      where = `${cloud}/${region} (cluster "${cluster.id}")`;
      offered = await catalogue.instanceTypes(c, cloud, region);
    }
    const byId = new Map(offered.map((t) => [t.id, t]));
    const found = instanceTypes.map((id) => (isUnknown(id) ? undefined : byId.get(id)));
    if (found.every((t) => t !== undefined)) p.__catalogue = found.map((t) => facts(t!));
    const allowedOf = (t: ApiInstanceType) => capacityTypesFromWire(t.allowed_capacity_types);
    const allows = (t: ApiInstanceType) => !allowedOf(t).length || capacityTypes.every((k) => allowedOf(t).includes(k));
    instanceTypes.forEach((id, i) => {
      if (isUnknown(id)) return;
      const t = byId.get(id);
      if (!t) {
        fail(`instanceTypes[${i}]`, `"${id}" is not an instance type Clarifai offers in ${where}; valid choices: ${list(offered.map((x) => x.id))} (see getInstanceTypes())`);
      } else if (!allows(t)) {
        fail(
          `instanceTypes[${i}]`,
          `"${t.id}" is offered in ${where} only as ${allowedOf(t).join(", ")} capacity, but capacity "${capacity}" needs ${capacityTypes.join(" and ")}; ` +
            `change capacity, or pick one of: ${list(offered.filter(allows).map((x) => x.id))}`,
        );
      }
    });
  });
}
