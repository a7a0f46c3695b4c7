// Renders a plan as a Pulumi YAML project for the native plugin (pulumi-resource-clarifai, docs/plugin.md):
// one Pulumi.yaml. Same plan as the TypeScript program (names, fields that differ from the defaults,
// `adopt: true`), with references as `${name.id}`. Deterministic, like the TypeScript one.
import { commentText, pulumiYamlText, yamlDocument } from "./literals";
import { Plan, PlannedResource, Ref, Value, identifier } from "./plan";
import { describeCounts, type ProjectFiles } from "./typescript";

export interface YamlProjectOptions {
  projectName: string;
  /** Shown in the header: where the account was read. */
  apiBase: string;
}

/** A name that can be a resource's key and be referenced as `${name.id}` without quoting. */
const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_/-]*$/;

/**
 * Resources, variables and config share one namespace in Pulumi YAML, where `pulumi` is reserved;
 * logical names are unique per kind only (a cluster and a nodepool may both be "gpu"). A resource is
 * keyed by its logical name when that name is plain and its own, else by its variable name with the
 * logical name in `name:`, so the URNs are the TypeScript program's either way.
 */
class Keys {
  private readonly taken = new Set(["pulumi"]);
  private readonly resources = new Map<PlannedResource, string>();
  private readonly literals = new Map<string, string>();
  /** Object keys Pulumi YAML would read as a function (`fn::...`), each held by a variable. */
  readonly variables: Record<string, string> = {};

  constructor(resources: PlannedResource[]) {
    const uses = new Map<string, number>();
    for (const r of resources) uses.set(r.name, (uses.get(r.name) ?? 0) + 1);
    const own = resources.filter((r) => PLAIN_KEY.test(r.name) && uses.get(r.name) === 1 && r.name !== "pulumi");
    for (const r of own) this.take(r.name);
    for (const r of resources) this.resources.set(r, own.includes(r) ? r.name : this.fresh(r.variable));
  }

  private take(k: string): string {
    this.taken.add(k);
    return k;
  }

  private fresh(base: string): string {
    let k = base;
    for (let i = 2; this.taken.has(k); i++) k = `${base}${i}`;
    return this.take(k);
  }

  of(r: PlannedResource): string {
    return this.resources.get(r)!;
  }

  /**
   * An object key as Pulumi YAML must see it. A one-key object whose key starts with `fn::` is a
   * function call there (and `fn::fileAsset` and the like are assets in any object), with no escape
   * for it; so such a key is written as a reference to a variable holding the text.
   */
  objectKey(k: string): string {
    if (!/^fn::/i.test(k)) return pulumiYamlText(k);
    let v = this.literals.get(k);
    if (v === undefined) {
      v = this.fresh(`${identifier(k)}Key`);
      this.literals.set(k, v);
      this.variables[v] = pulumiYamlText(k);
    }
    return `\${${v}}`;
  }
}

/** A YAML value: text escaped for Pulumi YAML, references as interpolations of the referenced resource's id. */
function yamlValue(v: Value, keys: Keys): unknown {
  if (v instanceof Ref) return `\${${keys.of(v.target)}.id}`;
  if (typeof v === "string") return pulumiYamlText(v);
  if (Array.isArray(v)) return v.map((x) => yamlValue(x, keys));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [keys.objectKey(k), yamlValue(x, keys)]));
  return v;
}

/** Clusters first, each followed by its nodepools, then the rest (deployments), as in the TypeScript program. */
function ordered(plan: Plan): PlannedResource[] {
  const clusters = plan.resources.filter((r) => r.kind === "ComputeCluster");
  const poolsOf = (c: PlannedResource) => plan.resources.filter((r) => r.kind === "Nodepool" && r.inputs.computeClusterId instanceof Ref && r.inputs.computeClusterId.target === c);
  const out = clusters.flatMap((c) => [c, ...poolsOf(c)]);
  return [...out, ...plan.resources.filter((r) => !out.includes(r)).sort((a, b) => Number(a.kind === "Deployment") - Number(b.kind === "Deployment"))];
}

export function yamlProject(plan: Plan, o: YamlProjectOptions): ProjectFiles {
  const owner = plan.ownerId ?? plan.userId;
  const header = [
    `# Written by \`pulumi-clarifai export --language yaml\` from the Clarifai account of user "${commentText(owner)}" (${commentText(o.apiBase)}):`,
    `# ${describeCounts(plan)}.`,
    "#",
    "# Runs with the native plugin pulumi-resource-clarifai (see docs/plugin.md of pulumi-clarifai: install it with",
    "# `pulumi plugin install resource clarifai <version> --file <tarball>` or list its folder under plugins.providers).",
    "# Every resource has `adopt: true`: the first `pulumi up` takes the existing objects over and only reads from",
    "# Clarifai; from then on, edit this file as usual. Fields at their default value are left out.",
    "# Text from the account is written with each `$` doubled: Pulumi YAML reads `$$` as `$` and `${...}` as a reference.",
  ];
  const keys = new Keys(plan.resources);
  const resources: Record<string, unknown> = {};
  for (const r of ordered(plan)) {
    const key = keys.of(r);
    const properties = yamlValue(r.inputs, keys);
    resources[key] = { type: `clarifai:index:${r.kind}`, ...(key === r.name ? {} : { name: pulumiYamlText(r.name) }), properties };
  }
  const doc = {
    name: o.projectName,
    // Pulumi YAML reads the project's description as a template too.
    description: pulumiYamlText(`Clarifai compute of user "${owner}", exported by pulumi-clarifai`),
    runtime: "yaml",
    ...(Object.keys(keys.variables).length ? { variables: keys.variables } : {}),
    resources,
  };
  const notes = plan.resources.flatMap((r) => r.notes.map((n) => `# NOTE: ${commentText(`${r.kind} "${r.name}": ${n}`)}`));
  return { "Pulumi.yaml": `${[...header, ...notes].join("\n")}\n${yamlDocument(doc)}` };
}
