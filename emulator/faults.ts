/**
 * Fault rules, LocalStack-chaos style: matched by RPC name, HTTP method and/or a path regex, applied to
 * the next `times` matching requests (default: unlimited) with a `probability` (default 1).
 * "latency" rules add up and the request proceeds; the first matching rule of any other kind decides
 * the outcome. "not_found" answers 404 with the RPC's *_DOES_NOT_EXIST code without handling the request
 * (eventual consistency: an object just created is not yet visible).
 */
export type FaultKind = "latency" | "throttle" | "server_error" | "drop" | "lost_response" | "not_found";

export interface FaultRule {
  rpc?: string;
  method?: string;
  path?: string;
  times?: number;
  probability?: number;
  kind: FaultKind;
  latencyMs?: number;
  retryAfterSeconds?: number;
  httpStatus?: number;
  statusCode?: number;
}

const KINDS: FaultKind[] = ["latency", "throttle", "server_error", "drop", "lost_response", "not_found"];

interface ActiveRule {
  id: string;
  rule: FaultRule;
  re?: RegExp;
  remaining: number;
}

export interface FaultDecision {
  latencyMs: number;
  fault?: FaultRule & { id: string };
}

export class FaultSet {
  private rules: ActiveRule[] = [];
  private next = 1;

  /** Validate and add a rule; returns its id. Throws Error with a message on an invalid rule. */
  add(rule: FaultRule): string {
    if (!rule || typeof rule !== "object") throw new Error("fault rule must be an object");
    if (!KINDS.includes(rule.kind)) throw new Error(`fault kind must be one of ${KINDS.join(", ")}`);
    if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) throw new Error("probability must be between 0 and 1");
    if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0)) throw new Error("times must be a non-negative integer");
    if (rule.kind === "server_error" && rule.httpStatus !== undefined && !(rule.httpStatus >= 500 && rule.httpStatus <= 599))
      throw new Error("httpStatus for server_error must be 5xx");
    let re: RegExp | undefined;
    if (rule.path !== undefined) re = new RegExp(rule.path);
    const id = `fault-${this.next++}`;
    this.rules.push({ id, rule: { ...rule }, re, remaining: rule.times ?? Infinity });
    return id;
  }

  clear(): void {
    this.rules = [];
  }

  list(): Array<FaultRule & { id: string; remaining?: number }> {
    return this.rules.map((r) => ({ ...r.rule, id: r.id, ...(Number.isFinite(r.remaining) ? { remaining: r.remaining } : {}) }));
  }

  decide(req: { rpc?: string; method: string; path: string }, random: () => number = Math.random): FaultDecision {
    const out: FaultDecision = { latencyMs: 0 };
    for (const r of this.rules) {
      if (r.remaining <= 0) continue;
      if (r.rule.rpc !== undefined && r.rule.rpc !== req.rpc) continue;
      if (r.rule.method !== undefined && r.rule.method.toUpperCase() !== req.method.toUpperCase()) continue;
      if (r.re && !r.re.test(req.path)) continue;
      if (random() >= (r.rule.probability ?? 1)) continue;
      r.remaining -= 1;
      if (r.rule.kind === "latency") {
        out.latencyMs += r.rule.latencyMs ?? 0;
        continue;
      }
      out.fault = { ...r.rule, id: r.id };
      break;
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return out;
  }
}
