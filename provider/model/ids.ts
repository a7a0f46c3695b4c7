/**
 * A nodepool's id outside Clarifai: `<computeClusterId>/<nodepoolId>` (nodepool ids are unique per
 * cluster only). It is the Pulumi id of a Nodepool, the form a Deployment's `nodepools` takes, and the
 * key the provider, the export and the SDK's config-file reader use; built and parsed here only (the
 * client speaks the API's separate ids).
 */

/** The two parts of a nodepool id. */
export interface NodepoolKey {
  computeClusterId: string;
  nodepoolId: string;
}

/** `<computeClusterId>/<nodepoolId>`. */
export function nodepoolKey(k: NodepoolKey): string {
  return `${k.computeClusterId}/${k.nodepoolId}`;
}

/** Splits `<computeClusterId>/<nodepoolId>`; throws, saying the expected form, on anything else. */
export function parseNodepoolKey(id: string): NodepoolKey {
  const [computeClusterId, nodepoolId, ...rest] = id.split("/");
  if (!computeClusterId || !nodepoolId || rest.length) {
    throw new Error(`"${id}" is not a nodepool id: expected "<computeClusterId>/<nodepoolId>"`);
  }
  return { computeClusterId, nodepoolId };
}
