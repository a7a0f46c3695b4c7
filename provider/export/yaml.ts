// Renders a plan as a Pulumi YAML project for the native plugin (pulumi-resource-clarifai, docs/plugin.md):
// one Pulumi.yaml. Same plan as the TypeScript program (names, fields that differ from the defaults,
// `adopt: true`), with references as `${name.id}`. Deterministic, like the TypeScript one.
import { stringify } from "yaml";
import { Plan, PlannedResource, Ref, Value } from "./plan";
import { describeCounts, type ProjectFiles } from "./typescript";

export interface YamlProjectOptions {
  projectName: string;
  /** Shown in the header: where the account was read. */
  apiBase: string;
}

/** A YAML value: references become interpolations of the referenced resource's id. */
function yamlValue(v: Value): unknown {
  if (v instanceof Ref) return `\${${v.target.name}.id}`;
  if (Array.isArray(v)) return v.map(yamlValue);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, yamlValue(x)]));
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
    `# Written by \`pulumi-clarifai export --language yaml\` from the Clarifai account of user "${owner}" (${o.apiBase}):`,
    `# ${describeCounts(plan)}.`,
    "#",
    "# Runs with the native plugin pulumi-resource-clarifai (see docs/plugin.md of pulumi-clarifai: install it with",
    "# `pulumi plugin install resource clarifai <version> --file <tarball>` or list its folder under plugins.providers).",
    "# Every resource has `adopt: true`: the first `pulumi up` takes the existing objects over and only reads from",
    "# Clarifai; from then on, edit this file as usual. Fields at their default value are left out.",
  ];
  const resources: Record<string, unknown> = {};
  for (const r of ordered(plan)) {
    resources[r.name] = { type: `clarifai:index:${r.kind}`, properties: yamlValue(r.inputs as unknown as Value) };
  }
  const doc = {
    name: o.projectName,
    description: `Clarifai compute of user "${owner}", exported by pulumi-clarifai`,
    runtime: "yaml",
    resources,
  };
  const notes = plan.resources.flatMap((r) => r.notes.map((n) => `# NOTE: ${r.kind} "${r.name}": ${n}`));
  return { "Pulumi.yaml": `${[...header, ...notes].join("\n")}\n${stringify(doc, { lineWidth: 0 })}` };
}
