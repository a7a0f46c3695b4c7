/**
 * The deleted-id windows: how long a deleted id stays taken, for each kind that declares one
 * (`deletedIds` in its handler file). Clarifai documents the deployments' only (wait at least 5 s after
 * DeleteDeployments before posting the same id again, reference §10.2, §10.3), so a bare number sets
 * the documented windows and an object sets any.
 */
import { KINDS } from "./handlers";

type Windowed = Extract<(typeof KINDS)[number], { deletedIds: unknown }>;

/** The kinds whose deleted ids are held, by their `deletedIdReuseMs` names. */
export type DeletedKind = Windowed["deletedIds"]["option"];

/** How long a deleted id stays taken, per kind (ms; 0: free at once); each kind's default is in its handler file. */
export type DeletedIdReuse = { [K in DeletedKind]?: number };

const WINDOWS = KINDS.flatMap((k) => ("deletedIds" in k ? [k.deletedIds] : []));

export const DELETED_KINDS: readonly DeletedKind[] = WINDOWS.map((w) => w.option);

const DEFAULTS = Object.fromEntries(WINDOWS.map((w) => [w.option, w.ms])) as Required<DeletedIdReuse>;

/** The windows `v` sets over `base` (the kinds' defaults unless given); throws on a bad kind or value. */
export function deletedIdReuse(v: number | DeletedIdReuse | undefined, base: Required<DeletedIdReuse> = DEFAULTS): Required<DeletedIdReuse> {
  const given: Record<string, unknown> = typeof v === "number" ? Object.fromEntries(WINDOWS.filter((w) => "documented" in w).map((w) => [w.option, v])) : (v ?? {});
  const out = { ...base };
  for (const k of DELETED_KINDS) {
    const ms = given[k];
    if (ms === undefined) continue;
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) throw new Error(`deletedIdReuseMs.${k} must be a number of milliseconds ≥ 0; got ${JSON.stringify(ms)}`);
    out[k] = ms;
  }
  for (const k of Object.keys(given)) if (!(k in out)) throw new Error(`deletedIdReuseMs: unknown kind '${k}' (allowed: ${DELETED_KINDS.join(", ")})`);
  return out;
}
