import { computeClusterProvider } from "../../provider/resources/computeCluster";
import { nodepoolProvider } from "../../provider/resources/nodepool";
import { UNKNOWN } from "../../provider/model/schema";
import { setSettings } from "../../provider/settings/config";

type Props = Record<string, unknown>;
// No credentials here: offline previews opted into, so the account preflight is skipped.
beforeAll(() => setSettings({ offlinePreview: true }));
afterAll(() => setSettings({}));
const check = (p: typeof nodepoolProvider, olds: Props, news: Props) => p.check!(olds, news);
const pool = (over: Props = {}): Props => ({ __logicalName: "gpu", computeClusterId: "c1", nodepoolId: "np1", instanceTypes: ["g5.xlarge"], maxInstances: 2, ...over });

describe("check", () => {
  it("fills every default from schema.json", async () => {
    const r = await check(nodepoolProvider, {}, pool());
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual({ ...pool(), description: "", minInstances: 0, capacity: "onDemand", visibility: "private", adopt: false, forceDestroy: false });
  });

  it("reports every invalid input at once, each with field, value and what is allowed", async () => {
    const r = await check(nodepoolProvider, {}, {
      __logicalName: "bad", computeClusterId: "c 1", nodepoolId: "-x", instanceTypes: [], minInstances: -1, maxInstances: 1.5,
      capacity: "cheap", visibility: "secret", colour: "red",
    });
    const byProp = Object.fromEntries(r.failures!.map((f) => [f.property, f.reason]));
    expect(Object.keys(byProp).sort()).toEqual(["capacity", "colour", "computeClusterId", "instanceTypes", "maxInstances", "minInstances", "nodepoolId", "visibility"]);
    expect(byProp.capacity).toBe('Nodepool "bad": capacity: "cheap" is not allowed; use one of: onDemand, spot, spotWithFallback');
    expect(byProp.visibility).toMatch(/"secret" is not allowed; use one of: private, org, public/);
    expect(byProp.computeClusterId).toMatch(/"c 1" is not allowed: use letters, digits, '-' and '_'/);
    expect(byProp.nodepoolId).toMatch(/"-x" is not allowed/);
    expect(byProp.instanceTypes).toMatch(/needs at least 1 item, got 0/);
    expect(byProp.minInstances).toMatch(/-1 is below the minimum 0/);
    expect(byProp.maxInstances).toMatch(/1.5 is not a whole number/);
    expect(byProp.colour).toMatch(/is not a known property; known: computeClusterId, nodepoolId/);
  });

  it("rejects min > max, naming both", async () => {
    const r = await check(nodepoolProvider, {}, pool({ minInstances: 5, maxInstances: 2 }));
    expect(r.failures).toEqual([{ property: "minInstances", reason: 'Nodepool "gpu": minInstances: 5 is above maxInstances (2); the autoscaling range needs minInstances ≤ maxInstances' }]);
  });

  it("requires the required inputs", async () => {
    const r = await check(computeClusterProvider, {}, { __logicalName: "c" });
    expect(r.failures!.map((f) => f.property).sort()).toEqual(["cloudProvider", "region"]);
    expect(r.failures![0].reason).toMatch(/is required/);
  });

  it("lets values unknown at preview pass through", async () => {
    const r = await check(nodepoolProvider, {}, pool({ computeClusterId: UNKNOWN, instanceTypes: [UNKNOWN], maxInstances: UNKNOWN, minInstances: 3 }));
    expect(r.failures).toEqual([]);
    expect(r.inputs!.computeClusterId).toBe(UNKNOWN);
  });

  it("auto-names once from the logical name and keeps the id afterwards", async () => {
    const first = await check(nodepoolProvider, {}, pool({ nodepoolId: undefined, __logicalName: "GPU pool" }));
    const id = first.inputs!.nodepoolId as string;
    expect(id).toMatch(/^GPU-pool-[0-9a-f]{7}$/);
    const again = await check(nodepoolProvider, first.inputs!, pool({ nodepoolId: undefined, __logicalName: "GPU pool", maxInstances: 3 }));
    expect(again.inputs!.nodepoolId).toBe(id);
    // An immutable change mints a fresh id, so the replacement can be created before the old one goes.
    const replaced = await check(nodepoolProvider, first.inputs!, pool({ nodepoolId: undefined, __logicalName: "GPU pool", instanceTypes: ["g6.xlarge"] }));
    expect(replaced.inputs!.nodepoolId).not.toBe(id);
  });
});

describe("diff", () => {
  const olds = async (over: Props = {}) => ({ ...(await check(nodepoolProvider, {}, pool(over))).inputs, __provider: "old code", createdAt: "2026-01-01T00:00:00.000000Z", enforcedMaxInstances: 2 });
  const news = async (over: Props = {}) => ({ ...(await check(nodepoolProvider, {}, pool(over))).inputs, __provider: "new code" });

  it("ignores __provider and server-filled outputs", async () => {
    expect(await nodepoolProvider.diff!("c1/np1", await olds(), await news())).toEqual({ changes: false, replaces: [], stables: ["computeClusterId", "nodepoolId", "instanceTypes"], deleteBeforeReplace: false });
  });

  it("updates mutable fields in place", async () => {
    const d = await nodepoolProvider.diff!("c1/np1", await olds(), await news({ maxInstances: 4, capacity: "spot" }));
    expect(d).toMatchObject({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("replaces on immutable fields, deleting first when the id is kept", async () => {
    const d = await nodepoolProvider.diff!("c1/np1", await olds(), await news({ instanceTypes: ["g6.xlarge"] }));
    expect(d).toEqual({ changes: true, replaces: ["instanceTypes"], stables: ["computeClusterId", "nodepoolId"], deleteBeforeReplace: true });
  });

  it("creates before deleting when the id changes", async () => {
    const d = await nodepoolProvider.diff!("c1/np1", await olds(), await news({ nodepoolId: "np2" }));
    expect(d).toMatchObject({ changes: true, replaces: ["nodepoolId"], deleteBeforeReplace: false });
  });

  it("treats unknown values as changes", async () => {
    const d = await nodepoolProvider.diff!("c1/np1", await olds(), await news({ computeClusterId: UNKNOWN }));
    expect(d).toMatchObject({ changes: true, replaces: ["computeClusterId"], deleteBeforeReplace: true });
  });

  it("never diffs provider switches such as adopt", async () => {
    expect((await nodepoolProvider.diff!("c1/np1", await olds(), await news({ adopt: true }))).changes).toBe(false);
  });
});
