// The pulumi-clarifai policy pack (PulumiPolicy.yaml beside this file). Every policy is named
// `clarifai-<rule>`, configured per stack with `--policy-pack-config` (camelCase keys), and checks
// both faces: the TypeScript SDK's dynamic resources (`pulumi-nodejs:dynamic/clarifai:<Kind>`) and the
// native plugin's (`clarifai:index:<Kind>`). What it reads at preview, before anything exists:
// - a nodepool's instance types as the catalogue describes them (`__catalogue`, recorded by the
//   nodepool's check), or after `up` its `instanceTypeDetails` and `estimatedHourlyCost` outputs;
// - a deployment's fit verdict (`__fit`, recorded by the deployment's check).
// Each message names the resource, the value and the limit. Readings: docs/fit-cost-policy.md.
import { PolicyPack, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { HourlyCost, costSummaryLine, nodepoolHourlyCost } from "../provider/model/cost";

type Props = Record<string, unknown>;
type Kind = "ComputeCluster" | "Nodepool" | "Deployment";

/** The Clarifai kind of a resource type token, for both faces; undefined for anything else. */
function kindOf(type: string): Kind | undefined {
  const m = /^(?:pulumi-nodejs:dynamic\/clarifai|clarifai:index):(ComputeCluster|Nodepool|Deployment)$/.exec(type);
  return m ? (m[1] as Kind) : undefined;
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

interface TypeFacts {
  id?: string;
  price?: string;
  numAccelerators?: number;
}

/** The instance types of a nodepool, from what its check recorded or from its outputs. */
function typeFacts(p: Props): TypeFacts[] | undefined {
  const facts = (p.__catalogue ?? p.instanceTypeDetails) as TypeFacts[] | undefined;
  return Array.isArray(facts) && facts.length ? facts : undefined;
}

/** GPUs at maxInstances: maxInstances × the most accelerators any of its instance types has. */
function maxGpus(p: Props): number | undefined {
  const facts = typeFacts(p);
  const max = num(p.maxInstances);
  if (!facts || max === undefined) return undefined;
  return max * Math.max(...facts.map((t) => num(t.numAccelerators) ?? 0));
}

function hourlyCost(p: Props): HourlyCost | undefined {
  const out = p.estimatedHourlyCost as HourlyCost | undefined;
  if (out && num(out.atMaxInstances) !== undefined) return out;
  const facts = typeFacts(p);
  const [min, max] = [num(p.minInstances) ?? 0, num(p.maxInstances)];
  return facts && max !== undefined ? nodepoolHourlyCost(facts.map((t) => t.price), min, max) : undefined;
}

const nameOf = (r: { name: string }) => `"${r.name}"`;

/** A resource policy over one kind. */
function onKind(kind: Kind, check: (args: ResourceValidationArgs, report: ReportViolation) => void) {
  return (args: ResourceValidationArgs, report: ReportViolation) => {
    if (kindOf(args.type) === kind) check(args, report);
  };
}

/** An allow-list policy on one property of one kind. */
function allowList(name: string, description: string, kind: Kind, key: string, configKey: string, what: string) {
  return {
    name,
    description,
    enforcementLevel: "mandatory" as const,
    configSchema: { properties: { [configKey]: { type: "array" as const, items: { type: "string" as const } } } },
    validateResource: onKind(kind, (args, report) => {
      const allowed = list(args.getConfig<Record<string, unknown>>()[configKey]);
      if (!allowed.length) return;
      const values = kind === "Nodepool" && key === "instanceTypes" ? list(args.props[key]) : [str(args.props[key])].filter((x): x is string => x !== undefined);
      for (const v of values) {
        if (!allowed.includes(v)) report(`${kind} ${nameOf(args)}: ${what} "${v}" is not allowed; allowed (${configKey}): ${allowed.join(", ")}`);
      }
    }),
  };
}

/** Sums a per-nodepool figure over the stack; nodepools whose figure is unknown are named. */
function stackSum(args: StackValidationArgs, figure: (p: Props) => number | undefined) {
  let total = 0;
  const parts: string[] = [];
  const unknown: string[] = [];
  for (const r of args.resources) {
    if (kindOf(r.type) !== "Nodepool") continue;
    const v = figure(r.props);
    if (v === undefined) unknown.push(r.name);
    else {
      total += v;
      parts.push(`"${r.name}" ${Math.round(v * 1e6) / 1e6}`);
    }
  }
  return { total: Math.round(total * 1e6) / 1e6, parts, unknown };
}

new PolicyPack("clarifai", {
  policies: [
    allowList("clarifai-allowed-clouds", "Compute clusters only in the allowed cloud providers (`clouds`).", "ComputeCluster", "cloudProvider", "clouds", "cloudProvider"),
    allowList("clarifai-allowed-regions", "Compute clusters only in the allowed regions (`regions`).", "ComputeCluster", "region", "regions", "region"),
    allowList("clarifai-allowed-instance-types", "Nodepools only of the allowed instance types (`instanceTypes`).", "Nodepool", "instanceTypes", "instanceTypes", "instance type"),
    {
      name: "clarifai-max-gpus",
      description: "A ceiling on the stack's GPUs (`maxGpus`): each nodepool counts maxInstances × the accelerators of its largest instance type.",
      enforcementLevel: "mandatory",
      configSchema: { properties: { maxGpus: { type: "number", minimum: 0 } } },
      validateStack: (args, report) => {
        const { maxGpus: limit } = args.getConfig<{ maxGpus?: number }>();
        if (limit === undefined) return;
        const s = stackSum(args, maxGpus);
        if (s.total > limit) report(`the stack's nodepools can run ${s.total} GPUs at maxInstances (${s.parts.join(", ")}), above maxGpus ${limit}`);
      },
    },
    {
      name: "clarifai-max-hourly-cost",
      description:
        "A ceiling on the stack's estimated hourly cost at maxInstances (`maxHourlyCost`, in the catalogue's price unit per hour), from the catalogue prices of each nodepool's instance types.",
      enforcementLevel: "mandatory",
      configSchema: { properties: { maxHourlyCost: { type: "number", minimum: 0 } } },
      validateStack: (args, report) => {
        const { maxHourlyCost: limit } = args.getConfig<{ maxHourlyCost?: number }>();
        if (limit === undefined) return;
        const s = stackSum(args, (p) => hourlyCost(p)?.atMaxInstances);
        const unknown = s.unknown.length ? ` (no estimate for ${s.unknown.join(", ")})` : "";
        if (s.total > limit) report(`the stack's estimated hourly cost at maxInstances is ${s.total} catalogue price units (${s.parts.join(", ")})${unknown}, above maxHourlyCost ${limit}`);
      },
    },
    {
      name: "clarifai-no-spot-only",
      description: "In production (`production: true`), no nodepool on spot capacity alone: spot nodes can be reclaimed at any time.",
      enforcementLevel: "mandatory",
      configSchema: { properties: { production: { type: "boolean", default: false } } },
      validateResource: onKind("Nodepool", (args, report) => {
        if (args.getConfig<{ production?: boolean }>().production !== true) return;
        if (args.props.capacity === "spot") report(`Nodepool ${nameOf(args)}: capacity "spot" is not allowed in production (production: true); use "spotWithFallback" or "onDemand"`);
      }),
    },
    {
      name: "clarifai-scale-to-zero",
      description: "Outside production (`production: false`, the default), every nodepool scales to zero when idle: minInstances 0.",
      enforcementLevel: "mandatory",
      configSchema: { properties: { production: { type: "boolean", default: false } } },
      validateResource: onKind("Nodepool", (args, report) => {
        if (args.getConfig<{ production?: boolean }>().production === true) return;
        const min = num(args.props.minInstances) ?? 0;
        if (min > 0) report(`Nodepool ${nameOf(args)}: minInstances ${min} keeps nodes running when idle; outside production (production: false) it must be 0`);
      }),
    },
    {
      // The stack's estimate for every language: a TypeScript program prints it itself (sdk/costSummary.ts),
      // but YAML, Python and Go programs (the native plugin) have no such hook, and stack policies run once
      // every resource is known, at the end of preview and up. Advisory: it informs, never blocks.
      name: "clarifai-cost-summary",
      description: "Reports the stack's estimated Clarifai compute cost (the summary line of preview and up), for programs in any language.",
      enforcementLevel: "advisory",
      validateStack: (args, report) => {
        const pools = args.resources.filter((r) => kindOf(r.type) === "Nodepool");
        if (pools.length) report(costSummaryLine(pools.map((r) => ({ name: r.name, cost: hourlyCost(r.props) }))));
      },
    },
    {
      name: "clarifai-deployment-fit",
      description: "Every nodepool of a deployment can hold one replica of its model version (the deployment's check reads the model's needs at preview).",
      enforcementLevel: "mandatory",
      validateResource: onKind("Deployment", (args, report) => {
        const fit = args.props.__fit as { fits?: string; detail?: string } | undefined;
        if (fit && fit.fits !== "all") report(`Deployment ${nameOf(args)}: ${fit.detail ?? "a nodepool cannot hold one replica"}; limit: every nodepool must hold one replica`);
      }),
    },
  ],
});
