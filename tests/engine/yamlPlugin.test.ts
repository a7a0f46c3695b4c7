// The Node-script plugin (scripts/package-plugin.js) through the real engine, from a Pulumi YAML program
// (Pulumi's own YAML language host, built by scripts/ensure-pulumi-yaml): two explicit providers with two
// accounts in one stack, with the plugin installed from its tarball. The PAT is never in the state or the
// output (the harness scans every artifact on dispose). The example's whole lifecycle with the standalone
// plugin: tests/languages/yaml.test.ts.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack, pulumiBin, repoRoot } from "../support/engine";

jest.setTimeout(600_000);

const PAT_A = "yaml-pat-a-9d02b7e4-never-in-state";
const PAT_B = "yaml-pat-b-41f6c3a8-never-in-state";

let work: string;
let tarball: string;
let yamlBin: string;

beforeAll(() => {
  yamlBin = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-pulumi-yaml")], { env: { ...process.env, ENSURE_PULUMI_QUIET: "1" }, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop()!;
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-clarifai-plugin-"));
  const out = execFileSync("node", [path.join(repoRoot, "scripts", "package-plugin.js"), "--out", path.join(work, "plugin"), "--tarball"], { encoding: "utf8" }).trim().split("\n");
  tarball = out[1];
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const env = () => ({ PATH: `${yamlBin}${path.delimiter}${pulumiBin()}${path.delimiter}${process.env.PATH ?? ""}`, PULUMI_CLARIFAI_POLL_MS: "50" });

/** Rewrites the copied program's Pulumi.yaml. */
function editProject(s: EngineStack, edit: (text: string) => string): void {
  const file = path.join(s.dir, "Pulumi.yaml");
  fs.writeFileSync(file, edit(fs.readFileSync(file, "utf8")));
}

describe("two explicit providers, two accounts, one stack", () => {
  let emuA: RunningEmulator;
  let emuB: RunningEmulator;
  let s: EngineStack;

  beforeAll(async () => {
    emuA = await startEmulator({ tokens: [PAT_A], userId: "user-a" });
    emuB = await startEmulator({ tokens: [PAT_B], userId: "user-b" });
    s = await createStack({
      programDir: path.join(__dirname, "programs", "yaml-two-accounts"),
      config: {
        patA: { value: PAT_A, secret: true },
        patB: { value: PAT_B, secret: true },
        apiBaseA: { value: emuA.url },
        apiBaseB: { value: emuB.url },
      },
      env: env(),
    });
    // This time the plugin comes from its tarball, installed the way users install it offline.
    const home = path.join(path.dirname(s.dir), "home");
    execFileSync(path.join(pulumiBin(), "pulumi"), ["plugin", "install", "resource", "clarifai", require(path.join(repoRoot, "package.json")).version, "--file", tarball], {
      env: { ...process.env, PULUMI_HOME: home },
      stdio: "ignore",
    });
    editProject(s, (t) => t.replace(/plugins:\n(\s+.*\n)+?(?=config:)/, ""));
  });
  afterAll(async () => {
    await s?.dispose();
    await emuA?.close();
    await emuB?.close();
  });

  it("creates each account's objects with its own credentials, keeps both PATs secret", async () => {
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 6 });
    expect([up.outputs.ownerA.value, up.outputs.ownerB.value, up.outputs.poolB.value]).toEqual(["user-a", "user-b", "shared/pool"]);
    expect(emuA.state().compute_clusters.map((c) => c.id)).toEqual(["shared"]);
    expect(emuA.state().nodepools).toEqual([]);
    expect(emuB.state().nodepools.map((n) => n.id)).toEqual(["pool"]);

    await s.preview({ expectNoChanges: true });
    // The provider resources' PAT inputs are stored as secrets (encrypted in the state file).
    const exported = await s.exportText();
    const providers = (JSON.parse(exported).deployment.resources as { type: string; inputs: Record<string, unknown> }[]).filter((r) => r.type === "pulumi:providers:clarifai");
    expect(providers.map((p) => p.inputs.pat)).toEqual([
      { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: expect.any(String) },
      { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: expect.any(String) },
    ]);
    expect(exported).not.toContain(PAT_A);
    expect(exported).not.toContain(PAT_B);

    const destroy = await s.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 6 });
    expect([emuA.state().compute_clusters, emuB.state().compute_clusters, emuB.state().nodepools]).toEqual([[], [], []]);
  });
});
