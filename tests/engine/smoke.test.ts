import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createStack, EngineStack } from "../support/engine";

jest.setTimeout(300_000);

describe("the real Pulumi engine runs a dynamic resource", () => {
  let s: EngineStack;
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "smoke-")), "calls.log");
  const calls = () => fs.readFileSync(log, "utf8").trim().split("\n");

  beforeAll(async () => {
    fs.writeFileSync(log, "");
    s = await createStack({ programDir: path.join(__dirname, "programs", "smoke"), config: { value: { value: "a" }, log: { value: log } } });
  });
  afterAll(() => s?.dispose());

  it("creates on up, shows no changes on preview, updates in place, deletes on destroy", async () => {
    const up = await s.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(up.outputs.id.value).toBe("echo-a");
    expect(calls()).toEqual(["create"]);

    const preview = await s.preview({ expectNoChanges: true });
    expect(preview.changeSummary).toEqual({ same: 2 });

    await s.setConfig("value", "b");
    const up2 = await s.up();
    expect(up2.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(up2.outputs.value.value).toBe("b");

    const state = await s.exportState();
    const echo = state.find((r) => r.type === "pulumi-nodejs:dynamic/smoke:Echo");
    expect(echo?.outputs?.value).toBe("b");

    const destroy = await s.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    expect(calls()).toEqual(["create", "update", "delete"]);
    expect(await s.exportState()).toEqual([]);
  });
});
