#!/usr/bin/env node
// Stamps a release version into the files that carry it, before the release commit is tagged:
//
//   node scripts/stamp-version.js 0.2.0           package.json and schema.json, then `npm run gen`
//                                                 (the SDKs' pyproject.toml, pulumi-plugin.json, Go
//                                                 version constant and the reference pages follow)
//   node scripts/stamp-version.js 0.2.0 --check   fail unless the checkout is stamped with 0.2.0
//
// The tag rule (docs/release.md): tag v<version> on a commit stamped with <version>; the release workflow
// checks it with --check and pushes the Go module's own tag, sdks/go/v<version>.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const [version] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const check = process.argv.includes("--check");
if (!version || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
  console.error("usage: node scripts/stamp-version.js <major.minor.patch[-pre]> [--check]");
  process.exit(2);
}

/** Each file that carries the version, and the version it carries. */
function stamped() {
  const read = (f) => fs.readFileSync(path.join(root, f), "utf8");
  return {
    "package.json": JSON.parse(read("package.json")).version,
    "schema.json": JSON.parse(read("schema.json")).version,
    "sdks/python/pyproject.toml": (/^\s*version = "([^"]+)"/m.exec(read("sdks/python/pyproject.toml")) ?? [])[1],
    "sdks/python/pulumi_clarifai/pulumi-plugin.json": JSON.parse(read("sdks/python/pulumi_clarifai/pulumi-plugin.json")).version,
    "sdks/go/clarifai/pulumi-plugin.json": JSON.parse(read("sdks/go/clarifai/pulumi-plugin.json")).version,
  };
}

if (check) {
  const wrong = Object.entries(stamped()).filter(([, v]) => v !== version);
  if (wrong.length) {
    console.error(`stamp-version: not stamped with ${version}: ${wrong.map(([f, v]) => `${f} has ${v}`).join(", ")}.\nRun \`node scripts/stamp-version.js ${version}\`, commit, and tag that commit v${version}.`);
    process.exit(1);
  }
  console.log(`stamp-version: every file carries ${version}`);
  process.exit(0);
}

// Only the "version" value changes: the files keep their layout (schema.json is reviewed by hand).
for (const f of ["package.json", "schema.json"]) {
  const file = path.join(root, f);
  const text = fs.readFileSync(file, "utf8");
  const next = text.replace(/^(\s{2}"version": )"[^"]*"/m, `$1"${version}"`);
  if (next === text && JSON.parse(text).version !== version) throw new Error(`stamp-version: no top-level "version" line in ${f}`);
  fs.writeFileSync(file, next);
}
// package-lock.json names the root package's version twice (top level and packages[""]).
const lockFile = path.join(root, "package-lock.json");
const lock = JSON.parse(fs.readFileSync(lockFile, "utf8"));
lock.version = version;
lock.packages[""].version = version;
fs.writeFileSync(lockFile, JSON.stringify(lock, null, 2) + "\n");
execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
execFileSync("npm", ["run", "gen"], { cwd: root, stdio: "inherit" });
const left = Object.entries(stamped()).filter(([, v]) => v !== version);
if (left.length) throw new Error(`stamp-version: still not ${version} after npm run gen: ${left.map(([f]) => f).join(", ")}`);
console.log(`stamp-version: stamped ${version}; review and commit, then tag v${version}`);
