// How the engine prints a refused input. Given a failure's property, the engine prints `property <p>
// value {<v>} has a problem`, looking <v> up as a top-level input: `{<nil>}` for `nodepools[0]`,
// `output<string>{}` for a value unknown at preview. The provider hands the engine the reason alone
// (it names the resource, the field and the value), so each line reads `<type> resource '<name>'
// has a problem: <Kind> "<name>": <field>: <what is wrong>`, on the dynamic-provider path and on the
// plugin's (Pulumi YAML). In-process: tests/provider/engineFailures.test.ts, tests/native/plugin.test.ts.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack, pulumiYamlTools } from "../support/engine";

jest.setTimeout(600_000);

const PAT = "check-failure-pat-2b7d90e3";
const MODEL = { userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: "aa11bb22" };

let emu: RunningEmulator;
let s: EngineStack;
let tmp: string;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "check-failure-user" });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-clarifai-check-failure-"));
  // The bad-input corpus's program: it declares the resources listed in the stack config `resources`.
  s = await createStack({
    programDir: path.join(__dirname, "..", "reliability", "programs", "bad-input"),
    config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
  });
});
afterAll(async () => {
  await s?.dispose();
  await emu?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The error lines that report a refused input, each once. */
const problemLines = (message: string) => [...new Set(message.split("\n").filter((l) => l.includes("has a problem")).map((l) => l.trim()))];

async function previewError(stack: EngineStack): Promise<string> {
  try {
    await stack.preview();
    return "(preview succeeded)";
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const CLUSTER = { kind: "ComputeCluster", name: "ok-cluster", args: { cloudProvider: "aws", region: "us-east-1", computeClusterId: "ok-cluster" } };

/** Previews the entries; returns the engine's lines about refused inputs, and its whole message. */
async function refusal(entries: object[]): Promise<{ problems: string[]; message: string }> {
  await s.setConfig("resources", JSON.stringify([CLUSTER, ...entries]));
  const message = await previewError(s);
  return { problems: problemLines(message), message };
}

it("a refused input is printed as the resource's problem, with no `property ... value {<nil>}`", async () => {
  // A path: the engine would find no `nodepools[0]` among the inputs.
  const atPath = await refusal([{ kind: "Deployment", name: "dep-bad-pool", args: { deploymentId: "dep-bad-pool", model: MODEL, nodepools: ["no-slash"] } }]);
  expect(atPath.problems).toEqual([
    expect.stringMatching(/^error: \S+ resource 'dep-bad-pool' has a problem: Deployment "dep-bad-pool": nodepools\[0\]: "no-slash" is not allowed: it must match /),
  ]);
  // A top-level field, beside one unknown at preview (the cluster's id).
  const field = await refusal([{ kind: "Nodepool", name: "np-max-zero", cluster: "ok-cluster", args: { nodepoolId: "np-max-zero", instanceTypes: ["g5.xlarge"], maxInstances: 0 } }]);
  expect(field.problems).toEqual([expect.stringMatching(/^error: \S+ resource 'np-max-zero' has a problem: Nodepool "np-max-zero": maxInstances: 0 is below the minimum 1$/)]);
  for (const { message } of [atPath, field]) {
    expect(message).not.toContain("<nil>");
    expect(message).not.toMatch(/property \S+ value/);
  }
  expect(emu.requests().requests.filter((r) => r.method !== "GET")).toEqual([]);
});

it("the same through the native plugin, from Pulumi YAML", async () => {
  const tools = pulumiYamlTools(tmp);
  const dir = path.join(tmp, "yaml-program");
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    [
      "name: check-failure-yaml",
      "runtime: yaml",
      "plugins:",
      "  providers:",
      "    - name: clarifai",
      `      path: ${tools.pluginDir}`,
      "resources:",
      "  dep-bad-pool:",
      "    type: clarifai:index:Deployment",
      "    properties:",
      "      deploymentId: dep-bad-pool",
      `      model: ${JSON.stringify(MODEL)}`,
      "      nodepools: [no-slash]",
      "",
    ].join("\n"),
  );
  const y = await createStack({ programDir: dir, config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } }, env: { PATH: tools.path } });
  try {
    const message = await previewError(y);
    expect(problemLines(message)).toEqual([
      expect.stringMatching(/^error: clarifai:index:Deployment resource 'dep-bad-pool' has a problem: Deployment "dep-bad-pool": nodepools\[0\]: "no-slash" is not allowed: it must match /),
    ]);
    expect(message).not.toContain("<nil>");
  } finally {
    await y.dispose();
  }
});
