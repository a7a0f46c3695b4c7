/**
 * In-memory state, optionally persisted to a JSON state file after every write: one list of records per
 * kind, in creation order, as each kind's handler file declares it (its `Collection`), the deleted-id
 * windows, and the model versions the control plane added. Nothing here names a kind.
 */
import * as fs from "fs";
import * as path from "path";
import type { ModelVersionSeed } from "./models";

/** What every record has: its owner and its id (kinds add their parents' ids, their object, bookkeeping). */
export interface Rec {
  user: string;
  id: string;
}

/** A record of some kind, by its key. */
export interface Ref {
  kind: Collection;
  key: string[];
}

/** How a kind's records are kept (declared by the kind's handler file). */
export interface Collection<R extends Rec = Rec> {
  /** its list's name in the state file */
  readonly stored: string;
  /** the ids that place a record, owner first (a nodepool: user, cluster, id); unique within the kind */
  key(r: R): string[];
  /** the records it stands on: deleting one of them deletes it too (the cascade) */
  needs?(r: R): Ref[];
  /**
   * How long a deleted id stays taken (a POST of it is refused as a duplicate): `option` names it in
   * `deletedIdReuseMs`, `ms` is its default; a bare number sets the windows Clarifai `documented`.
   */
  readonly deletedIds?: { readonly option: string; readonly ms: number; readonly documented?: boolean };
  /** records made by the orchestrator, not by a client: kept in step with each record of `kind` written */
  readonly follows?: Follows;
}

export interface Follows<P extends Rec = Rec> {
  readonly kind: Collection<P>;
  made(parent: P, store: Store, now: string): void;
}

/** Deleted ids older than this are forgotten (no window is meant to be that long). */
const DELETED_KEPT_MS = 3_600_000;

/** A key as one string (ids hold no NUL). */
const joined = (key: string[]): string => key.join("\u0000");

export class Store {
  private lists: Record<string, Rec[]> = {};
  /**
   * Each kind's records by key, beside the lists (which keep creation order): a look-up by key must not
   * cost a scan, or an account of 1000 deployments makes every write slower than the last.
   */
  private index: Record<string, Map<string, Rec>> = {};
  /**
   * When each id was last deleted (ms since the epoch), keyed `<option>/<key...>`: the deleted-id
   * window (settings `deletedIdReuseMs`) refuses a POST of the id until its window has passed.
   */
  deleted: Record<string, number> = {};
  /** Model versions added through the control plane (POST /_emulator/models); the seeds are in models.ts. */
  models: ModelVersionSeed[] = [];

  constructor(
    private readonly kinds: readonly Collection[],
    private readonly stateFile?: string,
  ) {
    this.reset(false);
    if (stateFile && fs.existsSync(stateFile)) {
      const raw = JSON.parse(fs.readFileSync(stateFile, "utf8")) as Record<string, unknown>;
      for (const k of kinds) this.lists[k.stored] = (raw[k.stored] as Rec[] | undefined) ?? [];
      this.reindex();
      this.deleted = (raw.deleted as Record<string, number> | undefined) ?? {};
      this.models = (raw.models as ModelVersionSeed[] | undefined) ?? [];
    }
  }

  reset(save = true): void {
    this.lists = Object.fromEntries(this.kinds.map((k) => [k.stored, []]));
    this.reindex();
    this.deleted = {};
    this.models = [];
    if (save) this.save();
  }

  save(): void {
    if (!this.stateFile) return;
    fs.mkdirSync(path.dirname(path.resolve(this.stateFile)), { recursive: true });
    const tmp = `${this.stateFile}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify({ ...this.lists, deleted: this.deleted, models: this.models }, null, 2));
    fs.renameSync(tmp, this.stateFile);
  }

  /** Every record of a kind, in creation order. */
  all<R extends Rec>(kind: Collection<R>): R[] {
    return this.lists[kind.stored] as R[];
  }

  find<R extends Rec>(kind: Collection<R>, ...key: string[]): R | undefined {
    return this.index[kind.stored].get(joined(key)) as R | undefined;
  }

  private reindex(): void {
    this.index = Object.fromEntries(this.kinds.map((k) => [k.stored, new Map(this.all(k).map((r) => [joined(k.key(r)), r]))]));
  }

  /** Adds new records (a POST): their ids are no longer held by a deletion, and their followers are made. */
  add<R extends Rec>(kind: Collection<R>, recs: R[], now: () => string): void {
    for (const r of recs) if (kind.deletedIds) delete this.deleted[this.deletedKey(kind, kind.key(r))];
    this.all(kind).push(...recs);
    for (const r of recs) this.index[kind.stored].set(joined(kind.key(r)), r);
    this.written(kind, recs, now);
  }

  /** Records were written (added or patched): the kinds that follow theirs are kept in step. */
  written<R extends Rec>(kind: Collection<R>, recs: R[], now: () => string): void {
    for (const f of this.kinds) if (f.follows?.kind === kind) for (const r of recs) f.follows.made(r, this, now());
  }

  /** The records that stand on this one (see `needs`). */
  dependents<R extends Rec>(kind: Collection<R>, rec: R): Rec[] {
    const key = joined(kind.key(rec));
    return this.kinds.flatMap((k) => this.all(k).filter((r) => (k.needs?.(r) ?? []).some((n) => n.kind === kind && joined(n.key) === key)));
  }

  /** Deletes records with everything that stands on them; the deleted ids of windowed kinds are held. */
  remove<R extends Rec>(kind: Collection<R>, recs: R[]): void {
    if (recs.length === 0) return;
    const doomed = new Set<Rec>(recs);
    const onDoomed = (k: Collection, r: Rec): boolean =>
      (k.needs?.(r) ?? []).some((n) => {
        const under = this.find(n.kind, ...n.key);
        return under !== undefined && doomed.has(under);
      });
    for (let grew = true; grew; ) {
      grew = false;
      for (const k of this.kinds)
        for (const r of this.all(k))
          if (!doomed.has(r) && onDoomed(k, r)) {
            doomed.add(r);
            grew = true;
          }
    }
    const held = this.kinds.flatMap((k) => (k.deletedIds ? this.all(k).filter((r) => doomed.has(r)).map((r) => this.deletedKey(k, k.key(r))) : []));
    if (held.length) this.noteDeleted(held);
    for (const k of this.kinds) {
      const kept: Rec[] = [];
      for (const r of this.all(k)) {
        if (doomed.has(r)) this.index[k.stored].delete(joined(k.key(r)));
        else kept.push(r);
      }
      this.lists[k.stored] = kept;
    }
  }

  /** When the id was deleted (undefined: not deleted within the last hour, or re-created since). */
  deletedAt(kind: Collection, key: string[]): number | undefined {
    return this.deleted[this.deletedKey(kind, key)];
  }

  private deletedKey(kind: Collection, key: string[]): string {
    return [kind.deletedIds?.option ?? kind.stored, ...key].join("/");
  }

  private noteDeleted(keys: string[]): void {
    const now = Date.now();
    for (const [k, at] of Object.entries(this.deleted)) if (now - at > DELETED_KEPT_MS) delete this.deleted[k];
    for (const k of keys) this.deleted[k] = now;
  }
}
