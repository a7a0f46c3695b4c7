// The contract every kind keeps, driven by the registry (provider/resources/registry.ts): create, read,
// update in place, replace, delete, a 404 on read and on delete, adoption, an ambiguous create, import,
// and a preview refusal of bad input, against the in-process emulator. A kind gets every case by having
// its row in CONTRACT (a kind without one is a compile error).
import type { ResourceKind } from "../../provider/model/model.generated";
import { setSettings } from "../../provider/settings/config";
import { kinds, providers } from "../../provider/resources/registry";
import { resetPreflight } from "../../provider/resources/preflight";
import { setTiming } from "../../provider/resources/timing";
import { PAT, emulatorSuite } from "../support/emulator";

type Props = Record<string, unknown>;

/** One kind's inputs for the contract. */
interface Row {
  /** What must exist first, created through the providers in this order. */
  parents: [ResourceKind, Props][];
  /** The program: its create inputs. */
  program: Props;
  /** A change the kind applies in place (one PATCH). */
  inPlace: Props;
  /** A change that replaces the object. */
  replace: Props;
  /** Bad input refused at preview, and the property the failure names. */
  bad: [Props, string];
}

const cluster: Props = { __logicalName: "c", computeClusterId: "c1", cloudProvider: "aws", region: "us-east-1" };
const pool: Props = { __logicalName: "p", computeClusterId: "c1", nodepoolId: "np1", instanceTypes: ["g5.xlarge"], maxInstances: 2 };

const CONTRACT: { [K in ResourceKind]: Row } = {
  ComputeCluster: {
    parents: [],
    program: { ...cluster, description: "before" },
    inPlace: { description: "after", visibility: "org" },
    replace: { computeClusterId: "c2" },
    bad: [{ region: "us east 1" }, "region"],
  },
  Nodepool: {
    parents: [["ComputeCluster", cluster]],
    program: pool,
    inPlace: { maxInstances: 4, description: "after" },
    replace: { instanceTypes: ["g5.2xlarge"] },
    bad: [{ minInstances: 3, maxInstances: 1 }, "minInstances"],
  },
  Deployment: {
    parents: [["ComputeCluster", cluster], ["Nodepool", pool]],
    program: {
      __logicalName: "d",
      deploymentId: "d1",
      nodepools: ["c1/np1"],
      model: { userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: "aa11bb22" },
      waitForReady: false,
    },
    inPlace: { description: "after", status: "disabled" },
    // A new id; another model, since Clarifai allows one deployment per model per nodepool.
    replace: { deploymentId: "d2", model: { userId: "clarifai", appId: "main", modelId: "moderation-recognition", versionId: "cc33dd44" } },
    bad: [{ autoscale: { minReplicas: 3, maxReplicas: 1 } }, "autoscale.minReplicas"],
  },
};

const suite = emulatorSuite();
beforeAll(() => setTiming({ pollBaseMs: 20, secondLookMs: 20 }));
afterAll(() => setTiming({}));
beforeEach(() => {
  resetPreflight();
  setSettings({ pat: PAT, apiBase: suite.emu.url });
});

const writes = () => suite.emu.requests().requests.filter((r) => r.method !== "GET").map((r) => r.rpc);

describe.each(kinds.map((k) => [k] as const))("%s", (kind) => {
  const row = CONTRACT[kind];
  const p = providers[kind];
  const checked = async (over: Props = {}, olds: Props = {}) => {
    const r = await p.check(olds, { __provider: "code", ...row.program, ...over });
    expect(r.failures).toEqual([]);
    return r.inputs as Props;
  };
  const parents = async () => {
    for (const [k, inputs] of row.parents) {
      const r = await providers[k].check({}, { __provider: "code", ...inputs });
      await providers[k].create(r.inputs);
    }
    resetPreflight();
    suite.emu.clearRequests();
  };
  /** The stored fields `over` sets hold those values in the outputs. */
  const expectOutputs = (outs: Props | undefined, over: Props) => {
    for (const [k, v] of Object.entries(over)) if (!k.startsWith("__")) expect([k, outs?.[k]]).toEqual([k, v]);
  };
  beforeEach(parents);

  it("creates, reads back exactly what create returned, and deletes (a second delete and a read after it find nothing)", async () => {
    const c = await p.create(await checked());
    expectOutputs(c.outs, row.program);
    expect((await p.read(c.id, c.outs)).props).toEqual(c.outs);
    await p.delete(c.id, c.outs);
    expect(await p.read(c.id, c.outs)).toEqual({}); // a 404 on read: gone from the state
    await p.delete(c.id, c.outs); // a 404 on delete: already gone is done
    expect(writes().filter((w) => w?.startsWith("Delete"))).toHaveLength(2);
  });

  it("updates in place with one PATCH", async () => {
    const c = await p.create(await checked());
    const news = await checked(row.inPlace, c.outs);
    expect(await p.diff(c.id, c.outs, news)).toMatchObject({ changes: true, replaces: [] });
    suite.emu.clearRequests();
    const u = await p.update(c.id, c.outs, news);
    expectOutputs(u.outs, row.inPlace);
    expect(writes()).toEqual([`Patch${kind}s`]);
  });

  it("replaces on a change of an immutable field, deleting first only when the id is kept", async () => {
    const c = await p.create(await checked());
    const news = await checked(row.replace, c.outs);
    const d = await p.diff(c.id, c.outs, news);
    expect(d).toMatchObject({ changes: true, replaces: expect.arrayContaining(Object.keys(row.replace).filter((k) => k !== "model")) });
    // As the engine replaces: delete first when asked, create, delete the old one otherwise.
    if (d.deleteBeforeReplace) await p.delete(c.id, c.outs);
    const created = await p.create(news);
    if (!d.deleteBeforeReplace) await p.delete(c.id, c.outs);
    expect(d.deleteBeforeReplace).toBe(created.id === c.id);
    expect(await p.read(c.id, c.outs)).toEqual(created.id === c.id ? expect.objectContaining({ id: c.id }) : {});
  });

  it("refuses to create over an existing object, explaining adopt, and adopts it with reads only", async () => {
    await p.create(await checked());
    resetPreflight();
    await expect(p.create(await checked())).rejects.toThrow(/adopt: true/);
    suite.emu.clearRequests();
    const a = await p.create(await checked({ adopt: true }));
    expectOutputs(a.outs, row.program);
    expect(writes()).toEqual([]);
  });

  it("settles an ambiguous create (the response lost after the write) without a duplicate", async () => {
    suite.emu.addFault({ rpc: `Post${kind}s`, kind: "lost_response", times: 1 });
    const c = await p.create(await checked());
    expectOutputs(c.outs, row.program);
    expect(writes()).toEqual([`Post${kind}s`]);
  });

  it("imports: a read with no state gives inputs that check accepts and that show no change against the program", async () => {
    const c = await p.create(await checked());
    const imported = await p.read(c.id, {});
    expect(imported.id).toBe(c.id);
    const r = await p.check({}, { __provider: "code", ...imported.inputs });
    expect(r.failures).toEqual([]);
    expect((await p.diff(c.id, { ...imported.inputs, ...imported.props }, await checked())).changes).toBe(false);
  });

  it("refuses bad input at preview, naming the field, with zero writes", async () => {
    const [bad, field] = row.bad;
    const r = await p.check({}, { __provider: "code", ...row.program, ...bad });
    expect(r.failures?.map((f) => f.property)).toContain(field);
    expect(writes()).toEqual([]);
  });
});
