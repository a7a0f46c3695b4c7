#!/usr/bin/env node
// Generates docs/reference/*.md from schema.json, the single source of truth for every property, and the
// README's per-kind lists of what updates in place and what replaces (between `<!-- gen-docs: updates
// <Kind> -->` and `<!-- /gen-docs -->`), so a new field is listed where users read it without a hand edit.
// `node scripts/gen-docs.js --check` fails when the committed pages or those lists are stale (run by `npm test`).
"use strict";
const fs = require("fs");
const path = require("path");
const { exampleSection, registryChooser } = require("./doc-examples");

const root = path.resolve(__dirname, "..");
const schema = JSON.parse(fs.readFileSync(path.join(root, "schema.json"), "utf8"));
const outDir = path.join(root, "docs", "reference");

const kebab = (s) => s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
const typeName = (ref) => ref.replace(/^#\/types\/clarifai:index:/, "");
const cell = (s) => String(s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");

function typeOf(p) {
  if (p.$ref === "pulumi.json#/Any") return "any";
  if (p.$ref) return `[${typeName(p.$ref)}](#${typeName(p.$ref).toLowerCase()})`;
  if (p.type === "array") return `${typeOf(p.items)}[]`;
  if (p.type === "object") return p.additionalProperties ? `map of ${typeOf(p.additionalProperties)}` : "object";
  return p.type;
}

function rules(p) {
  const r = p["x-clarifai"] || {};
  const out = [];
  if (r.pattern) out.push(`pattern \`${r.pattern}\``);
  if (r.itemPattern) out.push(`items match \`${r.itemPattern}\``);
  if (r.maxLength !== undefined) out.push(`≤ ${r.maxLength} chars`);
  if (r.minimum !== undefined) out.push(`≥ ${r.minimum}`);
  if (r.maximum !== undefined) out.push(`≤ ${r.maximum}`);
  if (r.minItems !== undefined) out.push(`≥ ${r.minItems} item(s)`);
  if (r.maxItems !== undefined) out.push(`≤ ${r.maxItems} items`);
  if (r.uniqueItems) out.push("no duplicates");
  return out.join(", ");
}

function referencedTypes(props, seen = new Set()) {
  for (const p of Object.values(props)) {
    for (const ref of [p.$ref, p.items && p.items.$ref]) {
      if (!ref || !ref.startsWith("#/types/") || seen.has(ref)) continue;
      seen.add(ref);
      const t = schema.types[ref.replace("#/types/", "")];
      if (t.properties) referencedTypes(t.properties, seen);
    }
  }
  return seen;
}

function page(token, res) {
  const name = token.split(":").pop();
  const lines = [
    `<!-- Generated from schema.json by scripts/gen-docs.js. Do not edit by hand. -->`,
    `# ${name}`,
    "",
    res.description,
    "",
    ...exampleSection(name),
    "## Inputs",
    "",
    "The YAML key column names the field in Clarifai's SDK config files (`fromConfigFile`) and API.",
    "",
    "| property | YAML key | type | required | default | on change | constraints | description |",
    "|---|---|---|---|---|---|---|---|",
  ];
  const field = (p) => ((p["x-clarifai"] || {}).apiField ? `\`${p["x-clarifai"].apiField}\`` : "");
  for (const [k, p] of Object.entries(res.inputProperties)) {
    const onChange = p.replaceOnChanges ? "**replaces**" : (p["x-clarifai"] || {}).noDiff ? "no update" : "updates in place";
    const def = p.default === undefined ? "" : `\`${JSON.stringify(p.default)}\``;
    lines.push(`| \`${k}\`${p.secret ? " (secret)" : ""} | ${field(p)} | ${typeOf(p)} | ${res.requiredInputs.includes(k) ? "yes" : "no"} | ${def} | ${onChange} | ${cell(rules(p))} | ${cell(p.description)} |`);
  }
  const outOnly = Object.entries(res.properties).filter(([k]) => !(k in res.inputProperties));
  lines.push("", "## Outputs", "", "Every input above is also an output, as Clarifai reports it. In addition:", "", "| property | type | description |", "|---|---|---|");
  for (const [k, p] of outOnly) lines.push(`| \`${k}\` | ${typeOf(p)} | ${cell(p.description)} |`);
  const types = [...referencedTypes({ ...res.inputProperties, ...res.properties })].sort();
  if (types.length) lines.push("", "## Types");
  for (const ref of types) {
    const t = schema.types[ref.replace("#/types/", "")];
    lines.push("", `### ${typeName(ref)}`, "", t.description || "", "");
    if (t.enum) {
      lines.push("| value | meaning |", "|---|---|");
      for (const e of t.enum) lines.push(`| \`${e.value}\` | ${cell(e.description)} |`);
    } else {
      lines.push("| property | YAML key | type | required | default | constraints | description |", "|---|---|---|---|---|---|---|");
      for (const [k, p] of Object.entries(t.properties)) {
        const def = p.default === undefined ? "" : `\`${JSON.stringify(p.default)}\``;
        lines.push(`| \`${k}\` | ${field(p)} | ${typeOf(p)} | ${(t.required || []).includes(k) ? "yes" : "no"} | ${def} | ${cell(rules(p))} | ${cell(p.description)} |`);
      }
    }
  }
  return lines.join("\n") + "\n";
}

function functionsPage() {
  const lines = [`<!-- Generated from schema.json by scripts/gen-docs.js. Do not edit by hand. -->`, "# Look-ups", "", "They run during `pulumi preview` too, with the same credentials as the resources."];
  const types = new Set();
  for (const [token, f] of Object.entries(schema.functions)) {
    const name = token.split(":").pop();
    lines.push("", `## ${name}`, "", `Token \`${token}\`. ${f.description}`, "");
    for (const [title, part] of [["Inputs", f.inputs], ["Result", f.outputs]]) {
      if (!part) continue;
      lines.push(`**${title}**`, "", "| property | type | required | description |", "|---|---|---|---|");
      for (const [k, p] of Object.entries(part.properties)) lines.push(`| \`${k}\` | ${typeOf(p)} | ${(part.required || []).includes(k) ? "yes" : "no"} | ${cell(p.description)} |`);
      lines.push("");
      for (const ref of referencedTypes(part.properties)) types.add(ref);
    }
  }
  for (const ref of [...types].sort()) {
    const t = schema.types[ref.replace("#/types/", "")];
    lines.push(`### ${typeName(ref)}`, "", t.description || "", "");
    if (t.enum) {
      lines.push("| value | meaning |", "|---|---|");
      for (const e of t.enum) lines.push(`| \`${e.value}\` | ${cell(e.description)} |`);
    } else {
      lines.push("| property | type | description |", "|---|---|---|");
      for (const [k, p] of Object.entries(t.properties)) lines.push(`| \`${k}\` | ${typeOf(p)} | ${cell(p.description)} |`);
    }
    lines.push("");
  }
  return lines.join("\n").replace(/\n+$/, "") + "\n";
}

function pages() {
  const out = {};
  const index = ["<!-- Generated from schema.json by scripts/gen-docs.js. Do not edit by hand. -->", "# Reference", "", "| resource | type token | description |", "|---|---|---|"];
  for (const [token, res] of Object.entries(schema.resources)) {
    const name = token.split(":").pop();
    out[`${kebab(name)}.md`] = page(token, res);
    index.push(`| [${name}](${kebab(name)}.md) | \`pulumi-nodejs:dynamic/clarifai:${name}\` | ${cell(res.description.split(". ")[0])}. |`);
  }
  if (schema.functions) {
    out["functions.md"] = functionsPage();
    index.push("", "## Look-ups", "", "[getCloudProviders, getRegions, getInstanceTypes](functions.md): functions in TypeScript (`clarifai.getInstanceTypes(...)`), and `fn::invoke` / SDK functions with the native plugin.");
  }
  index.push("", "## Provider configuration", "", "| key | description |", "|---|---|");
  for (const [k, v] of Object.entries(schema.config.variables)) index.push(`| \`clarifai:${k}\`${v.secret ? " (secret)" : ""} | ${cell(v.description)} |`);
  out["README.md"] = index.join("\n") + "\n";
  return out;
}

/** docs/_index.md: the package's overview page in the Pulumi Registry's shape (front matter, chooser). */
function registryIndex() {
  return [
    "---",
    `title: ${schema.displayName}`,
    `meta_desc: Provides an overview of the ${schema.displayName} provider for Pulumi.`,
    "layout: package",
    "---",
    "<!-- Generated by scripts/gen-docs.js from schema.json and the example programs. Do not edit by hand. -->",
    "",
    `The ${schema.displayName} provider manages Clarifai Compute Orchestration: compute clusters in a cloud region,`,
    "autoscaling nodepools of CPU or GPU instances (on demand, spot, or spot with on-demand fallback), and model",
    "deployments that Pulumi waits on until their replicas serve. It needs a Clarifai personal access token; see",
    "[Installation & Configuration](installation-configuration.md).",
    "",
    "## Example",
    "",
    "A compute cluster with an A10G GPU nodepool on spot capacity and a model deployed on it (from the example",
    "programs that the tests run through the engine):",
    "",
    ...registryChooser(["ComputeCluster", "Nodepool", "Deployment"]),
    "",
    "The resources, their properties and the look-ups: [reference](reference/README.md).",
  ].join("\n") + "\n";
}

/** What a change of each input does: in place (a field Clarifai holds), or a replacement. */
function updateLists(kind) {
  const res = schema.resources[`clarifai:index:${kind}`];
  const names = (pick) => Object.entries(res.inputProperties).filter(([, p]) => pick(p)).map(([k]) => `\`${k}\``).join(", ");
  return [
    `- **Updates in place** (one \`PATCH\`, action \`overwrite\`, carrying only the fields that changed): ${names((p) => !p.replaceOnChanges && p["x-clarifai"]?.apiField)}.`,
    `- **Replaces**: ${names((p) => p.replaceOnChanges)}.`,
  ].join("\n");
}

/** README.md with its generated lists rewritten (undefined when there is no README beside the schema). */
function readme() {
  const file = path.join(root, "README.md");
  if (!fs.existsSync(file)) return undefined;
  return fs
    .readFileSync(file, "utf8")
    .replace(/(<!-- gen-docs: updates (\w+) -->\n)[\s\S]*?(<!-- \/gen-docs -->)/g, (_, open, kind, close) => `${open}${updateLists(kind)}\n${close}`);
}

const wanted = { ...pages(), "../_index.md": registryIndex() };
const readmeText = readme();
if (readmeText !== undefined) wanted["../../README.md"] = readmeText;
if (process.argv.includes("--check")) {
  const stale = Object.entries(wanted).filter(([f, text]) => {
    const p = path.join(outDir, f);
    return !fs.existsSync(p) || fs.readFileSync(p, "utf8") !== text;
  });
  const extra = fs.existsSync(outDir) ? fs.readdirSync(outDir).filter((f) => !(f in wanted)) : [];
  if (stale.length || extra.length) {
    console.error(`docs/reference or README.md is stale (${[...stale.map(([f]) => path.basename(f)), ...extra].join(", ")}): run \`npm run docs\``);
    process.exit(1);
  }
} else {
  fs.mkdirSync(outDir, { recursive: true });
  for (const [f, text] of Object.entries(wanted)) fs.writeFileSync(path.join(outDir, f), text);
  console.log(`wrote ${Object.keys(wanted).length} pages to docs/reference (and README.md's update lists)`);
}
