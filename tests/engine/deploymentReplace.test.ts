// Replacements that Clarifai's uniqueness rules force to delete first, through the real engine, with the
// emulator's deleted-id window on (its default: 5 s for deployment ids):
// - a renamed deployment (a new deploymentId, the same model on the same nodepool: one deployment per
//   model per nodepool) is deleted before its replacement is created; the preview does not take the
//   deployment being replaced for a conflict;
// - the same with a generated id;
// - check failures about a list element print cleanly (no `value {<nil>}`).
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack } from "../support/engine";

jest.setTimeout(600_000);

const PAT = "engine-pat-dep-replace-51c0e2";

let emu: RunningEmulator;
let s: EngineStack;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "dr-user" });
  s = await createStack({
    programDir: path.join(__dirname, "programs", "deployment-replace"),
    config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url }, depId: { value: "dr-dep" } },
    env: { PULUMI_CLARIFAI_POLL_MS: "50" },
  });
  await s.up();
});
afterAll(async () => {
  await s?.dispose();
  await emu?.close();
});

const writes = () => emu.requests().requests.filter((r) => r.method !== "GET").map((r) => `${r.rpc} ${r.status_code}`);
const deployments = () => (emu.state().deployments as { id: string; nodepools?: { id: string }[] }[]).map((d) => [d.id, d.nodepools?.map((n) => n.id)]);
const failureOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return String(e).replace(/\\"/g, '"');
  }
  throw new Error("expected the operation to fail");
};

async function inStep() {
  await s.refresh({ expectNoChanges: true });
  await s.preview({ expectNoChanges: true });
}

it("renaming a deployment (same model, same nodepool) deletes it first: preview and up pass", async () => {
  await s.setConfig("depId", "dr-renamed");
  emu.clearRequests();
  const preview = await s.preview();
  expect(preview.changeSummary).toEqual({ same: 3, replace: 1 });
  // Delete-before-replace: the engine shows the old deployment's deletion as part of the replacement.
  expect(preview.stdout).toMatch(/\+-pulumi-nodejs:dynamic\/clarifai:Deployment: \(replace\)\s+\[id=dr-dep\][^]*~ deploymentId\s+: "dr-dep" => "dr-renamed"/);
  expect(writes()).toEqual([]);

  emu.clearRequests();
  const up = await s.up();
  expect(up.summary.resourceChanges).toEqual({ same: 3, replace: 1 });
  expect(writes()).toEqual(["DeleteDeployments 10000", "PostDeployments 10000"]);
  expect(deployments()).toEqual([["dr-renamed", ["dr-pool"]]]);
  await inStep();
});

it("going to a generated id is a rename too; and back to the first id at once waits out its deleted-id window", async () => {
  await s.stack.removeConfig("depId");
  emu.clearRequests();
  const up = await s.up();
  expect(up.summary.resourceChanges).toEqual({ same: 3, replace: 1 });
  expect(writes()).toEqual(["DeleteDeployments 10000", "PostDeployments 10000"]);
  const generated = String(up.outputs.depId.value);
  expect(generated).toMatch(/^dep-[0-9a-f]{7}$/);
  await inStep();

  // Straight back to an id deleted a moment ago: its POST is refused while the id is held, then
  // retried. The window is held open until the first refusal, whatever the engine's start-up takes.
  emu.setDeletedIdReuse(600_000);
  await s.setConfig("depId", "dr-back");
  await s.up();
  await s.setConfig("depId", generated);
  emu.clearRequests();
  const going = s.up();
  while (!writes().includes("PostDeployments 25901")) await new Promise((r) => setTimeout(r, 50));
  emu.setDeletedIdReuse(0);
  await going;
  const w = writes();
  expect(w[0]).toBe("DeleteDeployments 10000");
  expect(w.at(-1)).toBe("PostDeployments 10000");
  expect(deployments()).toEqual([[generated, ["dr-pool"]]]);
  expect(s.output.join("")).toContain(`Deployment "dep": the id "${generated}" is still held by the deployment deleted a moment ago`);
  emu.setDeletedIdReuse(5000);
  await inStep();
});

it("a check failure on a list element names the element, without the engine's `value {<nil>}`", async () => {
  await s.setConfig("nodepool", "no-slash-here");
  emu.clearRequests();
  const bad = await failureOf(s.preview());
  expect(bad).toMatch(/error: pulumi-nodejs:dynamic\/clarifai:Deployment resource 'dep' has a problem: Deployment "dep": nodepools\[0\]: "no-slash-here" is not allowed/);
  expect(bad).not.toMatch(/<nil>|value \{/);

  await s.setConfig("nodepool", "dr-cluster/missing");
  const missing = await failureOf(s.preview());
  expect(missing).toMatch(/resource 'dep' has a problem: Deployment "dep": nodepools\[0\]: nodepool "dr-cluster\/missing" does not exist in the Clarifai account/);
  expect(missing).not.toMatch(/<nil>|value \{/);

  // A top-level scalar keeps its property: the engine prints its value.
  await s.setConfig("nodepool", "dr-cluster/dr-pool");
  await s.setConfig("instanceType", "g5.mega");
  const type = await failureOf(s.preview());
  expect(type).toMatch(/resource 'pool' has a problem: Nodepool "pool": instanceTypes\[0\]: "g5.mega" is not an instance type Clarifai offers/);
  expect(type).not.toMatch(/<nil>/);
  await s.stack.removeConfig("instanceType");
  expect(writes()).toEqual([]);
  await s.stack.removeConfig("nodepool");
});
