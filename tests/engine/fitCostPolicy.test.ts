// Issue 26 through the real engine: a model that no nodepool can hold is refused at preview with zero
// writes; nodepools report their hourly cost range from the catalogue; `preview` and `up` end with the
// stack's compute estimate; the shipped policy pack (node_modules/pulumi-clarifai/policy, run by the
// language host's RunPlugin) refuses a stack over its GPU or cost ceiling and passes the quickstart.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { INSTANCE_TYPES } from "../../emulator/catalogue";
import { createStack, EngineStack, pulumiBin, repoRoot } from "../support/engine";

jest.setTimeout(600_000);

const PAT = "engine-pat-26fit-7c1d9e2b-never-in-state";
const LARGE = "meta/Llama-3/Llama-3_1-405B-Instruct/b1f2e3d4c5a64789a0b1c2d3e4f5a6b7";
// Diagnostics (the provider's messages, the cost summary, policy violations) go to the engine's stderr.
const printed = (st: EngineStack) => [...st.output, ...st.stderr, ...st.errors].join("");
const price = (id: string) => Number(INSTANCE_TYPES.find((t) => t.id === id && t.region === "us-east-1")!.price);

describe("fit, cost and policy through the real engine", () => {
  let emu: RunningEmulator;
  let s: EngineStack;
  let quick: EngineStack | undefined;
  const writes = () => emu.requests().requests.filter((r) => r.method !== "GET");
  const config = () => ({ "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } });
  const policyConfig = (name: string, body: unknown) => {
    const f = path.join(s.dir, name);
    fs.writeFileSync(f, JSON.stringify(body));
    return f;
  };

  beforeAll(async () => {
    emu = await startEmulator({ tokens: [PAT], userId: "engine-user" });
    s = await createStack({ programDir: path.join(__dirname, "programs", "fit-cost"), config: config() });
  });
  afterAll(async () => {
    await s?.dispose();
    await quick?.dispose();
    await emu?.close();
  });

  it("refuses at preview, with zero writes, a model no nodepool can hold", async () => {
    await s.setConfig("model", LARGE);
    await expect(s.preview()).rejects.toThrow(/no nodepool can hold one replica/);
    const out = printed(s);
    expect(out).toContain("model meta/Llama-3/Llama-3_1-405B-Instruct version b1f2e3d4c5a64789a0b1c2d3e4f5a6b7 needs, per replica, 8 accelerator(s) of NVIDIA-* with 192Gi each");
    expect(out).toContain('nodepool "gpu" (created by this program): best instance g5.xlarge (1× NVIDIA-A10G 23028Mi, cpu 3525m, memory 13774Mi)');
    expect(out).toContain("accelerator memory 23028Mi < 192Gi");
    expect(writes()).toEqual([]);
    expect(emu.requests().counts.GetModelVersion).toBe(1);
  });

  it("prices nodepools from the catalogue, and preview and up end with the stack's estimate", async () => {
    await s.setConfig("model", "stepfun-ai/ocr/got-ocr-2_0/5d92321db5d341b5b4cf407ab34f618f");
    const line = `Clarifai compute estimate: 0 to ${2 * price("g5.xlarge")} catalogue price units per node-hour for 1 nodepool(s) at min to max instances`;
    const count = () => printed(s).split(line).length - 1;
    const before = count();
    await s.preview();
    expect(count()).toBe(before + 1);
    const up = await s.up();
    expect(up.outputs.cost.value).toEqual({ atMinInstances: 0, atMaxInstances: 2 * price("g5.xlarge"), unit: "catalogue price units per node-hour (estimate)" });
    expect(up.outputs.prices.value).toEqual([INSTANCE_TYPES.find((t) => t.id === "g5.xlarge")!.price]);
    // `pulumi up` previews, then updates: the program runs twice and each run ends with the line.
    expect(count()).toBe(before + 3);
  });

  it("the policy pack refuses a stack over its GPU or cost ceiling", async () => {
    const pack = path.join(s.dir, "node_modules", "pulumi-clarifai", "policy");
    const gpus = policyConfig("gpus.json", { "clarifai-max-gpus": { maxGpus: 1 } });
    await expect(s.preview({ policyPacks: [pack], policyPackConfigs: [gpus] })).rejects.toThrow();
    expect(printed(s)).toMatch(/clarifai-max-gpus[\s\S]*can run 2 GPUs at maxInstances \("gpu" 2\), above maxGpus 1/);
    const cost = policyConfig("cost.json", { "clarifai-max-hourly-cost": { maxHourlyCost: 50 } });
    await expect(s.preview({ policyPacks: [pack], policyPackConfigs: [cost] })).rejects.toThrow();
    expect(printed(s)).toMatch(new RegExp(`clarifai-max-hourly-cost[\\s\\S]*estimated hourly cost at maxInstances is ${2 * price("g5.xlarge")} catalogue price units \\("gpu" ${2 * price("g5.xlarge")}\\), above maxHourlyCost 50`));
  });

  it("the policy pack passes the quickstart", async () => {
    quick = await createStack({ programDir: path.join(repoRoot, "examples", "quickstart"), config: config() });
    const pack = path.join(quick.dir, "node_modules", "pulumi-clarifai", "policy");
    const res = await quick.preview({ policyPacks: [pack] });
    expect(res.changeSummary.create).toBeGreaterThan(0);
    const out = printed(quick);
    // The SDK's line, and the pack's advisory summary (the same line, for programs in any language).
    const line = `Clarifai compute estimate: 0 to ${2 * price("t3a.2xlarge") + 4 * price("g5.xlarge")} catalogue price units per node-hour for 2 nodepool(s) at min to max instances`;
    expect(out).toContain(line);
    expect(out).toMatch(new RegExp(`clarifai-cost-summary[\\s\\S]*${line.replace(/[()]/g, "\\$&")}`));
    expect(out).not.toMatch(/mandatory/);
  });
});

describe("the plugin path: a YAML program gets the summary from the policy pack", () => {
  let emu: RunningEmulator;
  let s: EngineStack;
  let work: string;

  beforeAll(async () => {
    const yamlBin = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-pulumi-yaml")], { env: { ...process.env, ENSURE_PULUMI_QUIET: "1" }, encoding: "utf8" }).trim().split("\n").pop()!;
    work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-clarifai-fit-plugin-"));
    const pluginDir = execFileSync("node", [path.join(repoRoot, "scripts", "package-plugin.js"), "--out", path.join(work, "plugin")], { encoding: "utf8" }).trim().split("\n")[0];
    emu = await startEmulator({ tokens: [PAT], userId: "engine-user" });
    s = await createStack({
      programDir: path.join(repoRoot, "examples", "yaml"),
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
      env: { PATH: `${yamlBin}${path.delimiter}${pulumiBin()}${path.delimiter}${process.env.PATH ?? ""}`, PULUMI_CLARIFAI_POLL_MS: "50" },
    });
    const file = path.join(s.dir, "Pulumi.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("path: ../../build/plugin", `path: ${pluginDir}`));
  });
  afterAll(async () => {
    await s?.dispose();
    await emu?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("prices the YAML stack's nodepools from their outputs and prints the line among the policy results", async () => {
    const up = await s.up();
    expect(up.summary.resourceChanges?.create).toBeGreaterThan(0);
    await s.preview({ policyPacks: [path.join(repoRoot, "policy")] });
    const line = `Clarifai compute estimate: 0 to ${2 * price("t3a.large") + 2 * price("g5.xlarge")} catalogue price units per node-hour for 2 nodepool(s) at min to max instances`;
    expect(printed(s)).toMatch(new RegExp(`clarifai-cost-summary[\\s\\S]*${line.replace(/[()]/g, "\\$&")}`));
  });
});
