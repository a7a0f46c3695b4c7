// The client's wire types are generated from the official API definition (api/gen-wire.js) and must be
// current; the check names the stale file.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const repoRoot = path.resolve(__dirname, "../..");
const generator = path.join(repoRoot, "api", "gen-wire.js");

test("api/wire.generated.ts is up to date", () => {
  expect(() => execFileSync("node", [generator, "--check"], { stdio: "pipe" })).not.toThrow();
});

test("the check fails, naming the file, when the definition changed", () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "wire-"));
  fs.mkdirSync(path.join(copy, "api"));
  fs.copyFileSync(path.join(repoRoot, "api", "wire.generated.ts"), path.join(copy, "api", "wire.generated.ts"));
  const def = JSON.parse(fs.readFileSync(path.join(repoRoot, "api", "clarifai-api.json"), "utf8"));
  def.root.nested.clarifai.nested.api.nested.Deployment.fields.paused_until = { id: 99, type: "string" };
  fs.writeFileSync(path.join(copy, "api", "clarifai-api.json"), JSON.stringify(def));
  expect(() => execFileSync("node", [generator, "--check", `--root=${copy}`], { stdio: "pipe" })).toThrow(/api\/wire\.generated\.ts/);
});
