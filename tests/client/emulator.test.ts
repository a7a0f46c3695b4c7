/**
 * ClarifaiClient against the in-process emulator and its fault rules: CRUD and request counts,
 * pagination, every error mapping, every retry path, the ambiguous POST, concurrency, throttling,
 * and redaction (every thrown error and every log line is searched for the secrets).
 */
import * as util from "util";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { AlreadyExistsError, ClarifaiClient, ClarifaiError, ConnectionError, CreateConflictError, InvalidArgumentError, NotFoundError, PermissionDeniedError, RateLimitedError, ServerError, TimeoutError, UnauthenticatedError, type ClientOptions } from "../../provider/client";
import type { ApiComputeCluster, ApiDeployment, ApiNodepool } from "../../api/wire.generated";
import { definitions } from "../../provider/resources/registry";
import { identity } from "../../provider/model/identity";
import { gateFor } from "../../provider/client/semaphore";
import { requestIdPrefix } from "../../provider/client/version";

const PAT = "pat-SECRET-0123456789abcdef";
const CLUSTER_KEY = "cluster-KEY-fedcba9876543210";
const SECRETS = [PAT, CLUSTER_KEY];

let emu: RunningEmulator;
const logs: string[] = [];
const thrown: unknown[] = [];
const sleeps: number[] = [];

/** Fast by default: tiny backoffs, sleeps recorded (and not actually waited). */
function client(o: Partial<ClientOptions> = {}): ClarifaiClient {
  return new ClarifaiClient({
    pat: PAT,
    userId: "me",
    apiBase: emu.url,
    timeoutMs: 2000,
    random: () => 0.5,
    retry: { baseMs: 4, capMs: 20 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    log: (l) => logs.push(l),
    ...o,
  });
}

/** Runs `p`, expecting it to reject; records the error for the redaction check. */
async function failure(p: Promise<unknown>): Promise<ClarifaiError> {
  try {
    await p;
  } catch (e) {
    thrown.push(e);
    expect(ClarifaiError.isInstance(e)).toBe(true);
    return e as ClarifaiError;
  }
  throw new Error("expected a rejection");
}

function counts(): Record<string, number> {
  return emu.requests().counts;
}

const cluster = (id = "cc1", o: ApiComputeCluster = {}): ApiComputeCluster => ({
  id,
  description: "test cluster",
  cloud_provider: { id: "aws" },
  region: "us-east-1",
  cluster_type: "dedicated",
  managed_by: "clarifai",
  visibility: { gettable: 10 },
  ...o,
});
let instanceType = "";
const nodepool = (id = "np1", o: ApiNodepool = {}): ApiNodepool => ({
  id,
  compute_cluster: { id: "cc1" },
  description: "test pool",
  instance_types: [{ id: instanceType }],
  min_instances: 0,
  max_instances: 2,
  node_capacity_type: { capacity_types: [1] },
  visibility: { gettable: 10 },
  ...o,
});
const deployment = (id = "dep1", o: ApiDeployment = {}): ApiDeployment => ({
  id,
  description: "test deployment",
  worker: { model: { user_id: "meta", app_id: "Llama-3", id: "llama", model_version: { id: "v1" } } },
  nodepools: [{ id: "np1", compute_cluster: { id: "cc1" } }],
  autoscale_config: { min_replicas: 1, max_replicas: 3 },
  scheduling_choice: 4,
  visibility: { gettable: 10 },
  ...o,
});

beforeAll(async () => {
  // The cluster key must name an existing key of the user: the emulator accepts it as a second PAT.
  emu = await startEmulator({ port: 0, tokens: [PAT, CLUSTER_KEY], userId: "u1" });
  const types = await client().listInstanceTypes("aws", "us-east-1");
  instanceType = types[0].id ?? "";
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  emu.reset();
  gateFor(emu.url).clearPause();
  sleeps.length = 0;
});

/** After a client-side timeout the server still finishes the slow request: let it land before the next test. */
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

describe("normal case: one request per call", () => {
  it("compute cluster: create/get/list/patch/delete", async () => {
    const c = client();
    const created = await c.createComputeCluster(cluster("cc1", { key: { id: CLUSTER_KEY } }));
    expect(created).toMatchObject({ id: "cc1", cloud_provider: { id: "aws" }, region: "us-east-1", cluster_type: "dedicated", managed_by: "clarifai", user_id: "u1", visibility: { gettable: 10 }, description: "test cluster" });
    expect(created.key?.id).toBeTruthy(); // masked
    expect(await c.getComputeCluster("cc1")).toEqual(created);
    expect((await c.listComputeClusters()).map((x) => x.id)).toEqual(["cc1"]);
    const patched = await c.patchComputeCluster(cluster("cc1", { description: "new", visibility: { gettable: 30 }, key: { id: CLUSTER_KEY } }));
    expect(patched).toMatchObject({ description: "new", visibility: { gettable: 30 } });
    expect(await c.deleteComputeCluster("cc1")).toBe(true);
    expect(counts()).toMatchObject({ PostComputeClusters: 1, GetComputeCluster: 1, ListComputeClusters: 1, PatchComputeClusters: 1, DeleteComputeClusters: 1 });
    expect(Object.values(counts()).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it("nodepool: create/get/list/patch/delete", async () => {
    const c = client();
    await c.createComputeCluster(cluster());
    emu.clearRequests();
    const created = await c.createNodepool(nodepool());
    expect(created).toMatchObject({ id: "np1", compute_cluster: { id: "cc1" }, max_instances: 2, node_capacity_type: { capacity_types: [1] }, visibility: { gettable: 10 } });
    expect(created.instance_types?.[0].id).toBe(instanceType);
    expect(await c.getNodepool("cc1", "np1")).toEqual(created);
    expect((await c.listNodepools("cc1")).map((n) => n.id)).toEqual(["np1"]);
    expect((await c.listNodepools()).map((n) => n.id)).toEqual(["np1"]);
    const patched = await c.patchNodepool(nodepool("np1", { min_instances: 1, max_instances: 4, node_capacity_type: { capacity_types: [1, 2] } }));
    expect(patched).toMatchObject({ min_instances: 1, max_instances: 4, node_capacity_type: { capacity_types: [1, 2] } });
    expect(await c.deleteNodepool("cc1", "np1")).toBe(true);
    expect(counts()).toEqual({ PostNodepools: 1, GetNodepool: 1, ListNodepools: 2, PatchNodepools: 1, DeleteNodepools: 1 });
  });

  it("deployment: create/get/list (filters)/patch/delete, runners", async () => {
    const c = client();
    await c.createComputeCluster(cluster());
    await c.createNodepool(nodepool());
    emu.clearRequests();
    const created = await c.createDeployment(deployment());
    expect(created).toMatchObject({
      id: "dep1",
      description: "test deployment",
      worker: { model: { user_id: "meta", app_id: "Llama-3", id: "llama", model_version: { id: "v1" } } },
      scheduling_choice: 4,
      visibility: { gettable: 10 },
      user_id: "u1",
    });
    expect(created.nodepools?.map((n) => [n.compute_cluster?.id, n.id])).toEqual([["cc1", "np1"]]);
    expect(created.autoscale_config).toMatchObject({ min_replicas: 1, max_replicas: 3 });
    expect(await c.getDeployment("dep1")).toEqual(created);
    expect((await c.listDeployments()).map((d) => d.id)).toEqual(["dep1"]);
    expect((await c.listDeployments({ nodepoolId: "np1", computeClusterId: "cc1" })).map((d) => d.id)).toEqual(["dep1"]);
    expect(await c.listDeployments({ modelVersionIds: ["other"] })).toEqual([]);
    expect((await c.listDeployments({ modelVersionIds: ["other", "v1"] })).map((d) => d.id)).toEqual(["dep1"]);
    const runners = await c.listRunners("cc1", "np1", { modelVersionIds: ["v1"] });
    expect(runners).toHaveLength(1);
    expect(runners[0]).toMatchObject({ nodepool: { id: "np1", compute_cluster: { id: "cc1" } }, worker: { model: { model_version: { id: "v1" } } }, runner_metrics: { pods_total: 1 } });
    const patched = await c.patchDeployment(deployment("dep1", { autoscale_config: { min_replicas: 0, max_replicas: 5 }, description: "d2" }));
    expect(patched).toMatchObject({ description: "d2", autoscale_config: { max_replicas: 5 } });
    expect(await c.deleteDeployment("dep1")).toBe(true);
    expect(counts()).toEqual({ PostDeployments: 1, GetDeployment: 1, ListDeployments: 4, ListRunners: 1, PatchDeployments: 1, DeleteDeployments: 1 });
  });

  it("runners carry readiness (pods) and a terminal failure", async () => {
    const c = client();
    await c.createComputeCluster(cluster());
    await c.createNodepool(nodepool());
    emu.setReadiness({ deploymentReadyAfterReads: 2 });
    await c.createDeployment(deployment("dep1", { autoscale_config: { min_replicas: 2, max_replicas: 3 } }));
    const first = await c.listRunners("cc1", "np1");
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ runner_metrics: { pods_total: 2 }, worker: { model: { model_version: { id: "v1" } } } });
    expect(first[0].runner_metrics?.pods_running ?? 0).toBe(0);
    let r = first[0];
    for (let i = 0; i < 3 && (r.runner_metrics?.pods_running ?? 0) < 2; i++) r = (await c.listRunners("cc1", "np1"))[0];
    expect(r).toMatchObject({ runner_metrics: { pods_total: 2, pods_running: 2 } });
    expect(r.metadata?.status).toBeUndefined();
    emu.setReadiness({ failDeployments: { dep1: "image pull failed" } });
    const failed = (await c.listRunners("cc1", "np1"))[0];
    expect(failed).toMatchObject({ metadata: { status: "ERROR", status_description: "image pull failed" } });
    expect(failed.runner_metrics?.pods_running ?? 0).toBe(0);
    expect(await c.listRunners("cc1", "np1", { modelVersionIds: ["other"] })).toEqual([]);
  });

  it("lookups", async () => {
    const c = client();
    const providers = await c.listCloudProviders();
    expect(providers).toContainEqual({ id: "aws", name: "aws" });
    expect(await c.listCloudRegions("aws")).toEqual(["us-east-1"]);
    const types = await c.listInstanceTypes("aws", "us-east-1");
    expect(types.length).toBeGreaterThan(0);
    expect(types[0]).toMatchObject({ cloud_provider: { id: "aws" }, region: "us-east-1" });
    expect(counts()).toEqual({ ListCloudProviders: 1, ListCloudRegions: 1, ListInstanceTypes: 1 });
    expect(await failure(c.listCloudRegions("nope"))).toBeInstanceOf(NotFoundError);
  });

  it("absent objects: get -> undefined, delete -> false", async () => {
    const c = client();
    expect(await c.getComputeCluster("missing")).toBeUndefined();
    expect(await c.getNodepool("missing", "np")).toBeUndefined();
    expect(await c.getDeployment("missing")).toBeUndefined();
    expect(await c.deleteComputeCluster("missing")).toBe(false);
    expect(await c.deleteNodepool("missing", "np")).toBe(false);
    expect(await c.deleteDeployment("missing")).toBe(false);
    await c.createComputeCluster(cluster());
    expect(await c.getNodepool("cc1", "missing")).toBeUndefined();
    expect(await c.deleteNodepool("cc1", "missing")).toBe(false);
  });

  it("sends the request-id prefix; the server's req_id carries it", async () => {
    await client().listComputeClusters();
    expect(logs.some((l) => l.includes(`req_id ${requestIdPrefix()}-`))).toBe(true);
  });
});

describe("forward compatibility", () => {
  afterEach(() => emu.setUnknownResponseFields(false));

  it("passes response fields it does not know (a newer API); the provider's outputs ignore them at every depth", async () => {
    emu.setUnknownResponseFields(true);
    const c = client();
    const cc = await c.createComputeCluster(cluster());
    expect(cc).toMatchObject({ id: "cc1", region: "us-east-1" });
    const np = await c.createNodepool(nodepool("np1", { warm_instances: 1 }));
    expect(np).toMatchObject({ id: "np1", warm_instances: 1, status: 2 });
    const d = await c.createDeployment(deployment());
    const got = await c.getDeployment("dep1");
    expect(JSON.stringify([cc, np, got])).toContain("future_");
    const outputs = [
      definitions.ComputeCluster.outputs(cc, {}),
      definitions.Nodepool.outputs(np, {}),
      ...[d, got!, ...(await c.listDeployments())].map((x) => definitions.Deployment.outputs(x, {})),
      ...(await c.listNodepools("cc1")).map((x) => definitions.Nodepool.outputs(x, {})),
    ];
    for (const x of outputs) expect(JSON.stringify(x)).not.toContain("future_");
    expect(got).toMatchObject({ id: "dep1", deployment_metrics: { aggregate: { desired_replicas: 1, live_replicas: 1 } } });
    // The raw response really carries them: the test above is not vacuous.
    const raw = await fetch(`${emu.url}/v2/users/me/deployments/dep1`, { headers: { authorization: `Key ${PAT}` } }).then((r) => r.text());
    expect(raw).toContain("future_field_x");
  });
});

describe("pagination", () => {
  it("reads pages of 128 until a short page", async () => {
    const c = client({ maxConcurrency: 16 });
    await Promise.all(Array.from({ length: 130 }, (_, i) => c.createComputeCluster(cluster(`c${String(i).padStart(3, "0")}`))));
    emu.clearRequests();
    const all = await c.listComputeClusters();
    expect(all).toHaveLength(130);
    expect(new Set(all.map((x) => x.id)).size).toBe(130);
    expect(counts()).toEqual({ ListComputeClusters: 2 });
  });
  it("an exactly full last page costs one more (empty) request", async () => {
    const c = client({ maxConcurrency: 16 });
    await Promise.all(Array.from({ length: 128 }, (_, i) => c.createComputeCluster(cluster(`c${i}`))));
    emu.clearRequests();
    expect(await c.listComputeClusters()).toHaveLength(128);
    expect(counts()).toEqual({ ListComputeClusters: 2 });
  });
});

describe("error mapping", () => {
  it("unauthenticated: unknown PAT", async () => {
    const e = await failure(client({ pat: "wrong-token-xyz" }).listComputeClusters());
    expect(e).toBeInstanceOf(UnauthenticatedError);
    expect(e).toMatchObject({ httpStatus: 401, code: 11009, operation: "ListComputeClusters" });
    expect(e.reqId).toMatch(/^pulumi-clarifai-/);
    expect(e.message).toMatch(/^ListComputeClusters failed: .* \[code 11009 CONN_KEY_NOT_FOUND, HTTP 401, req_id pulumi-clarifai-/);
    expect(counts()).toEqual({ ListComputeClusters: 1 });
  });
  it("permission denied: another user's account", async () => {
    const e = await failure(client({ userId: "someone-else" }).listComputeClusters());
    expect(e).toBeInstanceOf(PermissionDeniedError);
    expect(e).toMatchObject({ httpStatus: 403, code: 11007 });
  });
  it("invalid argument: min > max", async () => {
    const c = client();
    await c.createComputeCluster(cluster());
    const e = await failure(c.createNodepool(nodepool("np1", { min_instances: 3, max_instances: 1 })));
    expect(e.constructor).toBe(InvalidArgumentError);
    expect(e).toMatchObject({ httpStatus: 400, code: 25701, codeName: "NODEPOOL_INVALID_ARGUMENT" });
    expect(e.details).toMatch(/min/);
  });
  it("invalid argument: a second deployment of the same model in a nodepool is not 'already exists'", async () => {
    const c = client();
    await c.createComputeCluster(cluster());
    await c.createNodepool(nodepool());
    await c.createDeployment(deployment("dep1"));
    const e = await failure(c.createDeployment(deployment("dep2")));
    expect(e.constructor).toBe(InvalidArgumentError);
  });
  it("already exists: a create meets the same id", async () => {
    const c = client();
    await c.createComputeCluster(cluster());
    emu.clearRequests();
    const e = await failure(c.createComputeCluster(cluster()));
    expect(e).toBeInstanceOf(AlreadyExistsError);
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect(e.httpStatus).toBe(400);
    expect(counts()).toEqual({ PostComputeClusters: 1 });
  });
  it("not found: patch and create under a missing parent", async () => {
    const c = client();
    const e1 = await failure(c.patchComputeCluster(cluster("nope")));
    expect(e1).toBeInstanceOf(NotFoundError);
    expect(e1).toMatchObject({ httpStatus: 404, code: 25800 });
    const e2 = await failure(c.createNodepool(nodepool("np1", { compute_cluster: { id: "nope" } })));
    expect(e2).toBeInstanceOf(NotFoundError);
    const e3 = await failure(c.patchDeployment(deployment("nope")));
    expect(e3).toBeInstanceOf(NotFoundError);
  });
  it("rate limited once the throttle budget is spent", async () => {
    emu.addFault({ rpc: "ListComputeClusters", kind: "throttle", retryAfterSeconds: 2 });
    const e = await failure(client({ retry: { maxThrottleRetries: 2 } }).listComputeClusters());
    expect(e).toBeInstanceOf(RateLimitedError);
    expect(e).toMatchObject({ httpStatus: 429, code: 11005, retryAfterMs: 2000 });
    expect(counts()).toEqual({ ListComputeClusters: 3 });
    expect(sleeps.filter((s) => s === 2000).length).toBeGreaterThanOrEqual(2);
  });
  it("server error once the budget is spent", async () => {
    emu.addFault({ rpc: "GetComputeCluster", kind: "server_error" });
    const e = await failure(client({ maxRetries: 2 }).getComputeCluster("x"));
    expect(e).toBeInstanceOf(ServerError);
    expect(e.httpStatus).toBeGreaterThanOrEqual(500);
    expect(counts()).toEqual({ GetComputeCluster: 3 });
  });
  it("server error with a specific Clarifai code", async () => {
    emu.addFault({ rpc: "GetComputeCluster", kind: "server_error", httpStatus: 503, statusCode: 40031 });
    const e = await failure(client({ maxRetries: 0 }).getComputeCluster("x"));
    expect(e).toBeInstanceOf(ServerError);
    expect(e).toMatchObject({ httpStatus: 503, code: 40031, codeName: "RPC_SERVER_UNAVAILABLE" });
  });
  it("connection error: dropped socket", async () => {
    emu.addFault({ rpc: "ListDeployments", kind: "drop" });
    const e = await failure(client({ maxRetries: 1 }).listDeployments());
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e.requestSent).toBe(true);
    expect(counts()).toEqual({ ListDeployments: 2 });
  });
  it("connection error: nothing listening", async () => {
    const dead = await startEmulator({ port: 0, tokens: [PAT] });
    const url = dead.url;
    await dead.close();
    const e = await failure(client({ apiBase: url, maxRetries: 1 }).getDeployment("d"));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e).toMatchObject({ requestSent: false, details: "ECONNREFUSED" });
  });
  it("timeout", async () => {
    emu.addFault({ rpc: "GetDeployment", kind: "latency", latencyMs: 400 });
    const e = await failure(client({ timeoutMs: 100, maxRetries: 1 }).getDeployment("d"));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.message).toBe("GetDeployment failed: no response within 100 ms (ETIMEDOUT)");
    await settle(800);
  });
});

describe("retries", () => {
  it.each([
    ["GET", "GetComputeCluster", (c: ClarifaiClient) => c.getComputeCluster("cc1")],
    ["PATCH", "PatchComputeClusters", (c: ClarifaiClient) => c.patchComputeCluster(cluster())],
    ["DELETE", "DeleteComputeClusters", (c: ClarifaiClient) => c.deleteComputeCluster("cc1")],
    ["list", "ListComputeClusters", (c: ClarifaiClient) => c.listComputeClusters()],
  ])("%s retries 5xx, drops and Clarifai server codes", async (_m, rpc, call) => {
    const c = client();
    await c.createComputeCluster(cluster());
    emu.clearRequests();
    emu.addFault({ rpc, kind: "server_error", times: 1 });
    emu.addFault({ rpc, kind: "drop", times: 1 });
    emu.addFault({ rpc, kind: "server_error", httpStatus: 503, statusCode: 40031, times: 1 });
    emu.addFault({ rpc, kind: "server_error", httpStatus: 500, statusCode: 98004, times: 1 });
    await expect(call(c)).resolves.toBeTruthy();
    expect(counts()).toEqual({ [rpc]: 5 });
    // full jitter at random 0.5 over 4, 8, 16, 20 (capped)
    expect(sleeps).toEqual([2, 4, 8, 10]);
  });
  it.each([
    ["GET", "GetComputeCluster", (c: ClarifaiClient) => c.getComputeCluster("cc1")],
    ["PATCH", "PatchComputeClusters", (c: ClarifaiClient) => c.patchComputeCluster(cluster())],
    ["DELETE", "DeleteComputeClusters", (c: ClarifaiClient) => c.deleteComputeCluster("cc1")],
  ])("%s retries a timeout", async (_m, rpc, call) => {
    const c = client({ timeoutMs: 150 });
    await c.createComputeCluster(cluster());
    emu.addFault({ rpc, kind: "latency", latencyMs: 300, times: 1 });
    await expect(call(c)).resolves.toBeDefined();
    expect(logs.some((l) => l.includes(`retrying ${rpc}`) && l.includes("no response within 150 ms"))).toBe(true);
    await settle();
    expect(counts()[rpc]).toBe(2);
  });
  it("honours Retry-After on 429 and retries without spending the server-error budget", async () => {
    emu.addFault({ rpc: "ListCloudProviders", kind: "throttle", retryAfterSeconds: 1, times: 3 });
    const providers = await client({ maxRetries: 0 }).listCloudProviders();
    expect(providers.length).toBeGreaterThan(0);
    expect(counts()).toEqual({ ListCloudProviders: 4 });
    expect(sleeps).toEqual([1000, 1000, 1000]);
  });
  it("a DELETE whose response was lost reports the object gone on the retry", async () => {
    const c = client();
    await c.createComputeCluster(cluster());
    emu.addFault({ rpc: "DeleteComputeClusters", kind: "lost_response", times: 1 });
    expect(await c.deleteComputeCluster("cc1")).toBe(false);
    expect(await c.getComputeCluster("cc1")).toBeUndefined();
  });
});

describe("ambiguous POST", () => {
  it("lost response: the create was committed, the GET finds it and it is returned", async () => {
    const c = client();
    await c.createComputeCluster(cluster());
    emu.clearRequests();
    emu.addFault({ rpc: "PostNodepools", kind: "lost_response", times: 1 });
    const np = await c.createNodepool(nodepool());
    expect(np).toMatchObject({ id: "np1", compute_cluster: { id: "cc1" } });
    expect(counts()).toEqual({ PostNodepools: 1, GetNodepool: 1 });
    expect(logs.some((l) => /PostNodepools: the object exists, this create made it and it matches/.test(l))).toBe(true);
  });
  it.each([
    ["server_error", { kind: "server_error" as const }],
    ["drop", { kind: "drop" as const }],
    ["timeout", { kind: "latency" as const, latencyMs: 400 }],
  ])("%s before the write: the GET finds nothing, the POST is sent again", async (_n, fault) => {
    const c = client({ timeoutMs: 150 });
    emu.addFault({ rpc: "PostComputeClusters", times: 1, ...fault });
    const cc = await c.createComputeCluster(cluster());
    expect(cc.id).toBe("cc1");
    if (fault.kind === "latency") {
      // A slow request may still land after the client gave up: either the GET saw it, or the re-POST met it.
      expect(counts().GetComputeCluster).toBeGreaterThanOrEqual(1);
    } else {
      expect(counts()).toEqual({ PostComputeClusters: 2, GetComputeCluster: 1 });
    }
    await settle();
    expect(emu.state().compute_clusters).toHaveLength(1);
  });
  it("the first POST lands late: the re-sent POST meets 'already exists', the GET adopts it", async () => {
    // POST #1 is slow (times out at 150 ms, lands at 300 ms). The check at ~150 ms finds nothing, so the
    // POST is sent again; a throttle (added once POST #1 is in flight) holds the re-send until after
    // 300 ms, when it meets "already exists": the earlier attempt did land, and it matches.
    emu.addFault({ rpc: "PostComputeClusters", kind: "latency", latencyMs: 300, times: 1 });
    const c = client({
      timeoutMs: 150,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms >= 1000 ? 350 : 0)),
      log: (l) => {
        logs.push(l);
        if (l.includes("outcome unknown")) emu.addFault({ rpc: "PostComputeClusters", kind: "throttle", retryAfterSeconds: 1, times: 1 });
      },
    });
    const cc = await c.createComputeCluster(cluster());
    expect(cc.id).toBe("cc1");
    expect(counts()).toEqual({ PostComputeClusters: 3, GetComputeCluster: 2 });
    expect(emu.requests().requests.filter((r) => r.rpc === "PostComputeClusters").map((r) => r.http_status)).toEqual([429, 200, 400]);
  });
  it("the object exists but differs: CreateConflictError", async () => {
    const c = client();
    await c.createComputeCluster(cluster("cc1", { region: "us-east-1" }));
    await c.createNodepool(nodepool("np1"));
    emu.clearRequests();
    emu.addFault({ rpc: "PostNodepools", kind: "server_error", times: 1 });
    // The comparison the nodepool resource passes: its identity fields, in the schema's terms.
    const mismatches = identity("Nodepool", definitions.Nodepool.wire);
    const e = await failure(c.createNodepool(nodepool("np1", { instance_types: [{ id: "some-other-type" }] }), { mismatches }));
    expect(e).toBeInstanceOf(CreateConflictError);
    expect(e.message).toMatch(/nodepool "cc1\/np1" exists but differs from what was sent/);
    expect(e.details).toMatch(/instanceTypes: sent \["some-other-type"\]/);
    expect(counts()).toEqual({ PostNodepools: 1, GetNodepool: 1 });
  });
  it("deployment: lost response is adopted when model and nodepools match", async () => {
    const c = client();
    await c.createComputeCluster(cluster());
    await c.createNodepool(nodepool());
    emu.clearRequests();
    emu.addFault({ rpc: "PostDeployments", kind: "lost_response", times: 1 });
    const d = await c.createDeployment(deployment());
    expect(d.id).toBe("dep1");
    expect(counts()).toEqual({ PostDeployments: 1, GetDeployment: 1 });
  });
  it("a throttled POST is simply sent again (the request was refused)", async () => {
    emu.addFault({ rpc: "PostComputeClusters", kind: "throttle", retryAfterSeconds: 1, times: 2 });
    await client().createComputeCluster(cluster());
    expect(counts()).toEqual({ PostComputeClusters: 3 });
  });
  it("budget spent and never committed: fails clearly", async () => {
    emu.addFault({ rpc: "PostComputeClusters", kind: "server_error" });
    const e = await failure(client({ maxRetries: 2 }).createComputeCluster(cluster()));
    expect(e).toBeInstanceOf(ServerError);
    expect(e.details).toMatch(/the create was not committed; gave up after 3 attempts/);
    expect(counts()).toEqual({ PostComputeClusters: 3, GetComputeCluster: 3 });
  });
  it("the check itself fails: outcome unknown, said so", async () => {
    emu.addFault({ rpc: "PostComputeClusters", kind: "lost_response", times: 1 });
    emu.addFault({ rpc: "GetComputeCluster", kind: "server_error" });
    const e = await failure(client({ maxRetries: 1 }).createComputeCluster(cluster()));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e.details).toMatch(/outcome unknown: the create may have been committed, and checking failed: GetComputeCluster failed/);
  });
});

describe("load", () => {
  it("caps concurrent requests per API base, across clients", async () => {
    emu.setLatency(30);
    const a = client({ maxConcurrency: 2 });
    const b = client();
    const gate = gateFor(emu.url);
    let peak = 0;
    let sawQueue = false;
    const timer = setInterval(() => {
      peak = Math.max(peak, gate.semaphore.inFlight);
      sawQueue ||= gate.semaphore.queued > 0;
    }, 2);
    await Promise.all([...Array.from({ length: 4 }, () => a.listCloudProviders()), ...Array.from({ length: 4 }, () => b.listCloudProviders())]);
    clearInterval(timer);
    expect(peak).toBeLessThanOrEqual(2);
    expect(sawQueue).toBe(true);
    expect(counts()).toEqual({ ListCloudProviders: 8 });
    gate.setCeiling(32);
  });
  it("a server rate limit slows the run down without failing it", async () => {
    emu.setRateLimit(10);
    const c = client({
      maxRetries: 0,
      retry: { maxThrottleRetries: 40 },
      // real waiting, at a quarter of the requested time, so the test stays short
      sleep: (ms) => new Promise((r) => setTimeout(r, ms / 4)),
    });
    const gate = gateFor(emu.url);
    let lowest = gate.semaphore.limit;
    const timer = setInterval(() => (lowest = Math.min(lowest, gate.semaphore.limit)), 2);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 25 }, () => c.listCloudProviders()));
    clearInterval(timer);
    expect(results).toHaveLength(25);
    const log = emu.requests().requests;
    expect(log.filter((r) => r.http_status === 429).length).toBeGreaterThan(0);
    expect(log.filter((r) => r.http_status === 200)).toHaveLength(25);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // The 429s lowered the shared cap well below its ceiling (adaptive concurrency).
    expect(lowest).toBeLessThanOrEqual(gate.ceiling / 4);
    emu.setRateLimit(undefined);
    gate.setCeiling(32);
  });
});

describe("redaction", () => {
  it("the secrets never reach an error or a log line", async () => {
    // Make sure the cluster key went over the wire at least once in this file.
    const c = client();
    await c.createComputeCluster(cluster("keyed", { key: { id: CLUSTER_KEY } }));
    emu.addFault({ rpc: "PostComputeClusters", kind: "server_error" });
    thrown.push(await failure(client({ maxRetries: 0 }).createComputeCluster(cluster("keyed2", { key: { id: CLUSTER_KEY } }))));
    expect(thrown.length).toBeGreaterThan(15);
    expect(logs.length).toBeGreaterThan(50);
    for (const e of thrown) {
      const views = [
        JSON.stringify(e),
        util.inspect(e, { depth: Infinity, showHidden: true }),
        String((e as Error).stack),
        String((e as Error).message),
        JSON.stringify(Object.getOwnPropertyNames(e).map((k) => [k, String((e as Record<string, unknown>)[k])])),
      ];
      for (const v of views) for (const s of SECRETS) expect(v).not.toContain(s);
      expect((e as { cause?: unknown }).cause).toBeUndefined();
      expect(Object.keys(e as object)).not.toEqual(expect.arrayContaining(["config"]));
    }
    for (const l of logs) for (const s of SECRETS) expect(l).not.toContain(s);
    for (const s of SECRETS) expect(util.inspect(c, { depth: Infinity, showHidden: true })).not.toContain(s);
  });
});
