// Objects "made by hand" in a test's account: written in the schema's terms (what a program declares),
// checked as `check` would (schema defaults applied), and sent as the API message the provider would
// send, so a test never spells the wire by hand.
import type { InputsOf, ResourceKind, WireOf } from "../../provider/model/model.generated";
import { toWire } from "../../provider/model/wireMap";
import { definitions } from "../../provider/resources/registry";
import { validateInputs } from "../../provider/model/schema";
import { MODEL } from "./badInputCases";

/** The inputs of a kind as `check` returns them: the schema's defaults applied. */
export function checkedInputs<K extends ResourceKind>(kind: K, inputs: Partial<InputsOf[K]>): InputsOf[K] {
  return validateInputs(kind, { ...inputs }).inputs as unknown as InputsOf[K];
}

/** The create message of a kind for these inputs. */
export function wireOf<K extends ResourceKind>(kind: K, inputs: Partial<InputsOf[K]>): WireOf[K] {
  return toWire(kind, definitions[kind].wire, checkedInputs(kind, inputs), "create");
}

/** StepFun's GOT-OCR 2.0, a community model that fits an A10G. */
export const OCR_MODEL = { userId: "stepfun-ai", appId: "ocr", modelId: "got-ocr-2_0", versionId: "5d92321db5d341b5b4cf407ab34f618f" };

// A hand-made object of each kind: the fields every test needs, overridden by what a test is about.
/** A dedicated AWS compute cluster `cc1` in us-east-1, managed by Clarifai. */
export const handCluster = (o: Partial<InputsOf["ComputeCluster"]> = {}) =>
  wireOf("ComputeCluster", { computeClusterId: "cc1", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai", ...o });
/** A nodepool `np1` of `cc1`: t3a.large, 0 to 2 instances, on demand. */
export const handNodepool = (o: Partial<InputsOf["Nodepool"]> = {}) =>
  wireOf("Nodepool", { nodepoolId: "np1", computeClusterId: "cc1", instanceTypes: ["t3a.large"], minInstances: 0, maxInstances: 2, capacity: "onDemand", ...o });
/** A deployment `dep1` of Clarifai's general image model on `cc1/np1`, 0 to 1 replicas. */
export const handDeployment = (o: Partial<InputsOf["Deployment"]> = {}) =>
  wireOf("Deployment", {
    deploymentId: "dep1",
    model: MODEL,
    nodepools: ["cc1/np1"],
    autoscale: { minReplicas: 0, maxReplicas: 1 },
    schedulingChoice: "performance",
    ...o,
  });
