/** Public types of the emulator (re-exported by index.ts). */
import type { ReadinessSettings, Stall } from "./handlers/context";
import type { KINDS } from "./handlers";
import type { DeletedIdReuse } from "./deletedIds";
import type { FaultRule } from "./faults";

export type { DeletedIdReuse, ReadinessSettings, FaultRule, Stall };
export type { FaultKind } from "./faults";

export interface EmulatorOptions {
  /** default 0 (any free port) */
  port?: number;
  /** default "127.0.0.1" */
  host?: string;
  /** accepted PATs; default ["emulator-pat"] */
  tokens?: string[];
  /** the account's user id; "me" is an alias for it; default "emulator-user" */
  userId?: string;
  /** load at start if it exists, save after every write */
  stateFile?: string;
  /** accept (and ignore) unknown JSON fields */
  loose?: boolean;
  /** global; over the limit -> HTTP 429 + Retry-After + status 11005 CONN_THROTTLED */
  rateLimitPerSecond?: number;
  /** added to every API request */
  latencyMs?: number;
  /**
   * Add fields no API version defines to every object of every response (emulator extension): a
   * future API grows its messages, and clients must ignore what they do not know.
   */
  unknownResponseFields?: boolean;
  readiness?: ReadinessSettings;
  /**
   * The deleted-id window: how long a deleted id stays taken (a POST of it is refused as a duplicate).
   * A number sets the deployments' window (the one Clarifai documents); an object sets each kind's.
   * @unit ms @default { deployments: 5000, nodepools: 0, computeClusters: 0 }
   */
  deletedIdReuseMs?: number | DeletedIdReuse;
  /** optional access log */
  log?: (line: string) => void;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  rpc?: string;
  /** 0 when no response was sent (fault "drop" or "lost_response") */
  http_status: number;
  status_code?: number;
  at: string;
  /** the fault kind applied, if any (emulator extension) */
  fault?: string;
  /** "grpc" for gRPC calls (path `/clarifai.api.V2/<Method>`, method POST); absent for REST */
  protocol?: "grpc";
  /** the gRPC status sent (0 also when the API status in the message is an error); gRPC calls only */
  grpc_status?: number;
}

/** Every stored object by its kind's list name (`compute_clusters`, `nodepools`, `deployments`, `runners`), rendered as the API would. */
export type EmulatorState = Record<(typeof KINDS)[number]["list"], Array<Record<string, unknown>>>;

export interface EmulatorSettings {
  rateLimitPerSecond?: number | null;
  latencyMs?: number | null;
  unknownResponseFields?: boolean | null;
  readiness?: ReadinessSettings;
  /** A number sets the deployments' window; an object sets the kinds given; null restores the start options. */
  deletedIdReuseMs?: number | DeletedIdReuse | null;
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
  /** clears all stored objects, fault rules and the request log; settings go back to the start options */
  reset(): void;
  addFault(rule: FaultRule): string;
  clearFaults(): void;
  setRateLimit(perSecond: number | undefined): void;
  setLatency(ms: number | undefined): void;
  setUnknownResponseFields(on: boolean): void;
  setReadiness(r: ReadinessSettings): void;
  /** A number sets the deployments' window; an object sets the kinds given (the others keep their values). */
  setDeletedIdReuse(ms: number | DeletedIdReuse): void;
  /** Adds a model version served by GetModelVersion: {user_id, app_id, model_id, version_id, inference_compute_info?} (API field names). */
  addModel(body: unknown): void;
  state(): EmulatorState;
  requests(): { requests: RequestLogEntry[]; counts: Record<string, number> };
  clearRequests(): void;
}
