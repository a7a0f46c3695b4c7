// Reads what `export` writes a program for: the compute clusters (all, or the chosen ones), and every
// kind's objects on them, each kind listed as its definition says (`exported.list`). List and GET
// calls only: an export never writes to the account.
import type { ClarifaiClient } from "../client";
import type { ResourceKind, WireOf } from "../model/model.generated";
import { definitions, kinds } from "../resources/registry";

/** "ComputeCluster" → "Cluster": the last word of a kind's name. */
type LastWord<S extends string, W extends string = ""> = S extends `${infer C}${infer R}` ? (C extends Lowercase<C> ? LastWord<R, `${W}${C}`> : LastWord<R, C>) : W;

/** Where an Account holds a kind's objects: the last word of its name in the plural (`clusters`, `nodepools`). */
export type Collection<K extends ResourceKind> = `${Lowercase<LastWord<K>>}s`;
export const collection = (kind: ResourceKind): string => `${(/[A-Z][^A-Z]*$/.exec(kind)?.[0] ?? kind).toLowerCase()}s`;

/** The objects of one account (or of the chosen clusters), as the client reads them: each kind's in its collection, sorted by id. */
export type Account = {
  /** The user id the paths used ("me" unless set). */
  userId: string;
  /** The owner as Clarifai reports it on the objects, when it does: names "me". */
  ownerId?: string;
  /** Objects listed across the account (deployments) left out because none of the clusters they run on is chosen. */
  skippedDeployments: number;
} & { [K in ResourceKind as Collection<K>]: WireOf[K][] };

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
 * Lists the account's clusters (all, or the chosen ones), then each other kind on them: per cluster, or
 * across the account keeping what runs on a chosen cluster. Results are sorted by id, so that two
 * exports of the same account write the same program. `progress` receives one line per kind.
 */
export async function readAccount(
  c: ClarifaiClient,
  opts: { clusterIds?: string[]; progress?: (line: string) => void } = {},
): Promise<Account> {
  const progress = opts.progress ?? (() => undefined);
  const found = new Map<ResourceKind, { id?: string; user_id?: string }[]>();
  let clusters: { id?: string }[] = [];
  let skipped = 0;
  // The scope comes first: the other kinds are listed on the clusters it chose.
  const isScope = (k: ResourceKind) => "scope" in definitions[k].exported.list;
  for (const kind of [...kinds.filter(isScope), ...kinds.filter((k) => !isScope(k))]) {
    const list = definitions[kind].exported.list;
    const what = `${definitions[kind].noun}s`;
    if ("scope" in list) {
      const all = (await list.scope(c)).sort(byId);
      clusters = all;
      if (opts.clusterIds && opts.clusterIds.length > 0) {
        const wanted = [...new Set(opts.clusterIds)];
        const missing = wanted.filter((id) => !all.some((k) => k.id === id));
        if (missing.length) throw new UnknownClusterError(missing, c.userId, all.map((k) => k.id ?? ""));
        clusters = all.filter((k) => wanted.includes(k.id ?? ""));
        progress(`${what}: ${clusters.length} (chosen; ${all.length} in the account)`);
      } else progress(`${what}: ${clusters.length}`);
      found.set(kind, clusters);
    } else if ("perCluster" in list) {
      const perCluster = await Promise.all(clusters.map((k) => list.perCluster(c, k.id ?? "")));
      const objects = perCluster.flatMap((xs) => [...xs].sort(byId));
      const split = clusters.length > 1 ? ` (${clusters.map((k, i) => `${k.id}: ${perCluster[i].length}`).join(", ")})` : "";
      progress(`${what}: ${objects.length}${split}`);
      found.set(kind, objects);
    } else {
      const chosen = new Set(clusters.map((k) => k.id));
      const listed = (await list.inAccount(c)).sort(byId);
      const objects = listed.filter((o) => list.clustersOf(o).some((id) => chosen.has(id)));
      const left = listed.length - objects.length;
      skipped += left;
      progress(`${what}: ${objects.length}${left ? ` (${plural(left, "other")} run on no chosen cluster)` : ""}`);
      found.set(kind, objects);
    }
  }

  const ownerId = kinds
    .flatMap((k) => found.get(k) ?? [])
    .map((o) => o.user_id)
    .find((u): u is string => typeof u === "string" && u !== "");
  const collections = Object.fromEntries(kinds.map((k) => [collection(k), found.get(k) ?? []]));
  return { userId: c.userId, ownerId, ...collections, skippedDeployments: skipped } as Account;
}
