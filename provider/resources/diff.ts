// `diff`: which compared inputs changed, which of those replace, and whether the replacement must
// delete first (Clarifai ids are chosen by the user, so a kept id must be freed before it is reused).
import { ResourceKind, UNKNOWN, diffKeys, isUnknown, replaceKeys, replaceWhenUnknownKeys, resourceSpec } from "../model/schema";
import { Props, ResourceDefinition, checkedOf, deepEqual, previewedOf, priorOf } from "./definition";

/**
 * The compared input keys whose new value differs from the stored one (unknown at preview counts as
 * changed). The native plugin's detailed diff lists exactly these keys.
 */
export function changedKeys(kind: ResourceKind, olds: Props, news: Props): string[] {
  const inputs = resourceSpec(kind).inputProperties;
  // A state written before an input existed (0.1.0) lacks it: that is its default, not a change.
  const old = (k: string) => (olds[k] === undefined ? inputs[k]?.default : olds[k]);
  return diffKeys(kind).filter((k) => news[k] === UNKNOWN || isUnknown(news[k]) || !deepEqual(old(k), news[k]));
}

/** The provider's `diff` for a resource definition. */
export async function diffResource<K extends ResourceKind, Remote>(def: ResourceDefinition<K, Remote>, id: string, olds: Props, news: Props) {
  const replaces = replaceKeys(def.kind);
  const replacesWhenUnknown = replaceWhenUnknownKeys(def.kind);
  const changed = changedKeys(def.kind, olds, news);
  const replacing = changed.filter((k) => replaces.includes(k) || (replacesWhenUnknown.includes(k) && news[k] === UNKNOWN));
  // The id is made of replace-on-change inputs only: when they are all known, so is the new id.
  const newId = isUnknown(Object.fromEntries(replaces.map((k) => [k, news[k]]))) ? undefined : def.pulumiId(checkedOf<K>(news));
  return {
    changes: changed.length > 0,
    replaces: replacing,
    stables: replaces.filter((k) => !changed.includes(k)),
    // Clarifai ids are chosen by the user: a replacement that keeps the id must delete first; so must
    // one the API's other uniqueness rules would refuse beside the old object.
    deleteBeforeReplace:
      replacing.length > 0 && (newId === undefined || newId === id || def.clashesWithReplaced?.(priorOf<K>(olds), previewedOf<K>(news)) === true),
  };
}
