// Issue 8, secret hygiene: the PAT occurs 0 times in state files, engine logs, error messages and
// serialized provider code. Every engine stack of the harness records those artifacts (and fails its own
// dispose on a hit); this test runs a full lifecycle with verbose engine logs and a failing update, then
// scans everything recorded by it and by every other engine stack of this jest run, for every secret
// any of them was given.
import * as fs from "fs";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { SECRETS_FILE, artifactsRoot, createStack, EngineStack, findSecrets } from "../support/engine";

jest.setTimeout(600_000);

const PAT = "hygiene-pat-9d2f7c41e8a6-must-never-appear";

/** Artifact folders written since this jest run started (workers start with the run). */
function runFolders(): string[] {
  const since = Date.now() - process.uptime() * 1000 - 60_000;
  const root = artifactsRoot();
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((d) => Number(d.split("-")[0]) >= since)
    .map((d) => path.join(root, d));
}

describe("secret hygiene across the engine tests", () => {
  let emu: RunningEmulator;
  let s: EngineStack;

  beforeAll(async () => {
    emu = await startEmulator({ tokens: [PAT], userId: "hygiene-user" });
    s = await createStack({
      programDir: path.join(__dirname, "programs", "faults"),
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url }, maxInstances: { value: "2" } },
      flags: { logVerbosity: 9, logToStdErr: true, logFlow: true, debug: true },
    });
  });
  afterAll(async () => {
    await s?.dispose(); // asserts this stack's artifacts too
    await emu?.close();
  });

  it("the PAT is in no state file, log, error message, export or serialized provider", async () => {
    await s.up();
    await s.preview({ expectNoChanges: true });
    await s.refresh({ expectNoChanges: true });

    // A failing update: the nodepools keep answering 404 to the PATCH (the provider tries a create, meets
    // "already exists", patches again), and the API's error travels through the engine.
    emu.addFault({ rpc: "PatchNodepools", kind: "not_found" });
    await s.setConfig("maxInstances", "3");
    await expect(s.up()).rejects.toThrow(/PatchNodepools failed: Nodepool does not exist/);
    emu.clearFaults();
    expect(s.errors.join("\n")).toMatch(/PatchNodepools failed/);

    const exported = await s.exportText(false);
    expect(exported).toContain("__provider");
    expect(exported).not.toContain(PAT);
    // (`--show-secrets=true` would decrypt it: the engine keeps the stack config, the PAT included, as
    // the default dynamic provider's inputs, encrypted in the state file.)
    expect(s.stateText()).toContain('"clarifai:pat"');
    expect(s.stateText()).not.toContain(PAT);

    await s.up();
    await s.destroy();

    // The verbose logs were captured (so the scan below covers them), and they are the engine's.
    expect(s.stderr.join("").length).toBeGreaterThan(10_000);
    expect(fs.readFileSync(path.join(s.artifactsDir, "providers.txt"), "utf8")).toContain('require("pulumi-clarifai/dynamic/v1/');

    // Scan every folder of this run for every secret any stack of this run was given.
    const folders = runFolders();
    expect(folders).toContain(s.artifactsDir);
    const secrets = new Set<string>([PAT]);
    for (const f of folders) {
      const file = path.join(f, SECRETS_FILE);
      if (fs.existsSync(file)) for (const x of JSON.parse(fs.readFileSync(file, "utf8")) as string[]) secrets.add(x);
    }
    const engineVerbose: string[] = [];
    const hits = folders.flatMap((f) => findSecrets(f, [...secrets], engineVerbose));
    const files = folders.reduce((n, f) => n + fs.readdirSync(f).length, 0);
    console.log(
      `secret hygiene: ${folders.length} engine stacks, ${files} artifact files, ${secrets.size} secrets, ${hits.length} hits; ` +
        `${engineVerbose.length} lines of the engine's own -v≥7 log print the stack config (Pulumi's behaviour, none at -v≤6)`,
    );
    expect(hits).toEqual([]);
    // Only this test's verbose stack logs at -v=9; the engine's own lines are the only place the PAT shows.
    expect(engineVerbose.every((l) => l.startsWith(s.artifactsDir))).toBe(true);
  });
});
