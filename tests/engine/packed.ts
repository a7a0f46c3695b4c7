// The package as users install it: `npm pack` of this checkout, unpacked into node_modules/pulumi-clarifai
// of a project folder outside the repo, beside the same dependencies (a hard-linked copy of the repo's
// node_modules, so nothing is downloaded). Engine tests that judge what lands in the state run their
// programs there (createStack's `install: "packed"`): no symlink leads back into the checkout, so module
// paths, the `exports` map and the `files` list are the published package's.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const repoRoot = path.resolve(__dirname, "..", "..");
let project: string | undefined;

/** A project folder holding node_modules with the packed package; made once per process (about 2 s). */
export function packedProject(): string {
  if (project) return project;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-clarifai-packed-"));
  // Scripts are skipped: the build has run (npm test's pretest, or `npm run build` before one file).
  const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const tarball = path.join(dir, (JSON.parse(out) as { filename: string }[])[0].filename);
  // Hard links on the same file system, a copy elsewhere: either way the real files, no link to the repo.
  const copy = (flags: string) => execFileSync("cp", [flags, path.join(repoRoot, "node_modules"), path.join(dir, "node_modules")], { stdio: "ignore" });
  try {
    copy("-al");
  } catch {
    fs.rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
    copy("-a");
  }
  const unpacked = path.join(dir, "unpacked");
  fs.mkdirSync(unpacked);
  execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
  fs.rmSync(path.join(dir, "node_modules", "pulumi-clarifai"), { recursive: true, force: true });
  fs.renameSync(path.join(unpacked, "package"), path.join(dir, "node_modules", "pulumi-clarifai"));
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  project = dir;
  return dir;
}
