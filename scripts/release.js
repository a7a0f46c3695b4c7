#!/usr/bin/env node
// Release artifacts (see docs/release.md):
//
//   node scripts/release.js --dry-run [--out build/release]   build what this machine can, check the rest
//   node scripts/release.js --packages --out <folder>         the npm tarball, Python wheel and sdist
//   node scripts/release.js --smoke-test <plugin tarball>     the unpacked executable starts and serves
//
// A dry run builds the npm tarball, the Python wheel and sdist and the plugin tarball of this platform,
// starts that plugin, and checks what only a release can build: the workflow's platforms and the scripts
// it calls, the Go module's path and tag rule, the version stamp, the Registry metadata of schema.json and
// the SDKs, and the Registry pages of docs/. It changes nothing in the checkout.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync, spawn } = require("child_process");

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const schema = JSON.parse(fs.readFileSync(path.join(root, "schema.json"), "utf8"));

/** The platforms a release ships the plugin for, in Pulumi's <os>-<arch> names. */
const PLATFORMS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64"];
const GO_MODULE = "github.com/clarifai/pulumi-clarifai/sdks/go";

const problems = [];
const check = (ok, what) => {
  if (!ok) problems.push(what);
};

/** The npm tarball and the Python wheel and sdist, into `out`. */
function packages(out) {
  // `npm pack` packs dist/ as built (its prepare script is skipped): the build must come first.
  if (!fs.existsSync(path.join(root, "dist", "provider", "native", "main.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  fs.mkdirSync(path.join(out, "python"), { recursive: true });
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", out], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
  const files = packed[0].files.map((f) => f.path);
  check(files.includes("dist/provider/native/main.js") && files.includes("schema.json"), "the npm tarball lacks the plugin (dist/provider/native/main.js) or schema.json");
  check(!files.some((f) => f.startsWith("tests/") || f.startsWith("provider/")), "the npm tarball holds sources or tests");
  const dist = execFileSync("bash", [path.join(root, "scripts", "ensure-python-dist")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop();
  for (const f of fs.readdirSync(dist).filter((f) => /\.(whl|tar\.gz)$/.test(f))) fs.copyFileSync(path.join(dist, f), path.join(out, "python", f));
  const py = fs.readdirSync(path.join(out, "python"));
  check(py.includes(`pulumi_clarifai-${pkg.version}-py3-none-any.whl`), `no wheel pulumi_clarifai-${pkg.version}-py3-none-any.whl`);
  check(py.includes(`pulumi_clarifai-${pkg.version}.tar.gz`), `no sdist pulumi_clarifai-${pkg.version}.tar.gz`);
}

/** Unpacks a plugin tarball and waits for the executable to print its port (the plugin handshake). */
async function smokeTest(tarball) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clarifai-smoke-"));
  try {
    execFileSync("tar", ["-xzf", tarball, "-C", dir]);
    const exe = path.join(dir, `pulumi-resource-clarifai${process.platform === "win32" ? ".exe" : ""}`);
    const started = Date.now();
    // No node on its PATH: the executable must carry everything.
    const child = spawn(exe, [], { env: { PATH: path.dirname(exe) }, stdio: ["ignore", "pipe", "pipe"] });
    const port = await new Promise((resolve, reject) => {
      let out = "";
      let err = "";
      const timer = setTimeout(() => reject(new Error(`no port within 20 s; stderr: ${err}`)), 20_000);
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("\n")) {
          clearTimeout(timer);
          resolve(out.split("\n")[0].trim());
        }
      });
      child.stderr.on("data", (d) => (err += d));
      child.on("exit", (code) => reject(new Error(`exited with ${code} before serving; stderr: ${err}`)));
    });
    const ms = Date.now() - started;
    child.removeAllListeners("exit");
    child.kill();
    if (!/^\d+$/.test(port)) throw new Error(`printed "${port}" instead of a port`);
    return { ms, bytes: fs.statSync(exe).size };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The release workflow: every platform, the scripts and flags it calls exist. */
function checkWorkflow() {
  const file = path.join(root, ".github", "workflows", "release.yml");
  const wf = require("yaml").parse(fs.readFileSync(file, "utf8"));
  const targets = wf.jobs.plugin.strategy.matrix.include.map((m) => m.target).sort();
  check(JSON.stringify(targets) === JSON.stringify([...PLATFORMS].sort()), `release.yml builds the plugin for ${targets.join(", ")}, not ${PLATFORMS.join(", ")}`);
  check(JSON.stringify(wf.on.push.tags) === JSON.stringify(["v*.*.*"]), "release.yml is not started by v*.*.* tags");
  for (const [name, job] of Object.entries(wf.jobs)) {
    for (const step of job.steps) {
      for (const m of String(step.run ?? "").matchAll(/node (scripts\/[\w-]+\.js)((?: --[\w-]+)*)/g)) {
        const script = path.join(root, m[1]);
        check(fs.existsSync(script), `release.yml job ${name} runs ${m[1]}, which does not exist`);
        const source = fs.existsSync(script) ? fs.readFileSync(script, "utf8") : "";
        for (const f of m[2].trim().split(/\s+/).filter(Boolean)) check(source.includes(`"${f}"`), `release.yml job ${name} passes ${f} to ${m[1]}, which does not read it`);
      }
    }
  }
  check(/sdks\/go\/\$\{GITHUB_REF_NAME\}/.test(fs.readFileSync(file, "utf8")), "release.yml does not push the Go module tag sdks/go/v<version>");
}

/** The Go module: its path, and a tag rule that `go get <module>@v<version>` resolves. */
function checkGoModule() {
  const mod = fs.readFileSync(path.join(root, "sdks", "go", "go.mod"), "utf8");
  check(new RegExp(`^module ${GO_MODULE.replace(/\./g, "\\.")}$`, "m").test(mod), `sdks/go/go.mod is not module ${GO_MODULE}`);
  check(schema.language.go.importBasePath === `${GO_MODULE}/clarifai`, "schema.json language.go.importBasePath does not match the module");
  const major = Number(pkg.version.split(".")[0]);
  // From v2 on, Go wants the major version in the module path (semantic import versioning).
  check(major < 2 || mod.includes(`module ${GO_MODULE}/v${major}`), `version ${pkg.version} needs module path ${GO_MODULE}/v${major}`);
}

/** What the Pulumi Registry reads: schema.json's package metadata and the SDKs that carry it on. */
function checkRegistryMetadata() {
  for (const k of ["publisher", "homepage", "repository", "pluginDownloadURL", "logoUrl", "displayName", "description", "keywords", "license"]) {
    check(Boolean(schema[k]), `schema.json has no ${k}`);
  }
  for (const lang of ["nodejs", "python", "go"]) check(Boolean(schema.language?.[lang]), `schema.json has no language.${lang} section`);
  check(/^github:\/\/api\.github\.com\/[\w-]+$/.test(schema.pluginDownloadURL ?? ""), "pluginDownloadURL is not github://api.github.com/<owner>");
  check(schema.repository === `https://${GO_MODULE.replace(/\/sdks\/go$/, "")}`, "schema.json repository is not the Go module's repository");
  check(pkg.repository?.url === `git+${schema.repository}.git` && pkg.homepage === schema.homepage, "package.json repository or homepage differs from schema.json's");
  for (const f of ["sdks/python/pulumi_clarifai/pulumi-plugin.json", "sdks/go/clarifai/pulumi-plugin.json"]) {
    const p = JSON.parse(fs.readFileSync(path.join(root, f), "utf8"));
    check(p.server === schema.pluginDownloadURL, `${f} does not name the download server ${schema.pluginDownloadURL}`);
    check(p.version === pkg.version, `${f} carries ${p.version}, not ${pkg.version}`);
  }
  check(fs.readFileSync(path.join(root, "sdks", "python", "pyproject.toml"), "utf8").includes(schema.repository), "sdks/python/pyproject.toml has no Repository URL");
  for (const [f, keys] of [["docs/_index.md", ["title", "meta_desc", "layout"]], ["docs/installation-configuration.md", ["title", "meta_desc", "layout"]]]) {
    const text = fs.existsSync(path.join(root, f)) ? fs.readFileSync(path.join(root, f), "utf8") : "";
    const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
    check(Boolean(front), `${f} is missing or has no front matter`);
    for (const k of keys) check(Boolean(front && new RegExp(`^${k}:`, "m").test(front[1])), `${f} front matter has no ${k}`);
  }
}

function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

async function main() {
  if (value("--smoke-test")) {
    const r = await smokeTest(path.resolve(value("--smoke-test")));
    console.log(`the plugin served after ${r.ms} ms (${(r.bytes / 1e6).toFixed(1)} MB executable)`);
    return;
  }
  const out = path.resolve(value("--out") ?? path.join(root, "build", "release"));
  if (flag("--packages")) {
    packages(out);
  } else if (flag("--dry-run")) {
    // Only an earlier dry run's folder is cleared; any other non-empty folder is refused.
    if (fs.existsSync(out) && fs.readdirSync(out).length) {
      if (!fs.readdirSync(out).some((f) => /^pulumi-clarifai_.*_checksums\.txt$/.test(f))) throw new Error(`${out} is not empty and holds no earlier release: give --out an empty or new folder`);
      fs.rmSync(out, { recursive: true, force: true });
    }
    fs.mkdirSync(out, { recursive: true });
    const started = Date.now();
    execFileSync(process.execPath, [path.join(root, "scripts", "stamp-version.js"), pkg.version, "--check"], { stdio: "inherit" });
    packages(out);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "clarifai-release-"));
    let tarball;
    try {
      [, tarball] = execFileSync(process.execPath, [path.join(root, "scripts", "package-standalone.js"), "--out", path.join(work, "plugin")], { encoding: "utf8" }).trim().split("\n");
      fs.copyFileSync(tarball, path.join(out, path.basename(tarball)));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    const smoke = await smokeTest(path.join(out, path.basename(tarball)));
    checkWorkflow();
    checkGoModule();
    checkRegistryMetadata();
    const built = [];
    const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : built.push(path.join(d, e.name))));
    walk(out);
    const sums = built.map((f) => `${sha256(f)}  ${path.relative(out, f)}`);
    fs.writeFileSync(path.join(out, `pulumi-clarifai_${pkg.version}_checksums.txt`), sums.join("\n") + "\n");
    console.log(`release dry run of ${pkg.version} (${((Date.now() - started) / 1000).toFixed(0)} s), into ${path.relative(root, out) || out}:`);
    for (const f of built) console.log(`  ${path.relative(out, f).padEnd(58)} ${(fs.statSync(f).size / 1e6).toFixed(2).padStart(7)} MB`);
    const here = path.basename(tarball).replace(/^.*-v[^-]+-/, "").replace(/\.tar\.gz$/, "");
    console.log(`  plugin ${here}: built and started in ${smoke.ms} ms; ${PLATFORMS.filter((p) => p !== here).join(", ")}: built by .github/workflows/release.yml (checked)`);
    console.log(`  Go module ${GO_MODULE}: tag sdks/go/v${pkg.version} (pushed by the workflow)`);
  } else {
    console.error("usage: node scripts/release.js --dry-run | --packages --out <folder> | --smoke-test <tarball>");
    process.exit(2);
  }
  if (problems.length) {
    console.error(`release: ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(`release: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
