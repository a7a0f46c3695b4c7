// The export round trip through the real CLI and engine: objects made directly through the API, then
// `pulumi-clarifai export` (the built bin, as a user runs it), then `pulumi up` on the exported project
// adopts everything with reads only, a preview finds nothing to change, and one edited maxInstances
// is one PATCH; in both languages, also for an account of awkward text and ids.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { ClarifaiClient } from "../../provider/client";
import { handCluster, handDeployment, handNodepool, OCR_MODEL as OCR } from "../support/wire";
import { createStack, pulumiYamlTools, repoRoot } from "../support/engine";

jest.setTimeout(600_000);

const PAT = "export-pat-5a1c93e0d7";
const USER = "export-user";

let emu: RunningEmulator;
let tmp: string;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: USER, readiness: { deploymentReadyAfterReads: 1 } });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-clarifai-export-"));
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const writes = () => emu.requests().requests.filter((r) => r.method !== "GET").map((r) => r.rpc);

/** Runs the built bin; HOME is an empty folder, so only the environment supplies credentials. */
function runExport(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = path.join(tmp, "home");
  fs.mkdirSync(home, { recursive: true });
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [path.join(repoRoot, "dist", "provider", "export", "cli.js"), ...args],
      { cwd: tmp, env: { PATH: process.env.PATH ?? "", HOME: home, CLARIFAI_PAT: PAT, CLARIFAI_API_BASE: emu.url } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

const config = () => ({ "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } });

/** A stack for an exported TypeScript project. */
function typescriptStack(out: string) {
  return createStack({ programDir: out, config: config(), env: { PULUMI_CLARIFAI_POLL_MS: "200" } });
}

/** A stack for an exported Pulumi YAML project, naming the plugin's folder in Pulumi.yaml as a user would. */
function yamlStack(out: string) {
  const tools = pulumiYamlTools(tmp);
  fs.appendFileSync(path.join(out, "Pulumi.yaml"), `plugins:\n  providers:\n    - name: clarifai\n      path: ${tools.pluginDir}\n`);
  return createStack({ programDir: out, config: config(), env: { PATH: tools.path, PULUMI_CLARIFAI_POLL_MS: "200" } });
}

/** An account made by hand: cluster `prod`, nodepools `prod/cpu` and `prod/gpu`, deployment `ocr` on the GPU pool. */
async function handMadeAccount(): Promise<void> {
  const c = new ClarifaiClient({ pat: PAT, apiBase: emu.url });
  await c.createComputeCluster(handCluster({ computeClusterId: "prod", description: "made by hand", key: PAT }));
  await c.createNodepool(handNodepool({ nodepoolId: "cpu", computeClusterId: "prod", instanceTypes: ["t3a.2xlarge"] }));
  await c.createNodepool(handNodepool({ nodepoolId: "gpu", computeClusterId: "prod", instanceTypes: ["g5.xlarge"], minInstances: 1, maxInstances: 3, capacity: "spotWithFallback", description: "A10G" }));
  await c.createDeployment(
    handDeployment({
      deploymentId: "ocr",
      model: OCR,
      nodepools: ["prod/gpu"],
      autoscale: { minReplicas: 0, maxReplicas: 2, scaleToZeroDelaySeconds: 600 },
      visibility: "private",
    }),
  );
  emu.clearRequests();
}

it("export → up adopts with zero writes → preview has no changes → one maxInstances edit is one PATCH", async () => {
  await handMadeAccount();

  const out = path.join(tmp, "exported");
  const ex = await runExport(["export", "--out", out]);
  expect(ex.stderr).toContain("compute clusters: 1");
  expect(ex.stderr).toContain("nodepools: 2");
  expect(ex.stderr).toContain("deployments: 1");
  expect(ex.stderr).toMatch(/Wrote exported\/ .*1 compute cluster, 2 nodepools, 1 deployment, each with adopt: true/);
  expect(ex.code).toBe(0);
  expect(writes()).toEqual([]); // the export only reads
  expect(ex.stderr + ex.stdout).not.toContain(PAT);
  expect(fs.readdirSync(out).sort()).toEqual([".gitignore", "Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
  const pkg = JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8"));
  // Run from this checkout, the project depends on the checkout itself.
  expect(path.resolve(out, pkg.dependencies["pulumi-clarifai"].replace(/^file:/, ""))).toBe(repoRoot);

  const s = await typescriptStack(out);
  try {
    emu.clearRequests();
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 }); // the stack and 4 adopted objects
    expect(writes()).toEqual([]);
    const state = await s.exportState();
    const ids = state.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic")).map((r) => r.id).sort();
    expect(ids).toEqual(["ocr", "prod", "prod/cpu", "prod/gpu"]);

    await s.preview({ expectNoChanges: true });
    expect(writes()).toEqual([]);

    const program = path.join(s.dir, "index.ts");
    const text = fs.readFileSync(program, "utf8");
    const edited = text.replace(/(nodepoolId: "gpu",[^}]*?maxInstances: )3,/, "$15,");
    expect(edited).not.toBe(text);
    fs.writeFileSync(program, edited);
    emu.clearRequests();
    const up2 = await s.up();
    expect(up2.summary.resourceChanges).toEqual({ update: 1, same: 4 });
    expect(writes()).toEqual(["PatchNodepools"]);
    expect(emu.state().nodepools.find((n) => n.id === "gpu")).toMatchObject({ max_instances: 5, min_instances: 1 });
  } finally {
    await s.dispose();
  }
});

it("--language yaml: the same round trip through the native plugin and Pulumi YAML", async () => {
  emu.reset();
  await handMadeAccount();

  const out = path.join(tmp, "exported-yaml");
  const ex = await runExport(["export", "--language", "yaml", "--out", out]);
  expect(ex.code).toBe(0);
  expect(writes()).toEqual([]);
  expect(fs.readdirSync(out)).toEqual(["Pulumi.yaml"]);
  const text = fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8");
  expect(text).toContain("runtime: yaml");
  expect(text).toContain("computeClusterId: ${prod.id}");
  expect(text).toContain("- ${gpu.id}");

  const s = await yamlStack(out);
  try {
    emu.clearRequests();
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 }); // the stack and 4 adopted objects
    expect(writes()).toEqual([]);
    await s.preview({ expectNoChanges: true });
    const program = path.join(s.dir, "Pulumi.yaml");
    const before = fs.readFileSync(program, "utf8");
    const edited = before.replace(/(nodepoolId: gpu\n(?:.*\n)*?\s+maxInstances: )3/, "$15");
    expect(edited).not.toBe(before);
    fs.writeFileSync(program, edited);
    emu.clearRequests();
    const up2 = await s.up();
    expect(up2.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(writes()).toEqual(["PatchNodepools"]);
    expect(emu.state().nodepools.find((n) => n.id === "gpu")).toMatchObject({ max_instances: 5 });
  } finally {
    await s.dispose();
  }
});

describe("awkward text and ids", () => {
  // Descriptions holding `${not.a.ref}`, `$$`, quotes, backslashes, YAML indicators, line and paragraph
  // separators, tabs, non-ASCII and a long text; metadata keys Pulumi YAML would read as a function or
  // a reference; ids with leading digits, upper case and `_`, ids that are words of TypeScript or
  // Pulumi YAML (`default`, `pulumi`), a cluster and a deployment both named `gpu`, and one nodepool id
  // in two clusters. The property-based, in-process side of the same: tests/export/escaping.test.ts.
  /** Text that is syntax somewhere: every line a different target's. */
  const AWKWARD = {
    interpolation: "${not.a.ref} and $${escaped} and $$ and a lone $ and ${a}${b}",
    quotes: `"double" 'single' \`back\` \\ back\\\\slash \\n not a newline \\u2028 */ // </script>`,
    yaml: "key: value # not a comment\n- not a list\n* not an alias &anchor !tag |\n> ? [ ] { } , % @ --- ...",
    whitespace: "\ttab first, trailing space \nline two\r\nwindows line\u2028line separator\u2029paragraph\u0085next line",
    unicode: "Ünïcödé 日本語 🚀 \u00a0nbsp \u200bzero-width \u202ebidi\u202c \ufeffbom",
    scalars: "0o17",
    long: `${"A long description. ".repeat(45)}${"${x} ".repeat(5)}`.slice(0, 1000),
  };

  beforeAll(async () => {
    emu.reset();
    const c = new ClarifaiClient({ pat: PAT, apiBase: emu.url });
    const cluster = (id: string, description: string) =>
      c.createComputeCluster(handCluster({ computeClusterId: id, description, key: PAT }));
    const pool = (computeClusterId: string, id: string, description: string, metadata?: Record<string, unknown>) =>
      c.createNodepool(handNodepool({ nodepoolId: id, computeClusterId, instanceTypes: ["g5.xlarge"], description, metadata }));
    await cluster("1st-Cluster_x", AWKWARD.interpolation);
    await cluster("default", AWKWARD.quotes);
    await cluster("gpu", AWKWARD.yaml);
    await pool("1st-Cluster_x", "gpu", AWKWARD.whitespace, { "fn::secret": "not a secret", "${k}": "$", "a.b": ["yes", "0o17", "2001-12-14", "null", "~"], nested: { "fn::fileAsset": AWKWARD.interpolation } });
    await pool("default", "gpu", AWKWARD.unicode);
    await pool("gpu", "pulumi", AWKWARD.long);
    await c.createDeployment(
      handDeployment({ deploymentId: "gpu", description: AWKWARD.scalars, model: OCR, nodepools: ["default/gpu", "1st-Cluster_x/gpu"], visibility: "private" }),
    );
  });

  const IDS = ["1st-Cluster_x", "1st-Cluster_x/gpu", "default", "default/gpu", "gpu", "gpu", "gpu/pulumi"];

  /** Exports, adopts with `up`, and previews; returns the ids in the state. */
  async function roundTrip(language: "typescript" | "yaml"): Promise<string[]> {
    const out = path.join(tmp, `awkward-${language}`);
    const ex = await runExport(["export", "--language", language, "--out", out]);
    expect([ex.code, ex.stderr]).toEqual([0, expect.stringContaining("3 compute clusters, 3 nodepools, 1 deployment")]);
    expect(ex.stderr).not.toContain("warning:");
    const s = language === "yaml" ? await yamlStack(out) : await typescriptStack(out);
    try {
      emu.clearRequests();
      const up = await s.up();
      expect(up.summary.resourceChanges).toEqual({ create: 8 }); // the stack and 7 adopted objects
      expect(writes()).toEqual([]);
      await s.preview({ expectNoChanges: true });
      expect(writes()).toEqual([]);
      const state = (await s.exportState()).filter((r) => r.id && !r.type.startsWith("pulumi:providers:"));
      // The text came back as it is in the account (the preview above compared every field too).
      const described = Object.fromEntries(state.filter((r) => r.type.endsWith("ComputeCluster")).map((r) => [r.id, r.outputs?.description]));
      expect(described).toEqual({ "1st-Cluster_x": AWKWARD.interpolation, default: AWKWARD.quotes, gpu: AWKWARD.yaml });
      return state.map((r) => r.id!).sort();
    } finally {
      await s.dispose();
    }
  }

  it("TypeScript: the export of awkward text and ids is adopted with zero writes, and a preview finds no change", async () => {
    expect(await roundTrip("typescript")).toEqual(IDS);
    const program = fs.readFileSync(path.join(tmp, "awkward-typescript", "index.ts"), "utf8");
    expect(program).toContain('const defaultCluster = new clarifai.ComputeCluster("default", {');
    expect(program).toContain('const _1stClusterXGpu = new clarifai.Nodepool("1st-Cluster_x/gpu", {');
    expect(program).toContain('"fn::secret": "not a secret"');
  });

  it("Pulumi YAML: the same account, through the native plugin, adopted with zero writes and no change at preview", async () => {
    const ids = await roundTrip("yaml");
    expect(ids).toEqual(IDS);
    const program = fs.readFileSync(path.join(tmp, "awkward-yaml", "Pulumi.yaml"), "utf8");
    expect(program).toContain("$${not.a.ref}");
    // The cluster and the deployment are both "gpu": one namespace in Pulumi YAML, so one is keyed apart.
    expect(program).toMatch(/\n {2}gpu:\n {4}type: clarifai:index:ComputeCluster\n/);
    expect(program).toMatch(/\n {2}gpuDeployment:\n {4}type: clarifai:index:Deployment\n {4}name: gpu\n/);
    expect(program).toMatch(/\n {2}pulumiPool:\n {4}type: clarifai:index:Nodepool\n {4}name: pulumi\n/);
  });
});
