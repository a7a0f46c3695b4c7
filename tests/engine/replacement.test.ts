// Replacing a nodepool or a cluster under a live deployment (issue 17), through the real engine.
// - Generated nodepool id: create the new pool, move the deployment with one PATCH and wait until it is
//   ready there, then delete the old pool. The deployment is never deleted.
// - Fixed nodepool id: the old pool must go first and Clarifai deletes the deployment with it, so the
//   deployment is replaced along (deleted before, re-created after), and the preview says so.
// - Cluster replaced with its id kept: its pools and their deployments are replaced along.
// After each `up` the account matches the program: refresh and preview show nothing to change.
// The emulator holds a deleted deployment id for 5 s (its default, as Clarifai advises): a deployment
// re-created with its id kept waits that out, retrying its refused POST (never adopting).
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack } from "../support/engine";

jest.setTimeout(600_000);

const PAT = "engine-pat-replacement-3f9a27";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "rp-user" });
});
afterAll(() => emu?.close());

type St = { compute_clusters: { id: string; region?: string }[]; nodepools: { id: string; instance_types?: { id: string }[] }[]; deployments: { id: string; nodepools?: { id: string }[] }[] };
const st = () => emu.state() as unknown as St;
/** The writes that succeeded (a POST refused while its id is held is retried: see `refusedPosts`). */
const writes = () => emu.requests().requests.filter((r) => r.method !== "GET" && r.status_code === 10000).map((r) => r.rpc);
const refusedPosts = () => emu.requests().requests.filter((r) => r.rpc === "PostDeployments" && r.status_code !== 10000);
/** ms between the first `from` and the last successful `to` in the request log. */
function span(from: string, to: string): number {
  const log = emu.requests().requests;
  const at = (r: { at: string }) => Date.parse(r.at);
  return at(log.filter((r) => r.rpc === to && r.status_code === 10000).pop()!) - at(log.find((r) => r.rpc === from)!);
}

async function stack(config: Record<string, string>): Promise<EngineStack> {
  emu.reset();
  const s = await createStack({
    programDir: path.join(__dirname, "programs", "replacement"),
    config: {
      "clarifai:pat": { value: PAT, secret: true },
      "clarifai:apiBase": { value: emu.url },
      ...Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { value: v }])),
    },
    env: { PULUMI_CLARIFAI_POLL_MS: "50" },
  });
  await s.up();
  return s;
}

/** After the change: the account matches the program, so neither refresh nor preview has anything to do. */
async function inStep(s: EngineStack) {
  await s.refresh({ expectNoChanges: true });
  await s.preview({ expectNoChanges: true });
}

it("generated nodepool id: new pool, one PATCH moving the deployment (awaited), then the old pool goes", async () => {
  const s = await stack({});
  try {
    const oldPool = st().nodepools[0].id;
    await s.setConfig("instanceType", "g5.2xlarge");
    const preview = await s.preview();
    expect(preview.changeSummary).toEqual({ same: 2, replace: 1, update: 1 });

    // The new pool's nodes take 1.5 s: the deployment is not ready there before that.
    emu.setReadiness({ nodepoolReadyAfterMs: 1500 });
    emu.clearRequests();
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, replace: 1, update: 1 });
    expect(writes()).toEqual(["PostNodepools", "PatchDeployments", "DeleteNodepools"]);
    const log = emu.requests().requests;
    const at = (rpc: string) => Date.parse(log.find((r) => r.rpc === rpc)!.at);
    const polls = log.filter((r) => r.rpc === "GetDeployment" && Date.parse(r.at) > at("PatchDeployments") && Date.parse(r.at) < at("DeleteNodepools"));
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(at("DeleteNodepools") - at("PostNodepools")).toBeGreaterThanOrEqual(1500);

    const { nodepools, deployments } = st();
    expect(nodepools.map((n) => n.id)).not.toContain(oldPool);
    expect(nodepools[0].instance_types?.map((t) => t.id)).toEqual(["g5.2xlarge"]);
    expect(deployments[0].nodepools?.map((n) => n.id)).toEqual([nodepools[0].id]);
    emu.setReadiness({});
    await inStep(s);
  } finally {
    await s.dispose();
  }
});

it("fixed nodepool id: the deployment on it is replaced along, and the preview shows it", async () => {
  const s = await stack({ fixedPoolId: "true" });
  try {
    await s.setConfig("instanceType", "g5.2xlarge");
    const preview = await s.preview();
    expect(preview.changeSummary).toEqual({ same: 2, replace: 2 });
    expect(s.output.join("")).toMatch(/\+-pulumi-nodejs:dynamic\/clarifai:Deployment: \(replace\)\s+\[id=rp-dep\]/);

    emu.clearRequests();
    const started = Date.now();
    const up = await s.up();
    const took = Date.now() - started;
    expect(up.summary.resourceChanges).toEqual({ same: 2, replace: 2 });
    expect(writes()).toEqual(["DeleteDeployments", "DeleteNodepools", "PostNodepools", "PostDeployments"]);
    // The deployment id was held for 5 s after its delete: the POST was refused, retried, and went
    // through once the window had passed; the engine log says why it waited.
    expect(refusedPosts().length).toBeGreaterThanOrEqual(1);
    expect(span("DeleteDeployments", "PostDeployments")).toBeGreaterThanOrEqual(5000);
    expect(s.output.join("")).toMatch(/Deployment "dep": the id "rp-dep" is still held by the deployment deleted a moment ago; Clarifai frees it within seconds, retrying/);
    console.log(`fixed-id nodepool replacement under a deployment, deleted-id window 5000 ms: up took ${took} ms; DeleteDeployments to PostDeployments ${span("DeleteDeployments", "PostDeployments")} ms; ${refusedPosts().length} refused POSTs`);
    const { nodepools, deployments } = st();
    expect(nodepools.map((n) => [n.id, n.instance_types?.map((t) => t.id)])).toEqual([["rp-pool", ["g5.2xlarge"]]]);
    expect(deployments.map((d) => [d.id, d.nodepools?.map((n) => n.id)])).toEqual([["rp-dep", ["rp-pool"]]]);
    await inStep(s);
  } finally {
    await s.dispose();
  }
});

it("cluster replaced with its id kept: its nodepools and their deployments are replaced along", async () => {
  const s = await stack({ cloud: "gcp", region: "us-east4", instanceType: "g2-standard-4" });
  try {
    await s.setConfig("region", "us-central1");
    const preview = await s.preview();
    expect(preview.changeSummary).toEqual({ same: 1, replace: 3 });

    emu.clearRequests();
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ same: 1, replace: 3 });
    expect(writes()).toEqual(["DeleteDeployments", "DeleteNodepools", "DeleteComputeClusters", "PostComputeClusters", "PostNodepools", "PostDeployments"]);
    expect(span("DeleteDeployments", "PostDeployments")).toBeGreaterThanOrEqual(5000);
    const { compute_clusters, nodepools, deployments } = st();
    expect(compute_clusters.map((c) => [c.id, c.region])).toEqual([["rp-cluster", "us-central1"]]);
    expect(deployments.map((d) => d.nodepools?.map((n) => n.id))).toEqual([[nodepools[0].id]]);
    await inStep(s);
  } finally {
    await s.dispose();
  }
});
