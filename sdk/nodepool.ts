import * as pulumi from "@pulumi/pulumi";
import { resourceProps, withoutPromiseStacks } from "./forwarder";
import { placementInputs, recordPool } from "./placement";
import { loadConfigFile } from "./configFile";
import { recordNodepoolCost } from "./costSummary";
import type { NodepoolArgs, NodepoolOutputs } from "./model.generated";

export type { NodepoolArgs };

// The outputs come from schema.json (sdk/model.generated.ts), merged into the class's instance type:
// one declaration per field, with the schema's description as its TSDoc.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Nodepool extends NodepoolOutputs {}

/**
 * A Clarifai nodepool: an autoscaling group of nodes inside a compute cluster.
 * Its Pulumi id is `<computeClusterId>/<nodepoolId>`: pass `pool.id` to deployments.
 *
 * @example
 * const pool = new clarifai.Nodepool("a10", {
 *   computeClusterId: cluster.id, instanceTypes: ["g5.xlarge"], minInstances: 0, maxInstances: 4,
 *   capacity: "spotWithFallback",
 * });
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Nodepool extends pulumi.CustomResource {
  /** The permanent type token of this resource. */
  public static readonly __pulumiType = "pulumi-nodejs:dynamic/clarifai:Nodepool";

  /** Whether `obj` is a Nodepool, even across copies of this package. */
  public static override isInstance(obj: unknown): obj is Nodepool {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === Nodepool.__pulumiType;
  }

  /** Reads an existing nodepool into the program without managing it. `id` is `<computeClusterId>/<nodepoolId>`. */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Nodepool {
    return new Nodepool(name, {} as NodepoolArgs, { ...opts, id });
  }

  /**
   * Declares a nodepool from a Clarifai SDK `nodepool_config.yaml` (top-level `nodepool:`). Pass
   * `{ computeClusterId: cluster.id }` in `overrides` when the file names no cluster, or to tie the
   * nodepool to a cluster of the program (which also orders creation and deletion). Overrides win.
   */
  public static fromConfigFile(name: string, path: string, overrides?: Partial<NodepoolArgs>, opts?: pulumi.CustomResourceOptions): Nodepool {
    const fromFile = loadConfigFile(path, "nodepool") as Partial<NodepoolArgs>;
    return new Nodepool(name, { ...fromFile, ...overrides } as NodepoolArgs, opts);
  }

  constructor(name: string, args: NodepoolArgs, opts?: pulumi.CustomResourceOptions) {
    const restore = withoutPromiseStacks();
    try {
      // `__catalogue` (undefined here) makes Pulumi create an Output for what the check records: the
      // cost summary reads it at preview.
      super(Nodepool.__pulumiType, name, { ...resourceProps("Nodepool", name, args), ...placementInputs(args?.computeClusterId), __catalogue: undefined }, opts);
    } finally {
      restore();
    }
    recordPool(this.id, name, args);
    const self = this as unknown as { __catalogue: pulumi.Output<{ price?: string }[] | undefined> };
    recordNodepoolCost({ name, cost: this.estimatedHourlyCost, catalogue: self.__catalogue, min: this.minInstances, max: this.maxInstances });
  }
}
