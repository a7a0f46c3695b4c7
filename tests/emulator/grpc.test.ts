/**
 * gRPC on the emulator's REST port: one state, one auth, one set of faults, rate limit, latency and
 * request log for both protocols; API errors in the response's `status` with grpc-status 0; clear,
 * immediate statuses for what is not served.
 */
import * as http2 from "http2";
import { startEmulator, statusCode, type RunningEmulator } from "../../emulator";
import { grpcCall } from "../support/grpcClient";

const PAT = "grpc-pat";
const USER = "grpc-user";
const AUTH = { authorization: `Key ${PAT}` };

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: USER });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => emu.reset());

async function rest(method: string, path: string, body?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(emu.url + path, { method, headers: { Authorization: `Key ${PAT}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}

const CLUSTER = { id: "cc-1", cloud_provider: { id: "aws" }, region: "us-east-1", cluster_type: "dedicated", managed_by: "clarifai" };
const NODEPOOL = {
  id: "np-1",
  instance_types: [{ id: "g5.xlarge" }],
  node_capacity_type: { capacity_types: [1] },
  min_instances: 0,
  max_instances: 2,
  metadata: { fields: { team: { string_value: "ml" }, size: { number_value: 3 }, tags: { list_value: { values: [{ bool_value: true }] } } } },
};

describe("one port, both protocols", () => {
  it("what REST creates, gRPC reads, and the other way round", async () => {
    await rest("POST", `/v2/users/me/compute_clusters`, { compute_clusters: [CLUSTER] });
    const got = await grpcCall(emu.url, "GetComputeCluster", { user_app_id: { user_id: "me" }, compute_cluster_id: "cc-1" }, { metadata: AUTH });
    expect(got.grpcStatus).toBe(0);
    expect(got.message.status).toMatchObject({ code: 10000, description: "Ok" });
    expect(got.message.compute_cluster).toMatchObject({ id: "cc-1", region: "us-east-1", cloud_provider: { id: "aws", name: "AWS" }, user_id: USER });
    expect(got.message.compute_cluster.created_at.seconds).toMatch(/^\d+$/);

    const posted = await grpcCall(emu.url, "PostNodepools", { user_app_id: { user_id: USER }, compute_cluster_id: "cc-1", nodepools: [NODEPOOL] }, { metadata: AUTH });
    expect(posted.message.status.code).toBe(10000);
    const viaRest = await rest("GET", `/v2/users/me/compute_clusters/cc-1/nodepools/np-1`);
    expect(viaRest.nodepool).toMatchObject({ id: "np-1", max_instances: 2, metadata: { team: "ml", size: 3, tags: [true] }, node_capacity_type: { capacity_types: [1] } });
    // Timestamps carry the same instant on both protocols (RFC 3339 with microseconds over REST).
    const ts = posted.message.nodepools[0].created_at;
    const micros = BigInt(ts.seconds) * 1000000n + BigInt(Math.trunc((ts.nanos ?? 0) / 1000));
    expect(BigInt(Date.parse(viaRest.nodepool.created_at)) * 1000n + BigInt(viaRest.nodepool.created_at.slice(23, 26))).toBe(micros);

    const { requests } = emu.requests();
    expect(requests.map((r) => [r.protocol ?? "rest", r.rpc])).toEqual([
      ["rest", "PostComputeClusters"],
      ["grpc", "GetComputeCluster"],
      ["grpc", "PostNodepools"],
      ["rest", "GetNodepool"],
    ]);
    expect(requests[1]).toMatchObject({ method: "POST", path: "/clarifai.api.V2/GetComputeCluster", http_status: 200, status_code: 10000, grpc_status: 0 });
  });

  it("API errors are the response's status with grpc-status 0, as the real API answers", async () => {
    const r = await grpcCall(emu.url, "GetNodepool", { user_app_id: { user_id: USER }, compute_cluster_id: "nope", nodepool_id: "np" }, { metadata: AUTH });
    expect(r.grpcStatus).toBe(0);
    expect(r.message.status).toMatchObject({ code: statusCode("COMPUTE_CLUSTER_DOES_NOT_EXIST"), details: expect.stringContaining("nope") });
    const bad = await grpcCall(emu.url, "PostComputeClusters", { compute_clusters: [{ ...CLUSTER, region: "mars-1" }] }, { metadata: AUTH });
    expect(bad.message.status).toMatchObject({ code: statusCode("COMPUTE_CLUSTER_INVALID_ARGUMENT"), details: "Region 'mars-1' is not supported for cloud provider 'aws'" });
  });

  it("auth is the authorization metadata, checked as REST checks the header", async () => {
    const none = await grpcCall(emu.url, "ListComputeClusters", {});
    expect(none.grpcStatus).toBe(0);
    expect(none.message.status).toMatchObject({ code: 11102, description: "Empty or malformed authorization header. Please provide an API key or session token." });
    const wrong = await grpcCall(emu.url, "PostComputeClusters", { compute_clusters: [CLUSTER] }, { metadata: { authorization: "Key not-a-pat" } });
    expect(wrong.message.status.code).toBe(11009);
    expect(emu.state().compute_clusters).toEqual([]);
    const other = await grpcCall(emu.url, "ListComputeClusters", { user_app_id: { user_id: "someone-else" } }, { metadata: AUTH });
    expect(other.message.status.code).toBe(11007);
  });

  it("req_id carries the client's x-clarifai-request-id-prefix metadata", async () => {
    const r = await grpcCall(emu.url, "ListCloudProviders", {}, { metadata: { ...AUTH, "x-clarifai-request-id-prefix": "my-tool-1.0" } });
    expect(r.message.status.req_id).toMatch(/^my-tool-1\.0-[0-9a-f]{32}$/);
    expect(r.message.cloud_providers.map((p: { id: string }) => p.id)).toContain("aws");
  });
});

describe("what is not served answers at once", () => {
  it("an unknown service or method: grpc-status 12 UNIMPLEMENTED", async () => {
    const unknown = await grpcCall(emu.url, "NoSuchMethod", {}, { metadata: AUTH });
    expect(unknown).toMatchObject({ grpcStatus: 12, grpcMessage: "unknown method /clarifai.api.V2/NoSuchMethod: the emulator serves the clarifai.api.V2 service" });
    const otherService = await grpcCall(emu.url, "X", {}, { metadata: AUTH, path: "/grpc.health.v1.Health/Check" });
    expect(otherService.grpcStatus).toBe(12);
  });

  it("a V2 method the emulator does not model: the API's NOT_IMPLEMENTED status", async () => {
    const r = await grpcCall(emu.url, "PostInputs", { inputs: [{ id: "x" }] }, { metadata: AUTH });
    expect(r.grpcStatus).toBe(0);
    expect(r.message.status).toMatchObject({ code: 10040, details: "PostInputs is not implemented by the emulator" });
    const runners = await grpcCall(emu.url, "PostRunners", {}, { metadata: AUTH });
    expect(runners.message.status.code).toBe(10040);
  });

  it("a streaming method, even with the client's side left open: 12, without waiting", async () => {
    const session = http2.connect(emu.url);
    const stream = session.request({ ":method": "POST", ":path": "/clarifai.api.V2/StreamModelOutputs", "content-type": "application/grpc", ...AUTH });
    stream.write(Buffer.alloc(5)); // one empty message; the request side stays open
    const headers = await new Promise<http2.IncomingHttpHeaders>((resolve) => stream.on("response", resolve));
    expect(headers["grpc-status"]).toBe("12");
    expect(decodeURIComponent(String(headers["grpc-message"]))).toContain("StreamModelOutputs is a streaming RPC");
    session.destroy();
  });

  it("bytes that are not a request message: grpc-status 13; HTTP/2 that is not gRPC: 415", async () => {
    const r = await grpcCall(emu.url, "ListComputeClusters", {}, { metadata: AUTH, rawBody: Buffer.from([0, 0, 0, 0, 9, 1, 2]) });
    expect(r.grpcStatus).toBe(13);
    expect(r.grpcMessage).toMatch(/exactly one gRPC message/);
    const garbage = await grpcCall(emu.url, "ListComputeClusters", {}, { metadata: AUTH, rawBody: Buffer.from([0, 0, 0, 0, 2, 0xff, 0xff]) });
    expect(garbage).toMatchObject({ grpcStatus: 13, grpcMessage: expect.stringContaining("error unmarshalling request") });

    const session = http2.connect(emu.url);
    const stream = session.request({ ":method": "GET", ":path": "/v2/users/me/compute_clusters", ...AUTH });
    stream.end();
    const headers = await new Promise<http2.IncomingHttpHeaders>((resolve) => stream.on("response", resolve));
    expect(headers[":status"]).toBe(415);
    session.destroy();
  });
});

describe("faults, rate limit and latency apply to gRPC as to REST", () => {
  const list = (): ReturnType<typeof grpcCall> => grpcCall(emu.url, "ListComputeClusters", {}, { metadata: AUTH });

  it("throttle, server_error and not_found answer in the status; retry-after is response metadata", async () => {
    emu.addFault({ rpc: "ListComputeClusters", kind: "throttle", retryAfterSeconds: 3, times: 1 });
    const t = await list();
    expect(t.grpcStatus).toBe(0);
    expect(t.message.status.code).toBe(11005);
    expect(t.headers["retry-after"]).toBe("3");
    emu.addFault({ rpc: "ListComputeClusters", kind: "server_error", times: 1 });
    expect((await list()).message.status.code).toBe(40031);
    emu.addFault({ path: "GetComputeCluster$", kind: "not_found", times: 1 });
    const nf = await grpcCall(emu.url, "GetComputeCluster", { compute_cluster_id: "x" }, { metadata: AUTH });
    expect(nf.message.status.code).toBe(statusCode("COMPUTE_CLUSTER_DOES_NOT_EXIST"));
    expect(emu.requests().requests.map((r) => r.fault)).toEqual(["throttle", "server_error", "not_found"]);
  });

  it("drop: the connection dies and nothing is written; lost_response: written, then the connection dies", async () => {
    emu.addFault({ rpc: "PostComputeClusters", kind: "drop", times: 1 });
    const dropped = await grpcCall(emu.url, "PostComputeClusters", { compute_clusters: [CLUSTER] }, { metadata: AUTH });
    expect(dropped.grpcStatus).toBe(-1);
    expect(emu.state().compute_clusters).toEqual([]);
    emu.addFault({ rpc: "PostComputeClusters", kind: "lost_response", times: 1 });
    const lost = await grpcCall(emu.url, "PostComputeClusters", { compute_clusters: [CLUSTER] }, { metadata: AUTH });
    expect(lost.grpcStatus).toBe(-1);
    expect(emu.state().compute_clusters.map((c) => c.id)).toEqual(["cc-1"]);
    expect(emu.requests().requests.map((r) => [r.fault, r.http_status])).toEqual([["drop", 0], ["lost_response", 0]]);
    // The port still serves both protocols.
    expect((await list()).message.compute_clusters).toHaveLength(1);
  });

  it("one rate limit counts both protocols", async () => {
    emu.setRateLimit(2);
    await rest("GET", "/v2/users/me/compute_clusters");
    expect((await list()).message.status.code).toBe(10000);
    const over = await list();
    expect(over.message.status).toMatchObject({ code: 11005, details: "Rate limit of 2 requests per second exceeded" });
    expect(over.headers["retry-after"]).toBeDefined();
  });

  it("added latency delays gRPC calls too", async () => {
    emu.setLatency(150);
    const t0 = Date.now();
    await list();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
  });

  it("unknown response fields (a newer API) are skipped by a protobuf client", async () => {
    emu.setUnknownResponseFields(true);
    const r = await list();
    expect(r.message.status.code).toBe(10000);
  });
});
