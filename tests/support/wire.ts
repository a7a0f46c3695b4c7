// Objects "made by hand" in a test's account: written in the schema's terms (what a program declares),
// checked as `check` would (schema defaults applied), and sent as the API message the provider would
// send, so a test never spells the wire by hand.
import type { InputsOf, ResourceKind, WireOf } from "../../provider/model/model.generated";
import { toWire } from "../../provider/model/wireMap";
import { definitions } from "../../provider/resources/registry";
import { validateInputs } from "../../provider/model/schema";

/** The inputs of a kind as `check` returns them: the schema's defaults applied. */
export function checkedInputs<K extends ResourceKind>(kind: K, inputs: Partial<InputsOf[K]>): InputsOf[K] {
  return validateInputs(kind, { ...inputs }).inputs as unknown as InputsOf[K];
}

/** The create message of a kind for these inputs. */
export function wireOf<K extends ResourceKind>(kind: K, inputs: Partial<InputsOf[K]>): WireOf[K] {
  return toWire(kind, definitions[kind].wire, checkedInputs(kind, inputs), "create");
}
