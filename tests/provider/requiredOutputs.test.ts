// schema.json's `required` outputs are what the SDK types as always present (`Output<T>`, not
// `Output<T | undefined>`): each kind's outputs must hold every one of them after a create, and after a
// read with no prior state (an import), against the in-process emulator.
import { setSettings } from "../../provider/settings/config";
import { providers } from "../../provider/resources/registry";
import { resetPreflight } from "../../provider/resources/preflight";
import { setTiming } from "../../provider/resources/timing";
import { resourceSpec } from "../../provider/model/schema";
import { PAT, emulatorSuite } from "../support/emulator";

const suite = emulatorSuite();
type Props = Record<string, unknown>;

beforeAll(() => setTiming({ pollBaseMs: 20, secondLookMs: 20 }));
afterAll(() => setTiming({}));
beforeEach(() => {
  resetPreflight();
  setSettings({ pat: PAT, apiBase: suite.emu.url });
});

const programs = {
  ComputeCluster: { __logicalName: "c", computeClusterId: "c1", cloudProvider: "aws", region: "us-east-1" },
  Nodepool: { __logicalName: "p", computeClusterId: "c1", nodepoolId: "np1", instanceTypes: ["g5.xlarge"], maxInstances: 2 },
  Deployment: {
    __logicalName: "d",
    deploymentId: "d1",
    nodepools: ["c1/np1"],
    model: { userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: "aa11bb22" },
    waitForReady: false,
  },
} as const;

it("every kind reports every required output after create, and after a read with no state", async () => {
  const missing: string[] = [];
  for (const kind of ["ComputeCluster", "Nodepool", "Deployment"] as const) {
    const p = providers[kind];
    const { inputs, failures } = await p.check({}, { __provider: "code", ...programs[kind] });
    expect([kind, failures]).toEqual([kind, []]);
    const created = await p.create(inputs);
    const imported = await p.read(created.id, {});
    const required = resourceSpec(kind).required;
    for (const [when, outs] of [["create", created.outs], ["import", imported.props]] as [string, Props][]) {
      for (const k of required) if (outs?.[k] === undefined) missing.push(`${kind}.${k} after ${when}`);
    }
  }
  expect(missing).toEqual([]);
});
