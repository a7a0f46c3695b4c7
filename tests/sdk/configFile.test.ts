import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { resourceSpec } from "../../provider/model/schema";
import { loadConfigFile, ConfigFileError } from "../../sdk/configFile";

const fixtures = path.join(__dirname, "..", "fixtures", "clarifai-docs-configs");
const fixture = (f: string) => path.join(fixtures, f);

function tmpYaml(text: string): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cfg-")), "config.yaml");
  fs.writeFileSync(f, text);
  return f;
}

describe("Clarifai SDK config files, as published", () => {
  it("reads compute_cluster_config.yaml", () => {
    expect(loadConfigFile(fixture("compute_cluster_config.yaml"), "compute_cluster")).toEqual({
      computeClusterId: "test-compute-cluster",
      description: "My AWS compute cluster",
      cloudProvider: "aws",
      region: "us-east-1",
      managedBy: "clarifai",
      clusterType: "dedicated",
      visibility: "private",
    });
  });

  it("reads both nodepool revisions (with and without the cluster)", () => {
    const common = {
      nodepoolId: "test-nodepool",
      description: "First nodepool in AWS in a proper compute cluster",
      instanceTypes: ["g5.xlarge"],
      capacity: "spotWithFallback",
      maxInstances: 1,
    };
    expect(loadConfigFile(fixture("nodepool_config.yaml"), "nodepool")).toEqual(common);
    expect(loadConfigFile(fixture("nodepool_config.with-cluster.yaml"), "nodepool")).toEqual({ ...common, computeClusterId: "test-compute-cluster" });
  });

  it("reads deployment_config.yaml", () => {
    expect(loadConfigFile(fixture("deployment_config.yaml"), "deployment")).toEqual({
      deploymentId: "test-deployment",
      description: "some random deployment",
      autoscale: { minReplicas: 0, maxReplicas: 1, trafficHistorySeconds: 100, scaleDownDelaySeconds: 30, scaleUpDelaySeconds: 30, disablePacking: false },
      model: { userId: "clarifai", appId: "main", modelId: "apparel-clusterering", versionId: "cc911f6b0ed748efb89e3d1359c146c4" },
      schedulingChoice: "performance",
      nodepools: ["test-compute-cluster/test-nodepool"],
    });
  });

  it("rejects the earlier deployment revision's enable_packing, naming the key and suggesting disable_packing", () => {
    const f = fixture("deployment_config.enable-packing.yaml");
    expect(() => loadConfigFile(f, "deployment")).toThrow(ConfigFileError);
    expect(() => loadConfigFile(f, "deployment")).toThrow(/deployment_config\.enable-packing\.yaml: deployment\.autoscale_config\.enable_packing: unknown key; did you mean disable_packing/);
  });
});

describe("bad config files fail with the file, the key path and what is allowed", () => {
  const cases: [string, string, "compute_cluster" | "nodepool" | "deployment", RegExp][] = [
    ["unknown top-level key", "compute_cluster:\n  id: a\ncluster: {}\n", "compute_cluster", /\(top level\)\.cluster: unknown key; allowed keys: compute_cluster/],
    ["missing section", "nodepool:\n  id: a\n", "compute_cluster", /nodepool: unknown key/],
    ["unknown nested key", "compute_cluster:\n  cloud_provider:\n    id: aws\n    zone: x\n", "compute_cluster", /compute_cluster\.cloud_provider\.zone: unknown key; allowed keys: id, name/],
    ["bad visibility", "nodepool:\n  visibility:\n    gettable: 20\n", "nodepool", /nodepool\.visibility\.gettable: 20 is not allowed; use 10 \(PRIVATE\), 30 \(ORG\) or 50 \(PUBLIC\)/],
    ["bad capacity type", "nodepool:\n  node_capacity_type:\n    capacity_types: [3]\n", "nodepool", /nodepool\.node_capacity_type\.capacity_types\[0\]: 3 is not allowed/],
    ["negative count", "nodepool:\n  max_instances: -1\n", "nodepool", /nodepool\.max_instances: expected a whole number ≥ 0, got -1/],
    ["instance types not a list", "nodepool:\n  instance_types: g5.xlarge\n", "nodepool", /nodepool\.instance_types: expected a list/],
    ["bad scheduling choice", "deployment:\n  scheduling_choice: 42\n", "deployment", /deployment\.scheduling_choice: 42 is not allowed/],
    ["nodepool without cluster", "deployment:\n  nodepools:\n    - id: np\n", "deployment", /deployment\.nodepools\[0\]\.compute_cluster: is required/],
    ["duplicate keys", "nodepool:\n  id: a\n  id: b\n", "nodepool", /\(yaml\): .*[Mm]ap keys must be unique/],
  ];
  it.each(cases)("%s", (_name, text, section, message) => {
    const f = tmpYaml(text);
    expect(() => loadConfigFile(f, section)).toThrow(message);
    expect(() => loadConfigFile(f, section)).toThrow(f);
  });

  it("a missing file names the file", () => {
    expect(() => loadConfigFile("/nonexistent/nodepool_config.yaml", "nodepool")).toThrow(/\/nonexistent\/nodepool_config\.yaml: \(file\): cannot be read/);
  });

  it("a section that is no kind's (from JavaScript, unchecked) names the sections there are", () => {
    const f = tmpYaml("compute_clusters:\n  id: c\n");
    expect(() => Reflect.apply(loadConfigFile, undefined, [f, "compute_clusters"])).toThrow(`${f}: compute_clusters: is not a section of Clarifai's config files; use compute_cluster, nodepool, deployment`);
  });
});

describe("read by schema.json's apiField", () => {
  it("reads the 12.x keys: warm_instances, metadata, graceful_deploy, soft_min_replicas, deployment_nodepools priorities", () => {
    const np = tmpYaml("nodepool:\n  id: np\n  compute_cluster: {id: cc}\n  instance_types: [{id: g5.xlarge}]\n  max_instances: 3\n  warm_instances: 1\n  metadata: {team: ml}\n");
    expect(loadConfigFile(np, "nodepool")).toEqual({ nodepoolId: "np", computeClusterId: "cc", instanceTypes: ["g5.xlarge"], maxInstances: 3, warmInstances: 1, metadata: { team: "ml" } });
    const dep = tmpYaml(
      "deployment:\n  id: d\n  graceful_deploy: true\n  autoscale_config: {min_replicas: 1, soft_min_replicas: 2}\n" +
        "  deployment_nodepools:\n    - {id: a, compute_cluster: {id: cc}, priority: 1}\n    - {id: b, compute_cluster: {id: cc}}\n",
    );
    expect(loadConfigFile(dep, "deployment")).toEqual({
      deploymentId: "d",
      gracefulDeploy: true,
      autoscale: { minReplicas: 1, softMinReplicas: 2 },
      nodepools: ["cc/a", "cc/b"],
      nodepoolPriorities: [1, 0],
    });
  });

  it.each([
    ["compute_cluster", "ComputeCluster", []],
    ["nodepool", "Nodepool", []],
    ["deployment", "Deployment", ["user_id"]],
  ] as const)("%s allows exactly the API fields schema.json names for %s", (section, kind, ignored) => {
    const fields = [...new Set(Object.values(resourceSpec(kind).inputProperties).map((p) => p["x-clarifai"]?.apiField).filter(Boolean))];
    const f = tmpYaml(`${section}:\n  not_a_field: 1\n`);
    let message = "";
    try {
      loadConfigFile(f, section);
    } catch (e) {
      message = (e as Error).message;
    }
    const allowed = message.replace(/.*allowed keys: /, "").split(", ");
    expect(allowed.sort()).toEqual([...fields, ...ignored].sort());
  });
});

describe("values the SDK's files write in other forms", () => {
  it("an empty mapping key (YAML null) is an error, an empty scalar key is not set", () => {
    expect(() => loadConfigFile(tmpYaml("deployment:\n  id: d\n  autoscale_config:\n"), "deployment")).toThrow(/deployment\.autoscale_config: expected a mapping, got null/);
    expect(() => loadConfigFile(tmpYaml("nodepool:\n  id: np\n  metadata:\n"), "nodepool")).toThrow(/nodepool\.metadata: expected a mapping, got null/);
    expect(loadConfigFile(tmpYaml("nodepool:\n  id: np\n  description:\n"), "nodepool")).toEqual({ nodepoolId: "np" });
  });

  it.each([
    [1, "fail"],
    [2, "random"],
    [3, "price"],
    [4, "performance"],
    [5, "network"],
    [6, "utilization"],
    [7, "preferSpot"],
    [8, "preferOndemand"],
  ])("scheduling_choice %i (the proto number) is %s, as is its proto name", (n, choice) => {
    expect(loadConfigFile(tmpYaml(`deployment:\n  id: d\n  scheduling_choice: ${n}\n`), "deployment")).toEqual({ deploymentId: "d", schedulingChoice: choice });
    const name = choice.replace(/([A-Z])/g, "_$1").toUpperCase();
    expect(loadConfigFile(tmpYaml(`deployment:\n  id: d\n  scheduling_choice: ${name}\n`), "deployment")).toEqual({ deploymentId: "d", schedulingChoice: choice });
  });
});
