import * as pulumi from "@pulumi/pulumi";
import { forwarder, resourceProps } from "./forwarder";
import { loadConfigFile } from "./configFile";
import { samePoolConflicts } from "./placement";
import type { Visibility } from "./computeCluster";
import type { ModelRef, WorkflowRef } from "../provider/client";

export type { ModelRef, WorkflowRef };

/** How Clarifai picks among a deployment's nodepools. */
export type SchedulingChoice = "fail" | "random" | "price" | "performance" | "network" | "utilization" | "preferSpot" | "preferOndemand";


/** Replica autoscaling of a deployment. */
export interface Autoscale {
  /** Fewest replicas; 0 scales to zero when idle. Unit: replicas. Default: 0. */
  minReplicas?: number;
  /** Most replicas; at least `minReplicas`. Unit: replicas. Default: 1. */
  maxReplicas?: number;
  /**
   * Replicas kept running above `minReplicas` while capacity allows; the autoscaler may reclaim them
   * (API 12.x). Clarifai starts `minReplicas + softMinReplicas`, at most `maxReplicas`. Unit: replicas.
   * Default: not set (0).
   */
  softMinReplicas?: number;
  /** How much traffic history the autoscaler looks at. Unit: seconds. Default: Clarifai's. */
  trafficHistorySeconds?: number;
  /** Delay before scaling up. Unit: seconds. Default: Clarifai's. */
  scaleUpDelaySeconds?: number;
  /** Delay before scaling down. Unit: seconds. Default: Clarifai's. */
  scaleDownDelaySeconds?: number;
  /** Idle time before scaling to zero. Unit: seconds. Default: Clarifai's. */
  scaleToZeroDelaySeconds?: number;
  /** One replica per node when true. Default: false. */
  disablePacking?: boolean;
}

/** Arguments of a {@link Deployment}. */
export interface DeploymentArgs {
  /**
   * The Clarifai deployment id: 1 to 48 letters, digits, `-` or `_`, starting with a letter or digit.
   * Default: generated once from the logical name plus a random suffix, stable afterwards.
   * Changing it replaces the deployment (the old one is deleted first).
   */
  deploymentId?: pulumi.Input<string>;
  /** A human-readable description. Default: empty. Updates in place. */
  description?: pulumi.Input<string>;
  /**
   * The model to serve: owner, app, model id and version. Exactly one of `model` or `workflow`.
   * Changing it (a new version, or another model) updates in place, and `up` waits for readiness again.
   */
  model?: pulumi.Input<ModelRef>;
  /** The workflow to serve. Exactly one of `model` or `workflow`. Updates in place. */
  workflow?: pulumi.Input<WorkflowRef>;
  /**
   * The nodepools to run on, as nodepool ids `<computeClusterId>/<nodepoolId>`: pass `pool.id`, so Pulumi
   * creates the nodepools first and deletes them after the deployment. At least one. Required.
   * Updates in place.
   */
  nodepools: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Scheduling priority of each entry of `nodepools`, same order, 0 to 9 (API 12.x; Clarifai does not
   * document which end is preferred). Default: not set (all 0). Updates in place.
   */
  nodepoolPriorities?: pulumi.Input<pulumi.Input<number>[]>;
  /** Replica autoscaling. Default: 0 to 1 replicas, Clarifai's delays. Updates in place. */
  autoscale?: pulumi.Input<Autoscale>;
  /** How Clarifai picks among the nodepools. Default: `performance` (as Clarifai's SDK). Updates in place. */
  schedulingChoice?: pulumi.Input<SchedulingChoice>;
  /** Who can see the deployment. Default: `private`. Updates in place. */
  visibility?: pulumi.Input<Visibility>;
  /** Follow new model versions automatically (then `model.versionId` may be omitted). Default: false. Updates in place. */
  deployLatestVersion?: pulumi.Input<boolean>;
  /**
   * Roll out a new version without taking down the old replicas until the new ones serve (API 12.x).
   * Default: false. Updates in place.
   */
  gracefulDeploy?: pulumi.Input<boolean>;
  /**
   * After create and update, wait until the deployment serves the declared version with the replicas the
   * orchestrator asks for (a scale-to-zero deployment asks for none, so it is ready at once), logging
   * progress, failing fast on a nodepool or replica error. Default: true. Not sent to Clarifai.
   */
  waitForReady?: pulumi.Input<boolean>;
  /**
   * How long to wait for readiness. At the deadline the `up` fails, but the deployment stays in the
   * state and the next `up` waits again. Unit: seconds. Default: 1200. Not sent to Clarifai.
   */
  readyTimeoutSeconds?: pulumi.Input<number>;
  /**
   * Take over an existing deployment with this id instead of failing; its fields are then set to the
   * program's. Default: false. No effect after creation.
   */
  adopt?: pulumi.Input<boolean>;
}

const provider = forwarder("Deployment");

/**
 * A Clarifai deployment: a model or workflow served on one or more nodepools, with replica autoscaling.
 * Its Pulumi id is the deployment id. `pulumi up` waits until the replicas run (see `waitForReady`).
 *
 * @example
 * const ocr = new clarifai.Deployment("ocr", {
 *   model: { userId: "stepfun-ai", appId: "ocr", modelId: "got-ocr-2_0", versionId: "5d92..." },
 *   nodepools: [pool.id],
 *   autoscale: { minReplicas: 0, maxReplicas: 2 },
 * });
 */
export class Deployment extends pulumi.dynamic.Resource {
  /** The permanent type token of this resource. */
  public static readonly __pulumiType = "pulumi-nodejs:dynamic/clarifai:Deployment";

  /** Whether `obj` is a Deployment, even across copies of this package. */
  public static override isInstance(obj: unknown): obj is Deployment {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === Deployment.__pulumiType;
  }

  /** Reads an existing deployment into the program without managing it. `id` is the deployment id. */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Deployment {
    return new Deployment(name, {} as DeploymentArgs, { ...opts, id });
  }

  /**
   * Declares a deployment from a Clarifai SDK `deployment_config.yaml` (top-level `deployment:`). Pass
   * `{ nodepools: [pool.id] }` in `overrides` to run it on nodepools of the program (which also orders
   * creation and deletion); otherwise the file's nodepools must already exist. Overrides win.
   */
  public static fromConfigFile(name: string, path: string, overrides?: Partial<DeploymentArgs>, opts?: pulumi.CustomResourceOptions): Deployment {
    const fromFile = loadConfigFile(path, "deployment") as Partial<DeploymentArgs>;
    return new Deployment(name, { ...fromFile, ...overrides } as DeploymentArgs, opts);
  }

  /** The Clarifai deployment id. */
  declare readonly deploymentId: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string>;
  /** The model served now, as Clarifai reports it (observed: a rollout or an outside change shows as drift). */
  declare readonly model: pulumi.Output<ModelRef | undefined>;
  /** The workflow served, as Clarifai reports it. */
  declare readonly workflow: pulumi.Output<WorkflowRef | undefined>;
  /** The nodepool ids (`<computeClusterId>/<nodepoolId>`). */
  declare readonly nodepools: pulumi.Output<string[]>;
  /** The priority of each nodepool, when the program sets priorities or Clarifai reports any. */
  declare readonly nodepoolPriorities: pulumi.Output<number[] | undefined>;
  /** The autoscaling settings, as Clarifai reports them. */
  declare readonly autoscale: pulumi.Output<Autoscale>;
  /** How Clarifai picks among the nodepools. */
  declare readonly schedulingChoice: pulumi.Output<SchedulingChoice>;
  /** Who can see the deployment. */
  declare readonly visibility: pulumi.Output<Visibility>;
  /** Whether Clarifai follows new model versions. */
  declare readonly deployLatestVersion: pulumi.Output<boolean>;
  /** Whether new versions roll out gracefully. */
  declare readonly gracefulDeploy: pulumi.Output<boolean>;
  /** Whether `up` waits for readiness. */
  declare readonly waitForReady: pulumi.Output<boolean>;
  /** The readiness deadline, in seconds. */
  declare readonly readyTimeoutSeconds: pulumi.Output<number>;
  /** Whether the program asked to adopt an existing deployment. */
  declare readonly adopt: pulumi.Output<boolean>;
  /** The owning user or organization. Output only. */
  declare readonly userId: pulumi.Output<string>;
  /**
   * Whether the deployment served the declared version with its desired replicas live and no rollout in
   * progress when Pulumi last created or updated it. Output only.
   */
  declare readonly ready: pulumi.Output<boolean>;
  /** The model or workflow version served now (observed). Output only. */
  declare readonly servedVersionId: pulumi.Output<string | undefined>;
  /** Replicas the orchestrator asks for, over all nodepools; 0 when scaled to zero. Unit: replicas. Output only. */
  declare readonly desiredReplicas: pulumi.Output<number>;
  /** Replicas serving now, over all nodepools. Unit: replicas. Output only. */
  declare readonly liveReplicas: pulumi.Output<number>;
  /** When Clarifai created the deployment (RFC 3339). Output only. */
  declare readonly createdAt: pulumi.Output<string>;
  /** When Clarifai last modified the deployment (RFC 3339). Output only. */
  declare readonly modifiedAt: pulumi.Output<string>;

  constructor(name: string, args: DeploymentArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...resourceProps("Deployment", name, args), ...samePoolConflicts(name, args?.nodepools, args?.model) }, opts, "clarifai", "Deployment");
  }
}
