import * as pulumi from "@pulumi/pulumi";
import { resourceProps, withoutPromiseStacks } from "./forwarder";
import { loadConfigFile } from "./configFile";
import { poolPlans, samePoolConflicts } from "./placement";
import type { DeploymentArgs, DeploymentOutputs } from "./model.generated";

export type { DeploymentArgs };

// The outputs come from schema.json (sdk/model.generated.ts), merged into the class's instance type:
// one declaration per field, with the schema's description as its TSDoc.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Deployment extends DeploymentOutputs {}

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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Deployment extends pulumi.CustomResource {
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

  constructor(name: string, args: DeploymentArgs, opts?: pulumi.CustomResourceOptions) {
    const restore = withoutPromiseStacks();
    try {
      super(Deployment.__pulumiType, name, { ...resourceProps("Deployment", name, args), ...samePoolConflicts(name, args?.nodepools, args?.model), ...poolPlans(args?.nodepools) }, opts);
    } finally {
      restore();
    }
  }
}
