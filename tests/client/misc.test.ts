import * as path from "path";
import { ClarifaiClient } from "../../provider/client";
import { path as urlPath, query } from "../../provider/client/path";
import { HostGate, Semaphore, gateFor } from "../../provider/client/semaphore";
import { packageVersion, requestIdPrefix } from "../../provider/client/version";

describe("Semaphore", () => {
  it("caps concurrency and serves waiters in order", async () => {
    const s = new Semaphore(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (i: number) =>
      s.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        order.push(i);
        active--;
      });
    await Promise.all([0, 1, 2, 3, 4].map(job));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(s.inFlight).toBe(0);
  });
  it("releases on failure and can grow", async () => {
    const s = new Semaphore(1);
    await expect(s.run(() => Promise.reject(new Error("x")))).rejects.toThrow("x");
    expect(s.inFlight).toBe(0);
    await s.acquire();
    const waiting = s.acquire();
    expect(s.queued).toBe(1);
    s.setLimit(2);
    await waiting;
    expect(s.inFlight).toBe(2);
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});

describe("HostGate", () => {
  it("pauses never shorten", () => {
    const g = new HostGate(1);
    g.pause(1000, 0);
    g.pause(10, 0);
    expect(g.remainingPause(500)).toBe(500);
    expect(g.remainingPause(2000)).toBe(0);
  });
  it("one gate per api base, shared", () => {
    const a = gateFor("http://gate-test-a", 3);
    expect(gateFor("http://gate-test-a")).toBe(a);
    expect(a.semaphore.limit).toBe(3);
    expect(gateFor("http://gate-test-b")).not.toBe(a);
    expect(gateFor("http://gate-test-b").semaphore.limit).toBe(32);
  });
  it("adapts the cap: halves on each 429, grows by one per full cap of successes, up to the ceiling", () => {
    const g = new HostGate(8);
    g.onThrottle();
    expect(g.semaphore.limit).toBe(4);
    g.onThrottle();
    g.onThrottle();
    g.onThrottle();
    expect(g.semaphore.limit).toBe(1); // never below one
    g.onSuccess();
    expect(g.semaphore.limit).toBe(2);
    for (let i = 0; i < 2; i++) g.onSuccess();
    expect(g.semaphore.limit).toBe(3);
    for (let i = 0; i < 100; i++) g.onSuccess();
    expect(g.semaphore.limit).toBe(8); // back to the ceiling, not beyond
    g.setCeiling(2);
    expect(g.semaphore.limit).toBe(2);
  });
});

describe("path and query", () => {
  it("encodes parameters and refuses dot segments", () => {
    expect(urlPath`/v2/users/${"me"}/deployments/${"a b/c"}`).toBe("/v2/users/me/deployments/a%20b%2Fc");
    expect(() => urlPath`/v2/users/${".."}/x`).toThrow(TypeError);
    expect(() => urlPath`/v2/users/${""}/x`).toThrow(TypeError);
  });
  it("repeats list keys and skips undefined", () => {
    expect(query({ page: 1, per_page: 128, model_version_ids: ["a", "b"], nodepool_id: undefined })).toBe(
      "?page=1&per_page=128&model_version_ids=a&model_version_ids=b",
    );
    expect(query({})).toBe("");
  });
});

describe("version", () => {
  it("reads pulumi-clarifai's package.json by walking up", () => {
    const v = require(path.join(__dirname, "../../package.json")).version as string;
    expect(packageVersion()).toBe(v);
    expect(requestIdPrefix()).toBe(`pulumi-clarifai-${v}`);
    expect(packageVersion("/")).toBe("0.0.0");
  });
});

describe("ClarifaiClient options", () => {
  const saved = process.env.CLARIFAI_API_BASE;
  afterEach(() => {
    if (saved === undefined) delete process.env.CLARIFAI_API_BASE;
    else process.env.CLARIFAI_API_BASE = saved;
  });
  it("defaults", () => {
    delete process.env.CLARIFAI_API_BASE;
    const c = new ClarifaiClient({ pat: "abcd" });
    expect(c.apiBase).toBe("https://api.clarifai.com");
    expect(c.userId).toBe("me");
  });
  it("CLARIFAI_API_BASE, then apiBase", () => {
    process.env.CLARIFAI_API_BASE = "http://localhost:1234/";
    expect(new ClarifaiClient({ pat: "abcd" }).apiBase).toBe("http://localhost:1234");
    expect(new ClarifaiClient({ pat: "abcd", apiBase: "http://x:1" }).apiBase).toBe("http://x:1");
  });
  it("requires a PAT without whitespace, and never echoes it", () => {
    expect(() => new ClarifaiClient({ pat: "" })).toThrow(/PAT is required/);
    let msg = "";
    try {
      new ClarifaiClient({ pat: "sec ret\n" });
    } catch (e) {
      msg = String(e);
    }
    expect(msg).toMatch(/whitespace/);
    expect(msg).not.toContain("sec ret");
  });
  it("does not show the PAT when inspected", () => {
    const util = require("util") as typeof import("util");
    const c = new ClarifaiClient({ pat: "INSPECT-ME-PAT", apiBase: "http://inspect:1" });
    expect(util.inspect(c, { depth: 10, showHidden: true })).not.toContain("INSPECT-ME-PAT");
    expect(JSON.stringify(c)).not.toContain("INSPECT-ME-PAT");
    expect(c.redact("x INSPECT-ME-PAT y")).toBe("x *** y");
  });
});
