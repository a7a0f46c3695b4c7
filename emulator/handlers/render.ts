/**
 * What rendering shares across kinds (each kind renders its own records: `render` in its handler
 * file): fields of a newer definition are filled only where the loaded definition has them, and the
 * readiness model's one rule (ready after a time and a number of reads, unless failed with a reason).
 */
import { loadProtos } from "../protos";
import type { HandlerContext } from "./context";

/** Where an object stands in the readiness model (its nodes, its replicas). */
export interface Readiness {
  state: "pending" | "ready" | "failed";
  reason?: string;
}

/** Whether the loaded definition has the field (12.x added the readiness fields: they are filled only where present). */
export function hasField(typeName: string, field: string): boolean {
  return Boolean(loadProtos().type(typeName).fields[field]);
}

/** Ready once `afterMs` has passed since `sinceMs` and `reads` reads were counted (the readiness controls; unset: at once). */
export function settled(ctx: HandlerContext, sinceMs: number, reads: number, afterMs = 0, afterReads = 0): boolean {
  return ctx.nowMs() - sinceMs >= afterMs && reads >= afterReads;
}
