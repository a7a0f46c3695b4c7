// The whole bad-input corpus in-process (the fast tier): each case goes where the engine would send
// it at preview, the SDK's config-file reader for a YAML case and then the provider's `check`, against
// the emulator holding the seeded account. Values the engine would not know at preview (the id of a
// helper cluster or nodepool the program creates) are passed as unknown, as the engine passes them.
// Every refusal must name the resource, the field, the value and what is allowed; nothing is written.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import * as providers from "../../provider";
import { configSections } from "../../provider/model/model.generated";
import { UNKNOWN } from "../../provider/model/schema";
import { resetPreflight } from "../../provider/resources/preflight";
import { loadConfigFile } from "../../sdk/configFile";
import { resourceProps } from "../../sdk/forwarder";
import { CASES, PAT, lacks, seedAccount, type Case } from "../support/badInputCases";
import { setTiming } from "../../provider/resources/timing";

let emu: RunningEmulator;
const yamlDir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-input-"));
beforeAll(async () => {
  setTiming({ pollBaseMs: 20, secondLookMs: 20 }); // the second looks and polls, shortened
  emu = await startEmulator({ tokens: [PAT], userId: "badinput-user" });
  await seedAccount(emu.url);
  providers.setSettings({ pat: PAT, apiBase: emu.url });
  resetPreflight();
  emu.clearRequests();
});
afterAll(() => emu?.close());

/** The refusal for one case, as the user would read it; "(accepted)" when there is none. */
async function refusal(c: Case): Promise<string> {
  let args: Record<string, unknown> = { ...(c.args ?? {}) };
  if (c.yaml !== undefined) {
    const file = path.join(yamlDir, `${c.name}.yaml`);
    fs.writeFileSync(file, c.yaml);
    try {
      args = { ...loadConfigFile(file, configSections[c.kind]), ...args };
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (c.cluster) {
    // As the SDK passes them (sdk/placement.ts): the planned cluster's cloud and region, its id unknown.
    const planned = typeof c.cluster === "string" ? c.before?.find((e) => e.name === c.cluster)?.args : { cloudProvider: "aws", region: "us-east-1" };
    Object.assign(args, { computeClusterId: UNKNOWN, __clusterCloudProvider: planned?.cloudProvider, __clusterRegion: planned?.region });
  }
  if (c.nodepools) args.nodepools = [UNKNOWN];
  const news = JSON.parse(JSON.stringify(resourceProps(c.kind, c.name, args))) as Record<string, unknown>;
  const r = await providers[c.kind].check!({}, { __provider: "code", ...news });
  return r.failures?.length ? r.failures.map((f) => `${f.property}: ${f.reason}`).join("\n") : "(accepted)";
}

it("has at least 60 cases, with unique names", () => {
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  expect(CASES.length).toBeGreaterThanOrEqual(60);
});

it.each(CASES.filter((c) => !c.engineOnly).map((c) => [c.name, c] as const))("%s is refused with a message naming the resource, field, value and what is allowed", async (_name, c) => {
  const msg = await refusal(c);
  expect(lacks(c, msg)).toEqual([]);
});

it("no case wrote anything to the account", () => {
  expect(emu.requests().requests.filter((r) => r.method !== "GET")).toEqual([]);
  expect(emu.state().compute_clusters.map((c) => c.id)).toEqual(["seeded", "seeded-gcp"]);
  expect(emu.state().deployments.map((d) => d.id)).toEqual(["seeded-dep"]);
});
