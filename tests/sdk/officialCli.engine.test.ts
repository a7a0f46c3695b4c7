/**
 * Clarifai's official `clarifai` CLI (clarifai 12.5.0, unpatched) against the emulator: a context made
 * with `clarifai config create-context` (the CLI verifies the PAT with GetUser), then the compute
 * cluster, nodepool and deployment commands: create from the docs' config files, list, delete. Each
 * run has a temporary HOME, so the CLI's ~/.config/clarifai is the test's own.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { run, tempHome, venvBin, type Run } from "../support/python";

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

  it("deployment logs --log-type events: the runner's events say why it does not start (ListLogEntries)", async () => {
    // The CLI lists runners and their events as the model's owner (worker.model.user_id): a model of
    // the account itself, so that those calls are the account's. It takes the first runner of the
    // model version on the nodepool: another version than test-deployment's.
    const file = fs
      .readFileSync(path.join(home, "deployment_config.yaml"), "utf8")
      .replace('id: "test-deployment"', 'id: "events-deployment"')
      .replace('user_id: "clarifai"', `user_id: "${USER}"`)
      .replace("min_replicas: 0", "min_replicas: 1")
      .replace("cc911f6b0ed748efb89e3d1359c146c4", "0123456789abcdef0123456789abcdef");
    fs.writeFileSync(path.join(home, "events.yaml"), file);
    expectOk(await clarifai("deployment", "create", "test-nodepool", "events-deployment", "--config", "events.yaml"));

    emu.setReadiness({ stallDeployments: { "events-deployment": "crashLoop" } });
    const crash = await clarifai("deployment", "logs", "events-deployment", "--log-type", "events", "--no-follow");
    expectOk(crash);
    expect(crash.stdout).toMatch(/Streaming logs for model 'apparel-clusterering' \(runner: [0-9a-f-]{36}\)/);
    expect(crash.stdout).toMatch(/^\S+Z Normal Started: Started container model$/m);
    expect(crash.stdout).toMatch(/^\S+Z Warning BackOff: Back-off restarting failed container model: it exited with code 1 \(CrashLoopBackOff\)$/m);

    emu.setReadiness({ stallDeployments: { "events-deployment": "insufficientCapacity" } });
    const capacity = await clarifai("deployment", "logs", "events-deployment", "--log-type", "events", "--no-follow");
    expectOk(capacity);
    expect(capacity.stdout).toMatch(/Warning FailedScaleUp: could not scale up nodepool test-nodepool: no spot or on-demand capacity for g5.xlarge in us-east-1 \(aws: InsufficientInstanceCapacity\)/);
    // The model's own output (log type "runner"): none in the emulator, and the CLI prints nothing.
    const model = await clarifai("deployment", "logs", "events-deployment", "--no-follow");
    expectOk(model);
    expect(model.stdout).not.toMatch(/Warning|Normal/);
    const calls = emu.requests().requests.filter((r) => r.rpc === "ListLogEntries");
    expect(calls.length).toBe(3);
    expect(calls.every((r) => r.protocol === "grpc" && r.status_code === 10000)).toBe(true);
    emu.setReadiness({});
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
