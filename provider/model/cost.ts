// Hourly cost estimates from Clarifai's catalogue prices (`InstanceType.price`, a decimal string such
// as "42.000000"; Clarifai documents no unit). Reading chosen (docs/fit-cost-policy.md): a price is an
// hourly price per node in the catalogue's own unit, read only when it is a plain decimal number; any
// other form gives no estimate rather than a wrong one. The catalogue has one price per instance
// type, not one per capacity type, so spot and on-demand nodes are priced alike.
import { allDefined } from "./unknowns";

/** The unit every estimate carries. */
export const COST_UNIT = "catalogue price units per node-hour (estimate)";

/** A catalogue price as a number; undefined unless it is a plain non-negative decimal (`42.000000`, `0.5`). */
export function parsePrice(price: string | undefined): number | undefined {
  if (price === undefined || !/^\d+(\.\d+)?$/.test(price.trim())) return undefined;
  return Number(price.trim());
}

export interface HourlyCost {
  atMinInstances: number;
  atMaxInstances: number;
  unit: string;
}

/**
 * A nodepool's hourly cost range: minInstances nodes of its cheapest instance type to maxInstances of
 * its dearest. Undefined when any of its instance types has no readable price.
 */
export function nodepoolHourlyCost(prices: (string | undefined)[], minInstances: number, maxInstances: number): HourlyCost | undefined {
  const ps = allDefined(prices.map(parsePrice));
  if (!ps?.length) return undefined;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return { atMinInstances: round(minInstances * Math.min(...ps)), atMaxInstances: round(maxInstances * Math.max(...ps)), unit: COST_UNIT };
}

/** The one line `up` and `preview` end with (sdk/costSummary.ts, and the plugin's equivalent). */
export function costSummaryLine(pools: { name: string; cost?: HourlyCost }[]): string {
  const priced = pools.filter((p) => p.cost);
  const min = priced.reduce((s, p) => s + p.cost!.atMinInstances, 0);
  const max = priced.reduce((s, p) => s + p.cost!.atMaxInstances, 0);
  const fmt = (x: number) => String(Math.round(x * 1e6) / 1e6);
  const unpriced = pools.filter((p) => !p.cost).map((p) => p.name);
  const rest = unpriced.length ? `; no estimate for ${unpriced.join(", ")} (catalogue price not known here, or not a plain decimal)` : "";
  return `Clarifai compute estimate: ${fmt(min)} to ${fmt(max)} ${COST_UNIT.replace(" (estimate)", "")} for ${priced.length} nodepool(s) at min to max instances${rest}`;
}
