// examples/fleet against a real object store: Azurite (Azure Blob, from npm) holds the state through the
// CLI's azblob:// backend. Three region stacks come up in parallel, the platform stack reads them by
// stack reference, a second run on a stack being updated is refused by the backend's lock, and the
// fleet is destroyed.
import { execFileSync, spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { startEmulator, RunningEmulator } from "../../emulator";
import { destroyFleet, regionStack, upFleet, type FleetOptions } from "../../examples/fleet/fleet";
import { backendOf } from "../../examples/fleet/store";
import { pulumiBin, repoRoot } from "../support/engine";

jest.setTimeout(600_000);

const PAT = "fleet-pat-2b9e61c04d";
const REGIONS = ["new-york", "chicago", "seattle"];
const ACCOUNT = "fleetstate";
const KEY = Buffer.from("fleet-azurite-key-4f0c9a7e51").toString("base64");

async function freePort(): Promise<number> {
  const srv = net.createServer().listen(0, "127.0.0.1");
  await new Promise((r) => srv.once("listening", r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Azurite's Blob service with one account of our own, in memory; resolves once it listens. */
async function startAzurite(dir: string): Promise<{ endpoint: string; proc: ChildProcess }> {
  const port = await freePort();
  const main = path.join(path.dirname(require.resolve("azurite/package.json")), "dist", "src", "blob", "main.js");
  const proc = spawn(process.execPath, [main, "--blobHost", "127.0.0.1", "--blobPort", String(port), "--inMemoryPersistence", "--disableTelemetry"], {
    cwd: dir,
    env: { ...process.env, AZURITE_ACCOUNTS: `${ACCOUNT}:${KEY}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on("data", (d) => {
      out += d;
      if (/successfully listens on/.test(out)) resolve();
    });
    proc.stderr!.on("data", (d) => (out += d));
    proc.once("exit", (code) => reject(new Error(`azurite exited (${code}): ${out}`)));
  });
  return { endpoint: `http://127.0.0.1:${port}`, proc };
}

describe("examples/fleet: one stack per region in an object store", () => {
  let emu: RunningEmulator;
  let azurite: { endpoint: string; proc: ChildProcess };
  let tmp: string;
  let opts: FleetOptions;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-clarifai-fleet-"));
    azurite = await startAzurite(tmp);
    emu = await startEmulator({ tokens: [PAT], userId: "fleet-user" });
    // The example as a user has it: its folder, with the project's node_modules beside it.
    const dir = path.join(tmp, "fleet");
    fs.cpSync(path.join(repoRoot, "examples", "fleet"), dir, { recursive: true });
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
    const bin = pulumiBin();
    opts = {
      store: { endpoint: azurite.endpoint, account: ACCOUNT, key: KEY, container: "pulumi-state" },
      regions: REGIONS,
      dir,
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
      env: {
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
        PULUMI_HOME: path.join(tmp, "home"),
        PULUMI_CONFIG_PASSPHRASE: "fleet-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      },
      pulumiCommand: await PulumiCommand.get({ root: path.dirname(bin) }),
    };
  });
  afterAll(async () => {
    await emu?.close();
    azurite?.proc.kill();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("brings every region up in parallel, then the platform stack that reads them by stack reference", async () => {
    const r = await upFleet(opts);
    // The figures docs/performance.md quotes: the whole run, each region's up (in parallel), the platform's.
    console.log(`fleet up: ${r.seconds.toFixed(1)} s; regions ${Object.entries(r.regions).map(([k, v]) => `${k} ${v.seconds.toFixed(1)} s`).join(", ")}; platform ${r.platform.seconds.toFixed(1)} s`);
    const st = emu.state();
    expect(st.compute_clusters.map((c) => c.id).sort()).toEqual(REGIONS.map((x) => `fleet-${x}`).sort());
    expect(st.nodepools).toHaveLength(REGIONS.length * 2);
    expect(r.platform.outputs.nodepools.value).toEqual(REGIONS.map((x) => `fleet-${x}/fleet-${x}-0`));
    expect(r.platform.outputs.fleetMaxInstances.value).toBe(REGIONS.length * 4);
    expect(st.deployments.map((d) => d.id)).toEqual(["fleet-apparel"]);

    // The stacks live in the container, listed by any workspace logged in to it.
    const backend = backendOf(opts.store);
    const ws = await LocalWorkspace.create({ workDir: path.join(opts.dir!, "region"), envVars: { ...opts.env, ...backend.env, PULUMI_BACKEND_URL: backend.url }, pulumiCommand: opts.pulumiCommand });
    expect((await ws.listStacks()).map((s) => s.name).sort()).toEqual([...REGIONS].sort());
    // The state in the store holds the PAT only encrypted (the Automation API's export decrypts it: the CLI's, as stored).
    const exported = execFileSync("pulumi", ["stack", "export", "--stack", REGIONS[0], "--non-interactive"], {
      cwd: path.join(opts.dir!, "region"),
      env: { ...process.env, ...opts.env, ...backend.env, PULUMI_BACKEND_URL: backend.url },
      encoding: "utf8",
    });
    expect(exported).toContain("pulumi-clarifai/dynamic/v1/nodepool");
    expect(exported).not.toContain(PAT);
  });

  it("a second run on a stack that is being updated is refused by the backend's lock", async () => {
    const first = await regionStack(opts, "chicago");
    await first.setConfig("pools", { value: "3" });
    emu.setLatency(300); // the first run holds the lock for a few seconds
    let started!: () => void;
    const lockHeld = new Promise<void>((r) => (started = r));
    // The engine's first event comes after the lock is taken.
    const running = first.up({ color: "never", onEvent: () => started() });
    await lockHeld;
    const second = await regionStack(opts, "chicago");
    await expect(second.up({ color: "never" })).rejects.toThrow(/the stack is currently locked by 1 lock\(s\)/);
    const done = await running;
    emu.setLatency(undefined);
    expect(done.summary.resourceChanges).toMatchObject({ create: 1 });
    expect(emu.state().nodepools).toHaveLength(REGIONS.length * 2 + 1);
  });

  it("destroys the platform stack, then every region", async () => {
    await destroyFleet(opts);
    const st = emu.state();
    expect([st.compute_clusters.length, st.nodepools.length, st.deployments.length]).toEqual([0, 0, 0]);
  });
});
