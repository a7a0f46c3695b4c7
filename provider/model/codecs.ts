// Codecs more than one kind uses (wireMap.ts): the visibility message, a reference by id, a list of
// them, the capacity message, and a struct whose fields the wire spells in snake_case.
import { ApiNodeCapacityType_CapacityType, ApiVisibility_Gettable, type ApiNodeCapacityType, type ApiVisibility } from "../../api/wire.generated";
import type { Capacity, CapacityType, Visibility } from "./model.generated";
import { capacityFromTypes, capacityToTypes } from "./capacity";
import type { Codec } from "./wireMap";
import { keysOf } from "./unknowns";

const VISIBILITY: Record<Visibility, ApiVisibility_Gettable> = { private: ApiVisibility_Gettable.PRIVATE, org: ApiVisibility_Gettable.ORG, public: ApiVisibility_Gettable.PUBLIC };
const CAPACITY: Record<CapacityType, ApiNodeCapacityType_CapacityType> = { onDemand: ApiNodeCapacityType_CapacityType.ON_DEMAND_TYPE, spot: ApiNodeCapacityType_CapacityType.SPOT_TYPE };

/** The key of `table` whose value is `n` (undefined for a number this provider does not know). */
export function nameOf<K extends string>(table: Record<K, number>, n: number | undefined): K | undefined {
  return keysOf(table).find((k) => table[k] === n);
}

/** `visibility: { gettable: 10 | 30 | 50 }` */
export const visibility: Codec<Visibility, { visibility?: ApiVisibility }> = {
  toWire: (v) => ({ visibility: { gettable: VISIBILITY[v] } }),
  fromWire: (m) => nameOf(VISIBILITY, m.visibility?.gettable),
};

/** A message with one field, named by a type parameter: what a codec for that field writes. */
function one<F extends string, V>(field: F, value: V): { [k in F]?: V } {
  const out: { [k in F]?: V } = {};
  out[field] = value;
  return out;
}

/** A string the wire holds as a message's id (`cloud_provider: { id }`). */
export function byId<F extends string>(api: F): Codec<string, { [k in F]?: { id?: string } }> {
  return {
    toWire: (id) => one(api, { id }),
    fromWire: (m) => m[api]?.id,
  };
}

/** A list of strings the wire holds as messages with those ids (`instance_types: [{ id }]`). */
export function listById<F extends string>(api: F): Codec<string[], { [k in F]?: { id?: string }[] }> {
  return {
    toWire: (ids) => one(api, ids.map((id) => ({ id }))),
    fromWire: (m) => m[api]?.map((x) => x.id ?? ""),
  };
}

/** Unknown numbers (0 = UKNOWN_CAPACITY_TYPE, future ones) are dropped. */
export function capacityTypesFromWire(t: ApiNodeCapacityType | undefined): CapacityType[] {
  return (t?.capacity_types ?? []).map((n) => nameOf(CAPACITY, n)).filter((k): k is CapacityType => k !== undefined);
}

/** `node_capacity_type: { capacity_types: [1, 2] }` */
export const capacity: Codec<Capacity, { node_capacity_type?: ApiNodeCapacityType }> = {
  toWire: (c) => ({ node_capacity_type: { capacity_types: capacityToTypes(c).map((t) => CAPACITY[t]) } }),
  fromWire: (m) => capacityFromTypes(capacityTypesFromWire(m.node_capacity_type)),
};

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const renamed = (o: object, name: (k: string) => string) => Object.fromEntries(Object.entries(o).map(([k, v]) => [name(k), v]));

/** An object type whose fields the wire spells in snake_case (`autoscale` as `autoscale_config`). */
export function snakeStruct<T extends object, F extends string>(api: F): Codec<T, { [k in F]?: object }> {
  return {
    toWire: (v) => one(api, renamed(v, snake)),
    fromWire: (m) => {
      const w = m[api];
      return w && (renamed(w, camel) as T);
    },
  };
}
