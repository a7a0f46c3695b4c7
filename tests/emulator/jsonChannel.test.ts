// Conformance with Clarifai's official Python client: clarifai-grpc 12.6.0 (pinned in
// scripts/python-clients/requirements.txt, in a virtual environment scripts/ensure-python-clients creates
// and caches) drives the emulator through its JSON channel with the docs' workflow; json_channel.py
// prints what the official client decoded, asserted here.
import { execFile } from "child_process";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { repoRoot } from "../support/engine";
import { venvPython } from "../support/python";

jest.setTimeout(180_000);

type Step = {
  step: string;
  code?: number;
  code_name?: string;
  description?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- decoded protojson, asserted field by field
  object?: Record<string, any>;
  called?: boolean;
  error?: string;
};

const PAT = "conformance-pat-5e0c1a";
let emu: RunningEmulator;
let steps: Map<string, Step>;

beforeAll(async () => {
  const python = venvPython();
  emu = await startEmulator({ tokens: [PAT], userId: "conformance-user" });
  // Asynchronous on purpose: the emulator answers from this process's event loop.
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      python,
      [path.join(__dirname, "json_channel.py"), path.join(repoRoot, "tests", "fixtures", "clarifai-docs-configs")],
      { env: { ...process.env, CLARIFAI_API_BASE: emu.url, CLARIFAI_PAT: PAT, CLARIFAI_USER_ID: "conformance-user" }, encoding: "utf8" },
      (err, stdout, stderr) => (err ? reject(new Error(`json_channel.py failed: ${err.message}\n${stderr}\n${stdout}`)) : resolve(stdout)),
    ),
  );
  steps = new Map(out.trim().split("\n").map((l) => JSON.parse(l) as Step).map((s) => [s.step, s]));
});
afterAll(() => emu?.close());

const step = (name: string): Step => {
  const s = steps.get(name);
  if (!s) throw new Error(`json_channel.py printed no step ${name}`);
  return s;
};

it("the docs' workflow succeeds end to end, in order", () => {
  const ok = [...steps.values()].filter((s) => s.code === 10000).map((s) => s.step);
  expect(ok).toEqual([
    "PostComputeClusters", "PostNodepools", "PostDeployments",
    "GetComputeCluster", "GetNodepool", "GetDeployment",
    "ListComputeClusters", "ListNodepools", "ListNodepools.active_usage", "ListDeployments", "ListCloudProviders",
    "PatchNodepools", "PatchDeployments.desired_worker", "PatchDeployments.worker", "GetDeployment.after_patch",
    "DeleteDeployments", "DeleteNodepools", "DeleteComputeClusters", "ListComputeClusters.after_delete",
  ]);
});

it("the official client decodes the created objects as the YAML declared them, server fields filled", () => {
  expect(step("GetComputeCluster").object).toMatchObject({
    id: "test-compute-cluster", cloud_provider: { id: "aws", name: "AWS" }, region: "us-east-1", managed_by: "clarifai", cluster_type: "dedicated",
    visibility: { gettable: "PRIVATE" }, user_id: "conformance-user",
  });
  expect(step("GetNodepool").object).toMatchObject({
    id: "test-nodepool", compute_cluster: { id: "test-compute-cluster" }, instance_types: [{ id: "g5.xlarge" }],
    node_capacity_type: { capacity_types: ["ON_DEMAND_TYPE", "SPOT_TYPE"] }, max_instances: 1, status: "NODEPOOL_STATUS_READY", node_count: 1,
  });
  expect(step("GetDeployment").object).toMatchObject({
    id: "test-deployment",
    worker: { model: { id: "apparel-clusterering", user_id: "clarifai", app_id: "main", model_version: { id: "cc911f6b0ed748efb89e3d1359c146c4" } } },
    nodepools: [{ id: "test-nodepool", compute_cluster: { id: "test-compute-cluster" } }],
    scheduling_choice: "PERFORMANCE",
    deployment_metrics: { aggregate: { desired_replicas: 1, live_replicas: 1 } },
  });
  expect(step("ListDeployments").object?.deployments).toHaveLength(1);
  expect(step("ListCloudProviders").object?.cloud_providers.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(["aws", "gcp"]));
});

it("a query boolean spelled as the official client spells it (active_usage=True) is accepted", () => {
  // The pool has min_instances 0 but runs the deployment's runner: in active use.
  expect(step("ListNodepools.active_usage").object?.nodepools.map((n: { id: string }) => n.id)).toEqual(["test-nodepool"]);
});

it("12.x: PATCH writes desired_worker; a PATCH of worker alone changes nothing", () => {
  const feed = "0000000000000000000000000000feed";
  expect(step("PatchDeployments.desired_worker").object).toMatchObject({ desired_worker: { model: { model_version: { id: feed } } } });
  const after = step("GetDeployment.after_patch").object!;
  expect(after.worker.model.model_version.id).toBe(feed); // the rollout finished (readiness settings 0)
  expect(after.desired_worker.model.model_version.id).toBe(feed);
  expect(JSON.stringify(after)).not.toContain("00000000000000000000000000000bad");
  expect(step("PatchNodepools").object).toMatchObject({ max_instances: 3, warm_instances: 1 });
});

it("error cases carry Clarifai's status codes", () => {
  expect(step("GetNodepool.missing").code_name).toBe("NODEPOOL_DOES_NOT_EXIST");
  expect(step("PostComputeClusters.duplicate").code_name).toBe("COMPUTE_CLUSTER_INVALID_ARGUMENT");
  expect(step("PostNodepools.bad_instance_type").code_name).toBe("NODEPOOL_INVALID_ARGUMENT");
  expect(step("DeleteDeployments.missing").code_name).toBe("DEPLOYMENT_DOES_NOT_EXIST");
  expect(step("ListComputeClusters.bad_pat").code_name).toBe("CONN_KEY_NOT_FOUND");
  expect(step("ListComputeClusters.after_delete").object).toEqual({});
});

it("ListCloudRegions cannot be called through the JSON channel: it cannot fill {cloud_provider.id}", () => {
  // A limitation of the official client, not of the emulator: the call fails before anything is sent.
  expect(step("ListCloudRegions")).toMatchObject({ called: false, error: expect.stringContaining("cloud_provider.id") });
  expect(emu.requests().requests.some((r) => r.rpc === "ListCloudRegions")).toBe(false);
});
