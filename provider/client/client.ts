/**
 * ClarifaiClient: typed methods for every Compute Orchestration call. Each method builds a path and
 * a body, and hands them to the pipeline (http.ts). It speaks the API's messages only (api/wire.generated.ts):
 * what a message means to a Pulumi resource is the provider's model wing (provider/model/).
 *
 * Contracts every method keeps:
 * - `get*` resolves undefined when the object does not exist (any *_DOES_NOT_EXIST / 404).
 * - `delete*` resolves false when the object was already gone.
 * - `list*` returns all pages.
 * - `create*` never blindly repeats a POST (see http.ts / retry.ts); on "already exists" on the first
 *   attempt it throws AlreadyExistsError so the caller can decide whether to adopt.
 * - `patch*` sends action "overwrite" with the fields of the message it is given. Clarifai's overwrite
 *   replaces the fields a request carries and keeps the others, so a patch of what changed (the model
 *   wing builds it: provider/model/wireMap.ts) leaves the rest alone.
 * - `create*` after an uncertain POST uses the object it finds only on evidence that this create made
 *   it (ownership.ts); otherwise AlreadyExistsError, as when the id was taken from the start.
 */
import { AlreadyExistsError, ClarifaiError, CreateConflictError, ServerError } from "./errors";
import { type RequestSpec, type VerifyResult, Pipeline, defaultSleep } from "./http";
import { type QueryValue, path } from "./path";
import type { RetryPolicy } from "./retry";
import { gateFor } from "./semaphore";
import { CLOCK_SKEW_MS, type Owned, marked, notMine, unmarked } from "./ownership";
import type {
  ApiCloudProvider,
  ApiComputeCluster,
  ApiDeployment,
  ApiInstanceType,
  ApiLogEntry,
  ApiModelVersion,
  ApiMultiCloudProviderResponse,
  ApiMultiCloudRegionResponse,
  ApiMultiComputeClusterResponse,
  ApiMultiDeploymentResponse,
  ApiMultiInstanceTypeResponse,
  ApiMultiLogEntryResponse,
  ApiMultiNodepoolResponse,
  ApiMultiRunnerResponse,
  ApiNodepool,
  ApiRunner,
  ApiSingleComputeClusterResponse,
  ApiSingleDeploymentResponse,
  ApiSingleModelVersionResponse,
  ApiSingleNodepoolResponse,
} from "../../api/wire.generated";

/**
 * ListLogEntries' `log_type` for a runner: "runner.events", the orchestrator's events (what
 * `clarifai deployment logs --log-type events` prints); "runner", the model's output.
 */
export type LogType = "runner.events" | "runner";

/** Filters for {@link ClarifaiClient.listDeployments}. */
export interface DeploymentFilter {
  nodepoolId?: string;
  computeClusterId?: string;
  modelVersionIds?: string[];
}

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

/** What a create or a patch of a nodepool or a deployment may add: the owner token its marker carries. */
export interface CreateOptions {
  /** Written as `metadata.pulumi_clarifai_owner` (ownership.ts); a patch writes it again with any metadata it carries. */
  owner?: string;
}

/** What a create may add: how to tell the object found after an uncertain POST from the one sent. */
export interface Matching<M> {
  /**
   * The identity fields of `found` that differ from `sent` (empty: it is the object sent), which the
   * resources read in the schema's terms (provider/model/identity.ts). A difference refuses the object
   * (CreateConflictError); without it, the evidence that this create made the object decides alone.
   */
  mismatches?: (sent: M, found: M) => string[];
}

type Wrapped<K extends string, W> = { [k in K]?: W[] };

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

  async createComputeCluster(c: ApiComputeCluster, opts: Matching<ApiComputeCluster> = {}): Promise<ApiComputeCluster> {
    const id = c.id ?? "";
    if (c.key?.id) this.#secrets.add(c.key.id);
    const operation = "PostComputeClusters";
    const found = await this.#pipeline.request({
      operation,
      method: "POST",
      path: this.clustersPath(),
      resourceId: id,
      body: { compute_clusters: [c] },
      parse: (b: ApiMultiComputeClusterResponse) => first(b, "compute_clusters"),
      verify: (firstSentAt) =>
        this.verify(operation, "compute cluster", id, () => this.getComputeCluster(id), (f) => opts.mismatches?.(c, f) ?? [], { firstSentAt }),
    });
    return found ?? this.mustGet(operation, () => this.getComputeCluster(id));
  }

  async getComputeCluster(id: string): Promise<ApiComputeCluster | undefined> {
    return this.orUndefined({
      operation: "GetComputeCluster",
      method: "GET",
      path: path`/v2/users/${this.userId}/compute_clusters/${id}`,
      parse: (b: ApiSingleComputeClusterResponse) => b.compute_cluster,
    });
  }

  listComputeClusters(): Promise<ApiComputeCluster[]> {
    return this.listAll("ListComputeClusters", this.clustersPath(), {}, (b: ApiMultiComputeClusterResponse) => b.compute_clusters ?? []);
  }

  async patchComputeCluster(c: ApiComputeCluster): Promise<ApiComputeCluster> {
    if (c.key?.id) this.#secrets.add(c.key.id);
    const operation = "PatchComputeClusters";
    const found = await this.#pipeline.request({
      operation,
      method: "PATCH",
      path: this.clustersPath(),
      body: { compute_clusters: [c], action: "overwrite" },
      parse: (b: ApiMultiComputeClusterResponse) => first(b, "compute_clusters"),
    });
    return found ?? this.mustGet(operation, () => this.getComputeCluster(c.id ?? ""));
  }

  deleteComputeCluster(id: string): Promise<boolean> {
    return this.deleteIds("DeleteComputeClusters", this.clustersPath(), id);
  }

  // ---- nodepools -------------------------------------------------------------------------------

  private nodepoolsPath(clusterId: string): string {
    return path`/v2/users/${this.userId}/compute_clusters/${clusterId}/nodepools`;
  }

  /** `n.compute_cluster.id` names the cluster. */
  async createNodepool(n: ApiNodepool, opts: CreateOptions & Matching<ApiNodepool> = {}): Promise<ApiNodepool & Owned> {
    const operation = "PostNodepools";
    const [clusterId, id] = [n.compute_cluster?.id ?? "", n.id ?? ""];
    const found = await this.#pipeline.request({
      operation,
      method: "POST",
      path: this.nodepoolsPath(clusterId),
      resourceId: id,
      body: { nodepools: [{ ...n, metadata: marked(n.metadata, opts.owner) }] },
      parse: (b: ApiMultiNodepoolResponse) => ownNodepool(first(b, "nodepools"), clusterId),
      verify: (firstSentAt) =>
        this.verify(operation, "nodepool", `${clusterId}/${id}`, () => this.getNodepool(clusterId, id), (f) => opts.mismatches?.(n, f) ?? [], {
          firstSentAt,
          owner: opts.owner,
        }),
    });
    return found ?? this.mustGet(operation, () => this.getNodepool(clusterId, id));
  }

  getNodepool(clusterId: string, id: string): Promise<(ApiNodepool & Owned) | undefined> {
    return this.orUndefined({
      operation: "GetNodepool",
      method: "GET",
      path: path`/v2/users/${this.userId}/compute_clusters/${clusterId}/nodepools/${id}`,
      parse: (b: ApiSingleNodepoolResponse) => ownNodepool(b.nodepool, clusterId),
    });
  }

  /** All nodepools of one cluster, or of every cluster of the user when `clusterId` is omitted. */
  listNodepools(clusterId?: string): Promise<(ApiNodepool & Owned)[]> {
    const p = clusterId === undefined ? path`/v2/users/${this.userId}/nodepools` : this.nodepoolsPath(clusterId);
    return this.listAll("ListNodepools", p, {}, (b: ApiMultiNodepoolResponse) => (b.nodepools ?? []).map((w) => unmarked(inCluster(w, clusterId))));
  }

  /** `n.compute_cluster.id` names the cluster. */
  async patchNodepool(n: ApiNodepool, opts: CreateOptions = {}): Promise<ApiNodepool & Owned> {
    const operation = "PatchNodepools";
    const [clusterId, id] = [n.compute_cluster?.id ?? "", n.id ?? ""];
    const found = await this.#pipeline.request({
      operation,
      method: "PATCH",
      path: this.nodepoolsPath(clusterId),
      body: { nodepools: [withMarker(n, opts.owner)], action: "overwrite" },
      parse: (b: ApiMultiNodepoolResponse) => ownNodepool(first(b, "nodepools"), clusterId),
    });
    return found ?? this.mustGet(operation, () => this.getNodepool(clusterId, id));
  }

  deleteNodepool(clusterId: string, id: string): Promise<boolean> {
    return this.deleteIds("DeleteNodepools", this.nodepoolsPath(clusterId), id);
  }

  // ---- deployments -----------------------------------------------------------------------------

  private deploymentsPath(): string {
    return path`/v2/users/${this.userId}/deployments`;
  }

  async createDeployment(d: ApiDeployment, opts: CreateOptions & Matching<ApiDeployment> = {}): Promise<ApiDeployment & Owned> {
    const operation = "PostDeployments";
    const id = d.id ?? "";
    const found = await this.#pipeline.request({
      operation,
      method: "POST",
      path: this.deploymentsPath(),
      resourceId: id,
      body: { deployments: [{ ...d, metadata: marked(d.metadata, opts.owner) }] },
      parse: (b: ApiMultiDeploymentResponse) => ownDeployment(first(b, "deployments")),
      verify: (firstSentAt) =>
        this.verify(operation, "deployment", id, () => this.getDeployment(id), (f) => opts.mismatches?.(d, f) ?? [], { firstSentAt, owner: opts.owner }),
    });
    return found ?? this.mustGet(operation, () => this.getDeployment(id));
  }

  getDeployment(id: string): Promise<(ApiDeployment & Owned) | undefined> {
    return this.orUndefined({
      operation: "GetDeployment",
      method: "GET",
      path: path`/v2/users/${this.userId}/deployments/${id}`,
      parse: (b: ApiSingleDeploymentResponse) => ownDeployment(b.deployment),
    });
  }

  listDeployments(filter: DeploymentFilter = {}): Promise<(ApiDeployment & Owned)[]> {
    return this.listAll(
      "ListDeployments",
      this.deploymentsPath(),
      {
        nodepool_id: filter.nodepoolId,
        compute_cluster_id: filter.computeClusterId,
        model_version_ids: filter.modelVersionIds,
      },
      (b: ApiMultiDeploymentResponse) => (b.deployments ?? []).map((d) => unmarked(d)),
    );
  }

  async patchDeployment(d: ApiDeployment, opts: CreateOptions = {}): Promise<ApiDeployment & Owned> {
    const operation = "PatchDeployments";
    const found = await this.#pipeline.request({
      operation,
      method: "PATCH",
      path: this.deploymentsPath(),
      body: { deployments: [withMarker(d, opts.owner)], action: "overwrite" },
      parse: (b: ApiMultiDeploymentResponse) => ownDeployment(first(b, "deployments")),
    });
    return found ?? this.mustGet(operation, () => this.getDeployment(d.id ?? ""));
  }

  deleteDeployment(id: string): Promise<boolean> {
    return this.deleteIds("DeleteDeployments", this.deploymentsPath(), id);
  }

  // ---- lookups and runners ---------------------------------------------------------------------

  listCloudProviders(): Promise<ApiCloudProvider[]> {
    return this.#pipeline.request({
      operation: "ListCloudProviders",
      method: "GET",
      path: "/v2/cloud_providers",
      parse: (b: ApiMultiCloudProviderResponse) => b.cloud_providers ?? [],
    });
  }

  /** Region ids; reads 11.x `regions` and falls back to 12.x `cloud_regions`. */
  listCloudRegions(cloudProvider: string): Promise<string[]> {
    return this.#pipeline.request({
      operation: "ListCloudRegions",
      method: "GET",
      path: path`/v2/cloud_providers/${cloudProvider}/regions`,
      parse: (r: ApiMultiCloudRegionResponse) => {
        if (r.regions && r.regions.length > 0) return r.regions;
        return (r.cloud_regions ?? []).map((c) => c.id ?? "").filter((id) => id !== "");
      },
    });
  }

  /** A model version (any user's: models are shared across accounts); undefined when it does not exist. */
  getModelVersion(userId: string, appId: string, modelId: string, versionId: string): Promise<ApiModelVersion | undefined> {
    return this.orUndefined({
      operation: "GetModelVersion",
      method: "GET",
      path: path`/v2/users/${userId}/apps/${appId}/models/${modelId}/versions/${versionId}`,
      parse: (b: ApiSingleModelVersionResponse) => b.model_version,
    });
  }

  listInstanceTypes(cloudProvider: string, region: string): Promise<ApiInstanceType[]> {
    return this.#pipeline.request({
      operation: "ListInstanceTypes",
      method: "GET",
      path: path`/v2/cloud_providers/${cloudProvider}/regions/${region}/instance_types`,
      parse: (b: ApiMultiInstanceTypeResponse) => b.instance_types ?? [],
    });
  }

  /** Runners of one nodepool: the readiness signal (`pods_running`) for deployments. */
  listRunners(clusterId: string, nodepoolId: string, filter: { modelVersionIds?: string[] } = {}): Promise<ApiRunner[]> {
    return this.listAll(
      "ListRunners",
      path`/v2/users/${this.userId}/compute_clusters/${clusterId}/nodepools/${nodepoolId}/runners`,
      { model_version_ids: filter.modelVersionIds },
      (b: ApiMultiRunnerResponse) => (b.runners ?? []).map((r) => (r.nodepool ? r : { ...r, nodepool: { id: nodepoolId, compute_cluster: { id: clusterId } } })),
    );
  }

  /**
   * One page of a runner's log entries, oldest first (ListLogEntries). One call: the
   * caller bounds how often it asks.
   */
  listLogEntries(logType: LogType, clusterId: string, nodepoolId: string, runnerId: string, page = { page: 1, perPage: PER_PAGE }): Promise<ApiLogEntry[]> {
    return this.#pipeline.request({
      operation: "ListLogEntries",
      method: "GET",
      path: path`/v2/users/${this.userId}/compute_clusters/${clusterId}/nodepools/${nodepoolId}/runners/${runnerId}/${logType}/logs`,
      query: { page: page.page, per_page: page.perPage },
      parse: (b: ApiMultiLogEntryResponse) => b.log_entries ?? [],
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
  private async listAll<B extends object, T>(operation: string, p: string, q: Record<string, QueryValue>, items: (b: B) => T[]): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; ; page++) {
      const got = await this.#pipeline.request({
        operation,
        method: "GET",
        path: p,
        query: { ...q, page, per_page: PER_PAGE },
        parse: (b: B) => items(b),
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
  private async verify<T extends Owned & { created_at?: string }>(
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

function first<K extends string, W>(body: Wrapped<K, W>, key: K, conv: (w: W) => W = (w) => w): W | undefined {
  const list = body[key];
  return list && list.length > 0 ? conv(list[0]) : undefined;
}

/** The cluster a nodepool is in, when the server does not embed it (it normally does). */
function inCluster(n: ApiNodepool, clusterId: string | undefined): ApiNodepool {
  return n.compute_cluster?.id || clusterId === undefined ? n : { ...n, compute_cluster: { ...n.compute_cluster, id: clusterId } };
}

/** A nodepool as read: in its cluster, with the owner marker moved out of its metadata. */
function ownNodepool(n: ApiNodepool | undefined, clusterId: string): (ApiNodepool & Owned) | undefined {
  return n && unmarked(inCluster(n, clusterId));
}

/** A deployment as read, with the owner marker moved out of its metadata. */
function ownDeployment(d: ApiDeployment | undefined): (ApiDeployment & Owned) | undefined {
  return d && unmarked(d);
}

/** Clarifai replaces metadata wholesale: a PATCH that writes it writes the marker along. */
function withMarker<M extends { metadata?: Record<string, unknown> }>(m: M, owner: string | undefined): M {
  return m.metadata === undefined ? m : { ...m, metadata: marked(m.metadata, owner) };
}
