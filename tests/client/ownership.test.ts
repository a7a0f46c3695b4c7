/**
 * After an uncertain create, the client takes the object it finds under the id only on evidence that
 * this create made it (provider/client/ownership.ts): the owner marker for nodepools and deployments,
 * `created_at` for compute clusters. Every fault kind of the emulator (lost response, dropped connection,
 * 5xx, 429) × each kind: someone else's object is refused as "already exists" and left untouched; the
 * client's own create, faulted the same way, is found and returned once, with the marker kept out of
 * the metadata it reports.
 */
import { startEmulator, type FaultRule, type RunningEmulator } from "../../emulator";
import { AlreadyExistsError, ClarifaiClient, type ClientOptions } from "../../provider/client";
import { OWNER_KEY } from "../../provider/client/ownership";
import type { InputsOf } from "../../provider/model/model.generated";
import { handCluster, handDeployment, handNodepool } from "../support/wire";

const PAT = "ownership-test-pat-2c4e6a8b";
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "u1" });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const client = (o: Partial<ClientOptions> = {}) =>
  new ClarifaiClient({ pat: PAT, apiBase: emu.url, timeoutMs: 2000, random: () => 0.5, retry: { baseMs: 4, capMs: 20 }, sleep: async () => undefined, ...o });

const cluster = (o: Partial<InputsOf["ComputeCluster"]> = {}) => handCluster({ description: "x", ...o });
const nodepool = handNodepool;
const deployment = handDeployment;

const FAULTS: [string, Omit<FaultRule, "rpc">][] = [
  ["write committed, response lost", { kind: "lost_response", times: 1 }],
  ["dropped connection", { kind: "drop", times: 1 }],
  ["503", { kind: "server_error", httpStatus: 503, times: 2 }],
  ["429", { kind: "throttle", retryAfterSeconds: 1, times: 1 }],
];

const OURS = "0123456789ab" + "cdef0123";
const THEIRS = "ba9876543210" + "fedcba98";

interface Kind {
  rpc: string;
  /** The objects the kind needs, made by someone else (no marker) or by `owner`. */
  setup(c: ClarifaiClient): Promise<void>;
  create(c: ClarifaiClient, owner?: string): Promise<{ id?: string; metadata?: Record<string, unknown>; owner?: string }>;
  stored(): { id?: unknown; metadata?: Record<string, unknown>; description?: unknown }[];
}

const KINDS: Record<string, Kind> = {
  "compute cluster": {
    rpc: "PostComputeClusters",
    setup: async () => undefined,
    create: (c) => c.createComputeCluster(cluster()),
    stored: () => emu.state().compute_clusters,
  },
  nodepool: {
    rpc: "PostNodepools",
    setup: async (c) => void (await c.createComputeCluster(cluster())),
    create: (c, owner) => c.createNodepool(nodepool({ metadata: { team: "ml" } }), { owner }),
    stored: () => emu.state().nodepools,
  },
  deployment: {
    rpc: "PostDeployments",
    setup: async (c) => {
      await c.createComputeCluster(cluster());
      await c.createNodepool(nodepool());
    },
    create: (c, owner) => c.createDeployment(deployment(), { owner }),
    stored: () => emu.state().deployments,
  },
};

describe.each(Object.entries(KINDS))("%s", (_name, kind) => {
  it.each(FAULTS)("%s on the create: someone else's object under the id is refused as 'already exists', untouched", async (_f, fault) => {
    // Clusters are judged by created_at: this client's clock says the create is sent a minute after
    // the object was made, past the 30 s allowed for clock skew.
    const c = client({ now: () => Date.now() + 60_000 });
    await kind.setup(c);
    const foreign = await kind.create(client(), undefined);
    const before = JSON.stringify(kind.stored());
    emu.clearRequests();
    emu.addFault({ rpc: kind.rpc, ...fault });
    const e = await kind.create(c, OURS).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(AlreadyExistsError);
    expect(emu.requests().requests.some((r) => r.fault)).toBe(true);
    expect(JSON.stringify(kind.stored())).toBe(before);
    expect(emu.requests().requests.filter((r) => r.method !== "GET" && r.rpc !== kind.rpc)).toEqual([]);
    expect(foreign.owner).toBeUndefined();
  });

  it.each(FAULTS)("%s on the create: the client's own create is found and returned once", async (_f, fault) => {
    const c = client();
    await kind.setup(c);
    emu.addFault({ rpc: kind.rpc, ...fault });
    const made = await kind.create(c, OURS);
    expect(kind.stored()).toHaveLength(1);
    if (kind.rpc !== "PostComputeClusters") {
      // The marker is on the object, and kept out of what the client reports.
      expect(kind.stored()[0].metadata).toMatchObject({ [OWNER_KEY]: OURS });
      expect(made.owner).toBe(OURS);
      expect(made.metadata ?? {}).not.toHaveProperty(OWNER_KEY);
    }
  });
});

it("a nodepool whose marker names another stack is not taken, even when made a moment ago", async () => {
  const c = client();
  await c.createComputeCluster(cluster());
  await c.createNodepool(nodepool(), { owner: THEIRS });
  emu.addFault({ rpc: "PostNodepools", kind: "lost_response", times: 1 });
  await expect(c.createNodepool(nodepool(), { owner: OURS })).rejects.toThrow(/already exists and this create did not make it.*owner marker names another stack/);
});

it("a PATCH that writes metadata keeps the marker; one that does not leaves metadata alone", async () => {
  const c = client();
  await c.createComputeCluster(cluster());
  await c.createNodepool(nodepool({ metadata: { team: "ml" } }), { owner: OURS });
  const p1 = await c.patchNodepool({ id: "np1", compute_cluster: { id: "cc1" }, metadata: { team: "vision" } }, { owner: OURS });
  expect(p1).toMatchObject({ metadata: { team: "vision" }, owner: OURS });
  expect(emu.state().nodepools[0].metadata).toEqual({ team: "vision", [OWNER_KEY]: OURS });
  await c.patchNodepool({ id: "np1", compute_cluster: { id: "cc1" }, max_instances: 5 }, { owner: OURS });
  expect(emu.state().nodepools[0]).toMatchObject({ max_instances: 5, metadata: { team: "vision", [OWNER_KEY]: OURS } });
});

it("a PATCH writes only the fields its message carries: an out-of-band change to another field survives", async () => {
  const c = client();
  await c.createComputeCluster(cluster());
  await c.createNodepool(nodepool({ maxInstances: 7, description: "a" }));
  await c.patchNodepool({ id: "np1", compute_cluster: { id: "cc1" }, max_instances: 9 });
  await c.patchNodepool({ id: "np1", compute_cluster: { id: "cc1" }, description: "b" });
  expect(emu.state().nodepools[0]).toMatchObject({ max_instances: 9, description: "b" });
});
