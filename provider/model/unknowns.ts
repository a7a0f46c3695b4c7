// Values whose type the program cannot know from its own code (JSON files, the engine's property bags,
// gRPC structs, caught errors): narrowed by looking at them, never by assertion.

/** A plain object (not null, not a list): its keys can be read, each value still unknown. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `Object.keys` of a record whose keys are a known union. */
export function keysOf<K extends string>(r: Readonly<Record<K, unknown>>): K[] {
  return Object.keys(r).filter((k): k is K => Object.hasOwn(r, k));
}

/** Every element, when none is undefined; else undefined. */
export function allDefined<T>(xs: readonly (T | undefined)[]): T[] | undefined {
  const out = xs.filter((x): x is T => x !== undefined);
  return out.length === xs.length ? out : undefined;
}

/** What a caught value says: an Error's message, else the value as text. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Whether `k` is an own key of `o` (a table keyed by a known union: kinds, function tokens). */
export function isKeyOf<T extends object>(o: T, k: string): k is Extract<keyof T, string> {
  return Object.hasOwn(o, k);
}
