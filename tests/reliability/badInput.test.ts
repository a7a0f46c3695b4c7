// The bad-input corpus through the real engine: a handful of cases, one of each way a refusal reaches
// the user (schema rule, cross-field rule, catalogue and account look-ups at preview, a YAML file read
// in the program), each rejected at PREVIEW with a message naming the resource, the field, the value
// and what is allowed, and no write call. Every case of the corpus runs in-process through the
// providers' `check` in tests/provider/badInput.test.ts; this proves the messages reach the user.
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack } from "../support/engine";
import { CASES, PAT, lacks, seedAccount, type Case, type Entry } from "../support/badInputCases";

jest.setTimeout(600_000);

const THROUGH_THE_ENGINE = ["cc-id-space", "cc-unknown-region", "np-min-above-max", "np-types-unknown", "np-new-cluster-spot-only", "yaml-np-capacity", "dep-same-model-twice", "dep-autoscale-range", ...CASES.filter((c) => c.engineOnly).map((c) => c.name)];

const cc = { cloudProvider: "aws", region: "us-east-1" };
const HELPERS: Entry[] = [
  { kind: "ComputeCluster", name: "ok-cluster", args: { ...cc, computeClusterId: "ok-cluster" } },
  { kind: "Nodepool", name: "ok-pool", args: { instanceTypes: ["g5.xlarge"], maxInstances: 2, nodepoolId: "ok-pool" }, cluster: "ok-cluster" },
];

function entries(c: Case): Entry[] {
  const entry: Entry = { kind: c.kind, name: c.name, args: c.args, yaml: c.yaml };
  if (c.cluster) entry.cluster = typeof c.cluster === "string" ? c.cluster : "ok-cluster";
  if (c.nodepools) entry.nodepools = ["ok-pool"];
  return [...HELPERS, ...(c.before ?? []), entry];
}

/** The engine's error lines (each once), without the command line and the preview display. */
function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const lines = msg.split("\n").filter((l) => /^\s*error:|Error:/.test(l) && !/Command failed with exit code/.test(l));
  return [...new Set(lines.map((l) => l.trim()))].join("\n") || msg;
}

describe("bad input is rejected at preview, through the real engine", () => {
  let emu: RunningEmulator;
  let s: EngineStack;
  const chosen = CASES.filter((c) => THROUGH_THE_ENGINE.includes(c.name));

  beforeAll(async () => {
    emu = await startEmulator({ tokens: [PAT], userId: "badinput-user" });
    await seedAccount(emu.url);
    emu.clearRequests();
    s = await createStack({
      programDir: path.join(__dirname, "programs", "bad-input"),
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
    });
  });
  afterAll(async () => {
    await s?.dispose();
    await emu?.close();
  });

  it("previews the valid helpers cleanly (the control)", async () => {
    await s.setConfig("resources", JSON.stringify(HELPERS));
    const p = await s.preview();
    expect(p.changeSummary).toEqual({ create: 3 });
  });

  it("rejects each chosen case at preview, with no write call", async () => {
    expect(chosen.map((c) => c.name).sort()).toEqual([...THROUGH_THE_ENGINE].sort());
    const problems: string[] = [];
    for (const c of chosen) {
      await s.setConfig("resources", JSON.stringify(entries(c)));
      let msg = "(preview succeeded)";
      try {
        await s.preview();
      } catch (e) {
        msg = errorText(e);
      }
      const missing = lacks(c, msg);
      if (missing.length) problems.push(`${c.name}: the message lacks ${missing.join(", ")}:\n${msg}`);
    }
    expect(problems).toEqual([]);
    expect(emu.requests().requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(emu.state().compute_clusters.map((c) => c.id)).toEqual(["seeded", "seeded-gcp"]);
    expect(emu.state().deployments.map((d) => d.id)).toEqual(["seeded-dep"]);
  });

  it("a wrong PAT, and a missing one, fail the preview once with zero writes", async () => {
    await s.setConfig("resources", JSON.stringify(HELPERS));
    await s.setConfig("clarifai:pat", "not-a-valid-pat-0000", true);
    let wrong = "(preview succeeded)";
    try {
      await s.preview();
    } catch (e) {
      wrong = errorText(e);
    }
    expect(wrong).toMatch(/clarifai:pat: Clarifai refused the credentials \(the PAT is not valid\): .*11009.*Fix clarifai:pat; nothing was written/);
    expect(wrong.match(/refused the credentials/g)).toHaveLength(1); // once per run, not per resource
    await s.stack.removeConfig("clarifai:pat");
    let missing = "(preview succeeded)";
    try {
      await s.preview();
    } catch (e) {
      missing = errorText(e);
    }
    expect(missing).toMatch(/clarifai:pat: Clarifai credentials are missing: .*clarifai:offlinePreview true/);
    await s.setConfig("clarifai:offlinePreview", "true");
    expect((await s.preview()).changeSummary).toEqual({ create: 3 });
    await s.stack.removeConfig("clarifai:offlinePreview");
    await s.setConfig("clarifai:pat", PAT, true);
    expect(emu.requests().requests.filter((r) => r.method !== "GET")).toEqual([]);
  });
});
