// Whether one replica of a model version fits on an instance type: the model version's
// `inference_compute_info` (GetModelVersion) against the instance type's `compute_info` (catalogue).
// Pure functions; the readings of the fields Clarifai leaves unsettled are chosen strictly and
// written down in docs/fit-cost-policy.md:
// - quantities are Kubernetes quantities and nothing else: memory `23028Mi`, `14Gi`, `127.816Gi`, `24G`
//   (decimal: 24×10⁹ bytes, not 24 GiB), `24e9`; CPU `3`, `7525m`, `4.5`. A value outside that grammar
//   (`24GiB`, `24gb`, `24 GB`) is not guessed: that need goes unchecked and the check says so;
// - `accelerator_memory` is per accelerator, on both sides (the catalogue's `23028Mi` is one A10G's; the
//   official SDK copies an instance's per-GPU figure into a model's config);
// - a model's CPU and memory need is its request when set (`cpu_requests`, `cpu_memory_requests`), else
//   its limit, as Kubernetes schedules; the instance's `cpu_limit`/`cpu_memory` is what a node offers;
// - accelerator types compare exactly (case-sensitive), `*` matching any run of characters (the SDK's
//   `NVIDIA-*`); an empty list accepts any accelerator; no `num_accelerators` means none needed.
// A fit is refused only when a need that was read exceeds what was read of the offer: an unreadable
// value on either side never refuses.
import type { ApiComputeInfo, ApiInstanceType } from "../../api/wire.generated";
import { parseQuantity } from "./quantity";

/** What one replica needs, read from a model version's compute info. */
export interface Needs {
  cpu?: number;
  memory?: number;
  accelerators: number;
  acceleratorMemory?: number;
  acceleratorTypes: string[];
  /** The stated quantities behind cpu, memory and acceleratorMemory, for messages. */
  stated: { cpu?: string; memory?: string; acceleratorMemory?: string };
  /** Fields whose value is outside the accepted grammar (so unchecked), as `field "value"`. */
  unreadable: string[];
  /** The needs as the API states them, for messages. */
  text: string;
}

/** Memory in bytes: a Kubernetes quantity without the milli suffix; undefined otherwise. */
export function memoryBytes(q: string | undefined): number | undefined {
  if (q === undefined || /m$/.test(q.trim())) return undefined;
  const v = parseQuantity(q);
  return v !== undefined && v >= 0 ? v : undefined;
}

/** CPU in cores: a plain number or millicores (`7525m`); undefined otherwise. */
export function cpuCores(q: string | undefined): number | undefined {
  if (q === undefined || !/^\s*[+]?(\d+\.?\d*|\.\d+)(m)?\s*$/.test(q)) return undefined;
  const v = parseQuantity(q);
  return v !== undefined && v >= 0 ? v : undefined;
}

/** Whether accelerator type `name` is accepted by `pattern` (exact, `*` = any run of characters). */
export function acceleratorMatches(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return re.test(name);
}

/** The needs stated by a model version; undefined when the API reports none (no check). */
export function readNeeds(ci: ApiComputeInfo | undefined): Needs | undefined {
  if (!ci) return undefined;
  const stated = ci.cpu_limit || ci.cpu_requests || ci.cpu_memory || ci.cpu_memory_requests || ci.num_accelerators || ci.accelerator_memory;
  if (!stated) return undefined;
  const unreadable: string[] = [];
  const read = (field: string, v: string | undefined, parse: (q: string | undefined) => number | undefined) => {
    if (v === undefined || v === "") return undefined;
    const n = parse(v);
    if (n === undefined) unreadable.push(`${field} "${v}"`);
    return n;
  };
  const accelerators = ci.num_accelerators ?? 0;
  const cpuField = ci.cpu_requests ? "cpu_requests" : "cpu_limit";
  const memField = ci.cpu_memory_requests ? "cpu_memory_requests" : "cpu_memory";
  const needs: Needs = {
    cpu: read(cpuField, ci.cpu_requests || ci.cpu_limit, cpuCores),
    memory: read(memField, ci.cpu_memory_requests || ci.cpu_memory, memoryBytes),
    accelerators,
    acceleratorMemory: accelerators > 0 ? read("accelerator_memory", ci.accelerator_memory, memoryBytes) : undefined,
    acceleratorTypes: accelerators > 0 ? (ci.accelerator_type ?? []) : [],
    stated: { cpu: ci.cpu_requests || ci.cpu_limit, memory: ci.cpu_memory_requests || ci.cpu_memory, acceleratorMemory: ci.accelerator_memory },
    unreadable,
    text: "",
  };
  const parts: string[] = [];
  if (accelerators > 0) {
    const types = needs.acceleratorTypes.length ? ` of ${needs.acceleratorTypes.join(" | ")}` : "";
    parts.push(`${accelerators} accelerator(s)${types}${ci.accelerator_memory ? ` with ${ci.accelerator_memory} each` : ""}`);
  }
  if (ci.cpu_requests || ci.cpu_limit) parts.push(`cpu ${ci.cpu_requests || ci.cpu_limit}`);
  if (ci.cpu_memory_requests || ci.cpu_memory) parts.push(`memory ${ci.cpu_memory_requests || ci.cpu_memory}`);
  needs.text = parts.join(", ");
  return needs;
}

/** An instance type as messages show it: `g5.xlarge (1× NVIDIA-A10G 23028Mi, cpu 3525m, memory 13774Mi)`. */
export function describeInstance(t: ApiInstanceType): string {
  const ci = t.compute_info ?? {};
  const acc = ci.num_accelerators ? `${ci.num_accelerators}× ${(ci.accelerator_type ?? ["accelerator"]).join("/")}${ci.accelerator_memory ? ` ${ci.accelerator_memory}` : ""}, ` : "no accelerator, ";
  return `${t.id ?? ""} (${acc}cpu ${ci.cpu_limit ?? "?"}, memory ${ci.cpu_memory ?? "?"})`;
}

/** Why `t` cannot hold one replica (`[]`: it can), and what could not be compared. */
export function shortfalls(needs: Needs, t: ApiInstanceType): { short: string[]; unchecked: string[] } {
  const ci = t.compute_info ?? {};
  const short: string[] = [];
  const unchecked: string[] = [];
  const compare = (what: string, need: number | undefined, needText: string | undefined, offerText: string | undefined, offer: number | undefined) => {
    if (need === undefined) return;
    if (offer === undefined) {
      unchecked.push(`${what}: the instance's ${offerText === undefined ? "value is missing" : `"${offerText}" is not a quantity`}`);
      return;
    }
    if (offer < need) short.push(`${what} ${offerText} < ${needText}`);
  };
  if (needs.accelerators > 0) {
    const n = ci.num_accelerators ?? 0;
    if (n < needs.accelerators) short.push(`accelerators ${n} < ${needs.accelerators}`);
    const types = ci.accelerator_type ?? [];
    if (n > 0 && needs.acceleratorTypes.length && !types.some((a) => needs.acceleratorTypes.some((p) => acceleratorMatches(p, a)))) {
      short.push(`accelerator ${types.join("/") || "(unnamed)"} is not one of ${needs.acceleratorTypes.join(" | ")}`);
    }
    if (n > 0) compare("accelerator memory", needs.acceleratorMemory, needs.stated.acceleratorMemory, ci.accelerator_memory, memoryBytes(ci.accelerator_memory));
  }
  compare("cpu", needs.cpu, needs.stated.cpu, ci.cpu_limit, cpuCores(ci.cpu_limit));
  compare("memory", needs.memory, needs.stated.memory, ci.cpu_memory, memoryBytes(ci.cpu_memory));
  return { short, unchecked };
}

/** The instance type that comes closest to holding one replica (fewest shortfalls, then most accelerator memory). */
export function bestInstance(needs: Needs, types: ApiInstanceType[]): ApiInstanceType | undefined {
  const score = (t: ApiInstanceType) => [shortfalls(needs, t).short.length, -(memoryBytes(t.compute_info?.accelerator_memory) ?? 0) * (t.compute_info?.num_accelerators ?? 0)];
  return [...types].sort((a, b) => {
    const [x, y] = [score(a), score(b)];
    return x[0] - y[0] || x[1] - y[1];
  })[0];
}
