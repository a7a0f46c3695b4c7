/**
 * ClarifaiClient: typed methods for every Compute Orchestration call. Each method builds a path and
 * a wire body, and hands them to the pipeline (http.ts); conversion is in convert.ts.
 *
 * Contracts every method keeps:
 * - `get*` resolves undefined when the object does not exist (any *_DOES_NOT_EXIST / 404).
 * - `delete*` resolves false when the object was already gone.
 * - `list*` returns all pages.
 * - `create*` never blindly repeats a POST (see http.ts / retry.ts); on "already exists" on the first
 *   attempt it throws AlreadyExistsError so the caller can decide whether to adopt.
 * - `patch*` sends action "overwrite" with the fields named in `fields` (wire keys, the schema's
 *   `apiField`s) and the id; all mutable fields when `fields` is omitted. Clarifai's overwrite replaces
 *   the fields a request carries and keeps the others, so what the caller did not change is not written.
 * - `create*` after an uncertain POST uses the object it finds only on evidence that this create made
 *   it (ownership.ts); otherwise AlreadyExistsError, as when the id was taken from the start.
 */
import type {
  CloudProvider,
  ComputeCluster,
  ComputeClusterInput,
  Deployment,
  DeploymentFilter,
  DeploymentInput,
  InstanceType,
  ModelVersion,
  Nodepool,
  NodepoolInput,
  Runner,
} from "./domain";
import {
  cloudProviderFromWire,
  computeClusterFromWire,
  computeClusterToWire,
  deploymentFromWire,
  deploymentToWire,
  instanceTypeFromWire,
  modelVersionFromWire,
  nodepoolFromWire,
  nodepoolToWire,
  runnerFromWire,
} from "./convert";
import { AlreadyExistsError, ClarifaiError, CreateConflictError, ServerError } from "./errors";
import { type RequestSpec, type VerifyResult, Pipeline, defaultSleep } from "./http";
import { computeClusterMismatches, deploymentMismatches, nodepoolMismatches } from "./match";
import { type QueryValue, path } from "./path";
import type { RetryPolicy } from "./retry";
import { gateFor } from "./semaphore";
import { nodepoolKey } from "./ids";
import { CLOCK_SKEW_MS, type Owned, marked, notMine, unmarked } from "./ownership";
import { onlyFields } from "./patchFields";
import { type LogEntry, type LogType, type WireMultiLogEntryResponse, logEntryFromWire } from "./logEntries";
import type {
  WireMultiCloudProviderResponse,
  WireMultiCloudRegionResponse,
  WireMultiComputeClusterResponse,
  WireMultiDeploymentResponse,
  WireMultiInstanceTypeResponse,
  WireMultiNodepoolResponse,
  WireMultiRunnerResponse,
  WireSingleComputeClusterResponse,
  WireSingleDeploymentResponse,
  WireSingleModelVersionResponse,
  WireSingleNodepoolResponse,
} from "./wire";

export const DEFAULT_API_BASE = "https://api.clarifai.com";
/** Page size for list calls (the API's default and, in practice, its maximum). */
export const PER_PAGE = 128;

export interface ClientOptions {
  /** Personal Access Token. Sent as `Authorization: Key <pat>`; never logged or put in an error. */
  pat: string;
  /** User or organization id for paths. @default "me" (the PAT's owner) */
  userId?: string;
  /** @default process.env.CLARIFAI_API_BASE ?? "https://api.clarifai.com" */
  apiBase?: string;
  /** Per request (per attempt). @unit milliseconds @default 30000 */
  timeoutMs?: number;
  /** Retries for 5xx, connection errors and timeouts. Throttling has its own larger budget
   * (`retry.maxThrottleRetries`, default 30) so a rate limit slows but does not fail. @default 6 */
  maxRetries?: number;
  /** Cap on requests in flight, shared by every client in the process with the same apiBase. @default 8 */
  maxConcurrency?: number;
  /** Receives one line per attempt and per retry decision (already redacted). */
  log?: (line: string) => void;
  /** Jitter source, [0, 1). @default Math.random */
  random?: () => number;
  /** @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
  /** Fine-tuning of the backoff (base, factor, cap, throttle budget). */
  retry?: Partial<RetryPolicy>;
  /**
   * Clock skew allowed when a compute cluster found after an uncertain create is judged by its
   * `created_at` (ownership.ts). @unit milliseconds @default PULUMI_CLARIFAI_CLOCK_SKEW_MS or 30000
   */
  clockSkewMs?: number;
  /** This machine's clock (epoch ms), against which `created_at` is judged. @default Date.now */
  now?: () => number;
}

type Wrapped<K extends string, W> = { [k in K]?: W[] };

/** What a create of a nodepool or a deployment may add: the owner token its marker carries. */
export interface CreateOptions {
  /** Written as `metadata.pulumi_clarifai_owner` (ownership.ts). */
  owner?: string;
}

/** What a patch may add: the fields to write, and the owner token to keep in `metadata`. */
export interface PatchOptions extends CreateOptions {
  /** Wire keys to write (the schema's `apiField`s); the id is always sent. @default every mutable field */
  fields?: ReadonlySet<string>;
}

export class ClarifaiClient {
  readonly userId: string;
  readonly apiBase: string;
  readonly #pipeline: Pipeline;
  /** Strings that must never appear in an error or a log line: the PAT and any cluster key sent. */
  readonly #secrets: Set<string>;
  readonly #clockSkewMs: number;

  constructor(opts: ClientOptions) {
    if (typeof opts.pat !== "string" || opts.pat.trim() === "") {
      throw new TypeError("ClarifaiClient: a PAT is required (config clarifai:pat or CLARIFAI_PAT)");
    }
    if (/\s/.test(opts.pat)) throw new TypeError("ClarifaiClient: the PAT must not contain whitespace");
    this.userId = opts.userId || "me";
    this.apiBase = (opts.apiBase || process.env.CLARIFAI_API_BASE || DEFAULT_API_BASE).replace(/\/+$/, "");
    this.#secrets = new Set([opts.pat]);
    const skewEnv = process.env.PULUMI_CLARIFAI_CLOCK_SKEW_MS;
    this.#clockSkewMs = opts.clockSkewMs ?? (skewEnv && Number(skewEnv) >= 0 ? Number(skewEnv) : CLOCK_SKEW_MS);
    const retry: Partial<RetryPolicy> = { ...opts.retry };
    if (opts.maxRetries !== undefined) retry.maxRetries = opts.maxRetries;
    if (opts.random !== undefined) retry.random = opts.random;
    this.#pipeline = new Pipeline({
      pat: opts.pat,
      apiBase: this.apiBase,
      timeoutMs: opts.timeoutMs ?? 30_000,
      retry,
      gate: gateFor(this.apiBase, opts.maxConcurrency),
      log: opts.log,
      sleep: opts.sleep ?? defaultSleep,
      redact: (s) => this.redact(s),
      now: opts.now,
    });
  }

  /** Replaces every known secret in `s` with "***". */
  redact(s: string): string {
    let out = s;
    for (const secret of this.#secrets) if (secret.length >= 4) out = out.split(secret).join("***");
    return out;
  }

  // ---- compute clusters ------------------------------------------------------------------------

  private clustersPath(): string {
    return path`/v2/users/${this.userId}/compute_clusters`;
  }

  async createComputeCluster(c: ComputeClusterInput): Promise<ComputeCluster> {
    if (c.key) this.#secrets.add(c.key);
    const operation = "PostComputeClusters";
    const found = await this.#pipeline.request({
      operation,
      method: "POST",
      path: this.clustersPath(),
      resourceId: c.id,
      body: { compute_clusters: [computeClusterToWire(c)] },
      parse: (b) => first(b as WireMultiComputeClusterResponse, "compute_clusters", computeClusterFromWire),
      verify: (firstSentAt) =>
        this.verify(operation, "compute cluster", c.id, () => this.getComputeCluster(c.id), (f) => computeClusterMismatches(c, f), { firstSentAt }),
    });
    return found ?? this.mustGet(operation, () => this.getComputeCluster(c.id));
  }

  async getComputeCluster(id: string): Promise<ComputeCluster | undefined> {
    return this.orUndefined({
      operation: "GetComputeCluster",
      method: "GET",
      path: path`/v2/users/${this.userId}/compute_clusters/${id}`,
      parse: (b) => {
        const w = (b as WireSingleComputeClusterResponse).compute_cluster;
        return w ? computeClusterFromWire(w) : undefined;
      },
    });
  }

  listComputeClusters(): Promise<ComputeCluster[]> {
    return this.listAll("ListComputeClusters", this.clustersPath(), {}, (b: WireMultiComputeClusterResponse) =>
      (b.compute_clusters ?? []).map(computeClusterFromWire),
    );
  }

  async patchComputeCluster(c: ComputeClusterInput, opts: PatchOptions = {}): Promise<ComputeCluster> {
    if (c.key) this.#secrets.add(c.key);
    const operation = "PatchComputeClusters";
    const found = await this.#pipeline.request({
      operation,
      method: "PATCH",
      path: this.clustersPath(),
      body: { compute_clusters: [onlyFields(computeClusterToWire(c), opts.fields)], action: "overwrite" },
      parse: (b) => first(b as WireMultiComputeClusterResponse, "compute_clusters", computeClusterFromWire),
    });
    return found ?? this.mustGet(operation, () => this.getComputeCluster(c.id));
  }

  deleteComputeCluster(id: string): Promise<boolean> {
    return this.deleteIds("DeleteComputeClusters", this.clustersPath(), id);
  }

  // ---- nodepools -------------------------------------------------------------------------------

  private nodepoolsPath(clusterId: string): string {
    return path`/v2/users/${this.userId}/compute_clusters/${clusterId}/nodepools`;
  }

  async createNodepool(n: NodepoolInput, opts: CreateOptions = {}): Promise<Nodepool & Owned> {
    const operation = "PostNodepools";
    const found = await this.#pipeline.request({
      operation,
      method: "POST",
      path: this.nodepoolsPath(n.computeClusterId),
      resourceId: n.id,
      body: { nodepools: [{ ...nodepoolToWire(n), metadata: marked(n.metadata, opts.owner) }] },
      parse: (b) => first(b as WireMultiNodepoolResponse, "nodepools", (w) => unmarked(nodepoolFromWire(w, n.computeClusterId))),
      verify: (firstSentAt) =>
        this.verify(operation, "nodepool", nodepoolKey({ computeClusterId: n.computeClusterId, nodepoolId: n.id }), () => this.getNodepool(n.computeClusterId, n.id), (f) =>
          nodepoolMismatches(n, f),
        { firstSentAt, owner: opts.owner }),
    });
    return found ?? this.mustGet(operation, () => this.getNodepool(n.computeClusterId, n.id));
  }

  getNodepool(clusterId: string, id: string): Promise<(Nodepool & Owned) | undefined> {
    return this.orUndefined({
      operation: "GetNodepool",
      method: "GET",
      path: path`/v2/users/${this.userId}/compute_clusters/${clusterId}/nodepools/${id}`,
      parse: (b) => {
        const w = (b as WireSingleNodepoolResponse).nodepool;
        return w ? unmarked(nodepoolFromWire(w, clusterId)) : undefined;
      },
    });
  }

  /** All nodepools of one cluster, or of every cluster of the user when `clusterId` is omitted. */
  listNodepools(clusterId?: string): Promise<(Nodepool & Owned)[]> {
    const p = clusterId === undefined ? path`/v2/users/${this.userId}/nodepools` : this.nodepoolsPath(clusterId);
    return this.listAll("ListNodepools", p, {}, (b: WireMultiNodepoolResponse) =>
      (b.nodepools ?? []).map((w) => unmarked(nodepoolFromWire(w, clusterId))),
    );
  }

  async patchNodepool(n: NodepoolInput, opts: PatchOptions = {}): Promise<Nodepool & Owned> {
    const operation = "PatchNodepools";
    const wire = onlyFields(nodepoolToWire(n), opts.fields);
    // Clarifai replaces metadata wholesale: a PATCH that writes it writes the marker along.
    if (opts.fields?.has("metadata") || (opts.fields === undefined && n.metadata !== undefined)) wire.metadata = marked(n.metadata ?? {}, opts.owner);
    const found = await this.#pipeline.request({
      operation,
      method: "PATCH",
      path: this.nodepoolsPath(n.computeClusterId),
      body: { nodepools: [wire], action: "overwrite" },
      parse: (b) => first(b as WireMultiNodepoolResponse, "nodepools", (w) => unmarked(nodepoolFromWire(w, n.computeClusterId))),
    });
    return found ?? this.mustGet(operation, () => this.getNodepool(n.computeClusterId, n.id));
  }

  deleteNodepool(clusterId: string, id: string): Promise<boolean> {
    return this.deleteIds("DeleteNodepools", this.nodepoolsPath(clusterId), id);
  }

  // ---- deployments -----------------------------------------------------------------------------

  private deploymentsPath(): string {
    return path`/v2/users/${this.userId}/deployments`;
  }

  async createDeployment(d: DeploymentInput, opts: CreateOptions = {}): Promise<Deployment & Owned> {
    const operation = "PostDeployments";
    const found = await this.#pipeline.request({
      operation,
      method: "POST",
      path: this.deploymentsPath(),
      resourceId: d.id,
      body: { deployments: [{ ...deploymentToWire(d, "create"), metadata: marked(d.metadata, opts.owner) }] },
      parse: (b) => first(b as WireMultiDeploymentResponse, "deployments", deploymentFromOwnWire),
      verify: (firstSentAt) =>
        this.verify(operation, "deployment", d.id, () => this.getDeployment(d.id), (f) => deploymentMismatches(d, f), { firstSentAt, owner: opts.owner }),
    });
    return found ?? this.mustGet(operation, () => this.getDeployment(d.id));
  }

  getDeployment(id: string): Promise<(Deployment & Owned) | undefined> {
    return this.orUndefined({
      operation: "GetDeployment",
      method: "GET",
      path: path`/v2/users/${this.userId}/deployments/${id}`,
      parse: (b) => {
        const w = (b as WireSingleDeploymentResponse).deployment;
        return w ? deploymentFromOwnWire(w) : undefined;
      },
    });
  }

  listDeployments(filter: DeploymentFilter = {}): Promise<(Deployment & Owned)[]> {
    return this.listAll(
      "ListDeployments",
      this.deploymentsPath(),
      {
        nodepool_id: filter.nodepoolId,
        compute_cluster_id: filter.computeClusterId,
        model_version_ids: filter.modelVersionIds,
      },
      (b: WireMultiDeploymentResponse) => (b.deployments ?? []).map(deploymentFromOwnWire),
    );
  }

  async patchDeployment(d: DeploymentInput, opts: PatchOptions = {}): Promise<Deployment & Owned> {
    const operation = "PatchDeployments";
    const wire = onlyFields(deploymentToWire(d, "patch"), opts.fields);
    if (wire.metadata !== undefined) wire.metadata = marked(wire.metadata, opts.owner);
    const found = await this.#pipeline.request({
      operation,
      method: "PATCH",
      path: this.deploymentsPath(),
      body: { deployments: [wire], action: "overwrite" },
      parse: (b) => first(b as WireMultiDeploymentResponse, "deployments", deploymentFromOwnWire),
    });
    return found ?? this.mustGet(operation, () => this.getDeployment(d.id));
  }

  deleteDeployment(id: string): Promise<boolean> {
    return this.deleteIds("DeleteDeployments", this.deploymentsPath(), id);
  }

  // ---- lookups and runners ---------------------------------------------------------------------

  listCloudProviders(): Promise<CloudProvider[]> {
    return this.#pipeline.request({
      operation: "ListCloudProviders",
      method: "GET",
      path: "/v2/cloud_providers",
      parse: (b) => ((b as WireMultiCloudProviderResponse).cloud_providers ?? []).map(cloudProviderFromWire),
    });
  }

  /** Region ids; reads 11.x `regions` and falls back to 12.x `cloud_regions`. */
  listCloudRegions(cloudProvider: string): Promise<string[]> {
    return this.#pipeline.request({
      operation: "ListCloudRegions",
      method: "GET",
      path: path`/v2/cloud_providers/${cloudProvider}/regions`,
      parse: (b) => {
        const r = b as WireMultiCloudRegionResponse;
        if (r.regions && r.regions.length > 0) return r.regions;
        return (r.cloud_regions ?? []).map((c) => c.id ?? "").filter((id) => id !== "");
      },
    });
  }

  /** A model version (any user's: models are shared across accounts); undefined when it does not exist. */
  getModelVersion(userId: string, appId: string, modelId: string, versionId: string): Promise<ModelVersion | undefined> {
    return this.orUndefined({
      operation: "GetModelVersion",
      method: "GET",
      path: path`/v2/users/${userId}/apps/${appId}/models/${modelId}/versions/${versionId}`,
      parse: (b) => {
        const w = (b as WireSingleModelVersionResponse).model_version;
        return w ? modelVersionFromWire(w) : undefined;
      },
    });
  }

  listInstanceTypes(cloudProvider: string, region: string): Promise<InstanceType[]> {
    return this.#pipeline.request({
      operation: "ListInstanceTypes",
      method: "GET",
      path: path`/v2/cloud_providers/${cloudProvider}/regions/${region}/instance_types`,
      parse: (b) => ((b as WireMultiInstanceTypeResponse).instance_types ?? []).map(instanceTypeFromWire),
    });
  }

  /** Runners of one nodepool: the readiness signal (`podsRunning`) for deployments. */
  listRunners(clusterId: string, nodepoolId: string, filter: { modelVersionIds?: string[] } = {}): Promise<Runner[]> {
    return this.listAll(
      "ListRunners",
      path`/v2/users/${this.userId}/compute_clusters/${clusterId}/nodepools/${nodepoolId}/runners`,
      { model_version_ids: filter.modelVersionIds },
      (b: WireMultiRunnerResponse) =>
        (b.runners ?? []).map((w) => {
          const r = runnerFromWire(w);
          return { ...r, computeClusterId: r.computeClusterId ?? clusterId, nodepoolId: r.nodepoolId ?? nodepoolId };
        }),
    );
  }

  /**
   * One page of a runner's log entries, oldest first (ListLogEntries; logEntries.ts). One call: the
   * caller bounds how often it asks.
   */
  listLogEntries(logType: LogType, clusterId: string, nodepoolId: string, runnerId: string, page = { page: 1, perPage: PER_PAGE }): Promise<LogEntry[]> {
    return this.#pipeline.request({
      operation: "ListLogEntries",
      method: "GET",
      path: path`/v2/users/${this.userId}/compute_clusters/${clusterId}/nodepools/${nodepoolId}/runners/${runnerId}/${logType}/logs`,
      query: { page: page.page, per_page: page.perPage },
      parse: (b) => ((b as WireMultiLogEntryResponse).log_entries ?? []).map(logEntryFromWire),
    });
  }

  // ---- shared machinery ------------------------------------------------------------------------

  private async orUndefined<T>(spec: RequestSpec<T | undefined>): Promise<T | undefined> {
    try {
      return await this.#pipeline.request(spec);
    } catch (e) {
      if (ClarifaiError.isInstance(e) && e.kind === "notFound") return undefined;
      throw e;
    }
  }

  /** page = 1, 2, ... with per_page 128 until a page comes back shorter than per_page. */
  private async listAll<B, T>(operation: string, p: string, q: Record<string, QueryValue>, items: (b: B) => T[]): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; ; page++) {
      const got = await this.#pipeline.request({
        operation,
        method: "GET",
        path: p,
        query: { ...q, page, per_page: PER_PAGE },
        parse: (b) => items(b as B),
      });
      out.push(...got);
      if (got.length < PER_PAGE) return out;
    }
  }

  private async deleteIds(operation: string, p: string, id: string): Promise<boolean> {
    try {
      await this.#pipeline.request({ operation, method: "DELETE", path: p, body: { ids: [id] }, parse: () => true });
      return true;
    } catch (e) {
      if (ClarifaiError.isInstance(e) && e.kind === "notFound") return false;
      throw e;
    }
  }

  /**
   * After an uncertain create: the object under the id is this create's only on evidence
   * (ownership.ts); someone else's is refused as "already exists", exactly as without the fault.
   */
  private async verify<T extends Owned & { createdAt?: string }>(
    operation: string,
    what: string,
    id: string,
    get: () => Promise<T | undefined>,
    mismatches: (found: T) => string[],
    sent: { firstSentAt: number; owner?: string },
  ): Promise<VerifyResult<T>> {
    const found = await get();
    if (found === undefined) return undefined;
    const foreign = notMine(found, sent, this.#clockSkewMs);
    if (foreign) {
      throw new AlreadyExistsError({
        operation,
        description: `${what} "${id}" already exists and this create did not make it`,
        details: this.redact(`the outcome of the create was unknown and the object found under the id is not this create's: ${foreign}`),
      });
    }
    const diffs = mismatches(found);
    if (diffs.length === 0) return { found };
    throw new CreateConflictError({
      operation,
      description: `${what} "${id}" exists but differs from what was sent`,
      details: this.redact(`${diffs.join("; ")}. Choose another id, or delete or import the existing one`),
    });
  }

  /** The write succeeded but the answer held no object (should not happen): read it back. */
  private async mustGet<T>(operation: string, get: () => Promise<T | undefined>): Promise<T> {
    const got = await get();
    if (got === undefined) {
      throw new ServerError({ operation, description: "the call succeeded but the object could not be read back" });
    }
    return got;
  }
}

function first<K extends string, W, T>(body: Wrapped<K, W>, key: K, conv: (w: W) => T): T | undefined {
  const list = body[key];
  return list && list.length > 0 ? conv(list[0]) : undefined;
}

/** A deployment as read, with the owner marker moved out of its metadata. */
function deploymentFromOwnWire(w: Parameters<typeof deploymentFromWire>[0]): Deployment & Owned {
  return unmarked(deploymentFromWire(w));
}
