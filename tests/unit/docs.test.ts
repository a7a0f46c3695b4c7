import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../engine/harness";

describe("docs/reference, generated from schema.json", () => {
  it("is up to date", () => {
    expect(() => execFileSync("node", [path.join(repoRoot, "scripts", "gen-docs.js"), "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("the check fails when a page is stale", () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "docs-"));
    fs.mkdirSync(path.join(copy, "scripts"));
    fs.mkdirSync(path.join(copy, "docs", "reference"), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, "scripts", "gen-docs.js"), path.join(copy, "scripts", "gen-docs.js"));
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "schema.json"), "utf8"));
    schema.resources["clarifai:index:Nodepool"].inputProperties.maxInstances.description = "changed";
    fs.writeFileSync(path.join(copy, "schema.json"), JSON.stringify(schema));
    for (const f of fs.readdirSync(path.join(repoRoot, "docs", "reference"))) {
      fs.copyFileSync(path.join(repoRoot, "docs", "reference", f), path.join(copy, "docs", "reference", f));
    }
    expect(() => execFileSync("node", [path.join(copy, "scripts", "gen-docs.js"), "--check"], { stdio: "pipe" })).toThrow(/nodepool\.md/);
  });
});
