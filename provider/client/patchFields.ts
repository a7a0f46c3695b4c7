/**
 * A PATCH body that writes only what changed. Clarifai's `overwrite` replaces the fields a request
 * carries and keeps the others, so a field left out of the body survives: an out-of-band change to it,
 * or a value `ignoreChanges` keeps from the program, is not overwritten by an unrelated update.
 */

/** Wire keys written together: asking for one writes them all (the request's forms of one field). */
const TOGETHER: Readonly<Record<string, readonly string[]>> = {
  // 12.x: a PATCH writes the worker through `desired_worker`.
  worker: ["desired_worker"],
  // A deployment's pools go out as `nodepools` or, with priorities, `deployment_nodepools`.
  nodepools: ["nodepools", "deployment_nodepools"],
  deployment_nodepools: ["nodepools", "deployment_nodepools"],
};

/**
 * `wire` with only the `id` and the top-level keys in `fields` (wire names, the schema's `apiField`s);
 * all of it when `fields` is undefined.
 */
export function onlyFields<W extends object>(wire: W, fields: ReadonlySet<string> | undefined): W {
  if (fields === undefined) return wire;
  const keep = new Set(["id"]);
  for (const f of fields) for (const k of TOGETHER[f] ?? [f]) keep.add(k);
  return Object.fromEntries(Object.entries(wire).filter(([k]) => keep.has(k))) as W;
}
