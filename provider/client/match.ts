/**
 * After an ambiguous create the client looks the object up. It adopts what it finds only when the
 * identity fields it sent (the ones that cannot be patched and that the API echoes back) agree.
 * Each function returns the list of differences; empty means "this is the object we created".
 */
import type { ComputeCluster, ComputeClusterInput, Deployment, DeploymentInput, Nodepool, NodepoolInput } from "./domain";
import { nodepoolKey, type NodepoolKey } from "./ids";

function diff(field: string, sent: unknown, found: unknown): string[] {
  return sent === found ? [] : [`${field}: sent ${JSON.stringify(sent)}, found ${JSON.stringify(found)}`];
}

function sortedKey(xs: string[]): string {
  return JSON.stringify([...new Set(xs)].sort());
}

export function computeClusterMismatches(sent: ComputeClusterInput, found: ComputeCluster): string[] {
  return [
    ...diff("cloudProvider", sent.cloudProvider, found.cloudProvider),
    ...diff("region", sent.region, found.region),
    ...diff("clusterType", sent.clusterType, found.clusterType),
    ...diff("managedBy", sent.managedBy, found.managedBy),
  ];
}

export function nodepoolMismatches(sent: NodepoolInput, found: Nodepool): string[] {
  const foundTypes = found.instanceTypes.map((t) => t.id);
  return [
    ...diff("computeClusterId", sent.computeClusterId, found.computeClusterId),
    ...(sortedKey(sent.instanceTypes) === sortedKey(foundTypes)
      ? []
      : [`instanceTypes: sent ${sortedKey(sent.instanceTypes)}, found ${sortedKey(foundTypes)}`]),
  ];
}

export function deploymentMismatches(sent: DeploymentInput, found: Deployment): string[] {
  const out: string[] = [];
  if (sent.model) {
    const m = found.model;
    if (!m) out.push(`model: sent ${sent.model.modelId}, found none`);
    else {
      out.push(...diff("model.userId", sent.model.userId, m.userId));
      out.push(...diff("model.appId", sent.model.appId, m.appId));
      out.push(...diff("model.modelId", sent.model.modelId, m.modelId));
      if (sent.model.versionId !== undefined) out.push(...diff("model.versionId", sent.model.versionId, m.versionId));
    }
  }
  if (sent.workflow) {
    const w = found.workflow;
    if (!w) out.push(`workflow: sent ${sent.workflow.workflowId}, found none`);
    else {
      out.push(...diff("workflow.userId", sent.workflow.userId, w.userId));
      out.push(...diff("workflow.appId", sent.workflow.appId, w.appId));
      out.push(...diff("workflow.workflowId", sent.workflow.workflowId, w.workflowId));
      if (sent.workflow.versionId !== undefined) out.push(...diff("workflow.versionId", sent.workflow.versionId, w.versionId));
    }
  }
  const refs = (rs: NodepoolKey[]) => sortedKey(rs.map(nodepoolKey));
  if (refs(sent.nodepools) !== refs(found.nodepools)) out.push(`nodepools: sent ${refs(sent.nodepools)}, found ${refs(found.nodepools)}`);
  return out;
}
