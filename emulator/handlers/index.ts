/**
 * The handler files, one line each: every RPC handler (by its name in service.proto; routes are derived
 * in protos.ts) and every kind the emulator stores (`kind` in its file). Everything that names the
 * kinds elsewhere (the store's lists, the cascade, the deleted-id windows, the routed calls, the fault
 * codes, `emu.state()`) is derived from this list.
 */
import type { Handler } from "./context";
import * as computeClusters from "./computeClusters";
import * as nodepools from "./nodepools";
import * as deployments from "./deployments";
import * as runners from "./runners";
import * as lookups from "./lookups";
import * as models from "./models";
import * as logEntries from "./logEntries";
import * as users from "./users";

const FILES = [computeClusters, nodepools, deployments, runners, lookups, models, logEntries, users] as const;

type KindFile = Extract<(typeof FILES)[number], { kind: unknown }>;

/** The kinds, in the order of FILES (a parent before what stands on it). */
export const KINDS: ReadonlyArray<KindFile["kind"]> = FILES.flatMap((f) => ("kind" in f ? [f.kind] : []));

export const HANDLERS: Record<string, Handler> = Object.assign({}, ...FILES.map((f) => f.handlers));

/** The RPCs routed: every handler's, and each kind's five calls (one without a handler answers 501 NOT_IMPLEMENTED). */
export const ROUTED: ReadonlySet<string> = new Set([
  ...Object.keys(HANDLERS),
  ...KINDS.flatMap((k) => [`Get${k.message}`, ...["List", "Post", "Patch", "Delete"].map((verb) => `${verb}${k.message}s`)]),
]);
