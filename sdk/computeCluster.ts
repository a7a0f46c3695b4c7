import * as pulumi from "@pulumi/pulumi";
import { forwarder, resourceProps } from "./forwarder";
import { recordPlacement } from "./placement";
import { loadConfigFile } from "./configFile";

/** Who can see an object. */
export type Visibility = "private" | "org" | "public";

/** Arguments of a {@link ComputeCluster}. */
export interface ComputeClusterArgs {
  /**
   * The Clarifai compute cluster id: 1 to 48 letters, digits, `-` or `_`, starting with a letter or digit.
   * Default: generated once from the logical name plus a random suffix, stable afterwards.
   * Changing it replaces the cluster.
   */
  computeClusterId?: pulumi.Input<string>;
  /** A human-readable description. Default: empty. Updates in place. */
  description?: pulumi.Input<string>;
  /**
   * The cloud provider, as Clarifai names it (`aws`, `gcp`, `azure`, `vultr`, `oracle`, ...; see
   * `getCloudProviders()`). Required. Changing it replaces the cluster.
   */
  cloudProvider: pulumi.Input<string>;
  /** The provider's region, e.g. `us-east-1` (see `getRegions()`). Required. Changing it replaces the cluster. */
  region: pulumi.Input<string>;
  /**
   * `dedicated` (nodepools you define) or `local-dev` (runners you start yourself).
   * Default: `dedicated`. Changing it replaces the cluster.
   */
  clusterType?: pulumi.Input<"dedicated" | "local-dev">;
  /** Who runs the infrastructure: `clarifai` or `user`. Default: `clarifai`. Changing it replaces the cluster. */
  managedBy?: pulumi.Input<"clarifai" | "user">;
  /** Who can see the cluster. Default: `private`. Updates in place. */
  visibility?: pulumi.Input<Visibility>;
  /**
   * The personal access token the cluster itself uses to call Clarifai. Secret. Default: the PAT this
   * provider authenticates with (sent to Clarifai, never stored in the Pulumi state). Clarifai returns it
   * masked, so drift cannot be detected. Updates in place.
   */
  key?: pulumi.Input<string>;
  /**
   * Take over an existing cluster with this id instead of failing, provided its immutable fields
   * (cloudProvider, region, clusterType, managedBy) match. Default: false. No effect after creation.
   */
  adopt?: pulumi.Input<boolean>;
}

const provider = forwarder("ComputeCluster");

/**
 * A Clarifai compute cluster: a cloud provider and region in which nodepools run.
 * Its Pulumi id is the Clarifai compute cluster id: pass `cluster.id` to nodepools.
 *
 * @example
 * const cluster = new clarifai.ComputeCluster("gpu", { cloudProvider: "aws", region: "us-east-1" });
 */
export class ComputeCluster extends pulumi.dynamic.Resource {
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

  /** The Clarifai compute cluster id. */
  declare readonly computeClusterId: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string>;
  /** The cloud provider id. */
  declare readonly cloudProvider: pulumi.Output<string>;
  /** The region. */
  declare readonly region: pulumi.Output<string>;
  /** `dedicated` or `local-dev`. */
  declare readonly clusterType: pulumi.Output<string>;
  /** `clarifai` or `user`. */
  declare readonly managedBy: pulumi.Output<string>;
  /** Who can see the cluster. */
  declare readonly visibility: pulumi.Output<Visibility>;
  /** The key given in the program, if any (secret). */
  declare readonly key: pulumi.Output<string | undefined>;
  /** Whether the program asked to adopt an existing cluster. */
  declare readonly adopt: pulumi.Output<boolean>;
  /** The owning user or organization. Output only. */
  declare readonly userId: pulumi.Output<string>;
  /** The provider's display name as Clarifai returns it. Output only. */
  declare readonly cloudProviderName: pulumi.Output<string>;
  /** When Clarifai created the cluster (RFC 3339). Output only. */
  declare readonly createdAt: pulumi.Output<string>;
  /** When Clarifai last modified the cluster (RFC 3339). Output only. */
  declare readonly modifiedAt: pulumi.Output<string>;

  constructor(name: string, args: ComputeClusterArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps("ComputeCluster", name, args),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["key"] }),
      "clarifai",
      "ComputeCluster",
    );
    if (args?.cloudProvider !== undefined && args.region !== undefined) {
      const placement = { cloudProvider: args.cloudProvider, region: args.region, clusterType: args.clusterType };
      recordPlacement(this.id, placement);
      recordPlacement(this.computeClusterId, placement);
    }
  }
}
