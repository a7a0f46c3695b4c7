// The one line `pulumi up` and `pulumi preview` end with: the stack's Clarifai compute, summed over its
// nodepools, as an estimate in the catalogue's unit (provider/model/cost.ts).
//
// Why here: a provider cannot tell when a run ends (the engine sends it no "done"), but the program
// can: Node.js emits `beforeExit` once every resource registration has settled, which is where
// @pulumi/pulumi itself (cmd/run) and libraries such as @pulumi/aws add their last work; the SDK's
// own shutdown handler runs after ours. The line goes to the engine with pulumi.log.info, so the CLI
// prints it among the stack's diagnostics at the end of both commands.
//
// Each nodepool is priced from its `estimatedHourlyCost` output when known (after `up`, or unchanged
// at preview), else from the catalogue facts its check recorded (`__catalogue`, present at preview
// for a nodepool about to be created or changed) with its planned min and max instances.
import * as pulumi from "@pulumi/pulumi";
import { HourlyCost, costSummaryLine, nodepoolHourlyCost } from "../provider/model/cost";
import { isRecord, messageOf } from "../provider/model/unknowns";

interface Pool {
  name: string;
  cost: pulumi.Output<HourlyCost | undefined>;
  /** The `__catalogue` output (sdk/placement.ts): the instance types' catalogue facts, once the check recorded them. */
  catalogue: unknown;
  min: pulumi.Output<number>;
  max: pulumi.Output<number>;
}

const pools: Pool[] = [];
let hooked = false;
let done = false;

/**
 * An output's value, or undefined while it is unknown (at preview), without waiting on `apply`, which
 * never runs for an unknown value. `isKnown` and `promise` are @pulumi/pulumi's own Output internals.
 */
async function valueOf<T>(o: pulumi.Output<T>): Promise<T | undefined> {
  return hasInternals(o) && (await o.isKnown) ? o.promise() : undefined;
}

function hasInternals<T>(o: pulumi.Output<T>): o is pulumi.Output<T> & { isKnown: Promise<boolean>; promise(): Promise<T> } {
  return "isKnown" in o && o.isKnown instanceof Promise && "promise" in o && typeof o.promise === "function";
}

/** The prices among a nodepool's recorded catalogue facts (provider/resources/definition.ts, CatalogueFacts). */
async function cataloguePrices(catalogue: unknown): Promise<(string | undefined)[] | undefined> {
  const facts = pulumi.Output.isInstance<unknown>(catalogue) ? await valueOf(catalogue) : undefined;
  return Array.isArray(facts) ? facts.map((f) => (isRecord(f) && typeof f.price === "string" ? f.price : undefined)) : undefined;
}

async function price(p: Pool): Promise<HourlyCost | undefined> {
  const cost = await valueOf(p.cost);
  if (cost) return cost;
  const [prices, min, max] = await Promise.all([cataloguePrices(p.catalogue), valueOf(p.min), valueOf(p.max)]);
  if (!prices?.length || min === undefined || max === undefined) return undefined;
  return nodepoolHourlyCost(prices, min, max);
}

async function summarize(): Promise<void> {
  if (done || !pools.length) return;
  done = true;
  const priced = await Promise.all(pools.map(async (p) => ({ name: p.name, cost: await price(p) })));
  await pulumi.log.info(costSummaryLine(priced));
}

/** Adds a nodepool to the summary (sdk/nodepool.ts); the first one hooks the summary to the end of the run. */
export function recordNodepoolCost(pool: Pool): void {
  if (process.env.PULUMI_CLARIFAI_COST_SUMMARY === "0") return;
  pools.push(pool);
  if (hooked) return;
  hooked = true;
  process.on("beforeExit", () => {
    summarize().catch((e: unknown) => console.error(`pulumi-clarifai: cost summary failed: ${messageOf(e)}`));
  });
}
