// Which stack and resource an object belongs to: the owner token, and the ids generated from it.
//
// The token is a hash of project, stack, kind and logical name. The SDK classes pass it as the hidden
// input `__owner` (sdk/forwarder.ts); the native plugin derives it from the URN. Nodepool and
// deployment creates write it as a marker in the object's metadata (provider/client/ownership.ts), and
// a generated id carries a hash of it: either lets a later create recognise the object an earlier,
// interrupted or uncertain create of the same resource made, and refuse everyone else's.
import { createHash } from "crypto";
import type { ResourceKind } from "./model.generated";
import { autoNameKey, replaceKeys } from "./schema";

/** The hidden input holding the owner token. */
export const OWNER = "__owner";

const hex = (s: string, n: number) => createHash("sha256").update(s).digest("hex").slice(0, n);

/** Hex digits of a token that name the stack (the rest name the resource in it). */
const STACK_DIGITS = 12;

/** The token of one resource of one stack: 12 hex digits for the stack, 8 for the resource in it. */
export function ownerToken(project: string, stack: string, kind: ResourceKind, name: string): string {
  return hex(JSON.stringify([project, stack]), STACK_DIGITS) + hex(JSON.stringify([kind, name]), 8);
}

/** Whether two tokens name the same stack (an object marked by any resource of it is the stack's). */
export function sameStack(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.length > STACK_DIGITS && a.slice(0, STACK_DIGITS) === b.slice(0, STACK_DIGITS);
}

/** The owner token of a resource from its URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function ownerTokenOfUrn(urn: string, kind: ResourceKind): string {
  const [head = "", project = "", , ...name] = urn.split("::");
  return ownerToken(project, head.replace(/^urn:pulumi:/, ""), kind, name.join("::"));
}

/** The values that force a replacement, but the id: what a generated id is derived from besides the token. */
export function immutablesOf(kind: ResourceKind, inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(replaceKeys(kind).filter((k) => k !== autoNameKey(kind)).map((k) => [k, inputs[k]]));
}

/** Longest part of a generated id taken from the logical name (ids are at most 48 characters). */
const BASE_MAX = 40;

/**
 * The readable part of a generated id: the logical name in the id alphabet. Accents are dropped
 * ("café" → "cafe"); a name with no letter or digit left (another script) takes the kind's name; the
 * cut never leaves a trailing "-" or "_" (which would double the separator before the suffix).
 */
function idBase(logical: string, kind: ResourceKind): string {
  const ascii = logical.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const base = ascii
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/-+/g, "-")
    .slice(0, BASE_MAX)
    .replace(/^[-_]+|[-_]+$/g, "");
  return /[A-Za-z0-9]/.test(base) ? base : kind.toLowerCase();
}

/**
 * A generated id: the logical name and 7 hex digits. With an owner token the digits are a hash of it
 * and of the values that force a replacement, so every attempt to create the same resource (an `up`
 * after an interrupted one) asks for the same id, and a replacement gets a fresh one. Without a token
 * (a program built with an older SDK) they are random, as before.
 */
export function generatedId(kind: ResourceKind, logical: string, owner: string | undefined, immutables: unknown): string {
  const suffix =
    owner === undefined
      ? Array.from({ length: 7 }, () => Math.floor(Math.random() * 16).toString(16)).join("")
      : hex(JSON.stringify([owner, immutables]), 7);
  return `${idBase(logical, kind)}-${suffix}`;
}

/**
 * Whether `found` (the object under the id a create was refused for) is the one an earlier create of
 * this very resource made: its marker carries this resource's token (kinds with metadata), or, for a
 * kind without one, its id is the one generated for this resource from its token. Never for a program
 * without a token.
 */
export function madeByThisResource(
  kind: ResourceKind,
  inputs: { __owner?: string; __autoNamed?: boolean; __logicalName?: string },
  id: string,
  marker: { has: boolean; owner?: string },
): boolean {
  const owner = inputs.__owner;
  if (owner === undefined) return false;
  if (marker.has) return marker.owner === owner;
  return inputs.__autoNamed === true && id === generatedId(kind, String(inputs.__logicalName ?? kind), owner, immutablesOf(kind, inputs));
}
