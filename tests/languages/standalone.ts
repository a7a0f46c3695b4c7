// What the language tiers share: the standalone plugin (scripts/package-standalone.js) installed from its
// tarball into a stack's PULUMI_HOME the way users install it offline, and an engine PATH that holds no
// `node`, so that a program in Python, Go or YAML proves it runs with nothing of Node.js on the machine's
// path (the TypeScript tiers keep the npm path).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pulumiBin, repoRoot } from "../support/engine";

export const version: string = require(path.join(repoRoot, "package.json")).version;

let built: { dir: string; tarball: string } | undefined;

/** The standalone executable's folder and its plugin tarball (built once, then served from the cache). */
export function standalonePlugin(): { dir: string; tarball: string } {
  if (!built) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "clarifai-standalone-test-"));
    const [dir, tarball] = execFileSync(process.execPath, [path.join(repoRoot, "scripts", "package-standalone.js"), "--out", path.join(work, "plugin")], { encoding: "utf8" })
      .trim()
      .split("\n");
    built = { dir, tarball };
  }
  return built;
}

/** `pulumi plugin install resource clarifai <version> --file <tarball>` into the stack's PULUMI_HOME. */
export function installStandalone(stackDir: string): void {
  execFileSync(path.join(pulumiBin(), "pulumi"), ["plugin", "install", "resource", "clarifai", version, "--file", standalonePlugin().tarball], {
    env: { ...process.env, PULUMI_HOME: path.join(path.dirname(stackDir), "home") },
    stdio: "ignore",
  });
}

/** The folder of a command found on this process's PATH. */
export function toolDir(name: string): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, name))) return dir;
  }
  throw new Error(`${name} is not on PATH`);
}

/**
 * The engine's PATH: the checkout's Pulumi bin folder (the CLI and its language hosts) and the given
 * folders, none of which may hold a `node`.
 */
export function pathWithoutNode(...dirs: string[]): string {
  const all = [pulumiBin(), ...dirs];
  const withNode = all.filter((d) => fs.existsSync(path.join(d, "node")));
  if (withNode.length) throw new Error(`these PATH folders hold a node executable: ${withNode.join(", ")}`);
  return all.join(path.delimiter);
}

/** The plugin the engine ran: the installed standalone executable, never the npm package's script. */
export function installedExecutable(stackDir: string): string {
  return path.join(path.dirname(stackDir), "home", "plugins", `resource-clarifai-v${version}`, "pulumi-resource-clarifai");
}
