/** Control plane, faults, rate limit, latency, readiness, state file, CLI. */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SAMPLE_CLUSTER, client, emulatorSuite, sampleDeployment, seed, start } from "../support/emulator";

const suite = emulatorSuite();
const call = suite.call;

const CC = "/v2/users/me/compute_clusters";
const ctl = async (method: string, p: string, body?: unknown) => {
  const res = await fetch(`${suite.emu.url}/_emulator${p}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { http: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("control plane over HTTP", () => {
  test("state, requests (log and counts), reset; control requests are not logged", async () => {
    await seed(call);
    await call("GET", `${CC}/cc1`);
    await call("GET", `${CC}/ghost`);
    let r = await ctl("GET", "/state");
    expect(r.body.compute_clusters.map((c: { id: string }) => c.id)).toEqual(["cc1"]);
    expect(r.body.nodepools).toHaveLength(1);
    r = await ctl("GET", "/requests");
    expect(r.body.counts).toEqual({ PostComputeClusters: 1, PostNodepools: 1, GetComputeCluster: 2 });
    expect(r.body.requests[3]).toEqual({ method: "GET", path: `${CC}/ghost`, rpc: "GetComputeCluster", http_status: 404, status_code: 25800, at: expect.any(String) });
    expect((await ctl("DELETE", "/requests")).http).toBe(200);
    expect((await ctl("GET", "/requests")).body).toEqual({ requests: [], counts: {} });
    expect((await ctl("POST", "/reset")).http).toBe(200);
    expect((await ctl("GET", "/state")).body).toEqual({ compute_clusters: [], nodepools: [], deployments: [], runners: [] });
    expect((await ctl("GET", "/nothing")).http).toBe(404);
    expect((await ctl("POST", "/faults", { kind: "explode" })).http).toBe(400);
  });

  test("POST /_emulator/faults and /settings behave like the methods", async () => {
    const r = await ctl("POST", "/faults", { rpc: "ListCloudProviders", kind: "server_error", times: 1 });
    expect(r.body.id).toEqual(expect.any(String));
    expect((await call("GET", "/v2/cloud_providers")).http).toBe(503);
    expect((await call("GET", "/v2/cloud_providers")).http).toBe(200);
    await ctl("POST", "/faults", { path: "cloud_providers$", kind: "server_error" });
    await ctl("DELETE", "/faults");
    expect((await call("GET", "/v2/cloud_providers")).http).toBe(200);
    await ctl("POST", "/settings", { rateLimitPerSecond: 1 });
    await call("GET", "/v2/cloud_providers");
    expect((await call("GET", "/v2/cloud_providers")).http).toBe(429);
    await ctl("POST", "/settings", { rateLimitPerSecond: null });
    expect((await call("GET", "/v2/cloud_providers")).http).toBe(200);
    expect((await ctl("GET", "/settings")).body.rateLimitPerSecond).toBeNull();
  });
});

describe("faults", () => {
  test("throttle: 429 + Retry-After + CONN_THROTTLED, for N requests", async () => {
    suite.emu.addFault({ method: "GET", kind: "throttle", times: 2, retryAfterSeconds: 3 });
    for (let i = 0; i < 2; i++) {
      const r = await call("GET", CC);
      expect([r.http, r.headers.get("retry-after"), r.body.status.code]).toEqual([429, "3", 11005]);
      expect(r.body.compute_clusters).toEqual([]);
    }
    expect((await call("GET", CC)).http).toBe(200);
    expect(suite.emu.requests().requests.map((e) => e.fault)).toEqual(["throttle", "throttle", undefined]);
  });

  test("server_error: default 503 + 40031; custom status and code", async () => {
    suite.emu.addFault({ rpc: "GetComputeCluster", kind: "server_error", times: 1 });
    suite.emu.addFault({ rpc: "ListComputeClusters", kind: "server_error", httpStatus: 500, times: 1 });
    suite.emu.addFault({ rpc: "ListNodepools", kind: "server_error", httpStatus: 500, statusCode: 98006, times: 1 });
    let r = await call("GET", `${CC}/x`);
    expect([r.http, r.body.status.code]).toEqual([503, 40031]);
    r = await call("GET", CC);
    expect([r.http, r.body.status.code]).toEqual([500, 98004]);
    r = await call("GET", "/v2/nodepools");
    expect([r.http, r.body.status.code]).toEqual([500, 98006]);
    expect(r.body.status.req_id).toMatch(/^[0-9a-f]{32}$/);
  });

  test("drop: the connection closes without a response, nothing is written", async () => {
    suite.emu.addFault({ rpc: "PostComputeClusters", kind: "drop", times: 1 });
    await expect(call("POST", CC, { compute_clusters: [SAMPLE_CLUSTER] })).rejects.toThrow();
    expect(suite.emu.state().compute_clusters).toEqual([]);
    expect(suite.emu.requests().requests[0]).toMatchObject({ rpc: "PostComputeClusters", http_status: 0, fault: "drop" });
  });

  test("lost_response: the write is committed but the response never arrives", async () => {
    suite.emu.addFault({ rpc: "PostComputeClusters", kind: "lost_response", times: 1 });
    await expect(call("POST", CC, { compute_clusters: [SAMPLE_CLUSTER] })).rejects.toThrow();
    expect(suite.emu.state().compute_clusters.map((c) => c.id)).toEqual([SAMPLE_CLUSTER.id]);
    const retry = await call("POST", CC, { compute_clusters: [SAMPLE_CLUSTER] });
    expect(retry.body.status.details).toContain("already exists");
    expect(suite.emu.requests().requests[0]).toMatchObject({ http_status: 0, status_code: 10000, fault: "lost_response" });
  });

  test("latency: delays and proceeds; rules match by path regex and method; probability 0 never fires", async () => {
    suite.emu.addFault({ path: "^/v2/cloud_providers$", method: "GET", kind: "latency", latencyMs: 150 });
    suite.emu.addFault({ path: "regions", kind: "server_error", probability: 0 });
    let t0 = Date.now();
    expect((await call("GET", "/v2/cloud_providers")).http).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    t0 = Date.now();
    expect((await call("GET", "/v2/cloud_providers/aws/regions")).http).toBe(200);
    expect(Date.now() - t0).toBeLessThan(140);
  });

  test("probability picks a share of requests", async () => {
    suite.emu.addFault({ rpc: "ListCloudProviders", kind: "throttle", probability: 0.5 });
    const codes: number[] = [];
    for (let i = 0; i < 60; i++) codes.push((await call("GET", "/v2/cloud_providers")).http);
    const throttled = codes.filter((c) => c === 429).length;
    expect(throttled).toBeGreaterThan(5);
    expect(throttled).toBeLessThan(55);
  });

  test("global latency setting", async () => {
    suite.emu.setLatency(120);
    const t0 = Date.now();
    await call("GET", "/v2/cloud_providers");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    suite.emu.setLatency(undefined);
  });
});

describe("rate limit", () => {
  test("over the per-second limit -> 429 + Retry-After + 11005; recovers after a second", async () => {
    suite.emu.setRateLimit(3);
    const results = await Promise.all(Array.from({ length: 5 }, () => call("GET", "/v2/cloud_providers")));
    const limited = results.filter((r) => r.http === 429);
    expect(limited).toHaveLength(2);
    expect(limited[0].headers.get("retry-after")).toBe("1");
    expect(limited[0].body.status.code).toBe(11005);
    expect(limited[0].body.cloud_providers).toEqual([]);
    // the control plane is never limited
    expect((await ctl("GET", "/state")).http).toBe(200);
    await sleep(1050);
    expect((await call("GET", "/v2/cloud_providers")).http).toBe(200);
    suite.emu.setRateLimit(undefined);
  });

  test("rateLimitPerSecond option at start-up", async () => {
    const e2 = await start({ rateLimitPerSecond: 1 });
    try {
      const c2 = client(e2);
      expect((await c2("GET", "/v2/cloud_providers")).http).toBe(200);
      expect((await c2("GET", "/v2/cloud_providers")).http).toBe(429);
    } finally {
      await e2.close();
    }
  });
});

describe("readiness through ListRunners / GetRunner", () => {
  const runners = async (q = "") => (await call("GET", `/v2/users/me/compute_clusters/cc1/nodepools/np1/runners${q}`)).body.runners;

  test("default: ready at once; one runner per deployment nodepool with UUID id; pods_total = min_replicas (scale-to-zero: 0)", async () => {
    await seed(call, "cc1", ["np1", "np2"]);
    const d = sampleDeployment("d1", [["cc1", "np1"], ["cc1", "np2"]], "m", "v1");
    await call("POST", "/v2/users/me/deployments", { deployments: [{ ...d, autoscale_config: { ...d.autoscale_config, min_replicas: 3 } }] });
    const rs = await runners("?model_version_ids=v1");
    expect(rs).toHaveLength(1);
    expect(rs[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(rs[0]).toMatchObject({ num_replicas: 3, runner_metrics: { pods_total: 3, pods_running: 3 }, worker: { model: { id: "m", model_version: { id: "v1" } } }, nodepool: { id: "np1" } });
    expect(await runners("?model_version_ids=other")).toEqual([]);
    expect(await runners("?min_replicas=4")).toEqual([]);
    expect((await call("GET", "/v2/users/me/runners")).body.runners).toHaveLength(2);
    const one = await call("GET", `/v2/users/me/runners/${rs[0].id}`);
    expect(one.body.runner.id).toBe(rs[0].id);
    const wrongNp = await call("GET", `/v2/users/me/compute_clusters/cc1/nodepools/np2/runners/${rs[0].id}`);
    expect([wrongNp.http, wrongNp.body.status.code]).toEqual([404, 25600]);
    expect((await call("GET", "/v2/users/me/compute_clusters/cc1/nodepools/ghost/runners")).http).toBe(404);
    // PATCH min_replicas 0 -> desired 0 (nothing runs until traffic); moving to np2 only drops the np1 runner
    await call("PATCH", "/v2/users/me/deployments", { action: "overwrite", deployments: [{ id: "d1", autoscale_config: { min_replicas: 0, max_replicas: 2 }, nodepools: [{ id: "np2", compute_cluster: { id: "cc1" } }] }] });
    expect(await runners()).toEqual([]);
    const all = (await call("GET", "/v2/users/me/runners")).body.runners;
    expect(all).toHaveLength(1);
    expect(all[0].runner_metrics ?? {}).toEqual({});
  });

  test("deploymentReadyAfterReads: pods_running stays 0 for the first N reads", async () => {
    suite.emu.setReadiness({ deploymentReadyAfterReads: 2 });
    await seed(call);
    await call("POST", "/v2/users/me/deployments", { deployments: [sampleDeployment("d1", [["cc1", "np1"]])] });
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) seen.push((await runners())[0].runner_metrics.pods_running ?? 0);
    expect(seen).toEqual([0, 0, 1, 1]);
    // pods_total is visible (QUEUED -> INITIALIZING -> READY per the reference's state table)
    expect((await runners())[0].runner_metrics.pods_total).toBe(1);
  });

  test("deploymentReadyAfterMs and nodepoolReadyAfterMs both gate pods_running", async () => {
    suite.emu.setReadiness({ deploymentReadyAfterMs: 150, nodepoolReadyAfterMs: 400 });
    await seed(call);
    await call("POST", "/v2/users/me/deployments", { deployments: [sampleDeployment("d1", [["cc1", "np1"]])] });
    expect((await runners())[0].runner_metrics).toEqual({ pods_total: 1 });
    await sleep(200);
    expect((await runners())[0].runner_metrics).toEqual({ pods_total: 1 });
    await sleep(250);
    expect((await runners())[0].runner_metrics).toEqual({ pods_total: 1, pods_running: 1 });
  });

  test("nodepoolReadyAfterReads counts reads of the nodepool and of its runners", async () => {
    suite.emu.setReadiness({ nodepoolReadyAfterReads: 2 });
    await seed(call);
    await call("POST", "/v2/users/me/deployments", { deployments: [sampleDeployment("d1", [["cc1", "np1"]])] });
    await call("GET", "/v2/users/me/compute_clusters/cc1/nodepools/np1");
    expect((await runners())[0].runner_metrics.pods_running).toBeUndefined();
    expect((await runners())[0].runner_metrics.pods_running).toBe(1);
  });

  test("a configured terminal failure shows in runner metadata {status: ERROR, status_description}", async () => {
    suite.emu.setReadiness({ failDeployments: { d1: "Insufficient GPU capacity in us-east-1" } });
    await seed(call);
    await call("POST", "/v2/users/me/deployments", { deployments: [sampleDeployment("d1", [["cc1", "np1"]])] });
    const r = (await runners())[0];
    expect(r.runner_metrics).toEqual({ pods_total: 1 });
    expect(r.metadata).toEqual({ status: "ERROR", status_description: "Insufficient GPU capacity in us-east-1" });
    // the deployment itself is still readable and unchanged
    expect((await call("GET", "/v2/users/me/deployments/d1")).http).toBe(200);
  });

  test("readiness settings via /_emulator/settings", async () => {
    await ctl("POST", "/settings", { readiness: { deploymentReadyAfterReads: 1 } });
    await seed(call);
    await call("POST", "/v2/users/me/deployments", { deployments: [sampleDeployment("d1", [["cc1", "np1"]])] });
    await call("GET", "/v2/users/me/deployments/d1"); // a GetDeployment read counts too
    expect((await runners())[0].runner_metrics.pods_running).toBe(1);
  });
});

describe("state file", () => {
  test("state survives a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clarifai-emu-"));
    const file = path.join(dir, "state.json");
    const e1 = await start({ stateFile: file });
    await seed(client(e1));
    await client(e1)("POST", "/v2/users/me/deployments", { deployments: [sampleDeployment("d1", [["cc1", "np1"]])] });
    await e1.close();
    expect(fs.existsSync(file)).toBe(true);
    const e2 = await start({ stateFile: file });
    try {
      const c2 = client(e2);
      expect((await c2("GET", "/v2/users/me/compute_clusters/cc1/nodepools/np1")).http).toBe(200);
      expect((await c2("GET", "/v2/users/me/deployments/d1")).body.deployment.nodepools[0].compute_cluster.key).toEqual({ id: "****" });
      expect((await c2("GET", "/v2/users/me/runners")).body.runners).toHaveLength(1);
    } finally {
      await e2.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("CLI", () => {
  test("prints its URL on the first line, serves, stops on SIGTERM", async () => {
    const cli = path.resolve(__dirname, "../../emulator/cli.ts");
    // Run the TypeScript source through typescript.transpileModule (the build is checked separately).
    const hook = `require.extensions[".ts"] = (m, f) => { const ts = require("typescript"); m._compile(ts.transpileModule(require("fs").readFileSync(f, "utf8"), { compilerOptions: { module: 1, target: 9, esModuleInterop: true } }).outputText, f); }; require(${JSON.stringify(cli)}).main(process.argv.slice(1));`;
    const child = spawn(process.execPath, ["-e", hook, "--", "--port", "0", "--token", "T"], { cwd: path.resolve(__dirname, "../.."), stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("\n")) resolve(out.split("\n")[0]);
      });
      child.on("exit", (code) => reject(new Error(`cli exited ${code}: ${err}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/v2/cloud_providers`, { headers: { Authorization: "Key T" } });
    expect(res.status).toBe(200);
    expect((await fetch(`${url}/v2/cloud_providers`, { headers: { Authorization: "Key other" } })).status).toBe(401);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  test("argument parsing", () => {
    const { parseArgs } = require("../../emulator/cli") as typeof import("../../emulator/cli");
    expect(parseArgs(["--port", "0", "--token", "a", "--token=b", "--user-id", "u", "--state-file", "s.json", "--loose", "--rate-limit", "5", "--latency", "10", "--host", "0.0.0.0"])).toEqual({
      port: 0, tokens: ["a", "b"], userId: "u", stateFile: "s.json", loose: true, rateLimitPerSecond: 5, latencyMs: 10, host: "0.0.0.0",
    });
  });
});
