// The native provider plugin `pulumi-resource-clarifai`: Pulumi's ResourceProvider gRPC service,
// served directly with @grpc/grpc-js and the stubs in @pulumi/pulumi/proto, around the very CRUD
// providers the dynamic resources use (provider/resources). Only the wire differs from the dynamic
// host; check, diff, create, read, update and delete are the same code.
//
// Why not `@pulumi/pulumi`'s `provider.main`: at 3.248.0 its server crashes on `pulumi import` (a
// ReadRequest without properties), drops Configure's request (provider config never reaches the
// implementation, so explicit providers cannot work), forwards no detailedDiff and no stables, and
// does not pass old inputs to read (pulumi.md §6.1, §7).
//
// What the plugin adds over the dynamic host: per-instance configuration (explicit providers, several
// accounts in one stack), `pulumi import` (Read with only an id), a detailed diff, customTimeouts as a
// bound on the readiness wait, the schema (GetSchema), and secrets handled in the provider itself
// (acceptSecrets): secret inputs stay secret in outputs, the PAT is marked secret in provider inputs.
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import type { JavaScriptValue, Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Settings, client, fromConfig, withSettings } from "../settings/config";
import * as lookups from "../lookups/lookups";
import { NAME, Props, clean } from "../resources/definition";
import { forEngine } from "../resources/check";
import { changedKeys } from "../resources/diff";
import { OWNER, ownerTokenOfUrn } from "../model/owner";
import { providers } from "../resources/registry";
import type { ClarifaiClient } from "../client";
import { FunctionArgsOf, FunctionToken, functionTokens } from "../model/model.generated";
import { ResourceKind, resourceSpec, schema, validateFunctionArgs } from "../model/schema";
import { forResource } from "./engineLog";
import { any, empty, grpc, plugin, provider as pb, providerService, status, struct } from "./rpc";
import { isPartialFailure, open, seal } from "./wire";
import { isKeyOf } from "../model/unknowns";

const IMPLS = providers;

/** The input whose value bounds the readiness wait; customTimeouts narrow it (Deployment only today). */
const WAIT = "readyTimeoutSeconds";

const toJs = (s: Struct | undefined): Props => (s ? s.toJavaScript() : {});

/** A property bag as a Struct: the engine cannot carry `undefined` inside structs ("Unexpected struct type"), so it is dropped everywhere. */
function toStruct(p: Props): Struct {
  const fields: Record<string, JavaScriptValue> = {};
  for (const [k, v] of Object.entries(clean(p))) if (v !== undefined) fields[k] = v;
  return struct.Struct.fromJavaScript(fields);
}

/**
 * schema.json as the engine and the language hosts see it. Explicit providers
 * (`pulumi:providers:clarifai`, `new clarifai.Provider(...)`) take the provider config keys as their
 * arguments: the provider resource is derived from `config.variables` here, so the keys are declared once.
 */
export function servedSchema(): object {
  const s = schema();
  const variables = s.config.variables;
  return {
    ...s,
    provider: {
      description: "The Clarifai provider. Each explicit instance has its own credentials and account, so one stack can manage several accounts.",
      inputProperties: variables,
      properties: variables,
      ...s.provider,
    },
  };
}

/** "urn:pulumi:stack::project::clarifai:index:Nodepool::pool" → the type token and the name. */
function parseUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const types = (parts[2] ?? "").split("$");
  return { type: types[types.length - 1], name: parts.slice(3).join("::") };
}

function kindOf(type: string): ResourceKind {
  const kind = type.replace(/^clarifai:index:/, "");
  if (!type.startsWith("clarifai:index:") || !isKeyOf(IMPLS, kind)) {
    const known = Object.keys(IMPLS).map((k) => `clarifai:index:${k}`).join(", ");
    throw new Error(`pulumi-resource-clarifai: unknown resource type "${type}"; this provider serves ${known}`);
  }
  return kind;
}

/** Keys schema.json marks secret, as inputs or outputs of `kind`. */
function schemaSecrets(kind: ResourceKind): string[] {
  const spec = resourceSpec(kind);
  return [...Object.entries(spec.inputProperties), ...Object.entries(spec.properties)].filter(([, p]) => p.secret).map(([k]) => k);
}

/** `inputs` with the readiness wait capped by the operation's customTimeout (seconds, 0 = none). */
function bounded(kind: ResourceKind, inputs: Props, timeoutSeconds: number): Props {
  if (!(timeoutSeconds > 0) || !(WAIT in resourceSpec(kind).inputProperties)) return inputs;
  const asked = inputs[WAIT];
  const own = typeof asked === "number" ? asked : Infinity;
  return { ...inputs, [WAIT]: Math.max(1, Math.floor(Math.min(own, timeoutSeconds))) };
}

/** Outputs carry the program's own readiness timeout, not the narrowed one. */
function unbounded(outs: Props, inputs: Props): Props {
  if (!(WAIT in outs)) return outs;
  const out = { ...outs };
  if (inputs[WAIT] === undefined) delete out[WAIT];
  else out[WAIT] = inputs[WAIT];
  return out;
}

type Call<Req> = grpcTypes.ServerUnaryCall<Req, unknown>;
type Reply = grpcTypes.sendUnaryData<unknown>;

/** The engine's shape of a failed call; an error carrying `id` becomes a partial-failure record. */
function toServiceError(e: unknown, secretKeys: Iterable<string> = []): Partial<grpcTypes.StatusObject> & { message: string } {
  const message = e instanceof Error ? e.message : String(e);
  const metadata = new grpc.Metadata();
  if (isPartialFailure(e)) {
    const detail = new pb.ErrorResourceInitFailed();
    detail.setId(e.id);
    detail.setProperties(toStruct(seal(e.properties ?? {}, secretKeys)));
    detail.setReasonsList(e.reasons ?? [message]);
    const packed = new any.Any();
    packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const st = new status.Status();
    st.setCode(grpc.status.UNKNOWN);
    st.setMessage(message);
    st.addDetails(packed);
    // grpc-js has no API for rich error details: the Go side reads them from this trailer.
    metadata.add("grpc-status-details-bin", Buffer.from(st.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, message, metadata };
}

/**
 * Each function of schema.json and what answers it (a function without an entry is a compile error).
 * `args` are validated against the function's inputs before they get here.
 */
const FUNCTIONS: { readonly [T in FunctionToken]: (c: ClarifaiClient, args: FunctionArgsOf[T]) => Promise<Props> } = {
  "clarifai:index:getCloudProviders": async (c) => ({ cloudProviders: await lookups.getCloudProviders(c) }),
  "clarifai:index:getRegions": async (c, args) => ({ regions: (await lookups.getRegions(c, args)).map((r) => r.id) }),
  "clarifai:index:getInstanceTypes": async (c, args) => ({ instanceTypes: await lookups.getInstanceTypes(c, args) }),
};
const isFunction = (tok: string): tok is FunctionToken => isKeyOf(FUNCTIONS, tok);

/** One provider instance: its own configuration, applied to every call it serves. */
export class ClarifaiProviderServer {
  private settings: Settings = {};

  /** The gRPC handlers, by method name of pulumirpc.ResourceProvider. */
  handlers(): grpcTypes.UntypedServiceImplementation {
    const unary =
      <Req>(fn: (req: Req) => Promise<unknown>, secretsOf?: (req: Req) => Iterable<string>) =>
      (call: Call<Req>, cb: Reply) => {
        fn(call.request).then(
          (res) => cb(null, res),
          (e) => cb(toServiceError(e, secretsOf?.(call.request))),
        );
      };
    const unimplemented = (what: string) => (_call: unknown, cb: Reply) =>
      cb({ code: grpc.status.UNIMPLEMENTED, details: `${what} is not implemented by pulumi-resource-clarifai` });
    const createSecrets = (req: providerPb.CreateRequest) => this.secretKeys(req.getUrn(), req.getProperties());
    const updateSecrets = (req: providerPb.UpdateRequest) => this.secretKeys(req.getUrn(), req.getNews());
    return {
      getPluginInfo: unary(async () => new plugin.PluginInfo().setVersion(schema().version)),
      getSchema: unary(async () => new pb.GetSchemaResponse().setSchema(JSON.stringify(servedSchema()))),
      checkConfig: unary((req: providerPb.CheckRequest) => this.checkConfig(req)),
      diffConfig: unary((req: providerPb.DiffRequest) => this.diffConfig(req)),
      configure: unary((req: providerPb.ConfigureRequest) => this.configure(req)),
      check: unary((req: providerPb.CheckRequest) => this.check(req)),
      diff: unary((req: providerPb.DiffRequest) => this.diff(req)),
      create: unary((req: providerPb.CreateRequest) => this.create(req), createSecrets),
      read: unary((req: providerPb.ReadRequest) => this.read(req)),
      update: unary((req: providerPb.UpdateRequest) => this.update(req), updateSecrets),
      delete: unary((req: providerPb.DeleteRequest) => this.delete(req)),
      // In-flight calls finish on their own deadlines; there is nothing to stop early.
      cancel: unary(async () => new empty.Empty()),
      handshake: unimplemented("Handshake"),
      parameterize: unimplemented("Parameterize"),
      invoke: unary((req: providerPb.InvokeRequest) => this.invoke(req)),
      call: unimplemented("Call"),
      construct: unimplemented("Construct (this provider has no components)"),
      list: unimplemented("List"),
      attach: unimplemented("Attach"),
      getMapping: unimplemented("GetMapping"),
      getMappings: unimplemented("GetMappings"),
    };
  }

  /** Runs one resource call with this instance's settings and its console output tied to `urn`. */
  private run<T>(urn: string, fn: () => Promise<T>): Promise<T> {
    return withSettings(this.settings, () => forResource(urn, fn));
  }

  private secretKeys(urn: string, props: Struct | undefined): Set<string> {
    const keys = open(toJs(props)).secretKeys;
    for (const k of schemaSecrets(kindOf(parseUrn(urn).type))) keys.add(k);
    return keys;
  }

  // ---- provider configuration ------------------------------------------------------------------

  /** Config keys and their checks; secret keys come back sealed so the engine stores them encrypted. */
  private async checkConfig(req: providerPb.CheckRequest) {
    const { props, secretKeys } = open(toJs(req.getNews()));
    const variables = schema().config.variables;
    const failures: providerPb.CheckFailure[] = [];
    // No property on the failure: the reason names it (see forEngine).
    const fail = (property: string, reason: string) => failures.push(new pb.CheckFailure().setReason(`clarifai provider: ${property}: ${reason}`));
    const s = fromConfig((k) => props[k]);
    if (props.requestTimeoutSeconds !== undefined && props.requestTimeoutSeconds !== "" && s.requestTimeoutSeconds === undefined) {
      fail("requestTimeoutSeconds", `${JSON.stringify(props.requestTimeoutSeconds)} is not a positive number of seconds`);
    }
    if (props.maxConcurrency !== undefined && props.maxConcurrency !== "" && s.maxConcurrency === undefined) {
      fail("maxConcurrency", `${JSON.stringify(props.maxConcurrency)} is not a whole number of requests ≥ 1`);
    }
    if (s.apiBase !== undefined && !/^https?:\/\/[^\s/]+/.test(s.apiBase)) {
      fail("apiBase", `${JSON.stringify(s.apiBase)} is not an http(s) URL, e.g. https://api.clarifai.com`);
    }
    for (const [k, v] of Object.entries(variables)) if (v.secret) secretKeys.add(k);
    return new pb.CheckResponse().setInputs(toStruct(seal(props, secretKeys))).setFailuresList(failures);
  }

  /** A configuration change updates the provider in place: it never replaces the resources it manages. */
  private async diffConfig(req: providerPb.DiffRequest) {
    const olds = open(toJs(req.getOldInputs() ?? req.getOlds())).props;
    const news = open(toJs(req.getNews())).props;
    const changed = Object.keys(schema().config.variables).filter((k) => String(olds[k] ?? "") !== String(news[k] ?? ""));
    return new pb.DiffResponse()
      .setChanges(changed.length ? pb.DiffResponse.DiffChanges.DIFF_SOME : pb.DiffResponse.DiffChanges.DIFF_NONE)
      .setDiffsList(changed);
  }

  /** Explicit providers send their arguments in `args`; the default provider gets the stack's clarifai:* config. */
  private async configure(req: providerPb.ConfigureRequest) {
    const args = open(toJs(req.getArgs())).props;
    const variables = req.getVariablesMap();
    this.settings = fromConfig((k) => args[k] ?? variables.get(`clarifai:config:${k}`));
    return new pb.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false).setAcceptresources(false).setAcceptoutputs(false);
  }

  // ---- resources -------------------------------------------------------------------------------

  /** The catalogue look-ups (schema.json `functions`), with this instance's credentials. */
  private async invoke(req: providerPb.InvokeRequest) {
    const tok = req.getTok();
    if (!isFunction(tok)) throw new Error(`unknown function ${tok}; this provider has ${functionTokens.join(", ")}`);
    return this.invokeFunction(tok, open(toJs(req.getArgs())).props);
  }

  private async invokeFunction<T extends FunctionToken>(tok: T, raw: Props) {
    // Arguments are checked against the function's inputs in schema.json, as resource inputs are.
    const { args, failures } = validateFunctionArgs(tok, raw);
    if (args === undefined) {
      return new pb.InvokeResponse().setFailuresList(failures.map((f) => new pb.CheckFailure().setProperty(f.property).setReason(`${tok}: ${f.property}: ${f.reason}`)));
    }
    return withSettings(this.settings, async () => new pb.InvokeResponse().setReturn(toStruct(await FUNCTIONS[tok](client(), args))));
  }

  private async check(req: providerPb.CheckRequest) {
    const urn = req.getUrn();
    const { type, name } = parseUrn(urn);
    const kind = kindOf(req.getType() || type);
    const olds = open(toJs(req.getOlds()));
    const news = open(toJs(req.getNews()));
    // Auto-naming and the ownership marker work from the logical name and the owner token, which the
    // SDK classes pass as hidden inputs and the plugin takes from the URN.
    const hidden = { [NAME]: req.getName() || name, [OWNER]: ownerTokenOfUrn(urn, kind) };
    const res = await this.run(urn, () => IMPLS[kind].check(olds.props, { ...news.props, ...hidden }));
    const secrets = new Set([...news.secretKeys, ...schemaSecrets(kind)]);
    return new pb.CheckResponse()
      .setInputs(toStruct(seal(res.inputs ?? {}, secrets)))
      .setFailuresList(forEngine(res.failures).map((f) => new pb.CheckFailure().setProperty(f.property).setReason(f.reason)));
  }

  private async diff(req: providerPb.DiffRequest) {
    const urn = req.getUrn();
    const kind = kindOf(req.getType() || parseUrn(urn).type);
    const olds = open(toJs(req.getOlds())).props;
    const news = open(toJs(req.getNews())).props;
    const res = await this.run(urn, () => IMPLS[kind].diff(req.getId(), olds, news));
    const changed = res.changes ? changedKeys(kind, olds, news) : [];
    const replaces = res.replaces ?? [];
    const K = pb.PropertyDiff.Kind;
    const out = new pb.DiffResponse()
      .setChanges(res.changes ? pb.DiffResponse.DiffChanges.DIFF_SOME : pb.DiffResponse.DiffChanges.DIFF_NONE)
      .setReplacesList(replaces)
      .setStablesList(res.stables ?? [])
      .setDeletebeforereplace(!!res.deleteBeforeReplace)
      .setDiffsList(changed)
      .setHasdetaileddiff(true);
    const detailed = out.getDetaileddiffMap();
    for (const k of changed) {
      const replace = replaces.includes(k);
      const kindOfChange = olds[k] === undefined ? (replace ? K.ADD_REPLACE : K.ADD) : news[k] === undefined ? (replace ? K.DELETE_REPLACE : K.DELETE) : replace ? K.UPDATE_REPLACE : K.UPDATE;
      // Compared against the stored outputs (which hold every input field), as the dynamic provider does.
      detailed.set(k, new pb.PropertyDiff().setKind(kindOfChange).setInputdiff(false));
    }
    return out;
  }

  private async create(req: providerPb.CreateRequest) {
    const urn = req.getUrn();
    const kind = kindOf(req.getType() || parseUrn(urn).type);
    const inputs = open(toJs(req.getProperties()));
    const secrets = this.secretKeys(urn, req.getProperties());
    try {
      const res = await this.run(urn, () => IMPLS[kind].create(bounded(kind, inputs.props, req.getTimeout())));
      return new pb.CreateResponse().setId(res.id).setProperties(toStruct(seal(unbounded(res.outs ?? {}, inputs.props), secrets)));
    } catch (e) {
      throw restoreWait(e, inputs.props);
    }
  }

  private async read(req: providerPb.ReadRequest) {
    const urn = req.getUrn();
    const kind = kindOf(req.getType() || parseUrn(urn).type);
    // `pulumi import` sends only the id; refresh sends the stored outputs too.
    const props = open(toJs(req.getProperties()));
    const oldInputs = open(toJs(req.getInputs()));
    const res = await this.run(urn, () => IMPLS[kind].read(req.getId(), props.props));
    if (!res.id) return new pb.ReadResponse(); // gone: the engine drops it from the state
    const secrets = new Set([...props.secretKeys, ...oldInputs.secretKeys, ...schemaSecrets(kind)]);
    const out = new pb.ReadResponse().setId(res.id).setProperties(toStruct(seal(res.props ?? {}, secrets)));
    if (res.inputs) out.setInputs(toStruct(seal(res.inputs, secrets)));
    return out;
  }

  private async update(req: providerPb.UpdateRequest) {
    const urn = req.getUrn();
    const kind = kindOf(req.getType() || parseUrn(urn).type);
    const olds = open(toJs(req.getOlds())).props;
    const news = open(toJs(req.getNews()));
    const secrets = this.secretKeys(urn, req.getNews());
    try {
      const res = await this.run(urn, () => IMPLS[kind].update(req.getId(), olds, bounded(kind, news.props, req.getTimeout())));
      return new pb.UpdateResponse().setProperties(toStruct(seal(unbounded(res.outs ?? {}, news.props), secrets)));
    } catch (e) {
      throw restoreWait(e, news.props);
    }
  }

  private async delete(req: providerPb.DeleteRequest) {
    const urn = req.getUrn();
    const kind = kindOf(req.getType() || parseUrn(urn).type);
    await this.run(urn, () => IMPLS[kind].delete(req.getId(), open(toJs(req.getProperties())).props));
    return new empty.Empty();
  }
}

/** A partial record keeps the program's readiness timeout too. */
function restoreWait(e: unknown, inputs: Props): unknown {
  if (isPartialFailure(e) && e.properties) e.properties = unbounded(e.properties, inputs);
  return e;
}

/** Starts one provider server on a free local port; resolves with the port and a stop function. */
export async function serve(): Promise<{ port: number; stop: () => void }> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 1 << 30, "grpc.max_send_message_length": 1 << 30 });
  server.addService(providerService, new ClarifaiProviderServer().handlers());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { port, stop: () => server.forceShutdown() };
}
