// What the state stores as `__provider` for each resource: a reference to the package's public,
// versioned entry, small, with no credentials. Deserialized as the dynamic-provider host does and called.
// (tests/engine/packed.test.ts checks the same in a project that installed the packed package.)
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import { resourceKinds } from "../../provider/model/model.generated";
import { forwarder, providerReference, resourceProps } from "../../sdk/forwarder";

const requireFromString: (code: string) => { handler(): pulumi.dynamic.ResourceProvider } = require("require-from-string");
const kinds = resourceKinds;
const PAT = "serialization-pat-5e1d0c";

describe.each(kinds)("the serialized %s provider", (kind) => {
  let text: string;
  
  const entry = `./dynamic/v1/${kind[0].toLowerCase()}${kind.slice(1)}`;

  beforeAll(() => {
    process.env.CLARIFAI_PAT = PAT;
    text = resourceProps(kind, "r", {}).__provider as string;
  });
  afterAll(() => delete process.env.CLARIFAI_PAT);

  it("is the reference, at most 200 bytes (the figure is printed by `npm run bench`)", () => {
    expect(text).toBe(providerReference(kind));
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(200);
  });

  it("requires a public entry of the package, with no deep module paths and no copied code", () => {
    expect(text).toContain(`require("pulumi-clarifai${entry.slice(1)}")`);
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
    expect(fs.existsSync(path.join(__dirname, "..", "..", pkg.exports[entry]))).toBe(true);
    expect(text).not.toMatch(/node_modules|dist\/|axios|\/work\//);
    expect(text).not.toMatch(/ClarifaiClient|validateInputs/);
  });

  it("carries no credentials", () => {
    expect(text).not.toContain(PAT);
    expect(text).not.toMatch(/CLARIFAI_PAT|clarifai:pat/);
  });

  it("the by-value copy that 0.1.0 stored still carries no credentials and is not secret", async () => {
    const sf = await pulumi.runtime.serializeFunction(() => forwarder(kind), { allowSecrets: true });
    expect(sf.text).toContain('require("pulumi-clarifai/provider")');
    expect(sf.text).not.toContain(PAT);
    expect(sf.containsSecrets).toBe(false);
  });

  it("deserializes into a working provider, as the dynamic-provider host loads it", async () => {
    const provider = requireFromString(text).handler();
    const r = await provider.check!({}, kind === "Nodepool"
      ? { __logicalName: "n", computeClusterId: "c", instanceTypes: ["g5.xlarge"], maxInstances: 1, minInstances: 3 }
      : kind === "Deployment"
        ? { __logicalName: "d", nodepools: ["c/np"], model: { userId: "u", appId: "a", modelId: "m", versionId: "v1" }, autoscale: { minReplicas: 3, maxReplicas: 1 } }
        : { __logicalName: "c", cloudProvider: "aws" });
    expect(r.failures!.length).toBe(1);
  });
});
