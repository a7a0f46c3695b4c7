// Issue 8, load: 200 nodepools under one cluster against an emulator limited to 10 requests per second
// with 50 ms of latency on every request. `up` and `destroy` must finish with no failure; throttling
// must actually have happened (429s in the request log). Wall times are printed.
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack } from "../support/engine";

jest.setTimeout(900_000);

const PAT = "load-pat-0d8e41f7-never-in-state";
const COUNT = 200;

describe(`${COUNT} nodepools at 10 requests per second and 50 ms latency`, () => {
  let emu: RunningEmulator;
  let s: EngineStack;

  beforeAll(async () => {
    emu = await startEmulator({ tokens: [PAT], userId: "load-user", rateLimitPerSecond: 10, latencyMs: 50 });
    s = await createStack({
      programDir: path.join(__dirname, "programs", "load"),
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url }, count: { value: String(COUNT) } },
    });
  });
  afterAll(async () => {
    await s?.dispose();
    await emu?.close();
  });

  it("up and destroy finish with no failure, throttled but not failed", async () => {
    const throttled = () => emu.requests().requests.filter((r) => r.http_status === 429).length;
    const writes = (m: string) => emu.requests().requests.filter((r) => r.method === m && r.http_status === 200).length;

    let t = Date.now();
    const up = await s.up();
    const upSeconds = (Date.now() - t) / 1000;
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: COUNT + 2 });
    const st = emu.state();
    expect(st.compute_clusters.map((c) => c.id)).toEqual(["load-cluster"]);
    expect(new Set(st.nodepools.map((n) => n.id)).size).toBe(COUNT);
    expect(st.nodepools).toHaveLength(COUNT);
    expect(writes("POST")).toBe(COUNT + 1); // no duplicate create reached the server
    const upThrottled = throttled();
    const upRequests = emu.requests().requests.length;

    emu.clearRequests();
    t = Date.now();
    const destroy = await s.destroy();
    const destroySeconds = (Date.now() - t) / 1000;
    expect(destroy.summary.result).toBe("succeeded");
    expect(destroy.summary.resourceChanges).toEqual({ delete: COUNT + 2 });
    expect(emu.state().compute_clusters).toEqual([]);
    expect(emu.state().nodepools).toEqual([]);
    const destroyThrottled = throttled();

    console.log(
      `load, ${COUNT} nodepools, 10 req/s, 50 ms: up ${upSeconds.toFixed(1)} s (${upRequests} requests, ${upThrottled} answered 429), ` +
        `destroy ${destroySeconds.toFixed(1)} s (${emu.requests().requests.length} requests, ${destroyThrottled} answered 429)`,
    );
    expect(upThrottled + destroyThrottled).toBeGreaterThan(0);
    expect(s.output.join("")).not.toMatch(/error:/);
  });
});
