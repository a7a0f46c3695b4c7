// The export generator against the in-process emulator: what the program declares, that every
// exported resource is exactly what the provider will find (no diff, adoption with reads only), and
// that the TypeScript it writes type-checks against this package.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { startEmulator, RunningEmulator } from "../../emulator";
import { ClarifaiClient } from "../../provider/client";
import type { InputsOf } from "../../provider/model/model.generated";
import { handCluster, handNodepool, OCR_MODEL as MODEL, wireOf } from "../support/wire";
import { setSettings } from "../../provider/settings/config";
import { Credentials, ExportResult, Plan, UnknownClusterError, exportAccount, identifier, planAccount, renderIndexTs, resolved } from "../../provider/export";
import { computeClusterProvider } from "../../provider/resources/computeCluster";
import { deploymentProvider } from "../../provider/resources/deployment";
import { nodepoolProvider } from "../../provider/resources/nodepool";

const PAT = "export-unit-pat-3f81c2";
const repoRoot = path.resolve(__dirname, "..", "..");
let emu: RunningEmulator;
let c: ClarifaiClient;
let cred: Credentials;

beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "acme", readiness: { deploymentReadyAfterReads: 1 } });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  c = new ClarifaiClient({ pat: PAT, apiBase: emu.url });
  cred = { pat: PAT, userId: "me", apiBase: emu.url, sources: { pat: "the environment", userId: "the default", apiBase: "the environment" } };
  setSettings({ pat: PAT, apiBase: emu.url });
});

const cluster = (id: string, over: Partial<InputsOf["ComputeCluster"]> = {}) => c.createComputeCluster(handCluster({ computeClusterId: id, key: PAT, ...over }));
const pool = (computeClusterId: string, id: string, over: Partial<InputsOf["Nodepool"]> = {}) =>
  c.createNodepool(handNodepool({ nodepoolId: id, computeClusterId, instanceTypes: ["g5.xlarge"], ...over }));
const deployment = (id: string, pools: [string, string][], over: Partial<InputsOf["Deployment"]> = {}) =>
  c.createDeployment(
    wireOf("Deployment", {
      deploymentId: id,
      model: MODEL,
      nodepools: pools.map(([cluster, pool]) => `${cluster}/${pool}`),
      autoscale: { minReplicas: 0, maxReplicas: 1 },
      schedulingChoice: "performance",
      visibility: "private",
      ...over,
    }),
  );

/** The demo's account: what `npm run demo` (the quickstart) creates. */
async function demoAccount() {
  await cluster("quickstart-aws-us-east-1", { description: "pulumi-clarifai quickstart" });
  await pool("quickstart-aws-us-east-1", "cpu-t3a-2xlarge", { instanceTypes: ["t3a.2xlarge"] });
  await pool("quickstart-aws-us-east-1", "gpu-a10g", { maxInstances: 4, capacity: "spotWithFallback" });
  await deployment("quickstart-ocr", [["quickstart-aws-us-east-1", "gpu-a10g"]], {
    description: "GOT-OCR 2.0 on A10G",
    autoscale: { minReplicas: 1, maxReplicas: 2, scaleToZeroDelaySeconds: 1800 },
  });
}

/** An account with every non-default value the schema allows, spread over two clusters. */
async function richAccount() {
  await cluster("prod", { description: "production", visibility: "org" });
  await cluster("lab", { cloudProvider: "gcp", region: "us-east4" });
  await pool("prod", "gpu", { description: "A10G", minInstances: 1, maxInstances: 6, capacity: "spot", visibility: "org", metadata: { team: "ml", "cost-center": 42 }, warmInstances: 1 });
  await pool("prod", "cpu", { instanceTypes: ["t3a.large", "t3a.xlarge"], maxInstances: 3 });
  await pool("lab", "gpu", { instanceTypes: ["g2-standard-4"], maxInstances: 1 });
  await deployment("ocr", [["prod", "gpu"], ["lab", "gpu"]], {
    nodepoolPriorities: [1, 2],
    description: "OCR",
    schedulingChoice: "price",
    visibility: "org",
    gracefulDeploy: true,
    autoscale: { minReplicas: 1, maxReplicas: 5, softMinReplicas: 1, trafficHistorySeconds: 300, scaleUpDelaySeconds: 30, scaleDownDelaySeconds: 120, scaleToZeroDelaySeconds: 900, disablePacking: true },
  });
  await deployment("latest", [["prod", "cpu"]], { model: { ...MODEL, versionId: undefined }, deployLatestVersion: true });
}

const run = (over: Partial<Parameters<typeof exportAccount>[0]> = {}) =>
  exportAccount({ credentials: cred, packageSpec: "^0.1.0", outDir: "/tmp/x", ...over });
const byName = (p: Plan, kind: string, name: string) => p.resources.find((r) => r.kind === kind && r.name === name)!;

describe("the program", () => {
  it("for the demo's account: references, readable names, only non-default fields, adopt: true", async () => {
    await demoAccount();
    const { files } = await run();
    expect(files["index.ts"]).toBe(`// Written by \`pulumi-clarifai export\` from the Clarifai account of user "acme" (${emu.url}):
// 1 compute cluster, 2 nodepools, 1 deployment.
//
// Every resource has \`adopt: true\`: the first \`pulumi up\` takes the existing objects over. The program
// matches them, so that \`up\` only reads from Clarifai; from then on, edit this file as usual. Fields at
// their default value are left out (the defaults are in this package's docs/reference).
// A compute cluster's \`key\` cannot be read back from Clarifai and is left unset: the PAT Pulumi runs
// with is sent as the key when the cluster is next updated.
import * as clarifai from "pulumi-clarifai";

// Compute cluster "quickstart-aws-us-east-1": aws us-east-1, 2 nodepools.
const quickstartAwsUsEast1 = new clarifai.ComputeCluster("quickstart-aws-us-east-1", {
  computeClusterId: "quickstart-aws-us-east-1",
  description: "pulumi-clarifai quickstart",
  cloudProvider: "aws",
  region: "us-east-1",
  adopt: true,
});

// Nodepool "cpu-t3a-2xlarge" in "quickstart-aws-us-east-1": t3a.2xlarge, on demand, 0 to 2 nodes.
const cpuT3a2xlarge = new clarifai.Nodepool("cpu-t3a-2xlarge", {
  computeClusterId: quickstartAwsUsEast1.id,
  nodepoolId: "cpu-t3a-2xlarge",
  instanceTypes: ["t3a.2xlarge"],
  maxInstances: 2,
  adopt: true,
});

// Nodepool "gpu-a10g" in "quickstart-aws-us-east-1": g5.xlarge, spot with on-demand fallback, 0 to 4 nodes.
const gpuA10g = new clarifai.Nodepool("gpu-a10g", {
  computeClusterId: quickstartAwsUsEast1.id,
  nodepoolId: "gpu-a10g",
  instanceTypes: ["g5.xlarge"],
  maxInstances: 4,
  capacity: "spotWithFallback",
  adopt: true,
});

// Deployment "quickstart-ocr": model stepfun-ai/ocr/got-ocr-2_0 version 5d92321db5d341b5b4cf407ab34f618f, on quickstart-aws-us-east-1/gpu-a10g.
const quickstartOcr = new clarifai.Deployment("quickstart-ocr", {
  deploymentId: "quickstart-ocr",
  description: "GOT-OCR 2.0 on A10G",
  model: { userId: "stepfun-ai", appId: "ocr", modelId: "got-ocr-2_0", versionId: "5d92321db5d341b5b4cf407ab34f618f" },
  nodepools: [gpuA10g.id],
  autoscale: { minReplicas: 1, maxReplicas: 2, scaleToZeroDelaySeconds: 1800 },
  adopt: true,
});
`);
  });

  it("writes the other project files: Pulumi.yaml, package.json on this package, tsconfig, .gitignore", async () => {
    await demoAccount();
    const { files, projectName } = await run();
    expect(projectName).toBe("clarifai-acme");
    expect(Object.keys(files).sort()).toEqual([".gitignore", "Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
    expect(files["Pulumi.yaml"]).toMatch(/^name: clarifai-acme\n.*\nruntime: nodejs\nmain: index.ts\n$/s);
    const pkg = JSON.parse(files["package.json"]);
    const own = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    expect(pkg.dependencies).toEqual({ "@pulumi/pulumi": own.dependencies["@pulumi/pulumi"], "pulumi-clarifai": "^0.1.0" });
    // From a checkout (not under node_modules), the default is a file: path to it.
    const fromCheckout = await run({ packageSpec: undefined, outDir: path.join(repoRoot, "..", "elsewhere", "acme") });
    expect(JSON.parse(fromCheckout.files["package.json"]).dependencies["pulumi-clarifai"]).toBe(`file:../../${path.basename(repoRoot)}`);
    // Sharing nothing but the root, it is absolute.
    const far = await run({ packageSpec: undefined, outDir: repoRoot.startsWith("/srv/") ? "/opt/acme" : "/srv/acme" });
    expect(JSON.parse(far.files["package.json"]).dependencies["pulumi-clarifai"]).toBe(`file:${repoRoot}`);
  });

  it("keeps every non-default value, and references only what it exports", async () => {
    await richAccount();
    const { plan, files } = await run();
    expect(plan.counts).toEqual({ ComputeCluster: 2, Nodepool: 3, Deployment: 2 });
    expect(plan.warnings).toEqual([]);
    expect(resolved(byName(plan, "ComputeCluster", "prod").inputs)).toEqual({
      computeClusterId: "prod", description: "production", cloudProvider: "aws", region: "us-east-1", visibility: "org", adopt: true,
    });
    // The two nodepools named "gpu" are named by their Pulumi ids; the cluster "lab" keeps its own.
    expect(plan.resources.map((r) => `${r.kind}:${r.name}:${r.variable}`)).toEqual([
      "ComputeCluster:lab:lab", "ComputeCluster:prod:prod",
      "Nodepool:lab/gpu:labGpu", "Nodepool:cpu:cpu", "Nodepool:prod/gpu:prodGpu",
      "Deployment:latest:latest", "Deployment:ocr:ocr",
    ]);
    expect(resolved(byName(plan, "Nodepool", "prod/gpu").inputs)).toEqual({
      computeClusterId: "prod", nodepoolId: "gpu", description: "A10G", instanceTypes: ["g5.xlarge"], minInstances: 1, maxInstances: 6,
      capacity: "spot", visibility: "org", metadata: { team: "ml", "cost-center": 42 }, warmInstances: 1, adopt: true,
    });
    // The 12.x fields (warmInstances, nodepoolPriorities, softMinReplicas, gracefulDeploy) come from
    // schema.json and the resources' outputs: nothing in the export names them.
    expect(resolved(byName(plan, "Deployment", "ocr").inputs)).toEqual({
      deploymentId: "ocr", description: "OCR", model: MODEL, nodepools: ["prod/gpu", "lab/gpu"], nodepoolPriorities: [1, 2],
      autoscale: { minReplicas: 1, maxReplicas: 5, softMinReplicas: 1, trafficHistorySeconds: 300, scaleUpDelaySeconds: 30, scaleDownDelaySeconds: 120, scaleToZeroDelaySeconds: 900, disablePacking: true },
      schedulingChoice: "price", visibility: "org", gracefulDeploy: true, adopt: true,
    });
    expect(resolved(byName(plan, "Deployment", "latest").inputs)).toEqual({
      deploymentId: "latest", model: { userId: "stepfun-ai", appId: "ocr", modelId: "got-ocr-2_0" }, nodepools: ["prod/cpu"], deployLatestVersion: true, adopt: true,
    });
    expect(files["index.ts"]).toContain("nodepools: [prodGpu.id, labGpu.id],");
    expect(files["index.ts"]).toContain('metadata: { team: "ml", "cost-center": 42 },');
    expect(files["index.ts"]).toContain("computeClusterId: lab.id,");
  });

  it("--cluster: only that cluster, its nodepools and the deployments on them; other nodepools stay literal ids", async () => {
    await richAccount();
    const progress: string[] = [];
    const { plan, files } = await run({ clusterIds: ["lab"], progress: (l) => progress.push(l) });
    expect(plan.resources.map((r) => r.name)).toEqual(["lab", "gpu", "ocr"]);
    expect(files["index.ts"]).toContain('// NOTE: nodepool "prod/gpu" is not in this program (outside the chosen clusters), so referenced by id\n');
    expect(files["index.ts"]).toContain('nodepools: ["prod/gpu", gpu.id],');
    expect(plan.warnings).toEqual(['Deployment "ocr": nodepool "prod/gpu" is not in this program (outside the chosen clusters), so referenced by id']);
    expect(progress).toEqual([
      `Reading the Clarifai account of user "me" at ${emu.url} (PAT from the environment)`,
      "  compute clusters: 1 (chosen; 2 in the account)",
      "  nodepools: 1",
      "  deployments: 1 (1 other run on no chosen cluster)",
    ]);
    await expect(run({ clusterIds: ["lab", "nope"] })).rejects.toThrow(UnknownClusterError);
    await expect(run({ clusterIds: ["nope"] })).rejects.toThrow('compute cluster "nope" is not in the account of user "me"; its compute clusters: lab, prod');
  });

  it("variable names are valid, unique identifiers, whatever the ids", async () => {
    expect(["gpu-a10g", "1x", "a__b", "---", "Prod_US"].map(identifier)).toEqual(["gpuA10g", "_1x", "aB", "resource", "prodUS"]);
    await cluster("default");
    await cluster("gpu");
    await pool("gpu", "gpu");
    await pool("default", "default");
    const { plan } = await run();
    expect(plan.resources.map((r) => r.variable)).toEqual(["defaultCluster", "gpu", "defaultPool", "gpuPool"]);
  });

  it("an object this package would refuse is exported with a NOTE and a warning", () => {
    const plan = planAccount({
      userId: "me",
      clusters: [{ id: "odd", cloud_provider: { id: "aws" }, region: "us-east-1", cluster_type: "shared", managed_by: "clarifai", key: { id: "****" } }],
      nodepools: [{ id: "zero", compute_cluster: { id: "odd" }, instance_types: [{ id: "g5.xlarge" }], node_capacity_type: { capacity_types: [1] }, status: 2 }],
      deployments: [],
      skippedDeployments: 0,
    });
    expect(plan.warnings).toEqual([
      'ComputeCluster "odd": the object does not pass this package\'s checks: clusterType: "shared" is not allowed; use one of: dedicated, local-dev',
      'Nodepool "zero": the object does not pass this package\'s checks: maxInstances: 0 is below the minimum 1',
    ]);
    expect(renderIndexTs(plan, "https://api.clarifai.com")).toContain("// NOTE: the object does not pass this package's checks: maxInstances: 0 is below the minimum 1\n");
  });

  it("an empty account is an empty, valid program", async () => {
    const { plan, files } = await run();
    expect(plan.resources).toEqual([]);
    expect(files["index.ts"]).toContain("// The account has no compute clusters, nodepools or deployments yet.");
  });
});

describe("the program matches the account exactly", () => {
  const providers = { ComputeCluster: computeClusterProvider, Nodepool: nodepoolProvider, Deployment: deploymentProvider };

  it("for every resource: adoption makes reads only, and neither its state nor a refresh differs from the program", async () => {
    await richAccount();
    await demoAccount();
    const { plan } = await run();
    emu.clearRequests();
    for (const r of plan.resources) {
      const p = providers[r.kind];
      const checked = await p.check!({}, { __logicalName: r.name, __provider: "x", ...(resolved(r.inputs) as object) });
      expect([r.name, checked.failures]).toEqual([r.name, []]);
      // `up` adopts (reads only), then a preview diffs the state against the program, and a refresh
      // reads the object again with the state as it stands.
      const adopted = await p.create!(checked.inputs);
      expect(adopted.id).toBe(r.id);
      expect([r.kind, r.name, (await p.diff!(r.id, adopted.outs, checked.inputs)).changes]).toEqual([r.kind, r.name, false]);
      const refreshed = await p.read!(r.id, adopted.outs);
      expect([r.kind, r.name, (await p.diff!(r.id, refreshed.props!, checked.inputs)).changes]).toEqual([r.kind, r.name, false]);
    }
    expect(emu.requests().requests.filter((q) => q.method !== "GET")).toEqual([]);
  });

  it("the export itself only reads: one list per kind (nodepools once per cluster)", async () => {
    await richAccount();
    emu.clearRequests();
    await run();
    expect(emu.requests().counts).toEqual({ ListComputeClusters: 1, ListNodepools: 2, ListDeployments: 1 });
  });

  it("the TypeScript it writes type-checks against this package", async () => {
    await richAccount();
    await demoAccount();
    const { files }: ExportResult = await run();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-clarifai-export-tsc-"));
    try {
      fs.writeFileSync(path.join(dir, "index.ts"), files["index.ts"]);
      const program = ts.createProgram([path.join(dir, "index.ts")], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        skipLibCheck: true,
        types: [],
        baseUrl: dir,
        paths: { "pulumi-clarifai": [path.join(repoRoot, "sdk", "index.ts")] },
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      expect(diagnostics).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
