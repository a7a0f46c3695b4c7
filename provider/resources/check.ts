// `check`: schema rules and defaults, auto-naming, cross-field rules, then the read-only look-ups
// against the account (preflight). Every failure names the resource, the field and what is allowed.
import type { ResourceKind } from "../model/model.generated";
import type { Failure } from "../model/schema";
import { autoNameKey, isUnknown, replaceKeys, validateInputs } from "../model/schema";
import { AUTO_NAMED, NAME, Props, ResourceDefinition, bag, deepEqual, previewedOf, priorOf } from "./definition";
import { OWNER, generatedId, immutablesOf } from "../model/owner";

/** `<Kind> "<logical name>"`, the prefix of every message about a resource. */
export function labelOf(kind: ResourceKind, p: object): string {
  const b = bag(p);
  return `${kind} "${String(b[NAME] ?? b[autoNameKey(kind)!] ?? "?")}"`;
}

/**
 * The prior inputs each resource was last checked against, by kind and logical name. When `diff` says
 * replace, the engine checks the resource a second time with no prior inputs (a replacement is a new
 * object); the read-only checks still need to know which object it replaces (the deployment being
 * replaced is no conflict for its replacement), and it is the one of the check just before.
 */
const lastPrior = new Map<string, Props>();

function priorFor(kind: ResourceKind, olds: Props, news: Props): Props {
  const key = `${kind}\n${String(news[NAME] ?? "")}`;
  if (Object.keys(olds).length) lastPrior.set(key, olds);
  return Object.keys(olds).length ? olds : (lastPrior.get(key) ?? olds);
}

/** The provider's `check` for a resource definition. */
export async function checkResource<K extends ResourceKind, Remote>(def: ResourceDefinition<K, Remote>, olds: Props, news: Props) {
  const idKey = autoNameKey(def.kind)!;
  const replaces = replaceKeys(def.kind);
  const { inputs, failures } = validateInputs(def.kind, news);
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  // Auto-naming: generated once, kept afterwards (the stored id wins); a fresh id when a replacement
  // is needed, so the new object can be created before the old one is deleted (ownership.ts).
  if (inputs[idKey] === undefined) {
    const immutableChanged = replaces.some((k) => k !== idKey && olds[k] !== undefined && !isUnknown(inputs[k]) && !deepEqual(olds[k], inputs[k]));
    if (olds[idKey] && olds[AUTO_NAMED] && !immutableChanged) inputs[idKey] = olds[idKey];
    else {
      const owner = typeof news[OWNER] === "string" ? news[OWNER] : undefined;
      inputs[idKey] = generatedId(def.kind, String(news[NAME] ?? def.kind), owner, immutablesOf(def.kind, inputs));
    }
    inputs[AUTO_NAMED] = true;
  } else delete inputs[AUTO_NAMED];
  // With no failure the schema held: from here on the inputs have the model's shape (values may be unknown).
  const checked = previewedOf<K>(inputs);
  if (!failures.length) def.normalize?.(checked);
  if (!failures.length) def.crossCheck?.(checked, fail);
  if (!failures.length && def.preflight) await def.preflight(priorOf<K>(priorFor(def.kind, olds, news)), checked, fail);
  return { inputs, failures: failures.map((f: Failure) => ({ property: f.property || "(inputs)", reason: `${labelOf(def.kind, news)}: ${f.property ? `${f.property}: ` : ""}${f.reason}` })) };
}

/**
 * Check failures as the engine is to print them: the reason alone, which names the resource, the
 * field, the value and what is allowed. Given a property, the engine prints `property <p> value {<v>}
 * has a problem: <reason>`, looking <v> up as a top-level key of the program's inputs: `{<nil>}` for a
 * path (`nodepools[0]`, `autoscale.maxReplicas`) or `(inputs)`, `output<string>{}` for a value unknown
 * at preview, the value again for the rest, and a secret's plain text. Without a property it prints
 * `<type> resource '<name>' has a problem: <reason>`, on both the dynamic and the plugin path.
 */
export function forEngine(failures: readonly { property: string; reason: string }[] | undefined): { property: string; reason: string }[] {
  return (failures ?? []).map((f) => ({ property: "", reason: f.reason }));
}
