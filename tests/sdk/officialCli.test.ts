/**
 * Clarifai's official `clarifai` CLI (clarifai 12.5.0, unpatched) against the emulator: a context made
 * with `clarifai config create-context` (the CLI verifies the PAT with GetUser), then the compute
 * cluster, nodepool and deployment commands: create from the docs' config files, list, delete. Each
 * run has a temporary HOME, so the CLI's ~/.config/clarifai is the test's own.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { run, tempHome, venvBin, type Run } from "./python";

const PAT = "cli-test-pat";
const USER = "cli-user";
const CONFIGS = path.resolve(__dirname, "..", "fixtures", "clarifai-docs-configs");

let emu: RunningEmulator;
let cli: string;
let home: string;

beforeAll(async () => {
  cli = venvBin("clarifai");
  emu = await startEmulator({ tokens: [PAT], userId: USER });
  home = tempHome();
  for (const f of fs.readdirSync(CONFIGS)) fs.copyFileSync(path.join(CONFIGS, f), path.join(home, f));
}, 180000);

afterAll(async () => {
  await emu?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

/** Run `clarifai <args>` in the temporary HOME, with no CLARIFAI_* variables. */
function clarifai(...args: string[]): Promise<Run> {
  return run(cli, args, { home });
}

function expectOk(r: Run): void {
  if (r.code !== 0) throw new Error(`clarifai exited ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
}

describe("the official clarifai CLI against the emulator", () => {
  it("creates a context for the emulator and uses it", async () => {
    const created = await clarifai("config", "create-context", "emulator", "--user-id", USER, "--pat", PAT, "--base-url", emu.url);
    expectOk(created);
    expect(created.stdout).toContain(`Context emulator created (${USER} @ ${emu.url})`);
    expectOk(await clarifai("config", "use-context", "emulator"));
    const who = await clarifai("whoami");
    expectOk(who);
    expect(who.stdout).toMatch(new RegExp(`User:\\s+${USER}`));
    expect(fs.readFileSync(path.join(home, ".config", "clarifai", "config"), "utf8")).toContain(`CLARIFAI_API_BASE: ${emu.url}`);
    expect(emu.requests().counts.GetUser).toBeGreaterThanOrEqual(1);
  });

  it("computecluster create / list from the docs' file", async () => {
    expectOk(await clarifai("computecluster", "create", "test-compute-cluster", "--config", "compute_cluster_config.yaml"));
    expect(emu.state().compute_clusters.map((c) => c.id)).toEqual(["test-compute-cluster"]);
    const ls = await clarifai("computecluster", "list");
    expectOk(ls);
    expect(ls.stdout).toMatch(new RegExp(`test-compute-cluster\\s+${USER}\\s+My AWS compute cluster`));
  });

  it("nodepool create fails on both published nodepool files; works once min_instances is added", async () => {
    // The published nodepool_config.yaml has no compute_cluster: the CLI indexes it anyway.
    const noCluster = await clarifai("nodepool", "create", "test-compute-cluster", "test-nodepool", "--config", "nodepool_config.yaml");
    expect(noCluster.code).not.toBe(0);
    expect(noCluster.stderr).toContain("KeyError: 'compute_cluster'");
    // The revision that names the cluster still lacks min_instances, which the SDK asserts.
    const noMin = await clarifai("nodepool", "create", "test-compute-cluster", "test-nodepool", "--config", "nodepool_config.with-cluster.yaml");
    expect(noMin.code).not.toBe(0);
    expect(noMin.stderr).toContain("AssertionError: min_instances not found in the config file");
    expect(emu.requests().counts.PostNodepools).toBeUndefined();

    const fixed = fs.readFileSync(path.join(home, "nodepool_config.with-cluster.yaml"), "utf8") + "\n  min_instances: 0\n";
    fs.writeFileSync(path.join(home, "nodepool.yaml"), fixed);
    expectOk(await clarifai("nodepool", "create", "test-compute-cluster", "test-nodepool", "--config", "nodepool.yaml"));
    const ls = await clarifai("nodepool", "list", "test-compute-cluster");
    expectOk(ls);
    expect(ls.stdout).toMatch(new RegExp(`test-nodepool\\s+${USER}\\s+test-compute-cluster\\s+First nodepool`));
    const all = await clarifai("nodepool", "list");
    expectOk(all);
    expect(all.stdout).toContain("test-nodepool");
  });

  it("deployment create / list from the docs' file", async () => {
    expectOk(await clarifai("deployment", "create", "test-nodepool", "test-deployment", "--config", "deployment_config.yaml"));
    const ls = await clarifai("deployment", "list", "test-nodepool");
    expectOk(ls);
    expect(ls.stdout).toMatch(/test-deployment\s+apparel-clusterering\s+cc911f6b0ed7\s+test-nodepool\s+test-compute-cluster/);
  });

  it("delete each, and the CLI's error for an id that does not exist", async () => {
    const del = await clarifai("deployment", "delete", "test-deployment");
    expectOk(del);
    expect(del.stdout).toContain("Deployment 'test-deployment' deleted.");
    const again = await clarifai("deployment", "delete", "test-deployment");
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("Failed to delete deployment 'test-deployment'.\n  Deployment(s) not found: 'test-deployment'");
    expectOk(await clarifai("nodepool", "delete", "test-compute-cluster", "test-nodepool"));
    expectOk(await clarifai("computecluster", "delete", "test-compute-cluster"));
    const s = emu.state();
    expect([s.compute_clusters, s.nodepools, s.deployments]).toEqual([[], [], []]);
    const missing = await clarifai("computecluster", "delete", "no-such-cluster");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr + missing.stdout).toContain("COMPUTE_CLUSTER_DOES_NOT_EXIST");
  });
});
