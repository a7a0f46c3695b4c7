// A nodepool's `capacity` (the model's three choices) and the API's node_capacity_type list, both ways:
// the list names the allowed kinds, and both listed means spot first, then on-demand.
import type { Capacity, CapacityType } from "./model.generated";

export function capacityToTypes(c: Capacity): CapacityType[] {
  return c === "spot" ? ["spot"] : c === "spotWithFallback" ? ["spot", "onDemand"] : ["onDemand"];
}

/** An empty list (the API's default) is on-demand. */
export function capacityFromTypes(t: readonly CapacityType[]): Capacity {
  const spot = t.includes("spot");
  const onDemand = t.includes("onDemand") || t.length === 0;
  return spot && onDemand ? "spotWithFallback" : spot ? "spot" : "onDemand";
}
