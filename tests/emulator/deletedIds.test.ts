// The deleted-id window: after a delete, a POST of the same id is refused as a duplicate until the
// kind's window has passed (deployments 5000 ms by default, nodepools and clusters 0), over REST and
// gRPC alike; GET already answers 404. Set by option, CLI flag and control plane.
import { statusCode } from "../../emulator";
import { parseArgs } from "../../emulator/cli";
import { grpcCall } from "../support/grpcClient";
import { PAT, emulatorSuite, sampleDeployment, sampleNodepool, seed } from "../support/emulator";

const s = emulatorSuite();
const DEPS = "/v2/users/me/deployments";
const dep = (id: string) => sampleDeployment(id, [["cc1", "np1"]]);

async function settings(body: unknown): Promise<Record<string, unknown>> {
  const post = await fetch(`${s.emu.url}/_emulator/settings`, { method: "POST", body: JSON.stringify(body) });
  expect(post.status).toBe(200);
  return (await (await fetch(`${s.emu.url}/_emulator/settings`)).json()) as Record<string, unknown>;
}

it("a deployment id stays taken for 5 s after its delete by default: refused as a duplicate, while GET says 404", async () => {
  await seed(s.call);
  expect((await s.call("POST", DEPS, { deployments: [dep("d1")] })).http).toBe(200);
  expect((await s.call("DELETE", DEPS, { ids: ["d1"] })).http).toBe(200);
  expect((await s.call("GET", `${DEPS}/d1`)).http).toBe(404);
  const again = await s.call("POST", DEPS, { deployments: [dep("d1")] });
  expect(again.http).toBe(400);
  expect(again.body.status).toMatchObject({ code: statusCode("DEPLOYMENT_INVALID_ARGUMENT"), details: "Deployment with id 'd1' already exists" });
  // Another id is free, and the refused one did not touch the state.
  expect((await s.call("POST", DEPS, { deployments: [dep("d2")] })).http).toBe(200);
  expect((await s.call("GET", DEPS)).body.deployments.map((d: { id: string }) => d.id)).toEqual(["d2"]);
  expect(await settings({})).toMatchObject({ deletedIdReuseMs: { deployments: 5000, nodepools: 0, computeClusters: 0 } });
});

it("the window ends: with 150 ms set through the control plane, the id is free again after it", async () => {
  expect(await settings({ deletedIdReuseMs: 150 })).toMatchObject({ deletedIdReuseMs: { deployments: 150, nodepools: 0, computeClusters: 0 } });
  await seed(s.call);
  await s.call("POST", DEPS, { deployments: [dep("d1")] });
  await s.call("DELETE", DEPS, { ids: ["d1"] });
  expect((await s.call("POST", DEPS, { deployments: [dep("d1")] })).http).toBe(400);
  await new Promise((r) => setTimeout(r, 200));
  expect((await s.call("POST", DEPS, { deployments: [dep("d1")] })).http).toBe(200);
  // A re-created id starts afresh: deleting it again opens a new window.
  await s.call("DELETE", DEPS, { ids: ["d1"] });
  expect((await s.call("POST", DEPS, { deployments: [dep("d1")] })).http).toBe(400);
});

it("nodepools and clusters are free at once by default, and get a window when one is set; cascaded deletes count", async () => {
  await seed(s.call);
  await s.call("POST", DEPS, { deployments: [dep("d1")] });
  // Deleting the nodepool deletes d1 with it (cascade): d1 is held, the nodepool id is not.
  expect((await s.call("DELETE", "/v2/users/me/compute_clusters/cc1/nodepools", { ids: ["np1"] })).http).toBe(200);
  expect((await s.call("POST", "/v2/users/me/compute_clusters/cc1/nodepools", { nodepools: [sampleNodepool("np1")] })).http).toBe(200);
  expect((await s.call("POST", DEPS, { deployments: [dep("d1")] })).http).toBe(400);

  await settings({ deletedIdReuseMs: { nodepools: 60_000, computeClusters: 60_000 } });
  await s.call("DELETE", "/v2/users/me/compute_clusters/cc1/nodepools", { ids: ["np1"] });
  const np = await s.call("POST", "/v2/users/me/compute_clusters/cc1/nodepools", { nodepools: [sampleNodepool("np1")] });
  expect(np.body.status).toMatchObject({ code: statusCode("NODEPOOL_INVALID_ARGUMENT"), details: "Nodepool with id 'np1' already exists in compute cluster 'cc1'" });
  await s.call("DELETE", "/v2/users/me/compute_clusters", { ids: ["cc1"] });
  const cc = await seed(s.call).catch((e: Error) => e.message);
  expect(cc).toContain("Compute cluster with id 'cc1' already exists");
  // null restores the start options (and so does a reset).
  expect(await settings({ deletedIdReuseMs: null })).toMatchObject({ deletedIdReuseMs: { deployments: 5000, nodepools: 0, computeClusters: 0 } });
  await seed(s.call);
});

it("the gRPC face refuses the same way (both faces share the handlers)", async () => {
  await seed(s.call);
  await s.call("POST", DEPS, { deployments: [dep("d1")] });
  await s.call("DELETE", DEPS, { ids: ["d1"] });
  const got = await grpcCall(s.emu.url, "PostDeployments", { user_app_id: { user_id: "me" }, deployments: [dep("d1")] }, { metadata: { authorization: `Key ${PAT}` } });
  expect(got.grpcStatus).toBe(0);
  expect(got.message.status).toMatchObject({ code: statusCode("DEPLOYMENT_INVALID_ARGUMENT"), details: "Deployment with id 'd1' already exists" });
});

it("bad settings are refused; the CLI flag takes a number (deployments) or kind=ms pairs", async () => {
  const bad = await fetch(`${s.emu.url}/_emulator/settings`, { method: "POST", body: JSON.stringify({ deletedIdReuseMs: { runners: 5 } }) });
  expect(bad.status).toBe(400);
  expect(await bad.json()).toEqual({ error: "deletedIdReuseMs: unknown kind 'runners' (allowed: computeClusters, nodepools, deployments)" });
  expect(parseArgs(["--deleted-id-reuse-ms", "0"]).deletedIdReuseMs).toBe(0);
  expect(parseArgs(["--deleted-id-reuse-ms=deployments=100,nodepools=20"]).deletedIdReuseMs).toEqual({ deployments: 100, nodepools: 20 });
});
