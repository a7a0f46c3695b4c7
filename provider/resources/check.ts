// `check`: schema rules and defaults, auto-naming, cross-field rules, then the read-only look-ups
// against the account (preflight). Every failure names the resource, the field and what is allowed.
import type { ResourceKind } from "../model.generated";
import type { Failure } from "../schema";
import { autoNameKey, isUnknown, replaceKeys, validateInputs } from "../schema";
import { AUTO_NAMED, NAME, Previewed, Prior, Props, ResourceDefinition, bag, deepEqual } from "./definition";

function autoName(logical: string): string {
  const base = logical.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^[-_]+/, "").replace(/-+/g, "-").slice(0, 40) || "r";
  const suffix = Array.from({ length: 7 }, () => Math.floor(Math.random() * 16).toString(16)).join("");
  return `${base}-${suffix}`;
}

/** `<Kind> "<logical name>"`, the prefix of every message about a resource. */
export function labelOf(kind: ResourceKind, p: object): string {
  const b = bag(p);
  return `${kind} "${String(b[NAME] ?? b[autoNameKey(kind)!] ?? "?")}"`;
}

/** The provider's `check` for a resource definition. */
export async function checkResource<K extends ResourceKind, Remote>(def: ResourceDefinition<K, Remote>, olds: Props, news: Props) {
  const idKey = autoNameKey(def.kind)!;
  const replaces = replaceKeys(def.kind);
  const { inputs, failures } = validateInputs(def.kind, news);
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  // Auto-naming: generated once, kept afterwards; a fresh id when a replacement is needed, so the
  // new object can be created before the old one is deleted.
  if (inputs[idKey] === undefined) {
    const immutableChanged = replaces.some((k) => k !== idKey && olds[k] !== undefined && !isUnknown(inputs[k]) && !deepEqual(olds[k], inputs[k]));
    if (olds[idKey] && olds[AUTO_NAMED] && !immutableChanged) inputs[idKey] = olds[idKey];
    else inputs[idKey] = autoName(String(news[NAME] ?? def.kind));
    inputs[AUTO_NAMED] = true;
  } else delete inputs[AUTO_NAMED];
  // With no failure the schema held: from here on the inputs have the model's shape (values may be unknown).
  const checked = inputs as Previewed<K>;
  if (!failures.length) def.normalize?.(checked);
  if (!failures.length) def.crossCheck?.(checked, fail);
  if (!failures.length && def.preflight) await def.preflight(olds as Prior<K>, checked, fail);
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
