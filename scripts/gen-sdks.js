#!/usr/bin/env node
// Generates the plugin's Python and Go SDKs (sdks/python, sdks/go) from the schema the plugin serves
// (schema.json plus the provider resource derived from its config), with Pulumi's own generators.
//
//   node scripts/gen-sdks.js            regenerate (after `npm run build`)
//   node scripts/gen-sdks.js --check    fail if the committed SDKs are stale
//
// `pulumi package gen-sdk` delegates to the Python and Go language hosts, which the Go module proxy
// reachable here does not serve; scripts/gen-sdks/main.go calls the generators (pkg/v3/codegen at the
// CLI's version) directly. Its binary is built once (about a minute) and cached like the CLI.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const check = process.argv.includes("--check");
const version = require(path.join(root, "package.json")).pulumi.engineVersion;
const cache = process.env.PULUMI_CLARIFAI_CACHE || path.join(os.homedir(), ".cache", "pulumi-clarifai");
const bin = path.join(cache, `gen-sdks-v${version}`, "gen-sdks");

/** The SDKs generated here; their settings are schema.json's `language` sections (the Registry reads them too). */
const LANGUAGES = ["python", "go"];

function ensureBinary() {
  const src = path.join(__dirname, "gen-sdks");
  const stamp = `${bin}.src`;
  const digest = ["go.mod", "main.go"].map((f) => fs.readFileSync(path.join(src, f), "utf8")).join("\n");
  if (fs.existsSync(bin) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === digest) return;
  console.error(`gen-sdks: building the generator against pulumi pkg/v3 v${version} (first time only, about a minute)`);
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  const env = { ...process.env, GOFLAGS: process.env.GOFLAGS || "-buildvcs=false", CGO_ENABLED: "0" };
  execFileSync("go", ["build", "-trimpath", "-o", bin, "."], { cwd: src, env, stdio: ["ignore", "inherit", "inherit"] });
  fs.writeFileSync(stamp, digest);
}

function generate(outRoot) {
  const { servedSchema } = require(path.join(root, "dist", "provider", "native", "server.js"));
  const spec = servedSchema();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gen-sdks-"));
  const schemaFile = path.join(tmp, "schema.json");
  fs.writeFileSync(schemaFile, JSON.stringify(spec, null, 2));
  for (const lang of LANGUAGES) {
    const out = path.join(outRoot, lang);
    fs.rmSync(out, { recursive: true, force: true });
    execFileSync(bin, [schemaFile, lang, out], { stdio: ["ignore", "inherit", "inherit"] });
  }
  // A go.mod so that the Go SDK builds as its own module, pinned to the engine's SDK version.
  fs.writeFileSync(
    path.join(outRoot, "go", "go.mod"),
    `module github.com/clarifai/pulumi-clarifai/sdks/go\n\ngo 1.25\n\nrequire github.com/pulumi/pulumi/sdk/v3 v${version}\n`,
  );
  fs.rmSync(tmp, { recursive: true, force: true });
}

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

ensureBinary();
if (!check) {
  generate(path.join(root, "sdks"));
  console.log(path.join(root, "sdks"));
} else {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "gen-sdks-check-"));
  generate(fresh);
  const stale = [];
  for (const lang of LANGUAGES) {
    const a = path.join(root, "sdks", lang);
    const b = path.join(fresh, lang);
    // go.sum and build outputs are not generated; compare what the generator writes.
    const files = new Set([...listFiles(a), ...listFiles(b)].filter((f) => !f.endsWith("go.sum") && !f.includes("__pycache__") && !f.includes(".egg-info")));
    for (const f of files) {
      const x = fs.existsSync(path.join(a, f)) ? fs.readFileSync(path.join(a, f), "utf8") : undefined;
      const y = fs.existsSync(path.join(b, f)) ? fs.readFileSync(path.join(b, f), "utf8") : undefined;
      if (x !== y) stale.push(`sdks/${lang}/${f}`);
    }
  }
  fs.rmSync(fresh, { recursive: true, force: true });
  if (stale.length) {
    console.error(`gen-sdks: the committed SDKs are stale; run \`node scripts/gen-sdks.js\`:\n  ${stale.join("\n  ")}`);
    process.exit(1);
  }
  console.log("gen-sdks: sdks/python and sdks/go are up to date");
}
