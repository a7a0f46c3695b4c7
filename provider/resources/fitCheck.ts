// A deployment's fit at preview: can each of its nodepools hold one replica of the model version?
// The model version's needs are read once per version per run (preflight.ts, catalogue.modelVersion),
// in the same round trip as the deployment's other look-ups; the nodepools' instance types come from
// the account's nodepool lists (already fetched for the existence check) or, for nodepools this
// program creates, from the catalogue of their planned region (already fetched by the nodepool's own
// check). Readings of the unsettled fields: provider/model/fit.ts and docs/fit-cost-policy.md.
import type { ApiComputeCluster, ApiInstanceType } from "../../api/wire.generated";
import type { ClarifaiClient } from "../client";
import type { ModelRef } from "../model/model.generated";
import { parseNodepoolKey } from "../model/ids";
import { Needs, bestInstance, describeInstance, readNeeds, shortfalls } from "../model/fit";
import { UNKNOWN, isUnknown } from "../model/schema";
import type { PoolPlan, Previewed } from "./definition";
import { account, catalogue, clusterOf, warnOnce } from "./preflight";
import { allDefined, messageOf } from "../model/unknowns";

type Fail = (property: string, reason: string) => void;

/** The pinned model version a deployment serves, when every part of it is known at preview. */
export function pinnedModel(p: Previewed<"Deployment">): Required<ModelRef> | undefined {
  const m = p.model;
  if (!m || m === UNKNOWN || isUnknown(m)) return undefined;
  const { userId, appId, modelId, versionId } = m;
  if ([userId, appId, modelId, versionId].some((x) => typeof x !== "string" || isUnknown(x))) return undefined;
  return { userId, appId, modelId, versionId: versionId! };
}

const versionLabel = (m: Required<ModelRef>) => `${m.userId}/${m.appId}/${m.modelId} version ${m.versionId}`;

/** What one replica needs; undefined (with a warning) when the version is missing or its needs unreadable. */
export async function needsOf(c: ClarifaiClient, m: Required<ModelRef>): Promise<Needs | undefined> {
  let version;
  try {
    version = await catalogue.modelVersion(c, m);
  } catch (e) {
    warnOnce(`fit-lookup\n${versionLabel(m)}`, `fit of model ${versionLabel(m)} not checked: GetModelVersion failed (${messageOf(e)})`);
    return undefined;
  }
  if (!version) {
    warnOnce(`fit-missing\n${versionLabel(m)}`, `fit of model ${versionLabel(m)} not checked: Clarifai has no such model version (or this PAT cannot read it)`);
    return undefined;
  }
  const needs = readNeeds(version.inference_compute_info);
  if (needs?.unreadable.length) {
    warnOnce(
      `fit-unreadable\n${versionLabel(m)}`,
      `model ${versionLabel(m)}: ${needs.unreadable.join(", ")} is not a Kubernetes quantity (e.g. 14Gi, 23028Mi, 24G, 7525m); that need is not checked`,
    );
  }
  return needs;
}

const locationOf = (cluster: ApiComputeCluster) => ({ cloud: cluster.cloud_provider?.id ?? "", region: cluster.region ?? "" });

/** A nodepool of the deployment and the instance types it may start, when they can be known. */
interface PoolTypes {
  index: number;
  label: string;
  types?: ApiInstanceType[];
}

async function plannedTypes(c: ClarifaiClient, plan: PoolPlan): Promise<ApiInstanceType[] | undefined> {
  if (!plan.instanceTypes?.length || plan.instanceTypes.some(isUnknown)) return undefined;
  let where: { cloud: string; region: string } | undefined;
  if (plan.cloudProvider && plan.region && !isUnknown(plan.cloudProvider) && !isUnknown(plan.region)) where = { cloud: plan.cloudProvider, region: plan.region };
  else if (plan.computeClusterId && !isUnknown(plan.computeClusterId)) {
    const cluster = await clusterOf(c, plan.computeClusterId);
    if (cluster) where = locationOf(cluster);
  }
  if (!where) return undefined;
  const offered = await catalogue.instanceTypes(c, where.cloud, where.region).catch(() => undefined);
  return allDefined(plan.instanceTypes.map((id) => offered?.find((t) => t.id === id)));
}

async function existingTypes(c: ClarifaiClient, key: string): Promise<ApiInstanceType[] | undefined> {
  const { computeClusterId, nodepoolId } = parseNodepoolKey(key);
  const pool = (await account.nodepools(c, computeClusterId)).find((n) => n.id === nodepoolId) ?? (await c.getNodepool(computeClusterId, nodepoolId));
  if (!pool) return undefined;
  const poolTypes = pool.instance_types ?? [];
  if (poolTypes.every((t) => t.compute_info)) return poolTypes;
  // A listing without compute info: the catalogue of the cluster's region says what the types offer.
  const cluster = await clusterOf(c, computeClusterId);
  if (!cluster) return undefined;
  const { cloud, region } = locationOf(cluster);
  const offered = await catalogue.instanceTypes(c, cloud, region);
  return allDefined(poolTypes.map((t) => offered.find((o) => o.id === t.id)));
}

/**
 * Refuses the deployment when no nodepool can hold one replica, warns when some cannot; nodepools
 * whose instance types cannot be known at preview count as able (nothing is refused on a guess).
 */
export async function checkFit(c: ClarifaiClient, label: string, p: Previewed<"Deployment">, m: Required<ModelRef>, needs: Needs, fail: Fail): Promise<void> {
  if (!Array.isArray(p.nodepools)) return;
  const plans = Array.isArray(p.__poolPlans) ? p.__poolPlans : [];
  const pools: PoolTypes[] = await Promise.all(
    p.nodepools.map(async (id, index): Promise<PoolTypes> => {
      if (!isUnknown(id)) return { index, label: `"${id}"`, types: await existingTypes(c, id).catch(() => undefined) };
      const plan = plans.find((x) => x.index === index);
      return { index, label: plan ? `"${plan.name}" (created by this program)` : `nodepools[${index}]`, types: plan ? await plannedTypes(c, plan) : undefined };
    }),
  );
  const verdicts = pools.map((pool): { pool: PoolTypes; fits: boolean; text: string } => {
    if (!pool.types?.length) return { pool, fits: true, text: "" };
    const fits = pool.types.some((t) => shortfalls(needs, t).short.length === 0);
    const best = bestInstance(needs, pool.types)!;
    return { pool, fits, text: `nodepool ${pool.label}: best instance ${describeInstance(best)} falls short (${shortfalls(needs, best).short.join("; ")})` };
  });
  const short = verdicts.filter((v) => !v.fits);
  if (!short.length) {
    p.__fit = { fits: "all" };
    return;
  }
  const what = `model ${versionLabel(m)} needs, per replica, ${needs.text}`;
  p.__fit = { fits: short.length === verdicts.length ? "none" : "some", detail: `${what}; ${short.map((v) => v.text).join("; ")}` };
  if (short.length === verdicts.length) {
    fail(
      "nodepools",
      `no nodepool can hold one replica: ${what}; ${short.map((v) => v.text).join("; ")}. ` +
        `Pick instance types that hold it (getInstanceTypes({ cloudProvider, region, minAccelerators, minAcceleratorMemoryGiB })) or a smaller model version; nothing was written`,
    );
    return;
  }
  console.log(`warning: ${label}: ${what}; ${short.map((v) => v.text).join("; ")}. Its replicas can run only on the other nodepools`);
}
