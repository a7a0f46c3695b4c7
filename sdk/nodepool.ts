import * as pulumi from "@pulumi/pulumi";
import { forwarder, resourceProps } from "./forwarder";
import { placementInputs, recordPool } from "./placement";
import { loadConfigFile } from "./configFile";
import type { Visibility } from "./computeCluster";

/** How nodes are bought (the API's node_capacity_type). */
export type Capacity = "onDemand" | "spot" | "spotWithFallback";

/** Arguments of a {@link Nodepool}. */
export interface NodepoolArgs {
  /**
   * The id of the compute cluster the nodepool belongs to: pass `cluster.id`, so Pulumi creates the
   * cluster first and deletes it last. Required. Changing it replaces the nodepool.
   */
  computeClusterId: pulumi.Input<string>;
  /**
   * The Clarifai nodepool id: 1 to 48 letters, digits, `-` or `_`, starting with a letter or digit.
   * Default: generated once from the logical name plus a random suffix, stable afterwards.
   * Changing it replaces the nodepool.
   */
  nodepoolId?: pulumi.Input<string>;
  /** A human-readable description. Default: empty. Updates in place. */
  description?: pulumi.Input<string>;
  /**
   * The instance type ids of the nodes, e.g. `["g5.xlarge"]` (see `getInstanceTypes()`); at least one.
   * Their compute info comes back in `instanceTypeDetails`. Required. Changing them replaces the nodepool
   * (the old one is deleted first, since the id is kept).
   */
  instanceTypes: pulumi.Input<pulumi.Input<string>[]>;
  /** The fewest nodes the autoscaler keeps; 0 scales to zero. Unit: nodes. Default: 0. Updates in place. */
  minInstances?: pulumi.Input<number>;
  /** The most nodes the autoscaler may run: at least 1 and at least `minInstances`. Unit: nodes. Required. Updates in place. */
  maxInstances: pulumi.Input<number>;
  /**
   * Nodes Clarifai keeps started ahead of demand, so a scale-up does not wait for a node to boot (API
   * 12.x). At most `maxInstances`. Unit: nodes. Default: not set (no warm nodes). Updates in place.
   */
  warmInstances?: pulumi.Input<number>;
  /**
   * `onDemand`, `spot` (cheaper, may be reclaimed) or `spotWithFallback` (spot first, on-demand when spot
   * is unavailable). Default: `onDemand`. Updates in place.
   */
  capacity?: pulumi.Input<Capacity>;
  /** Who can see the nodepool. Default: `private`. Updates in place. */
  visibility?: pulumi.Input<Visibility>;
  /** Free-form JSON metadata stored with the nodepool. Default: none. Updates in place. */
  metadata?: pulumi.Input<Record<string, unknown>>;
  /**
   * Take over an existing nodepool with this id instead of failing, provided its instance types match.
   * Default: false. No effect after creation.
   */
  adopt?: pulumi.Input<boolean>;
}

/** Catalogue details of one instance type of a nodepool. */
import type { InstanceTypeInfo } from "../provider/lookups";
export type { InstanceTypeInfo };

const provider = forwarder("Nodepool");

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
export class Nodepool extends pulumi.dynamic.Resource {
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

  /** The compute cluster id. */
  declare readonly computeClusterId: pulumi.Output<string>;
  /** The Clarifai nodepool id. */
  declare readonly nodepoolId: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string>;
  /** The instance type ids. */
  declare readonly instanceTypes: pulumi.Output<string[]>;
  /** The autoscaling minimum, in nodes. */
  declare readonly minInstances: pulumi.Output<number>;
  /** The autoscaling maximum, in nodes. */
  declare readonly maxInstances: pulumi.Output<number>;
  /** Nodes kept warm, when the program sets it. */
  declare readonly warmInstances: pulumi.Output<number | undefined>;
  /** How nodes are bought. */
  declare readonly capacity: pulumi.Output<Capacity>;
  /** Who can see the nodepool. */
  declare readonly visibility: pulumi.Output<Visibility>;
  /** The metadata. */
  declare readonly metadata: pulumi.Output<Record<string, unknown> | undefined>;
  /** Whether the program asked to adopt an existing nodepool. */
  declare readonly adopt: pulumi.Output<boolean>;
  /** Catalogue details (CPU, memory, accelerators, price) of each instance type. Output only. */
  declare readonly instanceTypeDetails: pulumi.Output<InstanceTypeInfo[]>;
  /** The minimum Clarifai enforces (plan limits), in nodes. Output only. */
  declare readonly enforcedMinInstances: pulumi.Output<number>;
  /** The maximum Clarifai enforces (plan limits), in nodes. Output only. */
  declare readonly enforcedMaxInstances: pulumi.Output<number>;
  /** `pending`, `ready`, `error`, `deleted`, or `unknown` (API 12.x `Nodepool.status`). Output only. */
  declare readonly status: pulumi.Output<string>;
  /** Why the nodepool is in its status, e.g. the cause of `error`. Output only. */
  declare readonly statusDescription: pulumi.Output<string | undefined>;
  /** Nodes running now. Unit: nodes. Output only. */
  declare readonly nodeCount: pulumi.Output<number>;
  /** When Clarifai created the nodepool (RFC 3339). Output only. */
  declare readonly createdAt: pulumi.Output<string>;
  /** When Clarifai last modified the nodepool (RFC 3339). Output only. */
  declare readonly modifiedAt: pulumi.Output<string>;

  constructor(name: string, args: NodepoolArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { ...resourceProps("Nodepool", name, args), ...placementInputs(args?.computeClusterId) },
      opts,
      "clarifai",
      "Nodepool",
    );
    recordPool(this.id);
  }
}
