/** Wire protocol: routes derived from the protos, auth, envelopes, strict proto3-JSON decoding. */
import { loadProtos } from "../../emulator/protos";
import { ROUTED } from "../../emulator/handlers";
import { PAT, REQ_ID_RE, SAMPLE_CLUSTER, TS_RE, USER, client, emulatorSuite, sampleDeployment, seed, start } from "../support/emulator";

const suite = emulatorSuite();
const call = suite.call;

describe("route table derived from service.proto", () => {
  test("serves the 18 compute-orchestration RPCs plus the runner RPCs, with additional bindings", () => {
    const rpcs = loadProtos().rpcs.filter((r) => ROUTED.has(r));
    const routes = loadProtos().routes.filter((r) => ROUTED.has(r.rpc));
    for (const r of ["ComputeCluster", "Nodepool", "Deployment", "Runner"]) {
      for (const verb of ["Get", "List", "Post", "Patch", "Delete"]) {
        expect(rpcs).toContain(verb === "Get" ? `Get${r}` : `${verb}${r}s`);
      }
    }
    for (const r of ["ListCloudProviders", "ListCloudRegions", "ListInstanceTypes", "ListLogEntries", "GetUser", "GetModelVersion"]) expect(rpcs).toContain(r);
    expect(rpcs).toHaveLength(26);
    const templates = routes.map((r) => `${r.method} ${r.template}`);
    expect(templates).toEqual(expect.arrayContaining([
      "GET /v2/compute_clusters",
      "GET /v2/nodepools",
      "GET /v2/users/{user_app_id.user_id}/nodepools",
      "GET /v2/deployments",
      "GET /v2/users/{user_app_id.user_id}/runners",
      "GET /v2/users/{user_app_id.user_id}/runners/{runner_id}",
      "DELETE /v2/users/{user_app_id.user_id}/compute_clusters/{compute_cluster_id}/nodepools",
    ]));
  });

  test("every route answers (GET lists and gets, with and without trailing slash)", async () => {
    await seed(call);
    const post = await call("POST", "/v2/users/me/deployments", { deployments: [sampleDeployment("dep1", [["cc1", "np1"]])] });
    expect(post.http).toBe(200);
    const runner = (await call("GET", "/v2/users/me/runners")).body.runners[0];
    const gets: Array<[string, string]> = [
      ["/v2/cloud_providers", "cloud_providers"],
      ["/v2/cloud_providers/aws/regions", "regions"],
      ["/v2/cloud_providers/aws/regions/us-east-1/instance_types", "instance_types"],
      ["/v2/compute_clusters", "compute_clusters"],
      ["/v2/users/me/compute_clusters", "compute_clusters"],
      [`/v2/users/${USER}/compute_clusters/cc1`, "compute_cluster"],
      ["/v2/users/me/compute_clusters/cc1/nodepools", "nodepools"],
      ["/v2/users/me/nodepools", "nodepools"],
      ["/v2/nodepools", "nodepools"],
      ["/v2/users/me/compute_clusters/cc1/nodepools/np1", "nodepool"],
      ["/v2/users/me/deployments", "deployments"],
      ["/v2/deployments", "deployments"],
      ["/v2/users/me/deployments/dep1", "deployment"],
      ["/v2/users/me/compute_clusters/cc1/nodepools/np1/runners", "runners"],
      ["/v2/users/me/runners", "runners"],
      [`/v2/users/me/runners/${runner.id}`, "runner"],
      [`/v2/users/me/compute_clusters/cc1/nodepools/np1/runners/${runner.id}`, "runner"],
    ];
    for (const [path, key] of gets) {
      for (const p of [path, `${path}/`]) {
        const r = await call("GET", p);
        expect([p, r.http, r.body.status.code]).toEqual([p, 200, 10000]);
        expect(r.body[key]).toBeDefined();
      }
    }
  });

  test("unknown path -> 404 CONN_DOES_NOT_EXIST; wrong method -> 405; unimplemented runner writes -> 501", async () => {
    let r = await call("GET", "/v2/users/me/nothing");
    expect([r.http, r.body.status.code]).toEqual([404, 11101]);
    r = await call("PUT", "/v2/users/me/compute_clusters", {});
    expect([r.http, r.body.status.code]).toEqual([405, 11103]);
    r = await call("POST", "/v2/users/me/compute_clusters/cc1/nodepools/np1/runners", { runners: [] });
    expect([r.http, r.body.status.code]).toEqual([501, 10040]);
  });
});

describe("auth", () => {
  test("missing or malformed Authorization -> 401 CONN_INVALID_REQUEST with the real description", async () => {
    for (const auth of [undefined, "", "Bearer x", "Key", "Key a b", `key ${PAT}`]) {
      const res = await fetch(`${suite.emu.url}/v2/users/me/compute_clusters`, { headers: auth === undefined ? {} : { Authorization: auth } });
      const body = (await res.json()) as { status: { code: number; description: string }; compute_clusters: unknown[] };
      expect(res.status).toBe(401);
      expect(body.status.code).toBe(11102);
      expect(body.status.description).toBe("Empty or malformed authorization header. Please provide an API key or session token.");
      expect(body.compute_clusters).toEqual([]);
    }
  });

  test("unknown key -> 401 CONN_KEY_NOT_FOUND", async () => {
    const r = await call("GET", "/v2/users/me/compute_clusters", undefined, { Authorization: "Key wrong" });
    expect([r.http, r.body.status.code, r.body.status.description]).toEqual([401, 11009, "API key not found"]);
  });

  test("'me' and the account id are the same user; other users are refused", async () => {
    await call("POST", `/v2/users/${USER}/compute_clusters`, { compute_clusters: [SAMPLE_CLUSTER] });
    expect((await call("GET", `/v2/users/me/compute_clusters/${SAMPLE_CLUSTER.id}`)).http).toBe(200);
    const r = await call("GET", "/v2/users/someone-else/compute_clusters");
    expect([r.http, r.body.status.code]).toEqual([403, 11007]);
  });

  test("several tokens can be configured", async () => {
    const e2 = await start({ tokens: ["a", "b"] });
    try {
      for (const t of ["a", "b"]) {
        const res = await fetch(`${e2.url}/v2/cloud_providers`, { headers: { Authorization: `Key ${t}` } });
        expect(res.status).toBe(200);
      }
    } finally {
      await e2.close();
    }
  });
});

describe("response envelope", () => {
  test("status {code, description, req_id}; 32-hex req_id, prefixed when asked; JSON content type", async () => {
    let r = await call("GET", "/v2/cloud_providers");
    expect(r.body.status).toEqual({ code: 10000, description: "Ok", req_id: expect.stringMatching(REQ_ID_RE) });
    expect(r.headers.get("content-type")).toBe("application/json; charset=UTF-8");
    r = await call("GET", "/v2/cloud_providers", undefined, { "x-clarifai-request-id-prefix": "sdk-python-11.7.5" });
    expect(r.body.status.req_id).toMatch(/^sdk-python-11\.7\.5-[0-9a-f]{32}$/);
  });

  test("top-level lists are present even when empty and on errors; zero values omitted; timestamps with microseconds", async () => {
    let r = await call("GET", "/v2/users/me/deployments");
    expect(r.body.deployments).toEqual([]);
    r = await call("POST", "/v2/users/me/compute_clusters", { compute_clusters: [{ ...SAMPLE_CLUSTER, region: "nowhere" }] });
    expect(r.http).toBe(400);
    expect(r.body.compute_clusters).toEqual([]);
    await seed(call);
    r = await call("PATCH", "/v2/users/me/compute_clusters/cc1/nodepools", { action: "overwrite", nodepools: [{ id: "np1", min_instances: 0 }] });
    const np = r.body.nodepools[0];
    expect(np.min_instances).toBeUndefined();
    expect(np.enforced_min_instances).toBeUndefined();
    expect(np.max_instances).toBe(5);
    expect(np.created_at).toMatch(TS_RE);
    expect(np.modified_at).toMatch(TS_RE);
    expect(np.modified_at > np.created_at).toBe(true);
    expect(np.instance_types[0].compute_info.num_accelerators).toBe(1);
    const cpuOnly = (await call("GET", "/v2/cloud_providers/aws/regions/us-east-1/instance_types")).body.instance_types.find((t: { id: string }) => t.id === "t3a.medium");
    expect(cpuOnly.compute_info).toEqual({ cpu_limit: "1525m", cpu_memory: "2888Mi" });
  });
});

describe("strict proto3 JSON decoding", () => {
  const post = (c: Record<string, unknown>) => call("POST", "/v2/users/me/compute_clusters", { compute_clusters: [{ ...SAMPLE_CLUSTER, ...c }] });

  test("unknown field -> 400 CONN_BAD_REQUEST_FORMAT naming it", async () => {
    const r = await post({ bogus: 1 });
    expect([r.http, r.body.status.code]).toEqual([400, 11100]);
    expect(r.body.status.details).toContain('unknown field "bogus"');
    const top = await call("POST", "/v2/users/me/compute_clusters", { compute_clusters: [SAMPLE_CLUSTER], extra: true });
    expect(top.body.status.details).toContain('unknown field "extra"');
  });

  test("the docs' enable_packing typo is rejected (AutoscaleConfig has disable_packing)", async () => {
    await seed(call);
    const d = sampleDeployment("dep1", [["cc1", "np1"]]);
    const r = await call("POST", "/v2/users/me/deployments", { deployments: [{ ...d, autoscale_config: { ...d.autoscale_config, enable_packing: true } }] });
    expect([r.http, r.body.status.code]).toEqual([400, 11100]);
    expect(r.body.status.details).toContain("enable_packing");
  });

  test("wrong types are rejected", async () => {
    for (const bad of [{ description: 5 }, { region: ["us-east-1"] }, { visibility: 10 }, { visibility: { gettable: "10.5" } }, { cloud_provider: "aws" }]) {
      const r = await post(bad);
      expect([JSON.stringify(bad), r.http, r.body.status.code]).toEqual([JSON.stringify(bad), 400, 11100]);
    }
    await seed(call);
    for (const bad of [{ max_instances: -1 }, { max_instances: 1.5 }, { max_instances: true }, { min_instances: "x" }, { instance_types: { id: "g5.xlarge" } }]) {
      const r = await call("PATCH", "/v2/users/me/compute_clusters/cc1/nodepools", { action: "overwrite", nodepools: [{ id: "np1", ...bad }] });
      expect([JSON.stringify(bad), r.http, r.body.status.code]).toEqual([JSON.stringify(bad), 400, 11100]);
    }
  });

  test("enums accept numbers and names; unknown names are rejected", async () => {
    let r = await post({ visibility: { gettable: "PUBLIC" } });
    expect(r.http).toBe(200);
    expect(r.body.compute_clusters[0].visibility).toEqual({ gettable: 50 });
    r = await call("POST", "/v2/users/me/compute_clusters/test-aws-cluster/nodepools", {
      nodepools: [{ id: "np-spot", instance_types: [{ id: "t3a.large" }], node_capacity_type: { capacity_types: ["ON_DEMAND_TYPE", "SPOT_TYPE"] }, max_instances: 2 }],
    });
    expect(r.http).toBe(200);
    expect(r.body.nodepools[0].node_capacity_type).toEqual({ capacity_types: [1, 2] });
    r = await post({ id: "other", visibility: { gettable: "SECRET" } });
    expect([r.http, r.body.status.code]).toEqual([400, 11100]);
    expect(r.body.status.details).toContain("clarifai.api.Visibility.Gettable");
  });

  test("numbers may be strings, lowerCamel names are accepted, null means unset", async () => {
    await seed(call);
    const r = await call("PATCH", "/v2/users/me/compute_clusters/cc1/nodepools", {
      action: "overwrite",
      nodepools: [{ id: "np1", maxInstances: "7", description: null }],
    });
    expect(r.http).toBe(200);
    expect(r.body.nodepools[0].max_instances).toBe(7);
    expect(r.body.nodepools[0].description).toBe("testing nodepool");
  });

  test("broken JSON -> 400 CONN_BAD_REQUEST_FORMAT; a non-object body too", async () => {
    let r = await call("POST", "/v2/users/me/compute_clusters", "{not json");
    expect([r.http, r.body.status.code]).toEqual([400, 11100]);
    r = await call("POST", "/v2/users/me/compute_clusters", "[1,2]");
    expect([r.http, r.body.status.code]).toEqual([400, 11100]);
  });

  test("oneof: two members of Worker.worker are rejected", async () => {
    await seed(call);
    const d = sampleDeployment("dep1", [["cc1", "np1"]]);
    const r = await call("POST", "/v2/users/me/deployments", { deployments: [{ ...d, worker: { ...d.worker, workflow: { id: "w" } } }] });
    expect([r.http, r.body.status.code]).toEqual([400, 11100]);
    expect(r.body.status.details).toContain("oneof");
  });

  test("query strings: typed, repeated keys, dotted names; unknown parameters ignored", async () => {
    let r = await call("GET", "/v2/users/me/deployments?page=abc");
    expect([r.http, r.body.status.code]).toEqual([400, 11100]);
    r = await call("GET", "/v2/users/me/nodepools?active_usage=maybe");
    expect([r.http, r.body.status.code]).toEqual([400, 11100]);
    r = await call("GET", "/v2/users/me/compute_clusters?min_runner_replicas=1&page=1&per_page=5");
    expect(r.http).toBe(200);
    r = await call("GET", "/v2/deployments?model_version_ids=a&model_version_ids=b&user_app_id.user_id=me");
    expect(r.http).toBe(200);
  });

  test("loose mode ignores unknown fields but still rejects wrong types", async () => {
    const e2 = await start({ loose: true });
    try {
      const c2 = client(e2);
      let r = await c2("POST", "/v2/users/me/compute_clusters", { compute_clusters: [{ ...SAMPLE_CLUSTER, bogus: 1 }] });
      expect(r.http).toBe(200);
      expect(r.body.compute_clusters[0].bogus).toBeUndefined();
      r = await c2("POST", "/v2/users/me/compute_clusters", { compute_clusters: [{ ...SAMPLE_CLUSTER, id: "x2", description: 1 }] });
      expect(r.http).toBe(400);
    } finally {
      await e2.close();
    }
  });
});
