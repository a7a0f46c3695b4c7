import * as pulumi from "@pulumi/pulumi";
import { resourceProps, withoutPromiseStacks } from "./forwarder";
import { recordPlacement } from "./placement";
import { loadConfigFile } from "./configFile";

import type { ComputeClusterArgs, ComputeClusterOutputs } from "./model.generated";

export type { ComputeClusterArgs };

// The outputs come from schema.json (sdk/model.generated.ts), merged into the class's instance type:
// one declaration per field, with the schema's description as its TSDoc.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface ComputeCluster extends ComputeClusterOutputs {}

/**
 * A Clarifai compute cluster: a cloud provider and region in which nodepools run.
 * Its Pulumi id is the Clarifai compute cluster id: pass `cluster.id` to nodepools.
 *
 * @example
 * const cluster = new clarifai.ComputeCluster("gpu", { cloudProvider: "aws", region: "us-east-1" });
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class ComputeCluster extends pulumi.CustomResource {
  /** The permanent type token of this resource. */
  public static readonly __pulumiType = "pulumi-nodejs:dynamic/clarifai:ComputeCluster";

  /** Whether `obj` is a ComputeCluster, even across copies of this package. */
  public static override isInstance(obj: unknown): obj is ComputeCluster {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === ComputeCluster.__pulumiType;
  }

  /** Reads an existing cluster into the program without managing it. `id` is the compute cluster id. */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): ComputeCluster {
    return new ComputeCluster(name, {} as ComputeClusterArgs, { ...opts, id });
  }

  /**
   * Declares a cluster from a Clarifai SDK `compute_cluster_config.yaml` (top-level `compute_cluster:`).
   * `overrides` win over the file; unknown keys and bad values fail with the file, the key path and
   * what is allowed.
   */
  public static fromConfigFile(name: string, path: string, overrides?: Partial<ComputeClusterArgs>, opts?: pulumi.CustomResourceOptions): ComputeCluster {
    const fromFile = loadConfigFile(path, "compute_cluster") as Partial<ComputeClusterArgs>;
    return new ComputeCluster(name, { ...fromFile, ...overrides } as ComputeClusterArgs, opts);
  }

  constructor(name: string, args: ComputeClusterArgs, opts?: pulumi.CustomResourceOptions) {
    const restore = withoutPromiseStacks();
    try {
      super(ComputeCluster.__pulumiType, name, resourceProps("ComputeCluster", name, args), pulumi.mergeOptions(opts, { additionalSecretOutputs: ["key"] }));
    } finally {
      restore();
    }
    if (args?.cloudProvider !== undefined && args.region !== undefined) {
      const placement = { cloudProvider: args.cloudProvider, region: args.region, clusterType: args.clusterType };
      recordPlacement(this.id, placement);
      recordPlacement(this.computeClusterId, placement);
    }
  }
}
