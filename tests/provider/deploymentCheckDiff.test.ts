// Deployment check and diff without an API: schema rules, cross-field rules, unknowns at preview,
// in-place versus replace. No credentials here, and offline previews opted into, so the account
// preflight is skipped (tests/provider covers it against the emulator).
import { deploymentProvider as deployments } from "../../provider/resources/deployment";
import { setSettings } from "../../provider/settings/config";
import { UNKNOWN } from "../../provider/model/schema";

type Props = Record<string, unknown>;
const model = { userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: "aa7f35c01e0642fda5cf400f543e7c40" };
const dep = (over: Props = {}): Props => ({ __logicalName: "ocr", deploymentId: "ocr", model, nodepools: ["c1/np1"], ...over });
const check = (olds: Props, news: Props) => deployments.check!(olds, news);
const byProp = (fs: { property: string; reason: string }[]) => Object.fromEntries(fs.map((f) => [f.property, f.reason]));

let savedPat: string | undefined;
beforeAll(() => {
  savedPat = process.env.CLARIFAI_PAT;
  delete process.env.CLARIFAI_PAT;
  setSettings({ offlinePreview: true });
});
afterAll(() => {
  if (savedPat !== undefined) process.env.CLARIFAI_PAT = savedPat;
});

describe("check", () => {
  it("fills every default, including the autoscale range 0..1", async () => {
    const r = await check({}, dep());
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual({
      ...dep(),
      description: "",
      autoscale: { minReplicas: 0, maxReplicas: 1, disablePacking: false },
      schedulingChoice: "performance",
      visibility: "private",
      deployLatestVersion: false,
      gracefulDeploy: false,
      status: "enabled",
      waitForReady: true,
      readyTimeoutSeconds: 1200,
      adopt: false,
    });
  });

  it("fills the autoscale fields left out of a given autoscale", async () => {
    const r = await check({}, dep({ autoscale: { maxReplicas: 3, scaleUpDelaySeconds: 30 } }));
    expect(r.inputs!.autoscale).toEqual({ minReplicas: 0, maxReplicas: 3, scaleUpDelaySeconds: 30, disablePacking: false });
  });

  it("reports every invalid input at once, each with field, value and what is allowed", async () => {
    const r = await check({}, {
      __logicalName: "bad",
      deploymentId: "bad id",
      model: { userId: "clarifai", appId: "main", modelId: "m", versionId: "v-1", colour: "red" },
      nodepools: ["c1/np1", "c1/np1", "justapool"],
      autoscale: { minReplicas: -1, maxReplicas: 0, scaleToZeroDelaySeconds: 1.5, enablePacking: true },
      schedulingChoice: "cheapest",
      visibility: "secret",
      readyTimeoutSeconds: 0,
      waitForReady: "yes",
    });
    const f = byProp(r.failures!);
    expect(Object.keys(f).sort()).toEqual([
      "autoscale.enablePacking", "autoscale.maxReplicas", "autoscale.minReplicas", "autoscale.scaleToZeroDelaySeconds",
      "deploymentId", "model.colour", "model.versionId", "nodepools", "nodepools[2]", "readyTimeoutSeconds", "schedulingChoice", "visibility", "waitForReady",
    ]);
    expect(f.schedulingChoice).toBe('Deployment "bad": schedulingChoice: "cheapest" is not allowed; use one of: fail, random, price, performance, network, utilization, preferSpot, preferOndemand');
    expect(f.deploymentId).toMatch(/"bad id" is not allowed: use letters, digits, '-' and '_'/);
    expect(f["model.versionId"]).toMatch(/"v-1" is not allowed/);
    expect(f["model.colour"]).toMatch(/is not a known property; known: userId, appId, modelId, versionId/);
    expect(f.nodepools).toMatch(/"c1\/np1" is listed twice/);
    expect(f["nodepools[2]"]).toMatch(/"justapool" is not allowed/);
    expect(f["autoscale.minReplicas"]).toMatch(/-1 is below the minimum 0/);
    expect(f["autoscale.maxReplicas"]).toMatch(/0 is below the minimum 1/);
    expect(f["autoscale.scaleToZeroDelaySeconds"]).toMatch(/1.5 is not a whole number/);
    expect(f["autoscale.enablePacking"]).toMatch(/is not a known property; known: minReplicas, maxReplicas/);
    expect(f.readyTimeoutSeconds).toMatch(/0 is below the minimum 1/);
    expect(f.waitForReady).toMatch(/"yes" is not true or false/);
    expect(f.visibility).toMatch(/"secret" is not allowed; use one of: private, org, public/);
  });

  it("reports the cross-field rules together: model xor workflow, min ≤ max, version unless deployLatestVersion", async () => {
    const both = await check({}, dep({ workflow: { userId: "u", appId: "a", workflowId: "w" }, autoscale: { minReplicas: 3, maxReplicas: 2 } }));
    expect(byProp(both.failures!)).toEqual({
      workflow: 'Deployment "ocr": workflow: set exactly one of `model` or `workflow`; both are set',
      "autoscale.minReplicas": 'Deployment "ocr": autoscale.minReplicas: 3 is above autoscale.maxReplicas (2); the replica range needs minReplicas ≤ maxReplicas',
    });
    const neither = await check({}, dep({ model: undefined }));
    expect(byProp(neither.failures!)).toEqual({ model: 'Deployment "ocr": model: set exactly one of `model` or `workflow`; neither is set' });
    const noVersion = await check({}, dep({ model: { ...model, versionId: undefined } }));
    expect(byProp(noVersion.failures!)["model.versionId"]).toMatch(/is required unless deployLatestVersion is true/);
    const latest = await check({}, dep({ model: { ...model, versionId: undefined }, deployLatestVersion: true }));
    expect(latest.failures).toEqual([]);
    const workflowOnly = await check({}, dep({ model: undefined, workflow: { userId: "u", appId: "a", workflowId: "w" } }));
    expect(workflowOnly.failures).toEqual([]);
  });

  it("checks the 12.x inputs: one priority 0..9 per nodepool, softMinReplicas ≥ 0", async () => {
    const r = await check({}, dep({ nodepools: ["c1/np1", "c1/np2"], nodepoolPriorities: [0, 12], autoscale: { softMinReplicas: -1 } }));
    expect(byProp(r.failures!)).toEqual({
      "nodepoolPriorities[1]": 'Deployment "ocr": nodepoolPriorities[1]: 12 is above the maximum 9',
      "autoscale.softMinReplicas": 'Deployment "ocr": autoscale.softMinReplicas: -1 is below the minimum 0',
    });
    const count = await check({}, dep({ nodepools: ["c1/np1", "c1/np2"], nodepoolPriorities: [1] }));
    expect(byProp(count.failures!)).toEqual({
      nodepoolPriorities: 'Deployment "ocr": nodepoolPriorities: has 1 entries for 2 nodepools; give one priority (0 to 9) per entry of nodepools, in the same order',
    });
    expect((await check({}, dep({ nodepools: ["c1/np1", "c1/np2"], nodepoolPriorities: [1, 0], gracefulDeploy: true }))).failures).toEqual([]);
  });

  it("lets values unknown at preview pass through", async () => {
    const r = await check({}, dep({ nodepools: [UNKNOWN], model: { ...model, versionId: UNKNOWN }, autoscale: { minReplicas: 5, maxReplicas: UNKNOWN }, deployLatestVersion: UNKNOWN }));
    expect(r.failures).toEqual([]);
    expect(r.inputs!.nodepools).toEqual([UNKNOWN]);
    const whole = await check({}, dep({ model: UNKNOWN, nodepools: UNKNOWN }));
    expect(whole.failures).toEqual([]);
  });

  it("auto-names once from the logical name and keeps the id afterwards", async () => {
    const first = await check({}, dep({ deploymentId: undefined, __logicalName: "OCR model" }));
    const id = first.inputs!.deploymentId as string;
    expect(id).toMatch(/^OCR-model-[0-9a-f]{7}$/);
    const again = await check(first.inputs!, dep({ deploymentId: undefined, __logicalName: "OCR model", autoscale: { maxReplicas: 4 }, model: { ...model, versionId: "bbb" } }));
    expect(again.inputs!.deploymentId).toBe(id);
  });
});

describe("diff", () => {
  const inputs = async (over: Props = {}) => (await check({}, dep(over))).inputs!;
  const olds = async (over: Props = {}) => ({ ...(await inputs(over)), __provider: "old", userId: "u1", ready: true, createdAt: "2026-01-01T00:00:00.000000Z" });

  it("ignores __provider, server-filled outputs and the waiting switches", async () => {
    const d = await deployments.diff!("ocr", await olds(), { ...(await inputs({ waitForReady: false, readyTimeoutSeconds: 30, adopt: true })), __provider: "new" });
    expect(d).toEqual({ changes: false, replaces: [], stables: ["deploymentId"], deleteBeforeReplace: false });
  });

  it.each([
    ["autoscale", { autoscale: { minReplicas: 1, maxReplicas: 3 } }],
    ["model version", { model: { ...model, versionId: "bbbbbbbb" } }],
    ["another model", { model: { ...model, modelId: "other" } }],
    ["nodepools", { nodepools: ["c1/np1", "c1/np2"] }],
    ["schedulingChoice", { schedulingChoice: "price" }],
    ["description", { description: "new" }],
    ["visibility", { visibility: "org" }],
    ["deployLatestVersion", { deployLatestVersion: true }],
    ["gracefulDeploy", { gracefulDeploy: true }],
    ["nodepoolPriorities", { nodepoolPriorities: [3] }],
    ["softMinReplicas", { autoscale: { softMinReplicas: 1 } }],
  ])("updates %s in place", async (_what, over) => {
    const d = await deployments.diff!("ocr", await olds(), await inputs(over));
    expect(d).toEqual({ changes: true, replaces: [], stables: ["deploymentId"], deleteBeforeReplace: false });
  });

  it("reads an input missing from a 0.1.0 state as its default, not as a change", async () => {
    const old = await olds();
    delete old.gracefulDeploy;
    expect(await deployments.diff!("ocr", old, await inputs())).toMatchObject({ changes: false });
    expect(await deployments.diff!("ocr", old, await inputs({ gracefulDeploy: true }))).toMatchObject({ changes: true });
  });

  it("shows an unknown nodepool list as a change, not a replacement", async () => {
    const d = await deployments.diff!("ocr", await olds(), { ...(await inputs()), nodepools: [UNKNOWN] });
    expect(d).toMatchObject({ changes: true, replaces: [] });
  });

  it("is replaced along (deleting first) when the engine asks about a nodepool replaced with its id kept", async () => {
    // The engine's dependent-replacement question: the state's inputs, with `nodepools` wholly unknown.
    const d = await deployments.diff!("ocr", await olds(), { ...(await olds()), nodepools: UNKNOWN });
    expect(d).toEqual({ changes: true, replaces: ["nodepools"], stables: ["deploymentId"], deleteBeforeReplace: true });
  });

  it("replaces only on a new deployment id, deleting first when the id is kept", async () => {
    // A new id serving the same model on the same nodepool: Clarifai allows one deployment per model
    // per nodepool, so the old one must go first; another model, or other nodepools, can be created beside it.
    expect(await deployments.diff!("ocr", await olds(), await inputs({ deploymentId: "ocr2" }))).toEqual({ changes: true, replaces: ["deploymentId"], stables: [], deleteBeforeReplace: true });
    const other = { userId: "someone", appId: "apps", modelId: "another", versionId: "0123456789abcdef0123456789abcdef" };
    expect((await deployments.diff!("ocr", await olds(), await inputs({ deploymentId: "ocr2", model: other }))).deleteBeforeReplace).toBe(false);
    expect((await deployments.diff!("ocr", await olds(), await inputs({ deploymentId: "ocr2", nodepools: ["c9/elsewhere"] }))).deleteBeforeReplace).toBe(false);
    expect((await deployments.diff!("ocr", await olds(), await inputs({ deploymentId: "ocr2", nodepools: [UNKNOWN] }))).deleteBeforeReplace).toBe(true);
  });
});
