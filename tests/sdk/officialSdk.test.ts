/**
 * Clarifai's official Python SDK (clarifai 12.5.0, unpatched) runs its docs' compute-orchestration
 * workflow against the emulator over gRPC: create a cluster, a nodepool and a deployment from the
 * docs' published YAML files, list and get each, the SDK's error path for missing ids, delete each.
 * The script is tests/sdk/python/docs_workflow.py; it records every step's result or exception.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, statusCode, type RunningEmulator } from "../../emulator";
import { run, tempHome, venvPython } from "../support/python";

const PAT = "sdk-test-pat";
const USER = "sdk-user";
const CONFIGS = path.resolve(__dirname, "..", "fixtures", "clarifai-docs-configs");
const SCRIPT = path.join(__dirname, "python", "docs_workflow.py");
const RETRY_SCRIPT = path.join(__dirname, "python", "retry_on_lost_connection.py");

type Step = { ok?: any; error?: string; message?: string; trace?: string }; // eslint-disable-line @typescript-eslint/no-explicit-any

let emu: RunningEmulator;
let python: string;

beforeAll(async () => {
  python = venvPython();
  emu = await startEmulator({ tokens: [PAT], userId: USER });
}, 180000);

afterAll(async () => {
  await emu?.close();
});

describe("the official Python SDK's docs workflow, over gRPC", () => {
  let steps: Record<string, Step>;

  beforeAll(async () => {
    const home = tempHome();
    const resultFile = path.join(home, "result.json");
    const r = await run(python, [SCRIPT, emu.url, USER, CONFIGS, resultFile], { home, env: { CLARIFAI_PAT: PAT } });
    if (r.code !== 0) throw new Error(`docs_workflow.py exited ${r.code}\n${r.stderr}\n${r.stdout}`);
    steps = JSON.parse(fs.readFileSync(resultFile, "utf8"));
    fs.rmSync(home, { recursive: true, force: true });
  }, 60000);

  const ok = (name: string): any => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const s = steps[name];
    if (s.error) throw new Error(`step ${name} failed: ${s.error}: ${s.message}\n${s.trace}`);
    return s.ok;
  };

  it("creates the cluster, nodepool and deployment from the docs' files", () => {
    expect(ok("create_compute_cluster")).toEqual({ id: "test-compute-cluster" });
    expect(ok("create_nodepool")).toEqual({ id: "test-nodepool" });
    expect(ok("create_deployment")).toEqual({ id: "test-deployment" });
  });

  it("SDK 12.5.0 refuses the docs' files where they disagree with it, before any request", () => {
    // nodepool_config.yaml as published has no min_instances; the SDK asserts it.
    expect(steps.create_nodepool_published_file).toMatchObject({ error: "AssertionError", message: "min_instances not found in the config file" });
    // An earlier docs revision's autoscale_config.enable_packing is not an AutoscaleConfig field.
    expect(steps.create_deployment_enable_packing_file).toMatchObject({ error: "ValueError", message: expect.stringContaining('has no "enable_packing" field') });
    const counts = emu.requests().counts;
    expect(counts.PostNodepools).toBe(1);
    expect(counts.PostDeployments).toBe(1);
  });

  it("lists and gets each object with the fields the docs' files set", () => {
    const [cluster] = ok("list_compute_clusters");
    expect(ok("list_compute_clusters")).toHaveLength(1);
    expect(cluster).toMatchObject({
      id: "test-compute-cluster",
      description: "My AWS compute cluster",
      cloud_provider: { id: "aws", name: "AWS" },
      region: "us-east-1",
      user_id: USER,
      visibility: { gettable: 10 },
      cluster_type: "dedicated",
      managed_by: "clarifai",
      // The SDK sends the PAT as the cluster's key; it is never returned.
      key: { id: "****" },
    });
    expect(cluster.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(ok("get_compute_cluster")).toEqual(cluster);

    const nodepools = ok("list_nodepools");
    expect(nodepools).toHaveLength(1);
    expect(nodepools[0]).toMatchObject({
      id: "test-nodepool",
      description: "First nodepool in AWS in a proper compute cluster",
      compute_cluster: { id: "test-compute-cluster", user_id: USER },
      node_capacity_type: { capacity_types: [1, 2] },
      instance_types: [{ id: "g5.xlarge" }],
      max_instances: 1,
    });
    expect(ok("get_nodepool")).toMatchObject({ id: "test-nodepool", max_instances: 1, compute_cluster: cluster });

    const deployments = ok("list_deployments");
    expect(deployments).toHaveLength(1);
    expect(deployments[0]).toMatchObject({
      id: "test-deployment",
      user_id: USER,
      description: "some random deployment",
      scheduling_choice: 4,
      autoscale_config: { max_replicas: 1, traffic_history_seconds: 100, scale_down_delay_seconds: 30, scale_up_delay_seconds: 30 },
      worker: { model: { id: "apparel-clusterering", user_id: "clarifai", app_id: "main", model_version: { id: "cc911f6b0ed748efb89e3d1359c146c4" } } },
      nodepools: [{ id: "test-nodepool", compute_cluster: { id: "test-compute-cluster" } }],
    });
    expect(ok("get_deployment")).toMatchObject({ id: "test-deployment", worker: deployments[0].worker });
  });

  it("raises the SDK's error for ids that do not exist, with the API's status", () => {
    expect(steps.get_missing_compute_cluster).toMatchObject({ error: "Exception", message: expect.stringContaining("code: COMPUTE_CLUSTER_DOES_NOT_EXIST") });
    expect(steps.get_missing_compute_cluster.message).toContain("details: \"Compute cluster \\'no-such-cluster\\' not found\"");
    expect(steps.get_missing_nodepool).toMatchObject({ error: "Exception", message: expect.stringContaining("code: NODEPOOL_DOES_NOT_EXIST") });
    expect(steps.get_missing_deployment).toMatchObject({ error: "Exception", message: expect.stringContaining("code: DEPLOYMENT_DOES_NOT_EXIST") });
    expect(steps.delete_missing_deployment).toMatchObject({ error: "Exception", message: expect.stringContaining("code: DEPLOYMENT_DOES_NOT_EXIST") });
    // The SDK's request-id prefix travels as metadata and comes back in req_id.
    expect(steps.get_missing_compute_cluster.message).toMatch(/req_id: "sdk-python-12\.5\.0-[0-9a-f]{32}"/);
  });

  it("deletes each object; the emulator is empty again", () => {
    expect(ok("delete_deployments")).toBeNull();
    expect(ok("delete_nodepools")).toBeNull();
    expect(ok("delete_compute_clusters")).toBeNull();
    expect(ok("list_compute_clusters_after")).toEqual([]);
    const s = emu.state();
    expect([s.compute_clusters, s.nodepools, s.deployments]).toEqual([[], [], []]);
  });

  it("every call went over gRPC and is in the request log", () => {
    const { requests, counts } = emu.requests();
    expect(requests.length).toBeGreaterThan(10);
    for (const r of requests) {
      expect(r).toMatchObject({ protocol: "grpc", method: "POST", grpc_status: 0, http_status: 200 });
      expect(r.path).toBe(`/clarifai.api.V2/${r.rpc}`);
    }
    expect(counts).toMatchObject({ PostComputeClusters: 1, GetComputeCluster: 2, GetNodepool: 2, GetDeployment: 2, DeleteComputeClusters: 1 });
  });
});

describe("the SDK when the connection dies mid-call", () => {
  it("retries a dropped call unseen, and retries a create whose response was lost into 'already exists'", async () => {
    emu.reset();
    emu.addFault({ rpc: "ListComputeClusters", kind: "drop", times: 1 });
    emu.addFault({ rpc: "PostComputeClusters", kind: "lost_response", times: 1 });
    const home = tempHome();
    const resultFile = path.join(home, "result.json");
    const r = await run(python, [RETRY_SCRIPT, emu.url, USER, resultFile], { home, env: { CLARIFAI_PAT: PAT } });
    if (r.code !== 0) throw new Error(`retry_on_lost_connection.py exited ${r.code}\n${r.stderr}`);
    const steps = JSON.parse(fs.readFileSync(resultFile, "utf8"));
    fs.rmSync(home, { recursive: true, force: true });
    // clarifai-grpc's channel retries UNAVAILABLE (maxAttempts 5) for every V2 method.
    expect(steps.list).toEqual({ ok: [] });
    // The first create was committed; its retry finds the id taken.
    expect(steps.create).toMatchObject({ error: "Exception", message: expect.stringContaining("Compute cluster with id \\'retried-cluster\\' already exists") });
    expect(emu.state().compute_clusters.map((c) => c.id)).toEqual(["retried-cluster"]);
    expect(emu.requests().requests.map((e) => [e.rpc, e.fault ?? e.status_code])).toEqual([
      ["ListComputeClusters", "drop"],
      ["ListComputeClusters", 10000],
      ["PostComputeClusters", "lost_response"],
      ["PostComputeClusters", statusCode("COMPUTE_CLUSTER_INVALID_ARGUMENT")],
    ]);
  });
});
