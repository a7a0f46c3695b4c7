// scripts/ensure-pulumi: what it does on a machine without Go or a matching CLI, with a cached build,
// and with a compatible `pulumi` already on PATH. (The first build itself runs in `npm test`'s pretest.)
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pulumiBin, repoRoot } from "../support/engine";

const script = path.join(repoRoot, "scripts", "ensure-pulumi");
const version = require(path.join(repoRoot, "package.json")).pulumi.engineVersion as string;
const minVersion = require(path.join(repoRoot, "package.json")).pulumi.minEngineVersion as string;

const bash = spawnSync("bash", ["-c", "command -v bash"], { encoding: "utf8" }).stdout.trim();

/** The caller's cache (npm test run with PULUMI_CLARIFAI_CACHE set) unless a test names its own. */
const callersCache = process.env.PULUMI_CLARIFAI_CACHE ? { PULUMI_CLARIFAI_CACHE: process.env.PULUMI_CLARIFAI_CACHE } : {};

function run(env: Record<string, string>) {
  const r = spawnSync(bash, [script], { env: { HOME: os.homedir(), ...callersCache, ...env }, encoding: "utf8" });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr };
}

/** A PATH with node and the basic tools, but no Go and no pulumi. */
function bareBin(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bare-bin-"));
  for (const tool of ["node", "dirname", "readlink", "tr", "cat", "cp", "mv", "chmod", "mkdir", "date", "ln", "rm"]) {
    const found = spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
    if (found) fs.symlinkSync(found, path.join(dir, tool));
  }
  return dir;
}

it("without Go and without a matching pulumi, stops with a message that says how to install Pulumi", () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "empty-cache-"));
  const r = run({ PATH: bareBin(), PULUMI_CLARIFAI_CACHE: cache });
  expect(r.code).toBe(1);
  expect(r.err).toContain(`no 'pulumi' ${minVersion} or newer on PATH and no Go toolchain to build ${version}`);
  expect(r.err).toMatch(/Install Pulumi .*https:\/\/www\.pulumi\.com\/docs\/install\//);
});

it("with a cached build, prints the bin folder holding the CLI, the language host and the dynamic-provider plugin", () => {
  const r = run({ PATH: process.env.PATH!, ENSURE_PULUMI_QUIET: "1" });
  expect(r.code).toBe(0);
  const bin = r.out.split("\n").pop()!;
  expect(bin).toBe(pulumiBin());
  // and Pulumi YAML's language host, for programs using the native plugin
  for (const f of ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs", "pulumi-language-yaml"]) {
    expect(fs.statSync(path.join(bin, f)).mode & 0o111).toBeTruthy();
  }
  const v = spawnSync(path.join(bin, "pulumi"), ["version"], { encoding: "utf8" });
  expect(v.stdout.trim()).toBe(`v${version}`);
});

it("uses a compatible pulumi already on PATH as it is", () => {
  const onPath = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-on-path-"));
  for (const f of ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]) fs.symlinkSync(path.join(pulumiBin(), f), path.join(onPath, f));
  // A copy, not a link, so the script sees a distinct installation folder.
  fs.rmSync(path.join(onPath, "pulumi"));
  fs.copyFileSync(path.join(pulumiBin(), "pulumi"), path.join(onPath, "pulumi"));
  fs.chmodSync(path.join(onPath, "pulumi"), 0o755);
  const r = run({ PATH: `${onPath}:${bareBin()}`, PULUMI_CLARIFAI_CACHE: fs.mkdtempSync(path.join(os.tmpdir(), "c-")) });
  expect(r.code).toBe(0);
  expect(r.out.split("\n").pop()).toBe(onPath);
  expect(r.err).toMatch(/using pulumi .* from PATH/);
});

/** A `pulumi` that reports `reported` as its version and passes everything else to the real CLI. */
function cliReporting(reported: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-other-version-"));
  const real = path.join(pulumiBin(), "pulumi");
  fs.writeFileSync(path.join(dir, "pulumi"), `#!/bin/sh\nif [ "$1" = version ]; then echo v${reported}; exit 0; fi\nexec "${real}" "$@"\n`, { mode: 0o755 });
  return dir;
}

it(`uses any pulumi on PATH from ${minVersion} upward (a newer one too) and ignores older ones`, () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "c-"));
  const newer = cliReporting("3.300.1");
  const r = run({ PATH: `${newer}:${bareBin()}`, PULUMI_CLARIFAI_CACHE: cache });
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/using pulumi 3\.300\.1 from PATH/);
  const bin = r.out.split("\n").pop()!;
  // It brings its own language host and dynamic-provider plugin beside a CLI that has none.
  // A hard link (or a copy across file systems) of that CLI: the engine looks for plugins beside it.
  expect(fs.readFileSync(path.join(bin, "pulumi"), "utf8")).toBe(fs.readFileSync(path.join(newer, "pulumi"), "utf8"));
  expect(fs.readFileSync(path.join(bin, "pulumi-language-nodejs"), "utf8")).toContain(path.join(repoRoot, "scripts", "language-host"));

  const older = cliReporting("3.100.0");
  const o = run({ PATH: `${older}:${bareBin()}`, PULUMI_CLARIFAI_CACHE: cache });
  expect(o.err).toMatch(new RegExp(`ignoring pulumi 3\\.100\\.0 on PATH: this project needs ${minVersion.replace(/\./g, "\\.")} or newer`));
  expect(o.code).toBe(1); // no Go on this PATH and nothing cached in this cache
});

/** A checkout of its own (ensure-pulumi, the language host, package.json, this one's node_modules). */
function checkout(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "checkout-"));
  fs.mkdirSync(path.join(root, "scripts"));
  fs.copyFileSync(script, path.join(root, "scripts", "ensure-pulumi"));
  fs.cpSync(path.join(repoRoot, "scripts", "language-host"), path.join(root, "scripts", "language-host"), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, "package.json"), path.join(root, "package.json"));
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(root, "node_modules"), "dir");
  return root;
}

/** Runs a checkout's ensure-pulumi against the cache every checkout of this machine uses; its bin folder. */
function ensure(root: string): string {
  const cache = path.resolve(pulumiBin(), "..", "..", "..");
  const r = spawnSync(bash, [path.join(root, "scripts", "ensure-pulumi")], { env: { HOME: os.homedir(), PATH: process.env.PATH!, PULUMI_CLARIFAI_CACHE: cache, ENSURE_PULUMI_QUIET: "1" }, encoding: "utf8" });
  expect(r.status).toBe(0);
  return r.stdout.trim().split("\n").pop()!;
}

it("two checkouts share one engine cache without rewriting each other's files", () => {
  // Each checkout's bin folder is <cache>/checkouts/<checkout>/bin.
  const [a, b] = [checkout(), checkout()];
  const binA = ensure(a);
  const binB = ensure(b);
  expect(binA).not.toBe(binB);
  // Each wrapper still names its own checkout after the other ran, and both run the one cached CLI.
  for (const [root, bin] of [[a, binA], [b, binB]]) {
    expect(fs.readFileSync(path.join(bin, "pulumi-language-nodejs"), "utf8")).toContain(path.join(root, "scripts", "language-host", "index.js"));
    expect(spawnSync(path.join(bin, "pulumi"), ["version"], { encoding: "utf8" }).stdout.trim()).toBe(`v${version}`);
    // Hard links of the one cached CLI: one file, whichever checkout's name it is reached by.
    expect(fs.statSync(path.join(bin, "pulumi")).ino).toBe(fs.statSync(path.join(pulumiBin(), "pulumi")).ino);
  }
});

it("mends a bin folder an older ensure-pulumi left with the CLI as a symbolic link into a hard link", () => {
  const root = checkout();
  const bin = ensure(root);
  const cli = path.join(path.resolve(pulumiBin(), "..", "..", ".."), `pulumi-v${version}`, "bin", "pulumi"); // the cached build
  expect(fs.statSync(path.join(bin, "pulumi")).ino).toBe(fs.statSync(cli).ino);
  fs.rmSync(path.join(bin, "pulumi"));
  fs.symlinkSync(cli, path.join(bin, "pulumi"));
  expect(ensure(root)).toBe(bin);
  // Through a symbolic link the engine looks for its language hosts beside the cached build, not here.
  expect(fs.lstatSync(path.join(bin, "pulumi")).isSymbolicLink()).toBe(false);
  expect(fs.statSync(path.join(bin, "pulumi")).ino).toBe(fs.statSync(cli).ino);
});

it("takes a version (or `oldest`): only that version, in a bin folder of its own; refuses what is not a version", () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "empty-cache-"));
  // Asked for a version it cannot find or build: the message names that version, not the pinned one.
  const r = run({ PATH: bareBin(), PULUMI_CLARIFAI_CACHE: cache, PULUMI_CLARIFAI_ENGINE: "3.999.0" });
  expect(r.code).toBe(1);
  expect(r.err).toContain("no 'pulumi' 3.999.0 or newer on PATH and no Go toolchain to build 3.999.0");
  expect(run({ PATH: bareBin(), PULUMI_CLARIFAI_CACHE: cache, PULUMI_CLARIFAI_ENGINE: "latest" }).err).toContain("not a version: latest (expected x.y.z)");
  // `oldest` is minEngineVersion, from the shared cache, in its own bin folder.
  const oldest = run({ PATH: process.env.PATH!, ENSURE_PULUMI_QUIET: "1", ENSURE_PULUMI_YAML: "0", PULUMI_CLARIFAI_ENGINE: "oldest" });
  expect(oldest.code).toBe(0);
  const bin = oldest.out.split("\n").pop()!;
  expect(bin).not.toBe(pulumiBin());
  expect(bin.endsWith(path.join(`v${minVersion}`, "bin"))).toBe(true);
  expect(spawnSync(path.join(bin, "pulumi"), ["version"], { encoding: "utf8" }).stdout.trim()).toBe(`v${minVersion}`);
});
