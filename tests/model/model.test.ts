// schema.json is the single source of truth: the TypeScript model (provider/model.generated.ts) and
// the SDK's Args and outputs (sdk/model.generated.ts) are generated from it and must be current; every
// property must be described (its description is the field's TSDoc), saying whether a change updates
// in place or replaces; and the real Pulumi CLI must accept the schema.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { resourceKinds } from "../../provider/model/model.generated";
import { resourceSpec } from "../../provider/model/schema";
import { pulumiBin, repoRoot } from "../support/engine";

const generator = path.join(repoRoot, "scripts", "gen-model.js");
const GENERATED = ["provider/model/model.generated.ts", "sdk/model.generated.ts"];

describe("the model generated from schema.json", () => {
  it("is up to date", () => {
    expect(() => execFileSync("node", [generator, "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("the check fails, naming the files, when schema.json changed", () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "model-"));
    for (const rel of GENERATED) {
      fs.mkdirSync(path.dirname(path.join(copy, rel)), { recursive: true });
      fs.copyFileSync(path.join(repoRoot, rel), path.join(copy, rel));
    }
    fs.mkdirSync(path.join(copy, "api"));
    fs.copyFileSync(path.join(repoRoot, "api", "clarifai-api.json"), path.join(copy, "api", "clarifai-api.json"));
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "schema.json"), "utf8"));
    schema.resources["clarifai:index:Nodepool"].inputProperties.maxInstances.description = "changed";
    fs.writeFileSync(path.join(copy, "schema.json"), JSON.stringify(schema));
    expect(() => execFileSync("node", [generator, "--check", `--root=${copy}`], { stdio: "pipe" })).toThrow(/provider\/model\/model\.generated\.ts, sdk\/model\.generated\.ts/);
  });

  // One field, one place: a field's wire mapping is its apiField; a name the API message lacks, or an
  // enum value without a wire number, is caught here rather than by a failing request.
  type Schema = { resources: Record<string, { inputProperties: Record<string, { "x-clarifai"?: object }> }>; types: Record<string, { enum?: { value: string }[] }> };
  it.each([
    ["an apiField the API message lacks", (s: Schema) => (s.resources["clarifai:index:Deployment"].inputProperties.description["x-clarifai"] = { apiField: "descripton" }), /Deployment\.description names apiField "descripton"/],
    ["an enum value the wire has no number for", (s: Schema) => s.types["clarifai:index:DeploymentStatus"].enum!.push({ value: "sleeping" }), /Deployment\.status value "sleeping" has no number/],
  ])("the generation fails on %s", (_what, mutate, message) => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "model-"));
    fs.mkdirSync(path.join(copy, "api"));
    fs.copyFileSync(path.join(repoRoot, "api", "clarifai-api.json"), path.join(copy, "api", "clarifai-api.json"));
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "schema.json"), "utf8"));
    mutate(schema);
    fs.writeFileSync(path.join(copy, "schema.json"), JSON.stringify(schema));
    expect(() => execFileSync("node", [generator, "--check", `--root=${copy}`], { stdio: "pipe" })).toThrow(message);
  });
});

/** Members of an interface in a generated file, and whether each carries TSDoc. */
function members(file: string, name: string): { name: string; optional: boolean; documented: boolean }[] {
  const src = ts.createSourceFile(file, fs.readFileSync(path.join(repoRoot, file), "utf8"), ts.ScriptTarget.ES2022, true);
  const decl = src.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!decl) throw new Error(`${file}: no interface ${name}`);
  return decl.members.filter(ts.isPropertySignature).map((m) => ({
    name: (m.name as ts.Identifier).text,
    optional: !!m.questionToken,
    documented: ts.getJSDocCommentsAndTags(m).length > 0,
  }));
}

describe.each(resourceKinds)("%s", (kind) => {
  const spec = resourceSpec(kind);

  it("the SDK's Args and outputs are the schema's properties, each with TSDoc", () => {
    const args = members("sdk/model.generated.ts", `${kind}Args`);
    const outs = members("sdk/model.generated.ts", `${kind}Outputs`);
    expect(args.map((m) => [m.name, m.optional])).toEqual(Object.keys(spec.inputProperties).map((k) => [k, !spec.requiredInputs.includes(k)]));
    expect(outs.map((m) => m.name)).toEqual(Object.keys(spec.properties));
    expect([...args, ...outs].filter((m) => !m.documented).map((m) => m.name)).toEqual([]);
  });

  it("every property has a description worth reading", () => {
    for (const [k, p] of [...Object.entries(spec.inputProperties), ...Object.entries(spec.properties)]) {
      expect([k, (p.description ?? "").length > 20]).toEqual([k, true]);
    }
  });

  it("each input's description says whether a change updates in place or replaces", () => {
    for (const [k, p] of Object.entries(spec.inputProperties)) {
      const d = p.description ?? "";
      const says = p.replaceOnChanges ? /replaces/i.test(d) : /in place|no effect|not sent/i.test(d);
      expect([k, says]).toEqual([k, true]);
    }
  });
});

it("the real Pulumi CLI accepts schema.json (`pulumi schema check`)", () => {
  const out = execFileSync(path.join(pulumiBin(), "pulumi"), ["schema", "check", path.join(repoRoot, "schema.json")], {
    encoding: "utf8",
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_HOME: fs.mkdtempSync(path.join(os.tmpdir(), "ph-")) },
  });
  expect(out.trim()).toBe("");
});
