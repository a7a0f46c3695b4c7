// A fleet of Clarifai regions driven by Pulumi's Automation API: one stack per region (./region), all
// brought up in parallel, then the shared platform stack (./platform) that reads them through stack
// references. The state lives in an Azure Blob container (`azblob://`, ./store.ts), so any machine with
// the key runs it, and the backend's lock refuses a second run on a stack that is being updated.
//
//   AZURE_STORAGE_ACCOUNT=... AZURE_STORAGE_KEY=... FLEET_CONTAINER=pulumi-state \
//   FLEET_REGIONS=new-york,chicago,seattle CLARIFAI_PAT=... PULUMI_CONFIG_PASSPHRASE=... \
//   npx tsx fleet.ts up        # or: destroy
//
// FLEET_ENDPOINT=http://127.0.0.1:10000 points it at Azurite (`npx azurite-blob`) instead of Azure.
import * as path from "path";
import { LocalWorkspace, type ConfigMap, type OutputMap, type PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { backendOf, ensureContainer, type BlobStore } from "./store";

export interface FleetOptions {
  store: BlobStore;
  /** Stack names of ./region: the Clarifai regions (of `cloudProvider`, vultr unless configured). */
  regions: string[];
  /** Config of every stack (`clarifai:pat` as a secret, `clarifai:apiBase`, the region program's keys). */
  config: ConfigMap;
  /** Environment of the Pulumi CLI: PULUMI_CONFIG_PASSPHRASE for the passphrase secrets provider, PATH. */
  env?: Record<string, string>;
  /** The folder holding region/ and platform/ (this one by default). */
  dir?: string;
  pulumiCommand?: PulumiCommand;
  /** Engine output, by stack. */
  onOutput?: (stack: string, text: string) => void;
}

/** Seconds and outputs of one stack's `up`. */
export interface StackRun {
  seconds: number;
  outputs: OutputMap;
}

async function open(opts: FleetOptions, project: "region" | "platform", stackName: string): Promise<Stack> {
  const backend = backendOf(opts.store);
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, workDir: path.join(opts.dir ?? __dirname, project) },
    { envVars: { ...opts.env, ...backend.env, PULUMI_BACKEND_URL: backend.url }, pulumiCommand: opts.pulumiCommand },
  );
  await stack.setAllConfig(opts.config);
  return stack;
}

/** One region's stack, selected (created when new) in the store. */
export const regionStack = (opts: FleetOptions, region: string) => open(opts, "region", region);

/** The platform stack, configured with the regions it reads. */
export async function platformStack(opts: FleetOptions): Promise<Stack> {
  const stack = await open(opts, "platform", "platform");
  await stack.setConfig("regions", { value: JSON.stringify(opts.regions) });
  return stack;
}

async function timedUp(stack: Stack, onOutput?: (text: string) => void): Promise<StackRun> {
  const t = Date.now();
  const r = await stack.up({ onOutput, color: "never" });
  return { seconds: (Date.now() - t) / 1000, outputs: r.outputs };
}

/** Every region in parallel, then the platform stack. */
export async function upFleet(opts: FleetOptions): Promise<{ seconds: number; regions: Record<string, StackRun>; platform: StackRun }> {
  const t = Date.now();
  if (opts.store.endpoint) await ensureContainer(opts.store);
  const runs = await Promise.all(
    opts.regions.map(async (r) => [r, await timedUp(await regionStack(opts, r), (s) => opts.onOutput?.(r, s))] as const),
  );
  const platform = await timedUp(await platformStack(opts), (s) => opts.onOutput?.("platform", s));
  return { seconds: (Date.now() - t) / 1000, regions: Object.fromEntries(runs), platform };
}

/** The platform stack first (it uses the regions' nodepools), then every region in parallel. */
export async function destroyFleet(opts: FleetOptions): Promise<void> {
  const platform = await platformStack(opts);
  await platform.destroy({ color: "never" });
  await Promise.all(opts.regions.map(async (r) => (await regionStack(opts, r)).destroy({ color: "never" })));
}

if (require.main === module) {
  const need = (k: string) => process.env[k] || (console.error(`fleet: set ${k}`), process.exit(2));
  const opts: FleetOptions = {
    store: { endpoint: process.env.FLEET_ENDPOINT, account: need("AZURE_STORAGE_ACCOUNT"), key: need("AZURE_STORAGE_KEY"), container: need("FLEET_CONTAINER") },
    regions: need("FLEET_REGIONS").split(","),
    config: {
      "clarifai:pat": { value: need("CLARIFAI_PAT"), secret: true },
      ...(process.env.CLARIFAI_API_BASE ? { "clarifai:apiBase": { value: process.env.CLARIFAI_API_BASE } } : {}),
    },
    env: { PULUMI_CONFIG_PASSPHRASE: need("PULUMI_CONFIG_PASSPHRASE") },
    onOutput: (stack, text) => process.stdout.write(`[${stack}] ${text}`),
  };
  (process.argv[2] === "destroy" ? destroyFleet(opts) : upFleet(opts).then((r) => console.log(JSON.stringify(r, null, 2)))).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
