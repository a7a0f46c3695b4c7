/** API 12.x semantics: desired_worker rollouts, deployment_metrics, Nodepool.status, new fields, ParseBool queries. */
import { loadProtos } from "../../emulator/protos";
import { emulatorSuite, sampleDeployment, sampleNodepool, seed } from "../support/emulator";

const suite = emulatorSuite();
const call = suite.call;

const DEP = "/v2/users/me/deployments";
const model = (version: string) => ({ model: { id: "m", user_id: "meta", app_id: "a", model_version: { id: version } } });
const get = async (id = "d1") => (await call("GET", `${DEP}/${id}`)).body.deployment;

test("the definition is clarifai-grpc 12.6.0 and has the 12.x fields", () => {
  const p = loadProtos();
  expect(p.version).toBe("12.6.0");
  expect(Object.keys(p.type("Deployment").fields)).toEqual(expect.arrayContaining(["desired_worker", "deployment_metrics", "deployment_nodepools", "graceful_deploy", "status"]));
  expect(Object.keys(p.type("Nodepool").fields)).toEqual(expect.arrayContaining(["warm_instances", "node_count", "status", "status_description"]));
});

describe("worker is observed state, desired_worker the input", () => {
  test("POST takes worker; both are rendered", async () => {
    await seed(call);
    expect((await call("POST", DEP, { deployments: [sampleDeployment("d1", [["cc1", "np1"]], "m", "v1")] })).http).toBe(200);
    const d = await get();
    expect(d.worker.model.model_version.id).toBe("v1");
    expect(d.desired_worker.model.model_version.id).toBe("v1");
    expect(d.deployment_metrics).toMatchObject({ aggregate: { desired_replicas: 1, live_replicas: 1 } });
  });

  test("a PATCH of worker alone changes nothing", async () => {
    await seed(call);
    await call("POST", DEP, { deployments: [sampleDeployment("d1", [["cc1", "np1"]], "m", "v1")] });
    const r = await call("PATCH", DEP, { action: "overwrite", deployments: [{ id: "d1", worker: model("v2") }] });
    expect(r.http).toBe(200);
    const d = await get();
    expect([d.worker.model.model_version.id, d.desired_worker.model.model_version.id]).toEqual(["v1", "v1"]);
    expect(d.deployment_metrics.aggregate.rollout_in_progress).toBeUndefined();
  });

  test("a PATCH of desired_worker rolls out: worker follows when the rollout is ready", async () => {
    await seed(call);
    await call("POST", DEP, { deployments: [sampleDeployment("d1", [["cc1", "np1"]], "m", "v1")] });
    suite.emu.setReadiness({ deploymentReadyAfterReads: 2 });
    await call("PATCH", DEP, { action: "overwrite", deployments: [{ id: "d1", desired_worker: { model: { id: "m", user_id: "meta", app_id: "Llama-3", model_version: { id: "v2" } } } }] });
    const first = await get();
    expect(first.worker.model.model_version.id).toBe("v1");
    expect(first.desired_worker.model.model_version.id).toBe("v2");
    expect(first.deployment_metrics.aggregate.rollout_in_progress).toBe(true);
    expect(first.deployment_metrics.rollout_in_progress).toBe(true); // the deprecated top-level copy
    await get();
    const done = await get();
    expect(done.worker.model.model_version.id).toBe("v2");
    expect(done.deployment_metrics.aggregate).toEqual({ desired_replicas: 1, live_replicas: 1 });
    // ListDeployments filters by the version the deployment serves
    expect((await call("GET", `${DEP}?model_version_ids=v2`)).body.deployments.map((x: { id: string }) => x.id)).toEqual(["d1"]);
  });

  test("a terminal failure keeps the rollout (and the old worker)", async () => {
    await seed(call);
    await call("POST", DEP, { deployments: [sampleDeployment("d1", [["cc1", "np1"]], "m", "v1")] });
    suite.emu.setReadiness({ failDeployments: { d1: "image pull failed" } });
    await call("PATCH", DEP, { action: "overwrite", deployments: [{ id: "d1", desired_worker: { model: { id: "m", user_id: "meta", app_id: "Llama-3", model_version: { id: "v2" } } } }] });
    const d = await get();
    expect(d.worker.model.model_version.id).toBe("v1");
    expect(d.deployment_metrics.aggregate.live_replicas).toBeUndefined();
  });
});

describe("deployment_metrics", () => {
  test("desired = min + soft_min (capped at max) per nodepool; scale-to-zero and DISABLED want 0 and are not rolling", async () => {
    await seed(call, "cc1", ["np1", "np2"]);
    const base = sampleDeployment("d1", [["cc1", "np1"], ["cc1", "np2"]]);
    await call("POST", DEP, { deployments: [{ ...base, autoscale_config: { min_replicas: 1, soft_min_replicas: 5, max_replicas: 3 } }] });
    const d = await get();
    expect(d.deployment_metrics.aggregate).toEqual({ desired_replicas: 6, live_replicas: 6 });
    expect(d.deployment_metrics.nodepool_metrics).toEqual([
      { compute_cluster_id: "cc1", nodepool_id: "np1", metrics: { desired_replicas: 3, live_replicas: 3 } },
      { compute_cluster_id: "cc1", nodepool_id: "np2", metrics: { desired_replicas: 3, live_replicas: 3 } },
    ]);
    await call("PATCH", DEP, { action: "overwrite", deployments: [{ id: "d1", autoscale_config: { min_replicas: 0, max_replicas: 3 } }] });
    expect((await get()).deployment_metrics.aggregate ?? {}).toEqual({});
    await call("PATCH", DEP, { action: "overwrite", deployments: [{ id: "d1", autoscale_config: { min_replicas: 2, max_replicas: 3 }, status: "DISABLED" }] });
    const disabled = await get();
    expect(disabled.status).toBe(1);
    expect(disabled.deployment_metrics.aggregate ?? {}).toEqual({});
  });

  test("pending replicas show as a rollout in progress", async () => {
    suite.emu.setReadiness({ deploymentReadyAfterReads: 1 });
    await seed(call);
    await call("POST", DEP, { deployments: [sampleDeployment("d1", [["cc1", "np1"]])] });
    expect((await get()).deployment_metrics.aggregate).toEqual({ desired_replicas: 1, rollout_in_progress: true });
    expect((await get()).deployment_metrics.aggregate).toEqual({ desired_replicas: 1, live_replicas: 1 });
  });
});

describe("deployment_nodepools", () => {
  test("accepted with priorities 0..9, rendered with the full nodepool; not together with nodepools", async () => {
    await seed(call, "cc1", ["np1", "np2"]);
    const base = sampleDeployment("d1", []);
    const dn = [{ id: "np1", compute_cluster: { id: "cc1" }, priority: 1 }, { id: "np2", compute_cluster: { id: "cc1" }, priority: 0 }];
    const ok = await call("POST", DEP, { deployments: [{ ...base, nodepools: undefined, deployment_nodepools: dn }] });
    expect(ok.http).toBe(200);
    const d = await get();
    expect(d.deployment_nodepools.map((x: { id: string; priority?: number; nodepool: { id: string } }) => [x.id, x.priority ?? 0, x.nodepool.id])).toEqual([["np1", 1, "np1"], ["np2", 0, "np2"]]);
    expect(d.nodepools.map((x: { id: string }) => x.id)).toEqual(["np1", "np2"]);
    const both = await call("POST", DEP, { deployments: [{ ...sampleDeployment("d2", [["cc1", "np1"]], "other"), deployment_nodepools: dn }] });
    expect([both.http, both.body.status.code, both.body.status.details]).toEqual([400, 25901, "set either nodepools or deployment_nodepools, not both"]);
    const bad = await call("POST", DEP, { deployments: [{ ...sampleDeployment("d3", [], "third"), nodepools: undefined, deployment_nodepools: [{ ...dn[0], priority: 10 }] }] });
    expect(bad.body.status.details).toBe("deployment_nodepools[0].priority must be 0..9; got 10");
    // a PATCH with plain nodepools replaces deployment_nodepools
    await call("PATCH", DEP, { action: "overwrite", deployments: [{ id: "d1", nodepools: [{ id: "np2", compute_cluster: { id: "cc1" } }] }] });
    const after = await get();
    expect([after.deployment_nodepools, after.nodepools.map((x: { id: string }) => x.id)]).toEqual([undefined, ["np2"]]);
  });

  test("graceful_deploy and email_reminder_after are accepted and rendered", async () => {
    await seed(call);
    await call("POST", DEP, { deployments: [{ ...sampleDeployment("d1", [["cc1", "np1"]]), graceful_deploy: true, email_reminder_after: "3600s" }] });
    expect(await get()).toMatchObject({ graceful_deploy: true, email_reminder_after: "3600s" });
  });
});

describe("nodepools", () => {
  test("status PENDING -> READY with node_count; ERROR with a description; warm_instances validated", async () => {
    suite.emu.setReadiness({ nodepoolReadyAfterReads: 1 });
    await seed(call);
    const path = "/v2/users/me/compute_clusters/cc1/nodepools/np1";
    expect((await call("GET", path)).body.nodepool).toMatchObject({ status: 1 });
    expect((await call("GET", path)).body.nodepool).toMatchObject({ status: 2, node_count: 1 });
    suite.emu.setReadiness({ failNodepools: { np1: "quota exceeded for g5.2xlarge" } });
    expect((await call("GET", path)).body.nodepool).toMatchObject({ status: 3, status_description: "quota exceeded for g5.2xlarge" });
    const warm = await call("POST", "/v2/users/me/compute_clusters/cc1/nodepools", { nodepools: [{ ...sampleNodepool("np2"), warm_instances: 9 }] });
    expect(warm.body.status.details).toBe("warm_instances (9) must not be greater than max_instances (5)");
    expect((await call("POST", "/v2/users/me/compute_clusters/cc1/nodepools", { nodepools: [{ ...sampleNodepool("np3"), warm_instances: 2 }] })).body.nodepools[0].warm_instances).toBe(2);
  });
});

describe("wire details", () => {
  test("query booleans take Go ParseBool spellings (the official client sends True)", async () => {
    await seed(call);
    for (const v of ["True", "t", "TRUE", "1", "False", "f", "0"]) {
      expect((await call("GET", `/v2/users/me/compute_clusters/cc1/nodepools?active_usage=${v}`)).http).toBe(200);
    }
    const bad = await call("GET", "/v2/users/me/compute_clusters/cc1/nodepools?active_usage=yes");
    expect(bad.http).toBe(400);
  });

  test("ListCloudRegions renders cloud_regions beside regions", async () => {
    const r = await call("GET", "/v2/cloud_providers/aws/regions");
    expect(r.body.cloud_regions).toEqual(r.body.regions.map((id: string) => ({ id })));
  });

  test("unknownResponseFields adds fields to every object of every response", async () => {
    suite.emu.setUnknownResponseFields(true);
    await seed(call);
    const r = await call("GET", "/v2/users/me/compute_clusters/cc1/nodepools/np1");
    expect(r.body.future_field_x).toBeDefined();
    expect(r.body.status.future_field_x).toBeDefined();
    expect(r.body.nodepool.compute_cluster.future_message_x).toEqual({ nested: [1, 2], flag: true });
    suite.emu.reset();
    expect((await call("GET", "/v2/cloud_providers")).body.future_field_x).toBeUndefined();
  });
});
