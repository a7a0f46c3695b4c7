/** Test helpers: an in-process emulator on port 0 and a tiny fetch-based caller. */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

export const PAT = "test-pat";
export const USER = "test-user";

export interface Reply {
  http: number;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

/** The RPCs of the requests that write (all but GETs) the emulator has logged since it was last cleared. */
export const writesTo = (emu: RunningEmulator): (string | undefined)[] => emu.requests().requests.filter((r) => r.method !== "GET").map((r) => r.rpc);

export async function start(extra: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ tokens: [PAT], userId: USER, ...extra });
}

export function client(emu: RunningEmulator, headers: Record<string, string> = {}) {
  return async function call(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(emu.url + path, {
      method,
      headers: { Authorization: `Key ${PAT}`, "Content-Type": "application/json", ...headers, ...extraHeaders },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { http: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
  };
}

/**
 * One emulator for a test file: started before all tests, reset before each, closed after all.
 * `call` is the REST caller for it; `emu` is the running emulator (read it inside tests).
 */
export function emulatorSuite(extra: EmulatorOptions = {}): { readonly emu: RunningEmulator; call: ReturnType<typeof client> } {
  let emu: RunningEmulator | undefined;
  let caller: ReturnType<typeof client> | undefined;
  beforeAll(async () => {
    emu = await start(extra);
    caller = client(emu);
  });
  afterAll(() => emu?.close());
  beforeEach(() => emu!.reset());
  return {
    get emu() {
      return emu!;
    },
    call: (...args) => caller!(...args),
  };
}

/** The docs' sample objects (reference §6), with the user placeholders filled in. */
export const SAMPLE_CLUSTER = {
  id: "test-aws-cluster",
  description: "My AWS cluster",
  cloud_provider: { id: "aws" },
  region: "us-east-1",
  visibility: { gettable: 50 },
  managed_by: "clarifai",
  cluster_type: "dedicated",
  key: { id: PAT },
};

export function sampleNodepool(id = "test-nodepool-6") {
  return {
    id,
    description: "testing nodepool",
    metadata: { date: "03-04-2026" },
    instance_types: [
      {
        id: "g5.2xlarge",
        compute_info: { cpu_limit: "8", cpu_memory: "28Gi", accelerator_type: ["a10"], num_accelerators: 1, accelerator_memory: "40Gi" },
      },
    ],
    node_capacity_type: { capacity_types: [1] },
    visibility: { gettable: 10 },
    min_instances: 1,
    max_instances: 5,
  };
}

export function sampleDeployment(id: string, nodepools: Array<[string, string]>, model = "Llama-3_2-3B-Instruct", version = "fe271b43266a45a5b068766b6437687f") {
  return {
    id,
    description: "test deployment",
    user_id: USER,
    autoscale_config: {
      min_replicas: 1,
      max_replicas: 20,
      traffic_history_seconds: 100,
      scale_down_delay_seconds: 30,
      scale_to_zero_delay_seconds: 30,
      scale_up_delay_seconds: 30,
      disable_packing: false,
    },
    worker: { model: { id: model, model_version: { id: version }, user_id: "meta", app_id: "Llama-3" } },
    scheduling_choice: 4,
    nodepools: nodepools.map(([cc, np]) => ({ id: np, compute_cluster: { id: cc, user_id: USER } })),
    visibility: { gettable: 10 },
  };
}

export const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const REQ_ID_RE = /^[0-9a-f]{32}$/;

/** Create a cluster + nodepool(s) quickly. */
export async function seed(call: ReturnType<typeof client>, cc = "cc1", nps: string[] = ["np1"]): Promise<void> {
  let r = await call("POST", "/v2/users/me/compute_clusters", { compute_clusters: [{ ...SAMPLE_CLUSTER, id: cc }] });
  if (r.http !== 200) throw new Error(JSON.stringify(r.body));
  if (!nps.length) return;
  r = await call("POST", `/v2/users/me/compute_clusters/${cc}/nodepools`, { nodepools: nps.map((n) => sampleNodepool(n)) });
  if (r.http !== 200) throw new Error(JSON.stringify(r.body));
}
