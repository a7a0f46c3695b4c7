// The steps every language's example takes through the engine, asserted the same way for each: the
// quickstart's graph (a cluster, two nodepools, a deployment) built by a TypeScript-less program.
import type { RunningEmulator } from "../../emulator";
import { writesTo } from "../support/emulator";
import type { EngineStack } from "../support/engine";

/** A preview right after `up` shows no change and sends Clarifai no write. */
export async function expectNoChangePreview(s: EngineStack, emu: RunningEmulator): Promise<void> {
  emu.clearRequests();
  await s.preview({ expectNoChanges: true });
  expect(writesTo(emu)).toEqual([]);
}

/** Raising a nodepool's maximum through the stack's config updates that one nodepool in place, with one PATCH. */
export async function expectPoolUpdatedInPlace(s: EngineStack, emu: RunningEmulator, change: { config: string; nodepoolId: string; maxInstances: number }): Promise<void> {
  await s.setConfig(change.config, String(change.maxInstances));
  emu.clearRequests();
  const up = await s.up();
  expect(up.summary.resourceChanges).toEqual({ same: 4, update: 1 });
  expect(writesTo(emu)).toEqual(["PatchNodepools"]);
  expect(emu.state().nodepools.find((n) => n.id === change.nodepoolId)?.max_instances).toBe(change.maxInstances);
}

/** `destroy` deletes `count` resources and leaves the account empty. */
export async function expectDestroyed(s: EngineStack, emu: RunningEmulator, count: number): Promise<void> {
  const destroy = await s.destroy();
  expect(destroy.summary.resourceChanges).toEqual({ delete: count });
  const after = emu.state();
  expect([after.compute_clusters, after.nodepools, after.deployments]).toEqual([[], [], []]);
}
