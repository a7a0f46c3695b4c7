// Refresh in a constant number of round trips. The engine reads resources a few at a time (its
// --parallel, 8 on a 2-CPU machine), so one GET per resource puts N/8 round trips on refresh's path.
// Instead, the first read of a nodepool lists its cluster's nodepools (the first read of a deployment,
// the deployments on the cluster of its first nodepool as the state records it, so a large account
// costs no more than the cluster), and every read that comes while that list is young is served from
// it: concurrent reads wait for the same list, later ones reuse it (a DataLoader-like snapshot).
//
// What keeps it as safe as a GET:
// - an object the list does not hold is not taken as gone: the caller reads it with a GET (then the
//   pause and second look of lifecycle.ts `readResource`), so one created after the list, or missed while the pages
//   shifted under a concurrent change, is found, and a deleted one is confirmed before the engine drops it;
// - any write this process makes (its start or its end, client/http.ts writeCount) ends the snapshot,
//   so no read after our own write is served from a list taken before it;
// - the snapshot lives `timing().listSnapshotMs` from the moment the list was asked for: a read served
//   from it is as old as a GET made that long ago, no older;
// - a list that fails (network, 404 of a cluster that is gone) serves nothing: each read falls back to
//   its GET, with the client's retries;
// - a listed object that lacks a field the read reports (kind's `complete`) is read with a GET.
// Pagination is the client's (list* returns every page); an object listed twice is kept once.
import { writeCount, type ClarifaiClient } from "../client";
import type { ResourceKind } from "../model/model.generated";
import type { ListedReads, Prior } from "./definition";
import { timing } from "./timing";

interface Snapshot {
  /** When the list was asked for (ms since epoch). */
  at: number;
  /** writeCount() when the list was asked for. */
  writes: number;
  /** By Pulumi id; undefined when the list failed. */
  objects: Promise<Map<string, unknown> | undefined>;
}

/** Per client (one per credentials and API base), per kind and parent. */
let snapshots = new WeakMap<ClarifaiClient, Map<string, Snapshot>>();

/**
 * The object with Pulumi id `id` as a young list of its parent shows it, or undefined when the list
 * does not show it (absent, incomplete, or the list failed): the caller then reads it with a GET.
 */
export async function readListed<K extends ResourceKind, Remote>(c: ClarifaiClient, kind: K, how: ListedReads<K, Remote>, id: string, prior: Prior<K>): Promise<Remote | undefined> {
  const lifetime = timing().listSnapshotMs;
  const parent = how.parent(id, prior);
  if (!(lifetime > 0) || parent === undefined) return undefined;
  let mine = snapshots.get(c);
  if (!mine) snapshots.set(c, (mine = new Map()));
  const key = `${kind}\n${parent}`;
  let s = mine.get(key);
  const now = Date.now();
  if (!s || now - s.at >= lifetime || s.writes !== writeCount()) {
    const objects = how.list(c, parent).then(
      (xs) => new Map<string, unknown>(xs.map((x) => [how.idOf(x), x])),
      () => undefined,
    );
    s = { at: now, writes: writeCount(), objects };
    mine.set(key, s);
  }
  const found = (await s.objects)?.get(id) as Remote | undefined;
  // A write that began or ended while the list was in flight may not be in it.
  if (s.writes !== writeCount()) return undefined;
  return found !== undefined && how.complete(found) ? found : undefined;
}

/** For tests: forget every snapshot, as a new provider process would. */
export function resetListedReads(): void {
  snapshots = new WeakMap();
}
