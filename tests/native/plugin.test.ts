// The native plugin's gRPC service, called as the engine calls it (real gRPC, real provider code, the
// emulator as the API), in one process: two provider instances with two accounts, the schema, config
// checks, check/diff/create/read/update/delete, import (Read with only an id), customTimeouts and secrets.
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import * as plugin from "@pulumi/pulumi/proto/plugin_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { startEmulator, RunningEmulator } from "../../emulator";
import { serve } from "../../provider/native/server";
import { SECRET_SIG, SIG } from "../../provider/native/wire";
import { resetPreflight } from "../../provider/resources/preflight";

jest.setTimeout(60_000);

const PAT_A = "native-pat-a-5b1e9d0c-never-logged";
const PAT_B = "native-pat-b-77c0aa31-never-logged";
const secret = (value: unknown) => ({ [SIG]: SECRET_SIG, value });
const urn = (type: string, name: string) => `urn:pulumi:dev::native-test::clarifai:index:${type}::${name}`;
const struct = (o: object) => Struct.fromJavaScript(o as Parameters<typeof Struct.fromJavaScript>[0]);

type Props = Record<string, unknown>;

/** A promise-returning view of one provider server, as the engine's client. */
function connect(port: number) {
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = <Res>(method: string, req: unknown) =>
    new Promise<Res>((resolve, reject) =>
      (client as unknown as Record<string, (r: unknown, cb: (e: grpc.ServiceError | null, r: Res) => void) => void>)[method](req, (e, r) => (e ? reject(e) : resolve(r))),
    );
  return {
    close: () => client.close(),
    call,
    async configure(args: Props, variables: Record<string, string> = {}) {
      const req = new pb.ConfigureRequest().setArgs(struct(args)).setAcceptsecrets(true);
      for (const [k, v] of Object.entries(variables)) req.getVariablesMap().set(k, v);
      return call<pb.ConfigureResponse>("configure", req);
    },
    async check(type: string, name: string, news: Props, olds: Props = {}) {
      const res = await call<pb.CheckResponse>("check", new pb.CheckRequest().setUrn(urn(type, name)).setName(name).setType(`clarifai:index:${type}`).setOlds(struct(olds)).setNews(struct(news)));
      return { inputs: (res.getInputs()?.toJavaScript() ?? {}) as Props, failures: res.getFailuresList().map((f) => f.getReason()) };
    },
    async diff(type: string, name: string, id: string, olds: Props, news: Props) {
      return call<pb.DiffResponse>("diff", new pb.DiffRequest().setUrn(urn(type, name)).setId(id).setOlds(struct(olds)).setNews(struct(news)));
    },
    async create(type: string, name: string, props: Props, timeout = 0) {
      const res = await call<pb.CreateResponse>("create", new pb.CreateRequest().setUrn(urn(type, name)).setProperties(struct(props)).setTimeout(timeout));
      return { id: res.getId(), outs: (res.getProperties()?.toJavaScript() ?? {}) as Props };
    },
    async read(type: string, name: string, id: string, props?: Props) {
      const req = new pb.ReadRequest().setUrn(urn(type, name)).setId(id);
      if (props) req.setProperties(struct(props));
      const res = await call<pb.ReadResponse>("read", req);
      return { id: res.getId(), props: (res.getProperties()?.toJavaScript() ?? {}) as Props, inputs: (res.getInputs()?.toJavaScript() ?? {}) as Props };
    },
    async update(type: string, name: string, id: string, olds: Props, news: Props) {
      const res = await call<pb.UpdateResponse>("update", new pb.UpdateRequest().setUrn(urn(type, name)).setId(id).setOlds(struct(olds)).setNews(struct(news)));
      return (res.getProperties()?.toJavaScript() ?? {}) as Props;
    },
    async delete(type: string, name: string, id: string, props: Props) {
      await call<Empty>("delete", new pb.DeleteRequest().setUrn(urn(type, name)).setId(id).setProperties(struct(props)));
    },
  };
}

describe("pulumi-resource-clarifai over gRPC", () => {
  let emuA: RunningEmulator;
  let emuB: RunningEmulator;
  let servers: { stop: () => void }[] = [];
  let a: ReturnType<typeof connect>;
  let b: ReturnType<typeof connect>;
  const logged: string[] = [];
  const realLog = console.log;

  beforeAll(async () => {
    process.env.PULUMI_CLARIFAI_POLL_MS = "20";
    resetPreflight();
    console.log = (...args: unknown[]) => logged.push(args.join(" "));
    emuA = await startEmulator({ tokens: [PAT_A, "cluster-key-abcdef"], userId: "user-a" });
    emuB = await startEmulator({ tokens: [PAT_B], userId: "user-b" });
    const sa = await serve();
    const sb = await serve();
    servers = [sa, sb];
    a = connect(sa.port);
    b = connect(sb.port);
    // An explicit provider (arguments, PAT as a secret) and a default provider (stack config variables).
    const ra = await a.configure({ pat: secret(PAT_A), apiBase: emuA.url, userId: "user-a" });
    expect(ra.getAcceptsecrets()).toBe(true);
    await b.configure({}, { "clarifai:config:pat": PAT_B, "clarifai:config:apiBase": emuB.url, "clarifai:config:userId": "user-b" });
  });
  afterAll(async () => {
    console.log = realLog;
    a?.close();
    b?.close();
    servers.forEach((s) => s.stop());
    await emuA?.close();
    await emuB?.close();
    // The PAT never reaches a log line.
    expect(logged.join("\n")).not.toMatch(/native-pat-/);
  });

  it("serves schema.json and the package version", async () => {
    const schema = JSON.parse((await a.call<pb.GetSchemaResponse>("getSchema", new pb.GetSchemaRequest())).getSchema());
    expect(Object.keys(schema.resources)).toEqual(["clarifai:index:ComputeCluster", "clarifai:index:Nodepool", "clarifai:index:Deployment"]);
    expect((await a.call<plugin.PluginInfo>("getPluginInfo", new Empty())).getVersion()).toBe(schema.version);
  });

  it("checks provider config: the PAT comes back secret, bad values are named", async () => {
    const ok = await a.call<pb.CheckResponse>("checkConfig", new pb.CheckRequest().setUrn("urn:pulumi:dev::p::pulumi:providers:clarifai::a").setNews(struct({ pat: PAT_A, apiBase: emuA.url })));
    expect(ok.getInputs()?.toJavaScript()).toEqual({ pat: secret(PAT_A), apiBase: emuA.url });
    expect(ok.getFailuresList()).toEqual([]);
    const bad = await a.call<pb.CheckResponse>("checkConfig", new pb.CheckRequest().setNews(struct({ requestTimeoutSeconds: "soon", apiBase: "api.clarifai.com" })));
    expect(bad.getFailuresList().map((f) => f.getReason())).toEqual([
      'clarifai provider: requestTimeoutSeconds: "soon" is not a positive number of seconds',
      'clarifai provider: apiBase: "api.clarifai.com" is not an http(s) URL, e.g. https://api.clarifai.com',
    ]);
    const diff = await a.call<pb.DiffResponse>("diffConfig", new pb.DiffRequest().setOlds(struct({ pat: PAT_A })).setNews(struct({ pat: secret(PAT_B) })));
    expect(diff.getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_SOME);
    expect(diff.getReplacesList()).toEqual([]);
  });

  it("runs each instance with its own account: same ids, two users, no crossing", async () => {
    const args = { computeClusterId: "shared-id", cloudProvider: "aws", region: "us-east-1" };
    const ca = await a.check("ComputeCluster", "c", args);
    const cb = await b.check("ComputeCluster", "c", args);
    expect(ca.failures).toEqual([]);
    const [ra, rb] = await Promise.all([a.create("ComputeCluster", "c", ca.inputs), b.create("ComputeCluster", "c", cb.inputs)]);
    expect([ra.id, ra.outs.userId, rb.id, rb.outs.userId]).toEqual(["shared-id", "user-a", "shared-id", "user-b"]);
    expect(emuA.state().compute_clusters.map((c) => c.id)).toEqual(["shared-id"]);
    expect(emuB.state().compute_clusters.map((c) => c.id)).toEqual(["shared-id"]);
  });

  it("check fills defaults, auto-names from the URN's name, keeps secrets secret and names bad input", async () => {
    const { inputs, failures } = await a.check("ComputeCluster", "gpu-cluster", { cloudProvider: "aws", region: "us-east-1", key: secret("cluster-key-123456") });
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ clusterType: "dedicated", managedBy: "clarifai", visibility: "private", __logicalName: "gpu-cluster", __autoNamed: true, key: secret("cluster-key-123456") });
    expect(inputs.computeClusterId).toMatch(/^gpu-cluster-[0-9a-f]{7}$/);
    const again = await a.check("ComputeCluster", "gpu-cluster", { cloudProvider: "aws", region: "us-east-1" }, inputs);
    expect(again.inputs.computeClusterId).toBe(inputs.computeClusterId);

    const bad = await a.check("Nodepool", "np", { computeClusterId: "shared-id", nodepoolId: "np", instanceTypes: ["t3a.large"], minInstances: 3, maxInstances: 1 });
    expect(bad.failures).toEqual(['Nodepool "np": minInstances: 3 is above maxInstances (1); the autoscaling range needs minInstances ≤ maxInstances']);
  });

  it("check failures reach the engine without a property, so it prints the reason alone, never `value {<nil>}`", async () => {
    const model = { userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: "aa11bb22" };
    const res = await a.call<pb.CheckResponse>("check", new pb.CheckRequest().setUrn(urn("Deployment", "dep")).setName("dep").setType("clarifai:index:Deployment").setNews(struct({ model, nodepools: ["no-slash"] })));
    expect(res.getFailuresList().map((f) => [f.getProperty(), f.getReason()])).toEqual([["", expect.stringMatching(/^Deployment "dep": nodepools\[0\]: "no-slash" is not allowed/)]]);
    const config = await a.call<pb.CheckResponse>("checkConfig", new pb.CheckRequest().setNews(struct({ apiBase: "api.clarifai.com" })));
    expect(config.getFailuresList().map((f) => [f.getProperty(), f.getReason()])).toEqual([["", 'clarifai provider: apiBase: "api.clarifai.com" is not an http(s) URL, e.g. https://api.clarifai.com']]);
  });

  it("diff answers with a detailed diff: in-place updates, replacements, delete-first for a kept id", async () => {
    const { inputs } = await a.check("Nodepool", "np", { computeClusterId: "shared-id", nodepoolId: "np", instanceTypes: ["t3a.large"], maxInstances: 2 });
    const { id, outs } = await a.create("Nodepool", "np", inputs);
    expect(id).toBe("shared-id/np");

    const same = await a.diff("Nodepool", "np", id, outs, inputs);
    expect(same.getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_NONE);

    const K = pb.PropertyDiff.Kind;
    const grown = await a.diff("Nodepool", "np", id, outs, { ...inputs, maxInstances: 4, description: "bigger" });
    expect(grown.getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_SOME);
    expect(grown.getHasdetaileddiff()).toBe(true);
    expect(grown.getDiffsList().sort()).toEqual(["description", "maxInstances"]);
    expect(grown.getDiffsList().map((k) => grown.getDetaileddiffMap().get(k)?.getKind())).toEqual([K.UPDATE, K.UPDATE]);
    expect(grown.getReplacesList()).toEqual([]);

    const moved = await a.diff("Nodepool", "np", id, outs, { ...inputs, instanceTypes: ["g5.xlarge"] });
    expect(moved.getReplacesList()).toEqual(["instanceTypes"]);
    expect(moved.getDeletebeforereplace()).toBe(true);
    expect(moved.getDetaileddiffMap().get("instanceTypes")?.getKind()).toBe(K.UPDATE_REPLACE);
    expect(moved.getStablesList()).toEqual(expect.arrayContaining(["computeClusterId", "nodepoolId"]));

    const updated = await a.update("Nodepool", "np", id, outs, { ...inputs, maxInstances: 4 });
    expect(updated.maxInstances).toBe(4);
    expect(emuA.state().nodepools.find((n) => n.id === "np")?.max_instances).toBe(4);
  });

  it("imports with only an id: read returns inputs that check and diff then find unchanged", async () => {
    // Created out of band, in account B only.
    const { inputs } = await b.check("Nodepool", "made-elsewhere", { computeClusterId: "shared-id", nodepoolId: "oob", instanceTypes: ["t3a.large"], maxInstances: 3, description: "by hand" });
    await b.create("Nodepool", "made-elsewhere", inputs);
    await expect(a.read("Nodepool", "imported", "shared-id/oob")).resolves.toEqual({ id: "", props: {}, inputs: {} });

    const got = await b.read("Nodepool", "imported", "shared-id/oob");
    expect(got.id).toBe("shared-id/oob");
    expect(got.inputs).toEqual({
      computeClusterId: "shared-id",
      nodepoolId: "oob",
      description: "by hand",
      instanceTypes: ["t3a.large"],
      minInstances: 0,
      maxInstances: 3,
      capacity: "onDemand",
      visibility: "private",
    });
    const checked = await b.check("Nodepool", "imported", got.inputs, got.inputs);
    expect(checked.failures).toEqual([]);
    const diff = await b.diff("Nodepool", "imported", got.id, got.props, checked.inputs);
    expect(diff.getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_NONE);

    for (const [type, id] of [["ComputeCluster", "shared-id"]] as const) {
      const r = await b.read(type, "imported-cluster", id);
      expect(r.inputs).toMatchObject({ computeClusterId: "shared-id", cloudProvider: "aws", region: "us-east-1" });
    }
  });

  it("customTimeouts bound the readiness wait; the partial record keeps the program's readyTimeoutSeconds", async () => {
    emuA.setReadiness({ deploymentReadyAfterMs: 60_000 });
    try {
      const { inputs, failures } = await a.check("Deployment", "slow", {
        deploymentId: "slow",
        // A CPU model: the nodepool is t3a.large, where the GPU model of the docs does not fit (fit check, issue 26).
        model: { userId: "clarifai", appId: "main", modelId: "apparel-clusterering", versionId: "cc911f6b0ed748efb89e3d1359c146c4" },
        nodepools: ["shared-id/np"],
        autoscale: { minReplicas: 1, maxReplicas: 1 },
      });
      expect(failures).toEqual([]);
      expect(inputs.readyTimeoutSeconds).toBe(1200);
      const started = Date.now();
      const err = (await a.create("Deployment", "slow", inputs, 1).catch((e: unknown) => e)) as grpc.ServiceError;
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(err.details).toMatch(/^Deployment "slow": not ready after 1s \(readyTimeoutSeconds 1\)/);
      const st = Status.deserializeBinary(err.metadata.get("grpc-status-details-bin")[0] as Buffer);
      const detail = pb.ErrorResourceInitFailed.deserializeBinary(st.getDetailsList()[0].getValue_asU8());
      expect(detail.getId()).toBe("slow");
      expect(detail.getProperties()?.toJavaScript()).toMatchObject({ deploymentId: "slow", readyTimeoutSeconds: 1200 });
    } finally {
      emuA.setReadiness({});
    }
    const done = await a.update("Deployment", "slow", "slow", {}, (await a.read("Deployment", "slow", "slow")).inputs);
    expect(done.ready).toBe(true);
  });

  it("keeps a secret input secret in the outputs, and reads a vanished object as gone", async () => {
    const { inputs } = await a.check("ComputeCluster", "keyed", { computeClusterId: "keyed", cloudProvider: "aws", region: "us-east-1", key: secret("cluster-key-abcdef") });
    const { id, outs } = await a.create("ComputeCluster", "keyed", inputs);
    expect(outs.key).toEqual(secret("cluster-key-abcdef"));
    const refreshed = await a.read("ComputeCluster", "keyed", id, outs);
    expect(refreshed.props.key).toEqual(secret("cluster-key-abcdef"));
    await a.delete("ComputeCluster", "keyed", id, outs);
    expect(emuA.state().compute_clusters.map((c) => c.id)).not.toContain("keyed");
    await expect(a.read("ComputeCluster", "keyed", id, outs)).resolves.toMatchObject({ id: "" });
  });

  it("serves the look-ups as functions (Invoke), with the instance's account, and names bad arguments", async () => {
    const invoke = (tok: string, args: object) => a.call<pb.InvokeResponse>("invoke", new pb.InvokeRequest().setTok(tok).setArgs(struct(args)));
    const providers = (await invoke("clarifai:index:getCloudProviders", {})).getReturn()!.toJavaScript() as { cloudProviders: { id: string }[] };
    expect(providers.cloudProviders.map((p) => p.id)).toEqual(expect.arrayContaining(["aws", "gcp"]));
    expect((await invoke("clarifai:index:getRegions", { cloudProvider: "gcp" })).getReturn()!.toJavaScript()).toEqual({ regions: ["us-east4", "us-central1"] });
    const gpus = (await invoke("clarifai:index:getInstanceTypes", { cloudProvider: "aws", region: "us-east-1", acceleratorType: "a10g", capacity: "spot" })).getReturn()!.toJavaScript() as {
      instanceTypes: { id: string; acceleratorMemoryGiB: number }[];
    };
    expect(gpus.instanceTypes.map((t) => t.id)).toEqual(expect.arrayContaining(["g5.xlarge", "g5.2xlarge"]));
    expect(gpus.instanceTypes[0].acceleratorMemoryGiB).toBeGreaterThan(20);
    const bad = await invoke("clarifai:index:getInstanceTypes", { cloudProvider: "aws", region: "us-east-1", capacity: "cheap" });
    expect(bad.getFailuresList().map((f) => f.getReason())).toEqual(['clarifai:index:getInstanceTypes: capacity: "cheap" is not allowed; use one of: onDemand, spot']);
    // Arguments are checked against the function's inputs in schema.json: required, types, enums.
    const missing = await invoke("clarifai:index:getRegions", {});
    expect(missing.getFailuresList().map((f) => f.getReason())).toEqual(["clarifai:index:getRegions: cloudProvider: is required"]);
    const empty = await invoke("clarifai:index:getRegions", { cloudProvider: "" });
    expect(empty.getFailuresList().map((f) => f.getReason())).toEqual(['clarifai:index:getRegions: cloudProvider: "" is shorter than 1 characters']);
    const typed = await invoke("clarifai:index:getInstanceTypes", { cloudProvider: "aws", region: "us-east-1", minAccelerators: "two" });
    expect(typed.getFailuresList().map((f) => f.getReason())).toEqual(['clarifai:index:getInstanceTypes: minAccelerators: "two" is not a whole number']);
    expect(emuA.requests().requests.filter((r) => r.rpc === "ListInstanceTypes").length).toBeGreaterThanOrEqual(1); // account A's emulator
  });

  it("rejects types it does not serve, by name", async () => {
    await expect(a.check("Model" as string, "m", {})).rejects.toMatchObject({
      details: 'pulumi-resource-clarifai: unknown resource type "clarifai:index:Model"; this provider serves clarifai:index:ComputeCluster, clarifai:index:Nodepool, clarifai:index:Deployment',
    });
  });
});
