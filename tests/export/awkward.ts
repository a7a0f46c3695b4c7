// A small seeded generator of awkward text and ids for the export's escaping tests: a failing case
// prints its seed, and the same seed gives the same case again. Built from fragments that are syntax
// in one of the targets (TypeScript, YAML, Pulumi YAML's `${...}` and `fn::`), characters that tools
// treat specially (line and paragraph separators, bidi overrides, BOM, controls, astral characters),
// and text that YAML readers take for numbers, dates, booleans or null.
import type { Account } from "../../provider/export";
import type { ApiComputeCluster, ApiDeployment, ApiNodepool } from "../../api/wire.generated";
import { ApiNodepool_NodepoolStatus } from "../../api/wire.generated";
import type { InputsOf, ResourceKind, WireOf } from "../../provider/model/model.generated";
import { toWire } from "../../provider/model/wireMap";
import { definitions } from "../../provider/resources/registry";

/** The API message for inputs as given (unchecked: awkward values must reach the export as they are). */
const wireOf = <K extends ResourceKind>(kind: K, inputs: Partial<InputsOf[K]>): WireOf[K] => toWire(kind, definitions[kind].wire, inputs as InputsOf[K], "create");

/** mulberry32: tiny, fast, good enough to spread cases. */
export class Rng {
  private s: number;
  constructor(readonly seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Pieces of text, each syntax somewhere. */
export const FRAGMENTS: readonly string[] = [
  // Pulumi YAML interpolation and its escape, and function keys
  "${not.a.ref}", "${", "$${x}", "$$", "$", "}", "${a}${b}", "fn::secret", "fn::invoke",
  // TypeScript / JavaScript
  '"', "'", "`", "\\", "\\n", "\\u2028", "${x}", "*/", "/*", "//", "</script>", "\\\\", '\\"',
  // YAML indicators and structure
  ": ", ":", " #", "#", "- ", "-", "* ", "*a", "& ", "&a", "! ", "!!str", "|", ">", "%", "@", "?", "? ", ",", "[", "]", "{", "}", "---", "...", "<<", "=",
  // whitespace and line breaks
  " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", " \n", "\n ", "\t\n",
  // YAML 1.1 / go-yaml scalars
  "null", "~", "true", "False", "yes", "No", "on", "OFF", "y", "1_000", "0o17", "0b101", "0x1F", "017", "1e3", ".5", "-.inf", ".NaN", "2001-12-14", "12:30:45", "+1", "-0",
  // non-ASCII: letters, CJK, emoji (astral), and characters that need escaping to be seen
  "é", "Ünïcödé", "日本語", "🚀", "\u{1F600}", "\u00a0", "\u0085", "\u2028", "\u2029", "\u200b", "\u202e", "\u2066", "\ufeff", "\u00ad",
  "\u0000", "\u0007", "\u001b", "\u007f", "\u009f", "\ue000", "\uffff",
  // ordinary words, so that not everything is punctuation
  "GPU pool", "A10G", "made by hand", "prod", "x",
];

/** Text of 0 to a few dozen fragments; now and then a long one (past the 1024 characters descriptions allow). */
export function awkwardText(rng: Rng, maxLength = 5000): string {
  let s = "";
  const n = rng.int(12);
  for (let i = 0; i < n; i++) s += rng.pick(FRAGMENTS);
  if (rng.chance(0.08)) s += rng.pick(FRAGMENTS).repeat(1 + rng.int(Math.max(1, Math.floor(maxLength / 4))));
  // By code points: a lone surrogate is not text any YAML reader or the engine (UTF-8 throughout) carries.
  return [...s].slice(0, maxLength).join("");
}

const ID_HEADS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ID_TAILS = `${ID_HEADS}_-`;
/** Ids that are words of TypeScript, JavaScript or Pulumi YAML, or that collide once made identifiers. */
export const NOTABLE_IDS: readonly string[] = [
  "default", "class", "new", "let", "undefined", "require", "exports", "module", "constructor", "pulumi", "clarifai",
  "await", "yield", "enum", "eval", "arguments", "globalThis", "async", "type", "string", "of",
  "gpu", "GPU", "gpu-pool", "gpu_pool", "gpuPool", "a-b", "a_b", "aB", "1x", "123", "0o17", "1e3", "null", "true", "yes", "fn", "x--y", "x__y", "Z",
];

/** An id as Clarifai allows them (letters, digits, '-', '_', starting with a letter or digit), often a notable one. */
export function awkwardId(rng: Rng): string {
  if (rng.chance(0.4)) return rng.pick(NOTABLE_IDS);
  let s = rng.pick([...ID_HEADS]);
  const n = rng.chance(0.05) ? 47 : rng.int(10);
  for (let i = 0; i < n; i++) s += rng.pick([...ID_TAILS]);
  return s;
}

/** A metadata object: awkward keys (`fn::...`, `${...}`, `$`) and values, nested now and then. */
function awkwardMetadata(rng: Rng, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = 1 + rng.int(3);
  for (let i = 0; i < n; i++) {
    const key = rng.chance(0.3) ? rng.pick(["fn::secret", "fn::fileAsset", "FN::Join", "fn::a:b:c", "${k}", "$", "a.b", "", "- x"]) : awkwardText(rng, 40);
    const r = rng.int(6);
    out[key] = r === 0 && depth < 2 ? awkwardMetadata(rng, depth + 1) : r === 1 ? [awkwardText(rng, 40), rng.int(100)] : r === 2 ? rng.int(1000) : r === 3 ? rng.chance(0.5) : awkwardText(rng, 60);
  }
  return out;
}

function uniqueIds(rng: Rng, n: number, taken = new Set<string>()): string[] {
  const out: string[] = [];
  for (let tries = 0; out.length < n && tries < 100; tries++) {
    const id = awkwardId(rng);
    if (!taken.has(id)) {
      taken.add(id);
      out.push(id);
    }
  }
  return out;
}

/**
 * An account as readAccount returns it: a few clusters with awkward ids, descriptions and (now and
 * then) regions, nodepools whose ids repeat across clusters, metadata with awkward keys, and
 * deployments on one or two of the nodepools.
 */
export function awkwardAccount(rng: Rng): Account {
  // Written in the schema's terms and sent through the provider's mapping, as readAccount would read them.
  const clusters: ApiComputeCluster[] = uniqueIds(rng, 1 + rng.int(3)).map((id) =>
    wireOf("ComputeCluster", {
      computeClusterId: id,
      description: awkwardText(rng),
      cloudProvider: "aws",
      region: rng.chance(0.15) ? awkwardText(rng, 30) : "us-east-1",
      clusterType: "dedicated",
      managedBy: "clarifai",
      key: "***",
    }),
  );
  const poolIds = uniqueIds(rng, 3);
  const nodepools: ApiNodepool[] = clusters.flatMap((k) =>
    poolIds
      .filter(() => rng.chance(0.6))
      .map((id) => ({
        ...wireOf("Nodepool", {
          nodepoolId: id,
          computeClusterId: k.id ?? "",
          description: awkwardText(rng),
          instanceTypes: ["g5.xlarge"],
          minInstances: 0,
          maxInstances: 2,
          capacity: "onDemand",
          ...(rng.chance(0.4) ? { metadata: awkwardMetadata(rng) } : {}),
        }),
        status: ApiNodepool_NodepoolStatus.NODEPOOL_STATUS_READY,
      })),
  );
  const poolKey = (p: ApiNodepool) => `${p.compute_cluster?.id ?? ""}/${p.id ?? ""}`;
  const deployments: ApiDeployment[] = nodepools.length
    ? uniqueIds(rng, rng.int(3)).map((id) =>
        wireOf("Deployment", {
          deploymentId: id,
          description: awkwardText(rng),
          model: { userId: awkwardId(rng), appId: awkwardId(rng), modelId: awkwardId(rng), versionId: "5d92321db5d341b5b4cf407ab34f618f" },
          nodepools: [...new Set([rng.pick(nodepools), rng.pick(nodepools)])].map(poolKey),
          autoscale: { minReplicas: 0, maxReplicas: 1 },
          schedulingChoice: "performance",
          visibility: "private",
          deployLatestVersion: false,
        }),
      )
    : [];
  return { userId: "me", ownerId: rng.chance(0.2) ? awkwardText(rng, 30) : "acme", clusters, nodepools, deployments, skippedDeployments: 0 };
}
