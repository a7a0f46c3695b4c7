// `check`: schema rules and defaults, auto-naming, cross-field rules, then the read-only look-ups
// against the account (preflight). Every failure names the resource, the field and what is allowed.
import type { Failure } from "../schema";
import { autoNameKey, isUnknown, replaceKeys, validateInputs } from "../schema";
import { AUTO_NAMED, NAME, Props, ResourceDefinition, deepEqual } from "./definition";

function autoName(logical: string): string {
  const base = logical.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^[-_]+/, "").replace(/-+/g, "-").slice(0, 40) || "r";
  const suffix = Array.from({ length: 7 }, () => Math.floor(Math.random() * 16).toString(16)).join("");
  return `${base}-${suffix}`;
}

/** `<Kind> "<logical name>"`, the prefix of every message about a resource. */
export function labelOf(def: ResourceDefinition<unknown>, p: Props): string {
  return `${def.kind} "${String(p[NAME] ?? p[autoNameKey(def.kind)!] ?? "?")}"`;
}

/** The provider's `check` for a resource definition. */
export async function checkResource<Remote>(def: ResourceDefinition<Remote>, olds: Props, news: Props) {
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
  if (!failures.length) def.normalize?.(inputs);
  if (!failures.length) def.crossCheck?.(inputs, fail);
  if (!failures.length && def.preflight) await def.preflight(olds, inputs, fail);
  return { inputs, failures: failures.map((f: Failure) => ({ property: f.property || "(inputs)", reason: `${labelOf(def as ResourceDefinition<unknown>, news)}: ${f.property ? `${f.property}: ` : ""}${f.reason}` })) };
}
