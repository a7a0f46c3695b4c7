/** Server rules: the documented samples, uniqueness, referential integrity, catalogue validation, PATCH, DELETE, pagination. */
import { PAT, SAMPLE_CLUSTER, TS_RE, USER, emulatorSuite, sampleDeployment, sampleNodepool, seed } from "../support/emulator";

const suite = emulatorSuite();
const call = suite.call;

const CC = "/v2/users/me/compute_clusters";
const NP = (cc: string) => `/v2/users/me/compute_clusters/${cc}/nodepools`;
const DEP = "/v2/users/me/deployments";

describe("documented samples (reference §6)", () => {
  test("6.1-6.3 create cluster, nodepool, deployment; responses shaped like the real ones", async () => {
    let r = await call("POST", `${CC}/`, { compute_clusters: [SAMPLE_CLUSTER] });
    expect(r.http).toBe(200);
    const cc = r.body.compute_clusters[0];
    expect(cc).toEqual({
      id: "test-aws-cluster",
      description: "My AWS cluster",
      cloud_provider: { id: "aws", name: "AWS" },
      region: "us-east-1",
      user_id: USER,
      created_at: expect.stringMatching(TS_RE),
      modified_at: cc.created_at,
      visibility: { gettable: 50 },
      cluster_type: "dedicated",
      managed_by: "clarifai",
      key: { id: "****" },
    });
    expect(Object.keys(cc)).toEqual(["id", "description", "cloud_provider", "region", "user_id", "created_at", "modified_at", "visibility", "cluster_type", "managed_by", "key"]);

    r = await call("POST", NP("test-aws-cluster"), { nodepools: [sampleNodepool("test-nodepool"), sampleNodepool("test-nodepool-2")] });
    expect(r.http).toBe(200);
    const np = r.body.nodepools[0];
    expect(np.compute_cluster).toEqual(cc);
    // client compute_info is replaced by the catalogue entry (reference §6.7), without feature_flag_group
    expect(np.instance_types).toEqual([{
      id: "g5.2xlarge",
      description: "g5.2xlarge",
      compute_info: { cpu_limit: "7525m", cpu_memory: "29033Mi", num_accelerators: 1, accelerator_memory: "23028Mi", accelerator_type: ["NVIDIA-A10G"] },
      price: "42.000000",
      cloud_provider: { id: "aws", name: "aws" },
      region: "us-east-1",
    }]);
    expect(np).toMatchObject({ min_instances: 1, max_instances: 5, enforced_min_instances: 1, enforced_max_instances: 5, metadata: { date: "03-04-2026" }, node_capacity_type: { capacity_types: [1] } });

    r = await call("POST", `${DEP}/`, { deployments: [sampleDeployment("test-deployment", [["test-aws-cluster", "test-nodepool"], ["test-aws-cluster", "test-nodepool-2"]])] });
    expect(r.http).toBe(200);
    const dep = r.body.deployments[0];
    expect(dep.nodepools.map((n: { id: string }) => n.id)).toEqual(["test-nodepool", "test-nodepool-2"]);
    expect(dep.nodepools[0].compute_cluster.key).toEqual({ id: "****" });
    expect(dep).toMatchObject({ id: "test-deployment", user_id: USER, scheduling_choice: 4, visibility: { gettable: 10 }, worker: { model: { id: "Llama-3_2-3B-Instruct", app_id: "Llama-3", user_id: "meta" } } });
    expect(dep.autoscale_config.disable_packing).toBeUndefined();
    expect(dep.created_at).toMatch(TS_RE);
  });

  test("6.4 PATCH samples (overwrite) and 6.5 DELETE samples", async () => {
    await call("POST", CC, { compute_clusters: [SAMPLE_CLUSTER] });
    await call("POST", NP("test-aws-cluster"), { nodepools: [sampleNodepool("test-nodepool-6"), sampleNodepool("test-nodepool")] });
    await call("POST", DEP, { deployments: [sampleDeployment("test-nodepool", [["test-aws-cluster", "test-nodepool"]])] });

    let r = await call("PATCH", `${CC}/`, { action: "overwrite", compute_clusters: [{ ...SAMPLE_CLUSTER, description: "new description", visibility: { gettable: 10 } }] });
    expect(r.http).toBe(200);
    expect(r.body.compute_clusters[0]).toMatchObject({ description: "new description", visibility: { gettable: 10 }, key: { id: "****" } });

    r = await call("PATCH", NP("test-aws-cluster"), { action: "overwrite", nodepools: [{ id: "test-nodepool-6", visibility: { gettable: 10 }, min_instances: 0, node_capacity_type: { capacity_types: [2] } }] });
    expect(r.http).toBe(200);
    expect(r.body.nodepools[0]).toMatchObject({ node_capacity_type: { capacity_types: [2] }, max_instances: 5, description: "testing nodepool" });
    expect(r.body.nodepools[0].min_instances).toBeUndefined();
    // the embedded cluster reflects the cluster patch
    expect(r.body.nodepools[0].compute_cluster.description).toBe("new description");

    const d = sampleDeployment("test-nodepool", []);
    r = await call("PATCH", `${DEP}/`, {
      action: "overwrite",
      deployments: [{ id: "test-nodepool", description: "some new random deployment", user_id: USER, autoscale_config: { ...d.autoscale_config, min_replicas: 0, max_replicas: 10, disable_packing: true }, worker: d.worker, scheduling_choice: 4, visibility: { gettable: 10 } }],
    });
    expect(r.http).toBe(200);
    const dep = r.body.deployments[0];
    expect(dep.description).toBe("some new random deployment");
    expect(dep.autoscale_config).toEqual({ max_replicas: 10, traffic_history_seconds: 100, scale_down_delay_seconds: 30, scale_up_delay_seconds: 30, disable_packing: true, scale_to_zero_delay_seconds: 30 });
    expect(dep.nodepools.map((n: { id: string }) => n.id)).toEqual(["test-nodepool"]); // membership kept

    for (const [path, id] of [[`${DEP}/`, "test-nodepool"], [`${NP("test-aws-cluster")}/`, "test-nodepool-6"], [`${CC}/`, "test-aws-cluster"]]) {
      r = await call("DELETE", path, { ids: [id] });
      expect([path, r.http, r.body]).toEqual([path, 200, { status: { code: 10000, description: "Ok", req_id: expect.any(String) } }]);
    }
  });
});

describe("ids and uniqueness", () => {
  test("id grammar: 1..48 of letters, digits, _ and -, starting with a letter or digit", async () => {
    for (const id of ["", "-x", "a.b", "a b", "x".repeat(49), "ünï"]) {
      const r = await call("POST", CC, { compute_clusters: [{ ...SAMPLE_CLUSTER, id }] });
      expect([id, r.http, r.body.status.code]).toEqual([id, 400, 25801]);
    }
    const r = await call("POST", CC, { compute_clusters: [{ ...SAMPLE_CLUSTER, id: `ci_test_cc_${"a".repeat(37)}` }] });
    expect(r.http).toBe(200);
  });

  test("duplicate ids -> 400 *_INVALID_ARGUMENT with 'already exists'", async () => {
    await seed(call);
    let r = await call("POST", CC, { compute_clusters: [{ ...SAMPLE_CLUSTER, id: "cc1" }] });
    expect([r.http, r.body.status.code]).toEqual([400, 25801]);
    expect(r.body.status.details).toContain("already exists");
    r = await call("POST", NP("cc1"), { nodepools: [sampleNodepool("np1")] });
    expect([r.http, r.body.status.code]).toEqual([400, 25701]);
    expect(r.body.status.details).toContain("already exists");
    // nodepool ids are unique per cluster only
    await call("POST", CC, { compute_clusters: [{ ...SAMPLE_CLUSTER, id: "cc2" }] });
    expect((await call("POST", NP("cc2"), { nodepools: [sampleNodepool("np1")] })).http).toBe(200);
    expect((await call("POST", DEP, { deployments: [sampleDeployment("d1", [["cc1", "np1"]])] })).http).toBe(200);
    r = await call("POST", DEP, { deployments: [sampleDeployment("d1", [["cc2", "np1"]], "other-model")] });
    expect([r.http, r.body.status.code]).toEqual([400, 25901]);
    expect(r.body.status.details).toContain("already exists");
    // duplicates inside one request, and nothing of a failed batch is stored
    r = await call("POST", CC, { compute_clusters: [{ ...SAMPLE_CLUSTER, id: "x1" }, { ...SAMPLE_CLUSTER, id: "x1" }] });
    expect(r.http).toBe(400);
    expect((await call("GET", `${CC}/x1`)).http).toBe(404);
  });

  test("one deployment per model per nodepool", async () => {
    await seed(call, "cc1", ["np1", "np2"]);
    expect((await call("POST", DEP, { deployments: [sampleDeployment("d1", [["cc1", "np1"]])] })).http).toBe(200);
    let r = await call("POST", DEP, { deployments: [sampleDeployment("d2", [["cc1", "np2"], ["cc1", "np1"]], "Llama-3_2-3B-Instruct", "another-version")] });
    expect([r.http, r.body.status.code]).toEqual([400, 25901]);
    expect(r.body.status.details).toContain("one deployment per nodepool");
    expect((await call("POST", DEP, { deployments: [sampleDeployment("d2", [["cc1", "np2"]])] })).http).toBe(200);
    // moving d2 onto np1 by PATCH is refused too
    r = await call("PATCH", DEP, { action: "overwrite", deployments: [{ id: "d2", nodepools: [{ id: "np1", compute_cluster: { id: "cc1" } }] }] });
    expect([r.http, r.body.status.code]).toEqual([400, 25901]);
  });
});

describe("referential integrity and catalogue validation", () => {
  test("a nodepool needs its cluster; a deployment its nodepools", async () => {
    let r = await call("POST", NP("nope"), { nodepools: [sampleNodepool("np1")] });
    expect([r.http, r.body.status.code]).toEqual([404, 25800]);
    await seed(call);
    r = await call("POST", DEP, { deployments: [sampleDeployment("d1", [["cc1", "missing"]])] });
    expect([r.http, r.body.status.code]).toEqual([404, 25700]);
    r = await call("POST", DEP, { deployments: [sampleDeployment("d1", [["nope", "np1"]])] });
    expect([r.http, r.body.status.code]).toEqual([404, 25700]);
    r = await call("POST", DEP, { deployments: [{ ...sampleDeployment("d1", []), nodepools: [] }] });
    expect([r.http, r.body.status.code]).toEqual([400, 25901]);
    r = await call("POST", NP("cc1"), { nodepools: [{ ...sampleNodepool("np9"), compute_cluster: { id: "other" } }] });
    expect([r.http, r.body.status.code]).toEqual([400, 25701]);
  });

  test("cluster: provider, region, cluster_type, managed_by, key", async () => {
    const cases: Array<Record<string, unknown>> = [
      { cloud_provider: { id: "ibm" } },
      { cloud_provider: {} },
      { region: "eu-west-1" },
      { cloud_provider: { id: "gcp" }, region: "us-east-1" },
      { cluster_type: "shared" },
      { cluster_type: "" },
      { managed_by: "someone" },
      { key: { id: "not-a-known-pat" } },
    ];
    for (const c of cases) {
      const r = await call("POST", CC, { compute_clusters: [{ ...SAMPLE_CLUSTER, ...c }] });
      expect([JSON.stringify(c), r.http, r.body.status.code]).toEqual([JSON.stringify(c), 400, 25801]);
    }
    for (const [provider, region] of [["gcp", "us-central1"], ["vultr", "new-york"], ["oracle", "us-chicago-1"]]) {
      const r = await call("POST", CC, { compute_clusters: [{ ...SAMPLE_CLUSTER, id: `c-${provider}`, cloud_provider: { id: provider }, region }] });
      expect(r.http).toBe(200);
      expect(r.body.compute_clusters[0].cloud_provider.name).toBe(provider.toUpperCase());
    }
  });

  test("nodepool: instance types offered in the region, min <= max, capacity types", async () => {
    await seed(call, "cc1", []);
    await call("POST", CC, { compute_clusters: [{ ...SAMPLE_CLUSTER, id: "gcp1", cloud_provider: { id: "gcp" }, region: "us-east4" }] });
    const bad: Array<[string, Record<string, unknown>]> = [
      ["cc1", { instance_types: [{ id: "n2-standard-2" }] }], // a GCP type in an AWS cluster
      ["cc1", { instance_types: [{ id: "g99.huge" }] }],
      ["cc1", { instance_types: [] }],
      ["cc1", { min_instances: 6, max_instances: 5 }],
      ["cc1", { max_instances: 0, min_instances: 0 }],
      ["cc1", { node_capacity_type: { capacity_types: [3] } }],
      ["gcp1", { instance_types: [{ id: "a3-highgpu-1g" }], node_capacity_type: { capacity_types: [1] } }], // spot only
    ];
    for (const [cc, b] of bad) {
      const r = await call("POST", NP(cc), { nodepools: [{ ...sampleNodepool("npx"), ...b }] });
      expect([JSON.stringify(b), r.http, r.body.status.code]).toEqual([JSON.stringify(b), 400, 25701]);
    }
    const r = await call("POST", NP("gcp1"), { nodepools: [{ ...sampleNodepool("h100"), instance_types: [{ id: "a3-highgpu-1g" }], node_capacity_type: { capacity_types: [2] } }] });
    expect(r.http).toBe(200);
    expect(r.body.nodepools[0].instance_types[0].allowed_capacity_types).toEqual({ capacity_types: [2] });
  });

  test("deployment: worker, scheduling_choice, autoscale min <= max", async () => {
    await seed(call);
    const base = sampleDeployment("d1", [["cc1", "np1"]]);
    const bad: Array<Record<string, unknown>> = [
      { worker: undefined },
      { worker: { model: { user_id: "meta" } } },
      { scheduling_choice: 0 },
      { scheduling_choice: 42 },
      { autoscale_config: { min_replicas: 3, max_replicas: 2 } },
      { user_id: "someone-else" },
    ];
    for (const b of bad) {
      const r = await call("POST", DEP, { deployments: [{ ...base, ...b }] });
      expect([JSON.stringify(b), r.http, r.body.status.code]).toEqual([JSON.stringify(b), 400, 25901]);
    }
  });

  test("the docs' YAML configs as JSON (no visibility -> PRIVATE; capacity types [1,2])", async () => {
    await call("POST", CC, { compute_clusters: [{ id: "test-compute-cluster", description: "My AWS compute cluster", cloud_provider: { id: "aws" }, region: "us-east-1", managed_by: "clarifai", cluster_type: "dedicated", visibility: { gettable: 10 }, key: { id: PAT } }] });
    let r = await call("POST", NP("test-compute-cluster"), {
      nodepools: [{ id: "test-nodepool", compute_cluster: { id: "test-compute-cluster", user_id: USER }, description: "First nodepool in AWS in a proper compute cluster", instance_types: [{ id: "g5.xlarge", compute_info: { cpu_limit: "8", cpu_memory: "16Gi", accelerator_type: ["a10"], num_accelerators: 1, accelerator_memory: "40Gi" } }], node_capacity_type: { capacity_types: [1, 2] }, max_instances: 1 }],
    });
    expect(r.http).toBe(200);
    expect(r.body.nodepools[0]).toMatchObject({ visibility: { gettable: 10 }, enforced_max_instances: 1, max_instances: 1 });
    r = await call("POST", DEP, {
      deployments: [{ id: "test-deployment", description: "some random deployment", user_id: USER, autoscale_config: { min_replicas: 0, max_replicas: 1, traffic_history_seconds: 100, scale_down_delay_seconds: 30, scale_up_delay_seconds: 30, disable_packing: false }, worker: { model: { id: "apparel-clusterering", model_version: { id: "cc911f6b0ed748efb89e3d1359c146c4" }, user_id: "clarifai", app_id: "main" } }, scheduling_choice: 4, nodepools: [{ id: "test-nodepool", compute_cluster: { id: "test-compute-cluster", user_id: USER } }] }],
    });
    expect(r.http).toBe(200);
    expect(r.body.deployments[0].visibility).toEqual({ gettable: 10 });
  });
});

describe("lookups", () => {
  test("providers, regions, instance types with compute_info; the 'all' wildcard; unknown provider/region", async () => {
    let r = await call("GET", "/v2/cloud_providers/");
    expect(r.body.cloud_providers).toEqual([{ id: "aws", name: "aws" }, { id: "gcp", name: "gcp" }, { id: "azure", name: "azure" }, { id: "vultr", name: "vultr" }, { id: "oracle", name: "oracle" }]);
    r = await call("GET", "/v2/cloud_providers/gcp/regions");
    expect(r.body.regions).toEqual(["us-east4", "us-central1"]);
    r = await call("GET", "/v2/cloud_providers/aws/regions/us-east-1/instance_types");
    expect(r.body.instance_types.map((t: { id: string }) => t.id)).toEqual(["t3a.medium", "t3a.large", "t3a.xlarge", "t3a.2xlarge", "g5.xlarge", "g5.2xlarge", "g6.xlarge", "g6e.xlarge"]);
    expect(r.body.instance_types[5]).toEqual({
      id: "g5.2xlarge", description: "g5.2xlarge",
      compute_info: { cpu_limit: "7525m", cpu_memory: "29033Mi", num_accelerators: 1, accelerator_memory: "23028Mi", accelerator_type: ["NVIDIA-A10G"] },
      price: "42.000000", cloud_provider: { id: "aws", name: "aws" }, region: "us-east-1", feature_flag_group: "ComputeResourceSmall",
    });
    r = await call("GET", "/v2/cloud_providers/all/regions/all/instance_types/");
    const all = r.body.instance_types as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(new Set(all.map((t) => t.cloud_provider.id))).toEqual(new Set(["aws", "gcp", "vultr", "oracle", "lambda", "local"]));
    const local = all.find((t) => t.id === "local");
    expect(local).toEqual({ id: "local", description: "local runner", compute_info: { cpu_limit: "-105m", cpu_memory: "-455Mi" }, price: "0.000000", cloud_provider: { id: "local", name: "local" }, feature_flag_group: "ComputeResourceLocal" });
    expect(all.find((t) => t.id === "ct5lp-hightpu-1t")?.compute_info.accelerator_topology).toEqual(["1x1"]);
    for (const p of ["/v2/cloud_providers/ibm/regions", "/v2/cloud_providers/ibm/regions/x/instance_types", "/v2/cloud_providers/aws/regions/mars/instance_types"]) {
      r = await call("GET", p);
      expect([p, r.http, r.body.status.code]).toEqual([p, 404, 11101]);
    }
  });
});

describe("PATCH actions", () => {
  beforeEach(() => seed(call, "cc1", ["np1"]));

  test("overwrite is presence-aware: only the fields sent change; a missing id -> 404", async () => {
    let r = await call("PATCH", NP("cc1"), { action: "overwrite", nodepools: [{ id: "np1", description: "d2" }] });
    expect(r.body.nodepools[0]).toMatchObject({ description: "d2", min_instances: 1, max_instances: 5, metadata: { date: "03-04-2026" } });
    r = await call("PATCH", NP("cc1"), { action: "overwrite", nodepools: [{ id: "ghost", description: "x" }] });
    expect([r.http, r.body.status.code]).toEqual([404, 25700]);
    r = await call("PATCH", CC, { action: "overwrite", compute_clusters: [{ id: "ghost" }] });
    expect([r.http, r.body.status.code]).toEqual([404, 25800]);
    r = await call("PATCH", NP("cc1"), { action: "overwrite", nodepools: [{ id: "np1", min_instances: 9 }] });
    expect([r.http, r.body.status.code]).toEqual([400, 25701]);
  });

  test("cluster: only overwrite; location and type are immutable; the key can be replaced and stays masked", async () => {
    let r = await call("PATCH", CC, { action: "merge", compute_clusters: [{ id: "cc1", description: "x" }] });
    expect([r.http, r.body.status.code]).toEqual([400, 25801]);
    expect(r.body.status.details).toBe("Invalid action: Unrecognized action 'merge'");
    r = await call("PATCH", CC, { compute_clusters: [{ id: "cc1", description: "x" }] });
    expect([r.http, r.body.status.code]).toEqual([400, 25801]);
    for (const c of [{ region: "us-west-2" }, { cloud_provider: { id: "gcp" } }, { cluster_type: "local-dev" }, { managed_by: "user" }]) {
      r = await call("PATCH", CC, { action: "overwrite", compute_clusters: [{ id: "cc1", ...c }] });
      expect([JSON.stringify(c), r.http]).toEqual([JSON.stringify(c), 400]);
    }
    r = await call("PATCH", CC, { action: "overwrite", compute_clusters: [{ id: "cc1", key: { id: PAT } }] });
    expect(r.body.compute_clusters[0].key).toEqual({ id: "****" });
  });

  test("nodepool merge adds instance types, capacity types and metadata keys", async () => {
    const r = await call("PATCH", NP("cc1"), {
      action: "merge",
      nodepools: [{ id: "np1", instance_types: [{ id: "g6e.xlarge" }], node_capacity_type: { capacity_types: [2] }, metadata: { team: "ml" }, max_instances: 8 }],
    });
    expect(r.http).toBe(200);
    const np = r.body.nodepools[0];
    expect(np.instance_types.map((t: { id: string }) => t.id)).toEqual(["g5.2xlarge", "g6e.xlarge"]);
    expect(np.instance_types[1].compute_info.accelerator_type).toEqual(["NVIDIA-L40S"]);
    expect(np.node_capacity_type).toEqual({ capacity_types: [1, 2] });
    expect(np.metadata).toEqual({ date: "03-04-2026", team: "ml" });
    expect(np.max_instances).toBe(8);
  });

  test("nodepool remove takes listed instance types, capacity types and metadata keys away; never the last one", async () => {
    await call("PATCH", NP("cc1"), { action: "merge", nodepools: [{ id: "np1", instance_types: [{ id: "g6e.xlarge" }], node_capacity_type: { capacity_types: [2] } }] });
    let r = await call("PATCH", NP("cc1"), {
      action: "remove",
      nodepools: [{ id: "np1", instance_types: [{ id: "g5.2xlarge" }], node_capacity_type: { capacity_types: [1] }, metadata: { date: "" }, description: "ignored" }],
    });
    expect(r.http).toBe(200);
    const np = r.body.nodepools[0];
    expect(np.instance_types.map((t: { id: string }) => t.id)).toEqual(["g6e.xlarge"]);
    expect(np.node_capacity_type).toEqual({ capacity_types: [2] });
    expect(np.metadata).toBeUndefined();
    expect(np.description).toBe("testing nodepool");
    r = await call("PATCH", NP("cc1"), { action: "remove", nodepools: [{ id: "np1", instance_types: [{ id: "g6e.xlarge" }] }] });
    expect([r.http, r.body.status.code]).toEqual([400, 25701]);
    r = await call("PATCH", NP("cc1"), { action: "remove", nodepools: [{ id: "np1", node_capacity_type: { capacity_types: [2] } }] });
    expect([r.http, r.body.status.code]).toEqual([400, 25701]);
    r = await call("PATCH", NP("cc1"), { action: "replace", nodepools: [{ id: "np1" }] });
    expect([r.http, r.body.status.details]).toEqual([400, "Invalid action: Unrecognized action 'replace'"]);
  });

  test("deployments reject merge (and remove) as the real API does", async () => {
    await call("POST", DEP, { deployments: [sampleDeployment("d1", [["cc1", "np1"]])] });
    for (const action of ["merge", "remove"]) {
      const r = await call("PATCH", DEP, { action, deployments: [{ id: "d1", description: "x" }] });
      expect([r.http, r.body.status.code, r.body.status.details]).toEqual([400, 25901, `Invalid action: Unrecognized action '${action}'`]);
    }
    const r = await call("PATCH", DEP, { action: "overwrite", deployments: [{ id: "ghost" }] });
    expect([r.http, r.body.status.code]).toEqual([404, 25900]);
  });
});

describe("DELETE", () => {
  test("empty ids -> the real error; missing ids -> 404 and nothing deleted", async () => {
    await seed(call);
    for (const [path, c] of [[CC, 25802], [NP("cc1"), 25702], [DEP, 25902]] as Array<[string, number]>) {
      for (const body of [{}, { ids: [] }, undefined]) {
        const r = await call("DELETE", path, body);
        expect([path, r.http, r.body.status.code, r.body.status.details]).toEqual([path, 400, c, "Must supply a list of 'ids' to delete. Check your request fields."]);
      }
    }
    let r = await call("DELETE", CC, { ids: ["cc1", "ghost"] });
    expect([r.http, r.body.status.code]).toEqual([404, 25800]);
    expect((await call("GET", `${CC}/cc1`)).http).toBe(200);
    r = await call("DELETE", NP("cc1"), { ids: ["ghost"] });
    expect([r.http, r.body.status.code]).toEqual([404, 25700]);
    r = await call("DELETE", DEP, { ids: ["ghost"] });
    expect([r.http, r.body.status.code]).toEqual([404, 25900]);
    r = await call("DELETE", NP("ghost"), { ids: ["np1"] });
    expect([r.http, r.body.status.code]).toEqual([404, 25800]);
  });

  test("cascade: cluster -> nodepools -> deployments -> runners; nodepool -> deployments", async () => {
    await seed(call, "cc1", ["np1", "np2"]);
    await seed(call, "cc2", ["np1"]);
    await call("POST", DEP, { deployments: [sampleDeployment("d1", [["cc1", "np1"]]), sampleDeployment("d2", [["cc1", "np2"]], "m2"), sampleDeployment("d3", [["cc2", "np1"]], "m3")] });
    expect((await call("GET", "/v2/users/me/runners")).body.runners).toHaveLength(3);
    let r = await call("DELETE", NP("cc1"), { ids: ["np2"] });
    expect(r.http).toBe(200);
    expect((await call("GET", `${DEP}/d2`)).http).toBe(404);
    expect((await call("GET", `${DEP}/d1`)).http).toBe(200);
    r = await call("DELETE", CC, { ids: ["cc1"] });
    expect(r.http).toBe(200);
    expect((await call("GET", "/v2/users/me/nodepools")).body.nodepools.map((n: { compute_cluster: { id: string } }) => n.compute_cluster.id)).toEqual(["cc2"]);
    expect((await call("GET", DEP)).body.deployments.map((d: { id: string }) => d.id)).toEqual(["d3"]);
    expect((await call("GET", "/v2/users/me/runners")).body.runners).toHaveLength(1);
    const s = suite.emu.state();
    expect([s.compute_clusters.length, s.nodepools.length, s.deployments.length, s.runners.length]).toEqual([1, 1, 1, 1]);
  });
});

describe("lists", () => {
  test("pagination: page (1-based), per_page (default 128), stable creation order", async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `c${String(9 - i)}`);
    await call("POST", CC, { compute_clusters: ids.map((id) => ({ ...SAMPLE_CLUSTER, id })) });
    const page = async (q: string) => (await call("GET", `${CC}?${q}`)).body.compute_clusters.map((c: { id: string }) => c.id);
    expect(await page("")).toEqual(ids);
    expect(await page("per_page=3")).toEqual(ids.slice(0, 3));
    expect(await page("page=2&per_page=3")).toEqual(ids.slice(3, 6));
    expect(await page("page=3&per_page=3")).toEqual(ids.slice(6));
    expect(await page("page=4&per_page=3")).toEqual([]);
    await call("POST", CC, { compute_clusters: Array.from({ length: 130 }, (_, i) => ({ ...SAMPLE_CLUSTER, id: `bulk-${i}` })) });
    expect(await page("")).toHaveLength(128);
    expect(await page("page=2")).toHaveLength(9);
  });

  test("ListDeployments filters nodepool_id, compute_cluster_id, model_version_ids; ListNodepools active_usage", async () => {
    await seed(call, "cc1", ["np1", "np2"]);
    await seed(call, "cc2", ["np3"]);
    await call("PATCH", NP("cc1"), { action: "overwrite", nodepools: [{ id: "np1", min_instances: 0 }, { id: "np2", min_instances: 0 }] });
    await call("PATCH", NP("cc2"), { action: "overwrite", nodepools: [{ id: "np3", min_instances: 0 }] });
    await call("POST", DEP, { deployments: [sampleDeployment("d1", [["cc1", "np1"]], "m1", "v1"), sampleDeployment("d2", [["cc1", "np2"], ["cc2", "np3"]], "m2", "v2")] });
    const ids = async (q: string) => (await call("GET", `${DEP}?${q}`)).body.deployments.map((d: { id: string }) => d.id);
    expect(await ids("nodepool_id=np1")).toEqual(["d1"]);
    expect(await ids("nodepool_id=np3")).toEqual(["d2"]);
    expect(await ids("compute_cluster_id=cc2")).toEqual(["d2"]);
    expect(await ids("compute_cluster_id=cc1")).toEqual(["d1", "d2"]);
    expect(await ids("model_version_ids=v2")).toEqual(["d2"]);
    expect(await ids("model_version_ids=v1&model_version_ids=v2")).toEqual(["d1", "d2"]);
    expect(await ids("model_version_ids=none")).toEqual([]);
    await call("DELETE", DEP, { ids: ["d1"] });
    const active = (await call("GET", "/v2/users/me/nodepools?active_usage=true")).body.nodepools.map((n: { id: string }) => n.id);
    expect(active).toEqual(["np2", "np3"]);
    expect((await call("GET", `${NP("ghost")}`)).http).toBe(404);
  });

  test("state() dumps everything as the API renders it (keys masked)", async () => {
    await seed(call);
    const s = suite.emu.state();
    expect(s.compute_clusters[0].key).toEqual({ id: "****" });
    expect((s.nodepools[0].compute_cluster as Record<string, unknown>).key).toEqual({ id: "****" });
    expect(JSON.stringify(s)).not.toContain(PAT);
  });
});
