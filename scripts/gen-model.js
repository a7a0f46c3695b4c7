#!/usr/bin/env node
// Generates the TypeScript model from schema.json, the single source of truth for every property:
//   provider/model.generated.ts  plain types: kinds, enums, object types, each resource's checked
//                                inputs and outputs, each function's arguments and result;
//   sdk/model.generated.ts       the public Args (pulumi.Input) and outputs (pulumi.Output) of each
//                                resource class, with each property's description as its TSDoc.
// `node scripts/gen-model.js --check` fails when a committed file is stale (run by `npm test`).
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(process.argv.find((a) => a.startsWith("--root="))?.slice(7) ?? path.join(__dirname, ".."));
const schema = JSON.parse(fs.readFileSync(path.join(root, "schema.json"), "utf8"));
const HEADER = "// Generated from schema.json by scripts/gen-model.js. Do not edit by hand: edit schema.json, then run `npm run gen`.";

const short = (token) => token.split(":").pop();
const refName = (ref) => short(ref.replace(/^#\/types\//, ""));
const cap = (s) => s[0].toUpperCase() + s.slice(1);
const isObjectRef = (ref) => ref.startsWith("#/types/") && schema.types[ref.slice("#/types/".length)].type === "object";

/** TSDoc block for a description, wrapped at about 110 columns, indented by `pad`. */
function doc(text, pad) {
  if (!text) return [];
  const words = String(text).replace(/\*\//g, "*\\/").split(/\s+/);
  const lines = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + w.length + 1 > 104 - pad.length) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.length === 1 ? [`${pad}/** ${lines[0]} */`] : [`${pad}/**`, ...lines.map((l) => `${pad} * ${l}`), `${pad} */`];
}

const wrapArray = (t) => (/[ |]/.test(t) ? `(${t})[]` : `${t}[]`);

/** The plain TypeScript type of a property (what the provider sees once values are known). */
function plain(p) {
  if (p.$ref === "pulumi.json#/Any") return "unknown";
  if (p.$ref) return refName(p.$ref);
  switch (p.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "array":
      return wrapArray(plain(p.items));
    case "object":
      return `Record<string, ${p.additionalProperties ? plain(p.additionalProperties) : "unknown"}>`;
    default:
      throw new Error(`schema.json: no TypeScript type for ${JSON.stringify(p)}`);
  }
}

/** The SDK input type: every level accepts an Output, as Pulumi's own generated SDKs do. */
function input(p) {
  if (p.$ref === "pulumi.json#/Any") return "unknown";
  if (p.$ref) return `pulumi.Input<${refName(p.$ref)}${isObjectRef(p.$ref) ? "Args" : ""}>`;
  if (p.type === "array") return `pulumi.Input<${input(p.items)}[]>`;
  if (p.type === "object") return `pulumi.Input<Record<string, ${p.additionalProperties ? input(p.additionalProperties) : "unknown"}>>`;
  return `pulumi.Input<${plain(p)}>`;
}

function members(props, optional, typeOf, pad = "  ", readonly = false) {
  const out = [];
  for (const [k, p] of Object.entries(props)) {
    out.push(...doc(p.description, pad));
    out.push(`${pad}${readonly ? "readonly " : ""}${k}${optional(k, p) ? "?" : ""}: ${typeOf(p, k)};`);
  }
  return out;
}

function interfaceOf(name, description, props, optional, typeOf, extendsClause = "") {
  return [...doc(description, ""), `export interface ${name}${extendsClause} {`, ...members(props, optional, typeOf), "}", ""];
}

const resources = Object.entries(schema.resources).map(([token, r]) => ({ name: short(token), r }));
const types = Object.entries(schema.types).map(([token, t]) => ({ name: short(token), t }));
const functions = Object.entries(schema.functions ?? {}).map(([token, f]) => ({ name: short(token), f }));
/** Checked inputs: the schema default is applied and the auto-named id generated, so those are always set. */
const checkedOptional = (r) => (k, p) => !r.requiredInputs.includes(k) && p.default === undefined && !p["x-clarifai"]?.autoName;

function model() {
  const out = [HEADER, "", "/** The resource kinds, in schema.json's order. */", `export const resourceKinds = [${resources.map((x) => JSON.stringify(x.name)).join(", ")}] as const;`, "export type ResourceKind = (typeof resourceKinds)[number];", ""];
  for (const { name, t } of types) {
    if (t.enum) out.push(...doc(t.description, ""), `export type ${name} = ${t.enum.map((e) => JSON.stringify(e.value)).join(" | ")};`, "");
    else out.push(...interfaceOf(name, t.description, t.properties ?? {}, (k) => !(t.required ?? []).includes(k), plain));
  }
  for (const { name, r } of resources) {
    out.push(...interfaceOf(`${name}Inputs`, `The inputs of a ${name} after \`check\`: schema defaults applied, the id generated when omitted.`, r.inputProperties, checkedOptional(r), plain));
    out.push(...interfaceOf(`${name}Outputs`, `The outputs (state) of a ${name}.`, r.properties, (k) => !r.required.includes(k), plain));
  }
  out.push("/** Each kind's checked inputs. */", "export interface InputsOf {", ...resources.map(({ name }) => `  ${name}: ${name}Inputs;`), "}", "");
  out.push("/** Each kind's outputs. */", "export interface OutputsOf {", ...resources.map(({ name }) => `  ${name}: ${name}Outputs;`), "}", "");
  for (const { name, f } of functions) {
    if (f.inputs) out.push(...interfaceOf(`${cap(name)}Args`, `Arguments of ${name}: ${f.description}`, f.inputs.properties, (k) => !(f.inputs.required ?? []).includes(k), plain));
    out.push(...interfaceOf(`${cap(name)}Result`, `Result of ${name}.`, f.outputs.properties, (k) => !(f.outputs.required ?? []).includes(k), plain));
  }
  return out.join("\n");
}

function sdk() {
  const plainTypes = types.map((x) => x.name);
  const out = [
    HEADER,
    "// The public Args and outputs of each resource class; the classes (sdk/<kind>.ts) merge the outputs in.",
    'import type * as pulumi from "@pulumi/pulumi";',
    `import type { ${plainTypes.join(", ")} } from "../provider/model.generated";`,
    "",
    `export type { ${plainTypes.join(", ")} };`,
    "",
  ];
  // Object types a resource takes as input get an Args form (each field may be an Output).
  const inputRefs = new Set(resources.flatMap(({ r }) => Object.values(r.inputProperties).flatMap((p) => [p.$ref, p.items?.$ref]).filter(Boolean)));
  for (const { name, t } of types.filter((x) => x.t.type === "object" && inputRefs.has(`#/types/clarifai:index:${x.name}`))) {
    out.push(...interfaceOf(`${name}Args`, `${t.description} (as an input: each field may be an Output).`, t.properties ?? {}, (k) => !(t.required ?? []).includes(k), input));
  }
  for (const { name, r } of resources) {
    out.push(...interfaceOf(`${name}Args`, `Arguments of a {@link ${name}}. ${r.description.split("\n")[0]}`, r.inputProperties, (k) => !r.requiredInputs.includes(k), input));
    out.push(...doc(`The outputs of a ${name}, as the resource class exposes them.`, ""), `export interface ${name}Outputs {`);
    out.push(...members(r.properties, () => false, (p, k) => `pulumi.Output<${plain(p)}${r.required.includes(k) ? "" : " | undefined"}>`, "  ", true), "}", "");
  }
  return out.join("\n");
}

const files = { "provider/model.generated.ts": model(), "sdk/model.generated.ts": sdk() };
const check = process.argv.includes("--check");
const stale = [];
for (const [rel, text] of Object.entries(files)) {
  const file = path.join(root, rel);
  const have = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (have === text) continue;
  if (check) stale.push(rel);
  else fs.writeFileSync(file, text);
}
if (stale.length) {
  console.error(`stale, generated from schema.json: ${stale.join(", ")}; run \`npm run gen\``);
  process.exit(1);
}
