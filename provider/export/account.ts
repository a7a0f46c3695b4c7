// Reads what `export` writes a program for: compute clusters, their nodepools, and the deployments
// running on them. List and GET calls only: an export never writes to the account.
import type { ApiComputeCluster, ApiDeployment, ApiNodepool } from "../../api/wire.generated";
import type { ClarifaiClient } from "../client";
import { deploymentPools } from "../model/messages";

/** The objects of one account (or of the chosen clusters), as the client reads them. */
export interface Account {
  /** The user id the paths used ("me" unless set). */
  userId: string;
  /** The owner as Clarifai reports it on the objects, when it does: names "me". */
  ownerId?: string;
  clusters: ApiComputeCluster[];
  /** Each with its cluster (`compute_cluster.id`). */
  nodepools: ApiNodepool[];
  deployments: ApiDeployment[];
  /** Deployments left out because none of their nodepools is in a chosen cluster. */
  skippedDeployments: number;
}

/** A chosen cluster that the account does not have: the message lists the ones it has. */
export class UnknownClusterError extends Error {
  constructor(missing: string[], userId: string, have: string[]) {
    super(
      `${missing.length === 1 ? `compute cluster "${missing[0]}" is` : `compute clusters ${missing.map((m) => `"${m}"`).join(", ")} are`} ` +
        `not in the account of user "${userId}"; its compute clusters: ${have.length ? have.join(", ") : "none"}`,
    );
    this.name = "UnknownClusterError";
  }
}

const byId = <T extends { id?: string }>(a: T, b: T) => ((a.id ?? "") < (b.id ?? "") ? -1 : (a.id ?? "") > (b.id ?? "") ? 1 : 0);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Lists the account's clusters (all, or the chosen ones), each cluster's nodepools and the
 * deployments that run on at least one of those nodepools. Results are sorted by id, so that two
 * exports of the same account write the same program. `progress` receives one line per kind.
 */
export async function readAccount(
  c: ClarifaiClient,
  opts: { clusterIds?: string[]; progress?: (line: string) => void } = {},
): Promise<Account> {
  const progress = opts.progress ?? (() => undefined);
  const all = (await c.listComputeClusters()).sort(byId);
  let clusters = all;
  if (opts.clusterIds && opts.clusterIds.length > 0) {
    const wanted = [...new Set(opts.clusterIds)];
    const missing = wanted.filter((id) => !all.some((k) => k.id === id));
    if (missing.length) throw new UnknownClusterError(missing, c.userId, all.map((k) => k.id ?? ""));
    clusters = all.filter((k) => wanted.includes(k.id ?? ""));
    progress(`compute clusters: ${clusters.length} (chosen; ${all.length} in the account)`);
  } else progress(`compute clusters: ${clusters.length}`);

  const perCluster = await Promise.all(clusters.map((k) => c.listNodepools(k.id ?? "")));
  const nodepools = perCluster.flatMap((pools) => [...pools].sort(byId));
  const split = clusters.length > 1 ? ` (${clusters.map((k, i) => `${k.id}: ${perCluster[i].length}`).join(", ")})` : "";
  progress(`nodepools: ${nodepools.length}${split}`);

  const chosen = new Set(clusters.map((k) => k.id));
  const listed = (await c.listDeployments()).sort(byId);
  const deployments = listed.filter((d) => deploymentPools(d).some((n) => chosen.has(n.computeClusterId)));
  const skipped = listed.length - deployments.length;
  progress(`deployments: ${deployments.length}${skipped ? ` (${plural(skipped, "other")} run on no chosen cluster)` : ""}`);

  const ownerId = [...clusters, ...deployments].map((o) => o.user_id).find((u): u is string => typeof u === "string" && u !== "");
  return { userId: c.userId, ownerId, clusters, nodepools, deployments, skippedDeployments: skipped };
}
