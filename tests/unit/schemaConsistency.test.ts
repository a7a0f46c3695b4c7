// schema.json is the single source of truth: the SDK's Args and declared outputs must agree with it,
// every public field must carry TSDoc, and the real Pulumi CLI must accept the schema.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { resourceSpec, ResourceKind } from "../../provider/schema";
import { pulumiBin, repoRoot } from "../engine/harness";

interface Member { name: string; optional: boolean; documented: boolean }

function members(file: string, decl: "interface" | "class", name: string): Member[] {
  const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const out: Member[] = [];
  const visit = (node: ts.Node) => {
    const match = (decl === "interface" && ts.isInterfaceDeclaration(node)) || (decl === "class" && ts.isClassDeclaration(node));
    if (match && (node as ts.InterfaceDeclaration | ts.ClassDeclaration).name?.text === name) {
      for (const m of (node as ts.InterfaceDeclaration | ts.ClassDeclaration).members) {
        if (!(ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)) || !m.name || !ts.isIdentifier(m.name)) continue;
        if (ts.isPropertyDeclaration(m) && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.DeclareKeyword)) continue;
        out.push({ name: m.name.text, optional: !!m.questionToken, documented: ts.getJSDocCommentsAndTags(m).length > 0 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

const resources: [ResourceKind, string][] = [
  ["ComputeCluster", "sdk/computeCluster.ts"],
  ["Nodepool", "sdk/nodepool.ts"],
  ["Deployment", "sdk/deployment.ts"],
];

describe.each(resources)("%s agrees with schema.json", (kind, file) => {
  const spec = resourceSpec(kind);
  const args = members(path.join(repoRoot, file), "interface", `${kind}Args`);
  const outs = members(path.join(repoRoot, file), "class", kind);

  it("Args has exactly the schema's input properties, required where the schema requires", () => {
    expect(args.map((m) => m.name).sort()).toEqual(Object.keys(spec.inputProperties).sort());
    for (const m of args) expect([m.name, m.optional]).toEqual([m.name, !spec.requiredInputs.includes(m.name)]);
  });

  it("the class declares exactly the schema's output properties", () => {
    expect(outs.map((m) => m.name).sort()).toEqual(Object.keys(spec.properties).sort());
  });

  it("every public field has TSDoc, and every schema property a description", () => {
    expect([...args, ...outs].filter((m) => !m.documented).map((m) => m.name)).toEqual([]);
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
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_HOME: fs.mkdtempSync(path.join(require("os").tmpdir(), "ph-")) },
  });
  expect(out.trim()).toBe("");
});
