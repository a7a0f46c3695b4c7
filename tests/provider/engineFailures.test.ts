// Check failures on the dynamic-provider path, as the engine receives them: the provider loaded by
// package name (what the SDK's serialized forwarder calls) gives each failure without a property, its
// reason naming the resource, the field and the value; the providers' own `check` keeps the property
// for callers inside the package. Through the engine: tests/engine/checkFailure.test.ts.
import * as engineFacing from "../../provider";
import { setSettings } from "../../provider/settings/config";
import { forEngine } from "../../provider/resources/check";
import { deploymentProvider } from "../../provider/resources/deployment";

const MODEL = { userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: "aa11bb22" };
beforeAll(() => setSettings({ offlinePreview: true }));
afterAll(() => setSettings({}));

it("the dynamic provider's check gives the engine no property: a path such as nodepools[1] is in the reason", async () => {
  const news = { __logicalName: "dep", deploymentId: "dep", model: MODEL, nodepools: ["ok/pool", "no-slash"] };
  const own = await deploymentProvider.check({}, news);
  const sent = await engineFacing.Deployment.check({}, news);
  expect(own.failures!.map((f) => f.property)).toEqual(["nodepools[1]"]);
  expect(sent.failures).toEqual(own.failures!.map((f) => ({ property: "", reason: f.reason })));
  expect(sent.failures!.map((f) => f.reason)).toContainEqual(expect.stringMatching(/^Deployment "dep": nodepools\[1\]: "no-slash" is not allowed/));
  expect(sent.inputs).toEqual(own.inputs);
});

it("forEngine keeps the reasons, in order, and nothing else", () => {
  expect(forEngine([{ property: "key", reason: 'ComputeCluster "c": key: must be a string' }, { property: "(inputs)", reason: "r2" }])).toEqual([
    { property: "", reason: 'ComputeCluster "c": key: must be a string' },
    { property: "", reason: "r2" },
  ]);
  expect(forEngine(undefined)).toEqual([]);
});
