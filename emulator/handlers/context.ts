/**
 * What handlers share: the context they run in, id/user/pagination helpers and the PATCH action reader.
 * Handlers take a decoded request (plain snake_case object) and return the response body without
 * `status`; they never touch HTTP. Errors are thrown as ApiError.
 */
import type { Obj } from "../json";
import { formatTimestamp } from "../json";
import { ApiError } from "../status";
import type { Collection, Rec, Store } from "../store";

/** Why a stalled deployment does not become ready (its runners' events say so: events.ts). */
export type Stall = "insufficientCapacity" | "imagePullFailure" | "outOfMemory" | "crashLoop" | "preemption";

export interface ReadinessSettings {
  deploymentReadyAfterMs?: number;
  deploymentReadyAfterReads?: number;
  nodepoolReadyAfterMs?: number;
  nodepoolReadyAfterReads?: number;
  failDeployments?: Record<string, string>;
  /** nodepool id -> terminal failure reason (emulator extension) */
  failNodepools?: Record<string, string>;
  /**
   * deployment id -> why its replicas never start (emulator extension): it stays pending, and its
   * runners' events (ListLogEntries "runner.events", handlers/events.ts) say why.
   */
  stallDeployments?: Record<string, Stall>;
}

export interface HandlerContext {
  /** the account's user id ("me" resolves to it) */
  userId: string;
  tokens: string[];
  store: Store;
  readiness: ReadinessSettings;
  /** each windowed kind's deleted-id window (its `deletedIds.option` -> ms) */
  deletedIdReuseMs: Record<string, number>;
  /** set by write handlers so the server persists the state file */
  wrote: boolean;
  nowMs(): number;
  nowIso(): string;
}

export type Handler = (req: Obj, ctx: HandlerContext) => Obj;

/**
 * A kind the emulator stores, all in its handler file (handlers/<kind>.ts): how its records are kept
 * (`Collection`), its API message and how a record renders as one. Registered in handlers/index.ts.
 */
export interface Kind<R extends Rec = Rec> extends Collection<R> {
  /** its API message (proto name): its calls are Get<M>, List<M>s, Post<M>s, Patch<M>s and Delete<M>s */
  readonly message: string;
  /** its list's field in List responses, and its key in `emu.state()` */
  readonly list: string;
  /** its status codes' prefix: a `not_found` fault on its calls answers `<codes>_DOES_NOT_EXIST` (else 11101) */
  readonly codes?: string;
  /** the stored record as the API message (a plain object; json.encodeMessage renders it on the wire) */
  render(r: R, ctx: HandlerContext): Obj;
}

let lastMicros = 0n;
/** Current time with microseconds, strictly increasing so creation order is visible in timestamps. */
export function nowMicros(): bigint {
  const ms = BigInt(Date.now());
  let us = ms * 1000n + BigInt(Math.floor((performance.now() % 1) * 1000));
  if (us <= lastMicros) us = lastMicros + 1n;
  lastMicros = us;
  return us;
}

export function nowIso(): string {
  return formatTimestamp(nowMicros());
}

/** Strict reading of the id grammar (reference §8): letters/digits first, then letters, digits, `_` or `-`; 1..48 chars. */
export const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const ID_MAX = 48;

/**
 * Whether a POST may take the key: it must not be held by a deletion still in its window. The refusal
 * is the duplicate-id one (see emulator/README.md, "deleted-id window"). Call only for a key not stored.
 */
export function refuseHeldId(ctx: HandlerContext, kind: Collection, key: string[], message: string, errCode: string): void {
  const at = ctx.store.deletedAt(kind, key);
  const windowMs = kind.deletedIds ? ctx.deletedIdReuseMs[kind.deletedIds.option] : 0;
  if (at !== undefined && ctx.nowMs() - at < windowMs) throw new ApiError(errCode, message);
}

export function checkId(id: unknown, what: string, errCode: string): string {
  if (typeof id !== "string" || id === "") throw new ApiError(errCode, `${what} id is required`);
  if (id.length > ID_MAX) throw new ApiError(errCode, `${what} id '${id}' is too long (max ${ID_MAX} characters)`);
  if (!ID_RE.test(id))
    throw new ApiError(
      errCode,
      `${what} id '${id}' is invalid: use letters, digits, '_' and '-' only, starting with a letter or digit`,
    );
  return id;
}

/** Resolve the path/body user id: empty (user-less routes), "me" or the account's id; anything else is refused. */
export function owner(req: Obj, ctx: HandlerContext): string {
  const uid = String((req.user_app_id as Obj | undefined)?.user_id ?? "");
  if (uid === "" || uid === "me" || uid === ctx.userId) return ctx.userId;
  throw new ApiError("CONN_INSUFFICIENT_SCOPES", `The API key does not have access to user '${uid}'`);
}

export function sameUser(uid: unknown, ctx: HandlerContext): boolean {
  return uid === undefined || uid === "" || uid === "me" || uid === ctx.userId;
}

export const DEFAULT_PER_PAGE = 128;

/** page is 1-based (0 means 1), per_page 0 means 128. */
export function paginate<T>(items: T[], req: Obj): T[] {
  const page = Math.max(1, Number(req.page ?? 0) || 1);
  const perPage = Number(req.per_page ?? 0) || DEFAULT_PER_PAGE;
  return items.slice((page - 1) * perPage, page * perPage);
}

export type PatchAction = "overwrite" | "merge" | "remove";

export function readAction(req: Obj, allowed: PatchAction[], errCode: string): PatchAction {
  const action = String(req.action ?? "");
  if ((allowed as string[]).includes(action)) return action as PatchAction;
  throw new ApiError(errCode, `Invalid action: Unrecognized action '${action}'`);
}

export function requireList(v: unknown, errCode: string, what: string): Obj[] {
  if (!Array.isArray(v) || v.length === 0) throw new ApiError(errCode, `Must supply a list of '${what}'. Check your request fields.`);
  return v as Obj[];
}

/**
 * A DELETE of the request's `ids` under `scope` (the owner; a nodepool's cluster): all must exist, or
 * nothing is deleted (404 `<codes>_DOES_NOT_EXIST`, `notFound` naming the missing ones); what stands on
 * them goes with them (the store's cascade).
 */
export function deleteIds<R extends Rec>(req: Obj, ctx: HandlerContext, kind: Kind<R>, scope: string[], notFound: (missing: string) => string): Obj {
  const ids = req.ids;
  if (!Array.isArray(ids) || ids.length === 0)
    throw new ApiError(`${kind.codes}_INVALID_REQUEST`, "Must supply a list of 'ids' to delete. Check your request fields.");
  const found = (ids as string[]).map((id) => ({ id, rec: ctx.store.find(kind, ...scope, id) }));
  const missing = found.filter((f) => !f.rec).map((f) => `'${f.id}'`);
  if (missing.length) throw new ApiError(`${kind.codes}_DOES_NOT_EXIST`, notFound(missing.join(", ")));
  ctx.store.remove(kind, found.flatMap((f) => (f.rec ? [f.rec] : [])));
  ctx.wrote = true;
  return {};
}

/** Visibility is required to be a known value; PRIVATE when omitted (the docs' nodepool config omits it and reads back PRIVATE). */
export function checkVisibility(v: unknown, errCode: string): Obj {
  if (v === undefined) return { gettable: 10 };
  const g = (v as Obj).gettable;
  if (g === undefined || g === 0) return { gettable: 10 };
  if (![10, 30, 50].includes(Number(g))) throw new ApiError(errCode, `Invalid visibility.gettable value ${String(g)}`);
  return { gettable: g };
}

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
