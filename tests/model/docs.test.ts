import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../support/engine";

describe("docs/reference, generated from schema.json", () => {
  it("is up to date", () => {
    expect(() => execFileSync("node", [path.join(repoRoot, "scripts", "gen-docs.js"), "--check"], { stdio: "pipe" })).not.toThrow();
  });

  /** A copy of what the generator reads: its scripts, the pages and the example programs. */
  function checkoutCopy(): string {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "docs-"));
    fs.mkdirSync(path.join(copy, "docs", "reference"), { recursive: true });
    for (const f of ["scripts/gen-docs.js", "scripts/doc-examples.js", "examples/quickstart/index.ts", "examples/python/__main__.py", "examples/go/main.go", "examples/yaml/Pulumi.yaml"]) {
      fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
      fs.copyFileSync(path.join(repoRoot, f), path.join(copy, f));
    }
    return copy;
  }

  it("the check fails when an example program's marked snippet changed", () => {
    const copy = checkoutCopy();
    fs.copyFileSync(path.join(repoRoot, "schema.json"), path.join(copy, "schema.json"));
    for (const f of fs.readdirSync(path.join(repoRoot, "docs", "reference"))) {
      fs.copyFileSync(path.join(repoRoot, "docs", "reference", f), path.join(copy, "docs", "reference", f));
    }
    const program = path.join(copy, "examples", "go", "main.go");
    fs.writeFileSync(program, fs.readFileSync(program, "utf8").replace('pulumi.String("gpu-a10g")', 'pulumi.String("gpu-l4")'));
    expect(() => execFileSync("node", [path.join(copy, "scripts", "gen-docs.js"), "--check"], { stdio: "pipe" })).toThrow(/nodepool\.md/);
    fs.writeFileSync(program, fs.readFileSync(program, "utf8").replace("// docs:start Deployment", ""));
    expect(() => execFileSync("node", [path.join(copy, "scripts", "gen-docs.js"), "--check"], { stdio: "pipe" })).toThrow(/main\.go has no snippet for Deployment|docs:end without docs:start/);
    fs.rmSync(copy, { recursive: true, force: true });
  });

  it("the check fails when a page is stale", () => {
    const copy = checkoutCopy();
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "schema.json"), "utf8"));
    schema.resources["clarifai:index:Nodepool"].inputProperties.maxInstances.description = "changed";
    fs.writeFileSync(path.join(copy, "schema.json"), JSON.stringify(schema));
    for (const f of fs.readdirSync(path.join(repoRoot, "docs", "reference"))) {
      fs.copyFileSync(path.join(repoRoot, "docs", "reference", f), path.join(copy, "docs", "reference", f));
    }
    expect(() => execFileSync("node", [path.join(copy, "scripts", "gen-docs.js"), "--check"], { stdio: "pipe" })).toThrow(/nodepool\.md/);
  });

  it("README.md's lists of what updates in place and what replaces follow schema.json", () => {
    const copy = checkoutCopy();
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "schema.json"), "utf8"));
    schema.resources["clarifai:index:Nodepool"].inputProperties.description.replaceOnChanges = true;
    fs.writeFileSync(path.join(copy, "schema.json"), JSON.stringify(schema));
    for (const f of fs.readdirSync(path.join(repoRoot, "docs", "reference"))) {
      fs.copyFileSync(path.join(repoRoot, "docs", "reference", f), path.join(copy, "docs", "reference", f));
    }
    fs.copyFileSync(path.join(repoRoot, "README.md"), path.join(copy, "README.md"));
    expect(() => execFileSync("node", [path.join(copy, "scripts", "gen-docs.js"), "--check"], { stdio: "pipe" })).toThrow(/README\.md/);
    execFileSync("node", [path.join(copy, "scripts", "gen-docs.js")], { stdio: "pipe" });
    const nodepool = fs.readFileSync(path.join(copy, "README.md"), "utf8").split("<!-- gen-docs: updates Nodepool -->")[1].split("<!-- /gen-docs -->")[0];
    expect(nodepool).toContain("- **Replaces**: `computeClusterId`, `nodepoolId`, `description`, `instanceTypes`.");
    expect(nodepool).not.toMatch(/Updates in place.*`description`/);
    fs.rmSync(copy, { recursive: true, force: true });
  });
});
