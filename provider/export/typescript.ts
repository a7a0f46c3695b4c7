// Renders a plan as a Pulumi TypeScript project: Pulumi.yaml, index.ts, package.json, tsconfig.json,
// .gitignore. Deterministic (no dates, sorted resources): exporting the same account twice writes the
// same files, so a re-export can be diffed against the program in use.
import { definitions, kinds } from "../resources/registry";
import { commentText, jsonString, yamlDocument } from "./literals";
import { Plan, PlannedResource, Ref, Value } from "./plan";

/** Relative path → content. */
export type ProjectFiles = Record<string, string>;

export interface TypeScriptProjectOptions {
  /** The Pulumi project name (also the npm package name). */
  projectName: string;
  /** How package.json names this package: a version range (`^0.1.0`) or `file:<path>`. */
  packageSpec: string;
  /** The @pulumi/pulumi version this package pins. */
  pulumiVersion: string;
  /** Shown in the header: where the account was read. */
  apiBase: string;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const WIDTH = 120;

/** A TypeScript expression for a value: object keys bare when they can be, references as `x.id`. */
export function tsValue(v: Value, indent = ""): string {
  if (v instanceof Ref) return `${v.target.variable}.id`;
  if (v === null) return "null";
  if (typeof v === "string") return jsonString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  const inner = indent + "  ";
  if (Array.isArray(v)) {
    const items = v.map((x) => tsValue(x, inner));
    const flat = `[${items.join(", ")}]`;
    return flat.length + indent.length <= WIDTH && !flat.includes("\n") ? flat : `[\n${items.map((i) => `${inner}${i},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(v).map(([k, x]) => `${propertyName(k)}: ${tsValue(x, inner)}`);
  if (!entries.length) return "{}";
  const flat = `{ ${entries.join(", ")} }`;
  return flat.length + indent.length <= WIDTH && !flat.includes("\n") ? flat : `{\n${entries.map((e) => `${inner}${e},`).join("\n")}\n${indent}}`;
}

/**
 * An object literal's key: bare when it is an identifier, else a string. `__proto__` is computed
 * (`["__proto__"]`): written plainly, an object literal takes it for its prototype, not for a key.
 */
function propertyName(k: string): string {
  if (k === "__proto__") return `[${jsonString(k)}]`;
  return IDENT.test(k) ? k : jsonString(k);
}

function resourceBlock(r: PlannedResource): string {
  const lines = [`// ${commentText(r.summary)}`];
  for (const n of r.notes) lines.push(`// NOTE: ${commentText(n)}`);
  lines.push(`const ${r.variable} = new clarifai.${r.kind}(${jsonString(r.name)}, {`);
  for (const [k, v] of Object.entries(r.inputs)) lines.push(`  ${k}: ${tsValue(v, "  ")},`);
  lines.push("});");
  return lines.join("\n");
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a plan holds, in words: "1 compute cluster, 2 nodepools, 1 deployment". */
export function describeCounts(plan: Plan): string {
  return kinds.map((k) => plural(plan.counts[k], definitions[k].noun)).join(", ");
}

/** The program: one `new` per resource, clusters first, each followed by its nodepools, then deployments. */
export function renderIndexTs(plan: Plan, apiBase: string): string {
  const owner = plan.ownerId ?? plan.userId;
  const header = [
    `// Written by \`pulumi-clarifai export\` from the Clarifai account of user "${commentText(owner)}" (${commentText(apiBase)}):`,
    `// ${describeCounts(plan)}.`,
    "//",
    "// Every resource has `adopt: true`: the first `pulumi up` takes the existing objects over. The program",
    "// matches them, so that `up` only reads from Clarifai; from then on, edit this file as usual. Fields at",
    "// their default value are left out (the defaults are in this package's docs/reference).",
    "// A compute cluster's `key` cannot be read back from Clarifai and is left unset: the PAT Pulumi runs",
    "// with is sent as the key when the cluster is next updated.",
    'import * as clarifai from "pulumi-clarifai";',
  ].join("\n");
  const order = (r: PlannedResource) => (r.kind === "Deployment" ? 2 : 0);
  const clusters = plan.resources.filter((r) => r.kind === "ComputeCluster");
  const poolsOf = (c: PlannedResource) => plan.resources.filter((r) => r.kind === "Nodepool" && r.inputs.computeClusterId instanceof Ref && r.inputs.computeClusterId.target === c);
  const blocks: string[] = [];
  for (const c of clusters) {
    blocks.push(resourceBlock(c));
    for (const p of poolsOf(c)) blocks.push(resourceBlock(p));
  }
  const placed = new Set(clusters.flatMap((c) => [c, ...poolsOf(c)]));
  for (const r of [...plan.resources].filter((r) => !placed.has(r)).sort((a, b) => order(a) - order(b))) blocks.push(resourceBlock(r));
  if (!blocks.length) blocks.push("// The account has no compute clusters, nodepools or deployments yet.");
  return `${header}\n\n${blocks.join("\n\n")}\n`;
}

/** The whole project. */
export function typescriptProject(plan: Plan, o: TypeScriptProjectOptions): ProjectFiles {
  const owner = plan.ownerId ?? plan.userId;
  const pulumiYaml = yamlDocument({
    name: o.projectName,
    description: `Clarifai compute of user "${owner}", exported by pulumi-clarifai`,
    runtime: "nodejs",
    main: "index.ts",
  });
  const packageJson = {
    name: o.projectName.toLowerCase(),
    private: true,
    main: "index.ts",
    dependencies: { "@pulumi/pulumi": o.pulumiVersion, "pulumi-clarifai": o.packageSpec },
    devDependencies: { "@types/node": "^20.19.0", typescript: "^5.9.3" },
  };
  const tsconfig = {
    compilerOptions: {
      strict: true,
      outDir: "bin",
      target: "ES2022",
      module: "commonjs",
      moduleResolution: "node",
      sourceMap: true,
      skipLibCheck: true,
      forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
  };
  return {
    "Pulumi.yaml": pulumiYaml,
    "index.ts": renderIndexTs(plan, o.apiBase),
    "package.json": `${JSON.stringify(packageJson, null, 2)}\n`,
    "tsconfig.json": `${JSON.stringify(tsconfig, null, 2)}\n`,
    ".gitignore": "/bin/\n/node_modules/\n",
  };
}
