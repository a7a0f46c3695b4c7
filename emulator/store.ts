/**
 * In-memory state, optionally persisted to a JSON state file after every write.
 * Objects are kept as decoded proto-JSON (snake_case) plus bookkeeping; lists keep creation order.
 */
import * as fs from "fs";
import * as path from "path";
import type { Obj } from "./json";
import type { ModelVersionSeed } from "./models";

export interface ClusterRec {
  user: string;
  id: string;
  /** ComputeCluster fields as stored (key unmasked) */
  obj: Obj;
}

export interface NodepoolRec {
  user: string;
  cluster: string;
  id: string;
  /** Nodepool fields as stored; compute_cluster is a reference {id, user_id}, instance_types are catalogue entries */
  obj: Obj;
  createdMs: number;
  reads: number;
}

export interface NodepoolRef {
  cluster: string;
  nodepool: string;
}

export interface DeploymentRec {
  user: string;
  id: string;
  /**
   * Deployment fields as stored; nodepools are references [{id, compute_cluster{id,user_id}}] (derived
   * from deployment_nodepools when the request used those). `worker` is the observed worker,
   * `desired_worker` the target (12.x).
   */
  obj: Obj;
  createdMs: number;
  reads: number;
  /** A change of desired_worker being rolled out: `worker` follows it when the rollout is ready. */
  rollout?: { startedMs: number; reads: number };
}

export interface RunnerRec {
  user: string;
  id: string;
  deployment: string;
  cluster: string;
  nodepool: string;
  created_at: string;
  modified_at: string;
}

export interface StoreData {
  clusters: ClusterRec[];
  nodepools: NodepoolRec[];
  deployments: DeploymentRec[];
  runners: RunnerRec[];
  /**
   * When each id was last deleted (ms since the epoch), keyed by {@link deletedKey}: the deleted-id
   * window (settings `deletedIdReuseMs`) refuses a POST of the id until its window has passed.
   */
  deleted: Record<string, number>;
  /** Model versions added through the control plane (POST /_emulator/models); the seeds are in models.ts. */
  models: ModelVersionSeed[];
}

/** The kinds of object whose ids a deletion holds for a while. */
export type DeletedKind = "computeClusters" | "nodepools" | "deployments";

/** The key of a deleted id: kind, user and the id's scope (a nodepool's cluster). */
export function deletedKey(kind: DeletedKind, user: string, id: string, cluster?: string): string {
  return [kind, user, ...(cluster === undefined ? [] : [cluster]), id].join("/");
}

/** Deleted ids older than this are forgotten (no window is meant to be that long). */
const DELETED_KEPT_MS = 3_600_000;

function empty(): StoreData {
  return { clusters: [], nodepools: [], deployments: [], runners: [], deleted: {}, models: [] };
}

export class Store {
  data: StoreData = empty();

  constructor(private readonly stateFile?: string) {
    if (stateFile && fs.existsSync(stateFile)) {
      const raw = JSON.parse(fs.readFileSync(stateFile, "utf8")) as Partial<StoreData>;
      this.data = { ...empty(), ...raw };
    }
  }

  reset(): void {
    this.data = empty();
    this.save();
  }

  save(): void {
    if (!this.stateFile) return;
    fs.mkdirSync(path.dirname(path.resolve(this.stateFile)), { recursive: true });
    const tmp = `${this.stateFile}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(this.data, null, 2));
    fs.renameSync(tmp, this.stateFile);
  }

  cluster(user: string, id: string): ClusterRec | undefined {
    return this.data.clusters.find((c) => c.user === user && c.id === id);
  }

  nodepool(user: string, cluster: string, id: string): NodepoolRec | undefined {
    return this.data.nodepools.find((n) => n.user === user && n.cluster === cluster && n.id === id);
  }

  deployment(user: string, id: string): DeploymentRec | undefined {
    return this.data.deployments.find((d) => d.user === user && d.id === id);
  }

  runner(user: string, id: string): RunnerRec | undefined {
    return this.data.runners.find((r) => r.user === user && r.id === id);
  }

  /** Nodepool references of a deployment. */
  static refs(d: DeploymentRec): NodepoolRef[] {
    const nps = (d.obj.nodepools as Obj[] | undefined) ?? [];
    return nps.map((n) => ({ cluster: String((n.compute_cluster as Obj | undefined)?.id ?? ""), nodepool: String(n.id ?? "") }));
  }

  /** Records the deletion of ids (cascaded ones too) for the deleted-id window. */
  private noteDeleted(keys: string[]): void {
    const now = Date.now();
    for (const [k, at] of Object.entries(this.data.deleted)) if (now - at > DELETED_KEPT_MS) delete this.data.deleted[k];
    for (const k of keys) this.data.deleted[k] = now;
  }

  /** When the id was deleted (undefined: not deleted within the last hour, or re-created since). */
  deletedAt(key: string): number | undefined {
    return this.data.deleted[key];
  }

  /** A POST re-created the id: its deletion no longer holds it. */
  reused(key: string): void {
    delete this.data.deleted[key];
  }

  deleteDeployments(user: string, ids: Set<string>): void {
    const gone = this.data.deployments.filter((d) => d.user === user && ids.has(d.id));
    this.noteDeleted(gone.map((d) => deletedKey("deployments", user, d.id)));
    this.data.deployments = this.data.deployments.filter((d) => !(d.user === user && ids.has(d.id)));
    this.data.runners = this.data.runners.filter((r) => !(r.user === user && ids.has(r.deployment)));
  }

  /** Delete nodepools; deployments that use any of them are deleted too (cascade). */
  deleteNodepools(user: string, cluster: string, ids: Set<string>): void {
    const doomed = new Set(
      this.data.deployments
        .filter((d) => d.user === user && Store.refs(d).some((r) => r.cluster === cluster && ids.has(r.nodepool)))
        .map((d) => d.id),
    );
    this.deleteDeployments(user, doomed);
    const gone = this.data.nodepools.filter((n) => n.user === user && n.cluster === cluster && ids.has(n.id));
    this.noteDeleted(gone.map((n) => deletedKey("nodepools", user, n.id, cluster)));
    this.data.nodepools = this.data.nodepools.filter((n) => !(n.user === user && n.cluster === cluster && ids.has(n.id)));
    this.data.runners = this.data.runners.filter((r) => !(r.user === user && r.cluster === cluster && ids.has(r.nodepool)));
  }

  /** Delete clusters with their nodepools, deployments and runners (cascade). */
  deleteClusters(user: string, ids: Set<string>): void {
    for (const id of ids) {
      const nps = new Set(this.data.nodepools.filter((n) => n.user === user && n.cluster === id).map((n) => n.id));
      this.deleteNodepools(user, id, nps);
    }
    this.noteDeleted(this.data.clusters.filter((c) => c.user === user && ids.has(c.id)).map((c) => deletedKey("computeClusters", user, c.id)));
    this.data.clusters = this.data.clusters.filter((c) => !(c.user === user && ids.has(c.id)));
  }
}
