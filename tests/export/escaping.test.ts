// The export's escaping, property-based and in-process: for accounts full of awkward text and ids
// (tests/export/awkward.ts), the TypeScript program parses, type-checks, holds nothing but the
// resource declarations, and its literals decode to the plan's values; the Pulumi YAML program parses
// the same under YAML 1.2 and 1.1, holds no reference but the ones the plan makes, and its strings,
// once Pulumi YAML's `$$` and the variables standing for `fn::` keys are read back, are the plan's
// values; the plan's text is the account's own. Through the engine: tests/engine/exportEscapes.test.ts.
import * as path from "path";
import * as ts from "typescript";
import { parseDocument } from "yaml";
import { Plan, PlannedResource, planAccount, renderIndexTs, resolved, tsValue, yamlProject } from "../../provider/export";
import { commentText, needsDoubleQuotes, pulumiYamlText, jsonString, yamlDocument } from "../../provider/export/literals";
import { FRAGMENTS, Rng, awkwardAccount, awkwardText } from "./awkward";

// A failure names its seed. More or other seeds: ESCAPING_SEEDS=2000 ESCAPING_SEED_BASE=0x1000 npx jest tests/export/escaping.test.ts
const SEEDS = Array.from({ length: Number(process.env.ESCAPING_SEEDS ?? 80) }, (_, i) => Number(process.env.ESCAPING_SEED_BASE ?? 0x5eed0000) + i);
const API = "https://api.clarifai.com";

/** Where a decoded program differs from the plan, as readable lines (empty: it matches). */
type Problems = string[];

// ---- TypeScript -----------------------------------------------------------------------------------

/** The value of a literal the exporter writes: strings, numbers, booleans, arrays, objects, `x.id`. */
function tsLiteral(node: ts.Expression, ids: Map<string, string>): unknown {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) return -(tsLiteral(node.operand, ids) as number);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => tsLiteral(e, ids));
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.name.text === "id") {
    const id = ids.get(node.expression.text);
    if (id === undefined) throw new Error(`${node.expression.text}.id: not a resource declared before`);
    return id;
  }
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = {};
    for (const p of node.properties) {
      if (!ts.isPropertyAssignment(p)) throw new Error(`unexpected ${ts.SyntaxKind[p.kind]} in an object`);
      let key: string;
      if (ts.isComputedPropertyName(p.name)) key = tsLiteral(p.name.expression, ids) as string;
      else if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) {
        key = p.name.text;
        // Written plainly, `__proto__: x` sets the object's prototype: the key would be lost.
        if (key === "__proto__") throw new Error("a plain __proto__ key sets the prototype");
      } else throw new Error(`unexpected key ${ts.SyntaxKind[p.name.kind]}`);
      Object.defineProperty(out, key, { value: tsLiteral(p.initializer, ids), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  throw new Error(`unexpected ${ts.SyntaxKind[node.kind]}: ${node.getText()}`);
}

/** Parses index.ts and compares it with the plan: one declaration per resource, nothing else. */
function checkTypeScript(text: string, plan: Plan): Problems {
  const out: Problems = [];
  const { diagnostics } = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } });
  for (const d of diagnostics ?? []) out.push(`syntax: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  if (out.length) return out;
  const sf = ts.createSourceFile("index.ts", text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const [first, ...rest] = sf.statements;
  if (!first || !ts.isImportDeclaration(first) || first.getText() !== 'import * as clarifai from "pulumi-clarifai";') out.push(`first statement: ${first?.getText()}`);
  const ids = new Map<string, string>();
  const seen: string[] = [];
  for (const st of rest) {
    const decl = ts.isVariableStatement(st) && st.declarationList.declarations.length === 1 ? st.declarationList.declarations[0] : undefined;
    const init = decl?.initializer;
    if (!decl || !ts.isIdentifier(decl.name) || !init || !ts.isNewExpression(init) || init.arguments?.length !== 2) {
      out.push(`a statement that is not a resource: ${st.getText().slice(0, 200)}`);
      continue;
    }
    const variable = decl.name.text;
    const kind = init.expression.getText().replace(/^clarifai\./, "");
    const [nameNode, argsNode] = init.arguments;
    const name = tsLiteral(nameNode, ids) as string;
    const r = plan.resources.find((x) => x.kind === kind && x.name === name);
    if (!r) {
      out.push(`${kind} "${name}" is not in the plan`);
      continue;
    }
    if (r.variable !== variable) out.push(`${kind} "${name}": variable ${variable}, planned ${r.variable}`);
    try {
      const args = tsLiteral(argsNode, ids);
      if (!deepEqualStrict(args, resolved(r.inputs))) out.push(`${kind} "${name}": decodes to ${JSON.stringify(args)}, planned ${JSON.stringify(resolved(r.inputs))}`);
    } catch (e) {
      out.push(`${kind} "${name}": ${(e as Error).message}`);
    }
    if (ids.has(variable)) out.push(`variable ${variable} declared twice`);
    ids.set(variable, r.id);
    seen.push(`${kind}:${name}`);
  }
  if (seen.length !== plan.resources.length) out.push(`${seen.length} resources declared, ${plan.resources.length} planned`);
  return out;
}

/** Type-checks many programs at once against a stand-in for the package's classes (semantic errors: reserved or repeated names). */
function typeCheck(programs: string[]): string[] {
  const files = new Map<string, string>();
  const stub = `declare module "pulumi-clarifai" {\n${["ComputeCluster", "Nodepool", "Deployment"].map((k) => `  export class ${k} { constructor(name: string, args: object); readonly id: string; }`).join("\n")}\n}\n`;
  files.set("/virtual/stub.d.ts", stub);
  programs.forEach((p, i) => files.set(`/virtual/p${i}.ts`, p));
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: [], skipLibCheck: true };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile;
  host.readFile = (f) => files.get(f) ?? readFile(f);
  host.fileExists = ((exists) => (f: string) => files.has(f) || exists(f))(host.fileExists);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (f, lang, ...more) => (files.has(f) ? ts.createSourceFile(f, files.get(f)!, lang) : getSourceFile(f, lang, ...more));
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.basename(d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

// ---- Pulumi YAML ----------------------------------------------------------------------------------

/**
 * Pulumi YAML's reading of a string (pulumi-yaml ast/interpolation.go): `$$` is `$`, `${...}` an
 * access up to the next `}`. Returns the text, or the accesses when there are any.
 */
function interpolate(s: string): { text: string; accesses: string[]; whole: boolean } {
  let text = "";
  const accesses: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s.startsWith("$$", i)) {
      text += "$";
      i += 2;
    } else if (s.startsWith("${", i)) {
      const end = s.indexOf("}", i);
      accesses.push(end < 0 ? s.slice(i + 2) : s.slice(i + 2, end));
      i = end < 0 ? s.length : end + 1;
    } else text += s[i++];
  }
  return { text, accesses, whole: accesses.length === 1 && text === "" };
}

function checkYaml(text: string, plan: Plan): Problems {
  const out: Problems = [];
  const docs = (["1.2", "1.1"] as const).map((version) => parseDocument(text, { version, uniqueKeys: true }));
  for (const d of docs) for (const e of d.errors) out.push(`YAML ${d.directives?.yaml.version}: ${e.message}`);
  if (out.length) return out;
  const [doc, doc11] = docs.map((d) => d.toJS({ maxAliasCount: 0 }) as Record<string, unknown>);
  // YAML 1.1 reads numbers, dates and booleans in more plain text than 1.2; quoting must leave no doubt.
  if (!deepEqualStrict(doc, doc11)) out.push("YAML 1.1 reads the document differently from YAML 1.2");
  const keysAt = Object.keys(doc);
  const expectedTop = ["name", "description", "runtime", ...(doc.variables ? ["variables"] : []), "resources"];
  if (JSON.stringify(keysAt) !== JSON.stringify(expectedTop)) out.push(`top-level keys ${JSON.stringify(keysAt)}`);
  const description = interpolate(String(doc.description));
  const owner = plan.ownerId ?? plan.userId;
  if (description.accesses.length || description.text !== `Clarifai compute of user "${owner}", exported by pulumi-clarifai`) out.push(`description ${JSON.stringify(doc.description)}`);
  const variables = (doc.variables ?? {}) as Record<string, string>;
  const resources = (doc.resources ?? {}) as Record<string, { type: string; name?: string; properties: unknown }>;
  const byKey = new Map<string, PlannedResource>();
  for (const [key, decl] of Object.entries(resources)) {
    const name = decl.name === undefined ? key : interpolate(decl.name).text;
    const r = plan.resources.find((x) => `clarifai:index:${x.kind}` === decl.type && x.name === name);
    if (!r) out.push(`${decl.type} "${name}" (key ${key}) is not in the plan`);
    else byKey.set(key, r);
    const extra = Object.keys(decl).filter((k) => !["type", "name", "properties"].includes(k));
    if (extra.length) out.push(`${key}: unexpected ${extra.join(", ")}`);
  }
  const decode = (v: unknown, where: string): unknown => {
    if (typeof v === "string") {
      const i = interpolate(v);
      if (!i.accesses.length) return i.text;
      const ref = /^([A-Za-z0-9_/-]+)\.id$/.exec(i.accesses[0]);
      const target = ref && byKey.get(ref[1]);
      if (!i.whole || !target) throw new Error(`${where}: an interpolation that is not a reference: ${JSON.stringify(v)}`);
      return target.id;
    }
    if (Array.isArray(v)) return v.map((x, n) => decode(x, `${where}[${n}]`));
    if (v && typeof v === "object") {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        // Pulumi YAML calls a function for a key starting with fn:: (asset and archive keys in any object).
        if (/^fn::/i.test(k)) throw new Error(`${where}: key ${JSON.stringify(k)} is a Pulumi YAML function`);
        const i = interpolate(k);
        let key = i.text;
        if (i.accesses.length) {
          if (!i.whole || variables[i.accesses[0]] === undefined) throw new Error(`${where}: key ${JSON.stringify(k)} interpolates`);
          key = interpolate(variables[i.accesses[0]]).text;
        }
        Object.defineProperty(o, key, { value: decode(x, `${where}.${key}`), enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
    return v;
  };
  for (const [key, decl] of Object.entries(resources)) {
    const r = byKey.get(key);
    if (!r) continue;
    try {
      const props = decode(decl.properties, key);
      if (!deepEqualStrict(props, resolved(r.inputs))) out.push(`${key}: decodes to ${JSON.stringify(props)}, planned ${JSON.stringify(resolved(r.inputs))}`);
    } catch (e) {
      out.push((e as Error).message);
    }
  }
  if (Object.keys(resources).length !== plan.resources.length) out.push(`${Object.keys(resources).length} resources, ${plan.resources.length} planned`);
  return out;
}

/** Deep equality that also compares key order-insensitively and tells -0, NaN and types apart. */
function deepEqualStrict(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqualStrict(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return deepEqualStrict(ka, kb) && ka.every((k) => deepEqualStrict((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

// ---- the tests ------------------------------------------------------------------------------------

const cases = SEEDS.map((seed) => {
  const account = awkwardAccount(new Rng(seed));
  const plan = planAccount(account);
  return { seed, account, plan, ts: renderIndexTs(plan, API), yaml: yamlProject(plan, { projectName: "p", apiBase: API })["Pulumi.yaml"] };
});
const failing = (check: (c: (typeof cases)[number]) => Problems) =>
  cases.map((c) => ({ seed: `0x${c.seed.toString(16)}`, problems: check(c) })).filter((c) => c.problems.length);

describe(`${SEEDS.length} generated accounts`, () => {
  it("the plan keeps the account's text: descriptions, ids, metadata; names are distinct per kind, variables distinct", () => {
    expect(
      failing(({ account, plan }) => {
        const out: Problems = [];
        const find = (kind: string, id: string) => plan.resources.find((r) => r.kind === kind && r.id === id);
        for (const k of account.clusters) if ((resolved(find("ComputeCluster", k.id ?? "")?.inputs ?? {}) as { description?: string }).description !== (k.description || undefined)) out.push(`cluster ${k.id}: description`);
        for (const p of account.nodepools) {
          const key = `${p.compute_cluster?.id ?? ""}/${p.id ?? ""}`;
          const r = resolved(find("Nodepool", key)?.inputs ?? {}) as { description?: string; nodepoolId?: string; metadata?: unknown };
          if (r.description !== (p.description || undefined) || r.nodepoolId !== p.id || !deepEqualStrict(r.metadata, p.metadata)) out.push(`nodepool ${key}`);
        }
        for (const d of account.deployments) if ((resolved(find("Deployment", d.id ?? "")?.inputs ?? {}) as { description?: string }).description !== (d.description || undefined)) out.push(`deployment ${d.id}: description`);
        const names = plan.resources.map((r) => `${r.kind}:${r.name}`);
        if (new Set(names).size !== names.length) out.push(`repeated logical names: ${names}`);
        const variables = plan.resources.map((r) => r.variable);
        if (new Set(variables).size !== variables.length) out.push(`repeated variables: ${variables}`);
        for (const v of variables) if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(v)) out.push(`variable ${v}`);
        return out;
      }),
    ).toEqual([]);
  });

  it("the programs do not depend on the order the API lists objects in", () => {
    expect(
      failing(({ account, ts: text, yaml }) => {
        const reversed = { ...account, clusters: [...account.clusters].reverse(), nodepools: [...account.nodepools].reverse(), deployments: [...account.deployments].reverse() };
        const plan = planAccount(reversed);
        return [renderIndexTs(plan, API) === text ? "" : "TypeScript differs", yamlProject(plan, { projectName: "p", apiBase: API })["Pulumi.yaml"] === yaml ? "" : "YAML differs"].filter(Boolean);
      }),
    ).toEqual([]);
  });

  it("TypeScript: parses, declares exactly the planned resources, and every literal decodes to the plan's value", () => {
    expect(failing(({ ts: text, plan }) => checkTypeScript(text, plan))).toEqual([]);
  });

  it("TypeScript: all the programs type-check (no reserved or repeated names)", () => {
    expect(typeCheck(cases.map((c) => c.ts))).toEqual([]);
  });

  it("Pulumi YAML: parses alike under YAML 1.2 and 1.1, references only planned resources, and every string decodes to the plan's value", () => {
    expect(failing(({ yaml, plan }) => checkYaml(yaml, plan))).toEqual([]);
  });

  it("the generator reaches what it is for: `${`, fn:: keys, shared nodepool ids, long text, separators", () => {
    const all = cases.map((c) => c.ts + c.yaml).join("");
    expect(all).toContain("$${not.a.ref}");
    expect(all).toContain("\\u2028");
    expect(cases.some((c) => /variables:\n {2}fnSecretKey: fn::secret/.test(c.yaml))).toBe(true);
    expect(cases.some((c) => c.plan.resources.some((r) => r.kind === "Nodepool" && r.name.includes("/")))).toBe(true);
    expect(cases.some((c) => c.plan.resources.some((r) => typeof r.inputs.description === "string" && r.inputs.description.length > 1024))).toBe(true);
    expect(cases.some((c) => /\n {4}name: /.test(c.yaml))).toBe(true); // a key that is not the logical name
  });
});

describe("each literal form", () => {
  const rng = new Rng(42);
  const texts = [...FRAGMENTS, ...Array.from({ length: 300 }, () => awkwardText(rng))];

  it("a TypeScript string literal reads back as the text, on one line, showing invisible characters as escapes", () => {
    for (const s of texts) {
      const lit = jsonString(s);
      const sf = ts.createSourceFile("x.ts", `const x = ${lit};`, ts.ScriptTarget.ES2022, true);
      const init = (sf.statements[0] as ts.VariableStatement).declarationList.declarations[0].initializer as ts.StringLiteral;
      expect([s, init.text]).toEqual([s, s]);
      expect([s, /[\n\r\u2028\u2029\u0085\u202e\ufeff]/.test(lit)]).toEqual([s, false]);
    }
  });

  it("a comment stays one comment line", () => {
    for (const s of texts) {
      const sf = ts.createSourceFile("x.ts", `// ${commentText(s)}\nconst x = 1;`, ts.ScriptTarget.ES2022, true);
      expect([s, sf.statements.length, sf.statements[0].getText()]).toEqual([s, 1, "const x = 1;"]);
    }
  });

  it("a YAML scalar reads back as the text, as a key and as a value, under YAML 1.2 and 1.1", () => {
    for (const s of texts) {
      const text = yamlDocument({ [s]: s, list: [s] });
      for (const version of ["1.2", "1.1"] as const) {
        const doc = parseDocument(text, { version });
        expect([s, doc.errors.map((e) => e.message)]).toEqual([s, []]);
        expect([s, doc.toJS()]).toEqual([s, { [s]: s, list: [s] }]);
      }
      // What YAML 1.1 and libyaml read as line breaks, and what YAML must escape, never stands as itself.
      expect([s, /[^\P{Cc}\t\n]|[\u2028\u2029\ufeff]/u.test(text)]).toEqual([s, false]);
    }
    expect(needsDoubleQuotes("0o17")).toBe(true);
    expect(needsDoubleQuotes("gpu")).toBe(false);
  });

  it("Pulumi YAML text: every `$` doubled, so nothing is an interpolation", () => {
    for (const s of texts) expect([s, interpolate(pulumiYamlText(s))]).toEqual([s, { text: s, accesses: [], whole: false }]);
  });

  it("a `__proto__` key is written computed, so it stays a key", () => {
    const v = JSON.parse('{"__proto__": "x", "a-b": 1, "ok": true}');
    expect(tsValue(v)).toBe('{ ["__proto__"]: "x", "a-b": 1, ok: true }');
  });
});
