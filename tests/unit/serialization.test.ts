// What Pulumi stores as `__provider` for each resource: small, loads the provider by package name, and
// carries no credentials. Runs the same serializer the SDK uses, then deserializes the text as the
// dynamic-provider host does and calls it.
import * as pulumi from "@pulumi/pulumi";
import { resourceKinds } from "../../provider/model.generated";
import { forwarder } from "../../sdk/forwarder";

const requireFromString: (code: string) => { handler(): pulumi.dynamic.ResourceProvider } = require("require-from-string");
const kinds = resourceKinds;
const PAT = "serialization-pat-5e1d0c";

describe.each(kinds)("the serialized %s provider", (kind) => {
  let text: string;
  let containsSecrets: boolean;

  beforeAll(async () => {
    process.env.CLARIFAI_PAT = PAT;
    const sf = await pulumi.runtime.serializeFunction(() => forwarder(kind), { allowSecrets: true });
    // serializeFunction wraps the factory; what the SDK serializes is the object itself.
    const provider = forwarder(kind);
    const sp = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    text = sp.text;
    containsSecrets = sp.containsSecrets || sf.containsSecrets;
  });
  afterAll(() => delete process.env.CLARIFAI_PAT);

  it("is small (target 1.5 KB; the figure is printed by `npm run bench`)", () => {
    expect(Buffer.byteLength(text)).toBeLessThan(2400);
  });

  it("loads the provider by package name, with no deep module paths and no copied code", () => {
    expect(text).toContain('require("pulumi-clarifai/provider")');
    expect(text).not.toMatch(/node_modules|dist\/|axios|\/work\//);
    expect(text).not.toMatch(/ClarifaiClient|validateInputs/);
  });

  it("carries no credentials and is not secret", () => {
    expect(text).not.toContain(PAT);
    expect(text).not.toMatch(/CLARIFAI_PAT|clarifai:pat/);
    expect(containsSecrets).toBe(false);
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
