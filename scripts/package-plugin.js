#!/usr/bin/env node
// Builds the native provider plugin `pulumi-resource-clarifai` as a self-contained folder, and a
// tarball that `pulumi plugin install resource clarifai <version> --file <tarball>` accepts.
//
//   node scripts/package-plugin.js [--out <folder>] [--tarball]     (after `npm run build`)
//
// The folder holds the `pulumi-resource-clarifai` executable (a shell shim that runs Node on the
// compiled plugin), package.json, schema.json, the compiled provider (dist/provider and dist/api, no sdk, no
// emulator) and the run-time node_modules it needs, copied from this checkout's node_modules with their
// nested layout kept: axios, yaml, @grpc/grpc-js, google-protobuf and, of @pulumi/pulumi, only its generated
// protocol stubs (proto/). Point a project at the folder with
//   plugins: { providers: [{ name: clarifai, path: <folder> }] }    in Pulumi.yaml.
// It needs `node` (>= 20) on PATH, like every Node plugin. Prints the folder (and tarball) path.
"use strict";

const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const outArg = args.indexOf("--out");
const out = path.resolve(outArg >= 0 ? args[outArg + 1] : path.join(root, "build", "plugin"));
const pkg = require(path.join(root, "package.json"));
const version = pkg.version;

const compiled = path.join(root, "dist", "provider", "native", "main.js");
if (!fs.existsSync(compiled)) {
  console.error("package-plugin: dist/provider/native/main.js is missing: run `npm run build` first.");
  process.exit(1);
}

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

// The compiled provider and the wire types it is written against (dist/api): JavaScript only (no
// declarations or source maps: they are not run).
for (const room of ["provider", "api"]) {
  fs.cpSync(path.join(root, "dist", room), path.join(out, "dist", room), {
    recursive: true,
    filter: (src) => fs.statSync(src).isDirectory() || src.endsWith(".js"),
  });
}
fs.copyFileSync(path.join(root, "schema.json"), path.join(out, "schema.json"));
fs.writeFileSync(
  path.join(out, "package.json"),
  JSON.stringify({ name: pkg.name, version, description: "Pulumi resource provider plugin for Clarifai Compute Orchestration", license: pkg.license, private: true }, null, 2) + "\n",
);

/** The folder of package `name` as Node resolves it from `fromDir` (walking up node_modules folders). */
function packageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`package-plugin: ${name} is not installed (from ${fromDir}); run npm ci`);
  }
}

const copied = new Set();
/** Copies a package and, recursively, its dependencies, each to the same place relative to the root. */
function copyPackage(dir) {
  if (copied.has(dir)) return;
  copied.add(dir);
  const rel = path.relative(root, dir);
  fs.cpSync(dir, path.join(out, rel), { recursive: true, filter: (src) => !src.slice(dir.length).includes(`${path.sep}node_modules`) });
  const pj = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  for (const dep of Object.keys(pj.dependencies ?? {}).filter((d) => !d.startsWith("@types/"))) copyPackage(packageDir(dep, dir));
}

const sdk = packageDir("@pulumi/pulumi", root);
fs.mkdirSync(path.join(out, path.relative(root, sdk)), { recursive: true });
fs.copyFileSync(path.join(sdk, "package.json"), path.join(out, path.relative(root, sdk), "package.json"));
fs.cpSync(path.join(sdk, "proto"), path.join(out, path.relative(root, sdk), "proto"), { recursive: true, filter: (src) => !src.endsWith(".d.ts") });
copyPackage(packageDir("axios", root));
copyPackage(packageDir("yaml", root)); // the clarifai CLI's config file (provider/settings/credentials.ts)
copyPackage(packageDir("@grpc/grpc-js", sdk));
copyPackage(packageDir("google-protobuf", sdk));

const shim = path.join(out, "pulumi-resource-clarifai");
fs.writeFileSync(
  shim,
  `#!/bin/sh
# pulumi-resource-clarifai ${version}: the Clarifai provider plugin for Pulumi (needs node >= 20 on PATH).
here="$(cd "$(dirname "$0")" && pwd)"
exec node "$here/dist/provider/native/main.js" "$@"
`,
);
fs.chmodSync(shim, 0o755);
console.log(out);

if (args.includes("--tarball")) {
  // Pulumi's naming: pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz. The contents are the same on
  // every platform (JavaScript), so the name states the platform it is installed on.
  const os = { darwin: "darwin", linux: "linux", win32: "windows" }[process.platform] ?? process.platform;
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch] ?? process.arch;
  const tarball = path.join(path.dirname(out), `pulumi-resource-clarifai-v${version}-${os}-${arch}.tar.gz`);
  execFileSync("tar", ["-czf", tarball, "-C", out, "."]);
  console.log(tarball);
}
