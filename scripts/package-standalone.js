#!/usr/bin/env node
// Builds `pulumi-resource-clarifai` as a standalone executable that needs no Node.js on the machine (a
// Node single-executable application: the compiled provider bundled by esbuild into one CommonJS file,
// turned into a blob by `node --experimental-sea-config`, injected by postject into a copy of the `node`
// binary that runs this script), and the plugin tarball that
//   pulumi plugin install resource clarifai <version> --file <tarball>
// accepts. Run after `npm run build`:
//
//   node scripts/package-standalone.js [--out <folder>]
//
// Prints the folder (the executable, schema.json, package.json) and the tarball, named Pulumi's way:
// pulumi-resource-clarifai-v<version>-<os>-<arch>.tar.gz for the platform of the running node. Built and
// tested here on linux-amd64; .github/workflows/release.yml runs it on a runner of each other platform
// (macOS re-signs the binary ad hoc, Windows names it .exe), since the node binary must be the target's.
//
// The result is cached under ~/.cache/pulumi-clarifai/standalone-<hash> (PULUMI_CLARIFAI_CACHE), keyed by
// the bundle, schema.json, package.json and the node binary, so a second run copies instead of building.
// schema.json and package.json travel beside the executable: the provider reads them from its own folder
// (in a single-executable application __dirname is the executable's folder).
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const pkg = require(path.join(root, "package.json"));
const args = process.argv.slice(2);
const outArg = args.indexOf("--out");
const out = path.resolve(outArg >= 0 ? args[outArg + 1] : path.join(root, "build", "standalone"));
const cacheRoot = process.env.PULUMI_CLARIFAI_CACHE || path.join(os.homedir(), ".cache", "pulumi-clarifai");
/** The executable's name; Windows needs the extension. */
const EXE = `pulumi-resource-clarifai${process.platform === "win32" ? ".exe" : ""}`;
/** The sentinel Node's single-executable support looks for (documented in Node's sea docs). */
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const entry = path.join(root, "dist", "provider", "native", "main.js");
if (!fs.existsSync(entry)) {
  console.error("package-standalone: dist/provider/native/main.js is missing: run `npm run build` first.");
  process.exit(1);
}

/** Pulumi's names for the platform this node runs on. */
function platform() {
  const osName = { darwin: "darwin", linux: "linux", win32: "windows" }[process.platform] ?? process.platform;
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch] ?? process.arch;
  return `${osName}-${arch}`;
}
const TARBALL = `${EXE}-v${pkg.version}-${platform()}.tar.gz`;

/**
 * provider/native/rpc.ts takes gRPC and the protocol stubs from the installed @pulumi/pulumi through
 * require(require.resolve(id, { paths: [sdkDir] })), which a bundler cannot follow. In the bundle the
 * same ids become static requires resolved from the SDK's folder, so the very copies it ships are bundled.
 */
function rpcPlugin() {
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [root] }));
  const rpcFile = path.join(root, "dist", "provider", "native", "rpc.js");
  return {
    name: "clarifai-rpc",
    setup(build) {
      build.onLoad({ filter: /[\\/]provider[\\/]native[\\/]rpc\.js$/ }, (a) => {
        if (path.resolve(a.path) !== rpcFile) return undefined;
        const src = fs.readFileSync(a.path, "utf8");
        const ids = [...new Set([...src.matchAll(/fromSdk\("([^"]+)"\)/g)].map((m) => m[1]))];
        const sdkLine = /const sdkDir = path\.dirname\(require\.resolve\("@pulumi\/pulumi\/package\.json"\)\);/;
        const helper = /const fromSdk = \(id\) => require\(require\.resolve\(id, \{ paths: \[sdkDir\] \}\)\);/;
        if (!ids.length || !sdkLine.test(src) || !helper.test(src)) {
          throw new Error("package-standalone: provider/native/rpc.ts no longer has the shape this bundler step rewrites; update rpcPlugin()");
        }
        const table = ids.map((id) => `  ${JSON.stringify(id)}: () => require(${JSON.stringify(id)}),`).join("\n");
        const contents = src
          .replace(sdkLine, "")
          .replace(helper, `const bundledSdk = {\n${table}\n};\nconst fromSdk = (id) => bundledSdk[id]();`);
        return { contents, resolveDir: sdkDir, loader: "js" };
      });
    },
  };
}

async function bundle(file) {
  const esbuild = require("esbuild");
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: `node${process.versions.node.split(".")[0]}`,
    format: "cjs",
    outfile: file,
    minify: true,
    legalComments: "none",
    logLevel: "error",
    plugins: [rpcPlugin()],
  });
}

/** Runs a build step, showing its output only when it fails (postject warns about every ELF note). */
function quiet(file, argv) {
  try {
    execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    process.stderr.write(`${e.stdout ?? ""}${e.stderr ?? ""}`);
    throw e;
  }
}

/**
 * Distributions' node binaries often carry symbols and debug information (about 14 MB of the 100 MB here); the
 * copy drops it when binutils' strip is at hand (Linux). Without it the executable is only larger.
 */
function stripSymbols(file) {
  if (process.platform !== "linux") return;
  try {
    execFileSync("strip", [file], { stdio: "ignore" });
  } catch {
    /* no strip: keep them */
  }
}

function sha256(...parts) {
  const h = crypto.createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex");
}

async function build() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "clarifai-standalone-"));
  try {
    const bundled = path.join(work, "main.cjs");
    await bundle(bundled);
    const schema = fs.readFileSync(path.join(root, "schema.json"));
    const manifest = JSON.stringify(
      { name: pkg.name, version: pkg.version, description: "Pulumi resource provider plugin for Clarifai Compute Orchestration", license: pkg.license, private: true },
      null,
      2,
    ) + "\n";
    const key = sha256(fs.readFileSync(path.join(__dirname, "package-standalone.js")), fs.readFileSync(bundled), schema, manifest, process.version, fs.readFileSync(process.execPath).subarray(0, 1 << 20)).slice(0, 16);
    const cached = path.join(cacheRoot, `standalone-${key}`);
    if (!fs.existsSync(path.join(cached, ".complete"))) {
      const started = Date.now();
      const tmp = `${cached}.tmp-${process.pid}`;
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.mkdirSync(tmp, { recursive: true });
      const config = path.join(work, "sea-config.json");
      const blob = path.join(work, "sea-prep.blob");
      // No snapshot or code cache: both tie the blob to this exact node build and save little here.
      fs.writeFileSync(config, JSON.stringify({ main: bundled, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false }));
      quiet(process.execPath, ["--experimental-sea-config", config]);
      const exe = path.join(tmp, EXE);
      fs.copyFileSync(process.execPath, exe);
      fs.chmodSync(exe, 0o755);
      stripSymbols(exe);
      // macOS: node is signed, and a changed binary must be signed again (ad hoc) or it is killed on start.
      if (process.platform === "darwin") quiet("codesign", ["--remove-signature", exe]);
      const postject = require.resolve("postject/dist/cli.js", { paths: [root] });
      const macho = process.platform === "darwin" ? ["--macho-segment-name", "NODE_SEA"] : [];
      quiet(process.execPath, [postject, exe, "NODE_SEA_BLOB", blob, "--sentinel-fuse", FUSE, ...macho]);
      if (process.platform === "darwin") quiet("codesign", ["--sign", "-", exe]);
      fs.writeFileSync(path.join(tmp, "schema.json"), schema);
      fs.writeFileSync(path.join(tmp, "package.json"), manifest);
      execFileSync("tar", ["-czf", path.join(tmp, TARBALL), "-C", tmp, EXE, "schema.json", "package.json"]);
      fs.writeFileSync(path.join(tmp, ".build-ms"), String(Date.now() - started));
      fs.writeFileSync(path.join(tmp, ".complete"), "");
      // Another build (a parallel test worker) may have finished first: the first one in stays.
      try {
        if (fs.existsSync(cached) && !fs.existsSync(path.join(cached, ".complete"))) fs.rmSync(cached, { recursive: true, force: true });
        fs.renameSync(tmp, cached);
      } catch (e) {
        if (!fs.existsSync(path.join(cached, ".complete"))) throw e;
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    }
    return cached;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  const cached = await build();
  // Only the files this script writes are replaced: --out may name a folder that holds other things.
  fs.mkdirSync(out, { recursive: true });
  for (const f of [EXE, "schema.json", "package.json"]) {
    // Through a new file and a rename: a running copy of the executable cannot be overwritten in place.
    const tmp = path.join(out, `.${f}.tmp-${process.pid}`);
    fs.copyFileSync(path.join(cached, f), tmp);
    fs.renameSync(tmp, path.join(out, f));
  }
  fs.chmodSync(path.join(out, EXE), 0o755);
  const tarball = path.join(path.dirname(out), TARBALL);
  fs.copyFileSync(path.join(cached, TARBALL), tarball);
  console.log(out);
  console.log(tarball);
}

main().catch((e) => {
  console.error(`package-standalone: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
