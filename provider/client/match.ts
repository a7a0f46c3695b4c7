/**
 * After an ambiguous create the client looks the object up. It adopts what it finds only when the
 * identity fields it sent (the ones that cannot be patched and that the API echoes back) agree.
 * Each function returns the list of differences; empty means "this is the object we created".
 */
import type { ApiComputeCluster, ApiDeployment, ApiModel, ApiNodepool, ApiWorker, ApiWorkflow } from "../../api/wire.generated";

function diff(field: string, sent: unknown, found: unknown): string[] {
  return sent === found ? [] : [`${field}: sent ${JSON.stringify(sent)}, found ${JSON.stringify(found)}`];
}

function sortedKey(xs: string[]): string {
  return JSON.stringify([...new Set(xs)].sort());
}

export function computeClusterMismatches(sent: ApiComputeCluster, found: ApiComputeCluster): string[] {
  return [
    ...diff("cloudProvider", sent.cloud_provider?.id, found.cloud_provider?.id ?? ""),
    ...diff("region", sent.region, found.region ?? ""),
    ...diff("clusterType", sent.cluster_type, found.cluster_type ?? ""),
    ...diff("managedBy", sent.managed_by, found.managed_by ?? ""),
  ];
}

const typeIds = (n: ApiNodepool) => (n.instance_types ?? []).map((t) => t.id ?? "");

export function nodepoolMismatches(sent: ApiNodepool, found: ApiNodepool): string[] {
  return [
    ...diff("computeClusterId", sent.compute_cluster?.id, found.compute_cluster?.id ?? ""),
    ...(sortedKey(typeIds(sent)) === sortedKey(typeIds(found)) ? [] : [`instanceTypes: sent ${sortedKey(typeIds(sent))}, found ${sortedKey(typeIds(found))}`]),
  ];
}

/** The worker an object serves: `worker`, or `desired_worker` when the server fills only that. */
const served = (d: ApiDeployment): ApiWorker | undefined => (d.worker?.model || d.worker?.workflow ? d.worker : d.desired_worker);

function refMismatches(what: "model" | "workflow", idName: string, sent: ApiModel | ApiWorkflow, found: ApiModel | ApiWorkflow | undefined, version: (x: ApiModel | ApiWorkflow) => string | undefined): string[] {
  if (!found) return [`${what}: sent ${sent.id}, found none`];
  return [
    ...diff(`${what}.userId`, sent.user_id, found.user_id ?? ""),
    ...diff(`${what}.appId`, sent.app_id, found.app_id ?? ""),
    ...diff(`${what}.${idName}`, sent.id, found.id ?? ""),
    ...(version(sent) !== undefined ? diff(`${what}.versionId`, version(sent), version(found)) : []),
  ];
}

export function deploymentMismatches(sent: ApiDeployment, found: ApiDeployment): string[] {
  const out: string[] = [];
  const [s, f] = [served(sent), served(found)];
  if (s?.model) out.push(...refMismatches("model", "modelId", s.model, f?.model, (m) => ("model_version" in m ? m.model_version?.id : undefined)));
  if (s?.workflow) out.push(...refMismatches("workflow", "workflowId", s.workflow, f?.workflow, (w) => ("version" in w ? w.version?.id : undefined)));
  const refs = (d: ApiDeployment) =>
    sortedKey((d.nodepools?.length ? d.nodepools : (d.deployment_nodepools ?? [])).map((n) => `${n.compute_cluster?.id ?? ""}/${n.id ?? ""}`));
  if (refs(sent) !== refs(found)) out.push(`nodepools: sent ${refs(sent)}, found ${refs(found)}`);
  return out;
}
