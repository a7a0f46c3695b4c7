// The resource classes turn off Pulumi's per-promise stack capture while they register (it is only
// ever printed with PULUMI_DEBUG_PROMISE_LEAKS, and formatting it was most of the program's cost per
// resource at preview): the limit is restored, and the debug setting keeps the stacks.
import { execFileSync } from "child_process";
import { withoutPromiseStacks } from "../../sdk/forwarder";
import { repoRoot } from "../engine/harness";

describe("withoutPromiseStacks", () => {
  const saved = process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    else process.env.PULUMI_DEBUG_PROMISE_LEAKS = saved;
  });

  it("captures no frames until restored, then the limit is what it was", () => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    const before = Error.stackTraceLimit;
    const restore = withoutPromiseStacks();
    expect(new Error("x").stack).toBe("Error: x");
    restore();
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error("x").stack!.split("\n").length).toBeGreaterThan(1);
  });

  it("leaves the stacks alone when promise leaks are being debugged", () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    const restore = withoutPromiseStacks();
    expect(new Error("x").stack!.split("\n").length).toBeGreaterThan(1);
    restore();
  });
});

describe("a resource class registering (the built SDK, in its own Node process, Pulumi's mocks for the engine)", () => {
  // Jest's module sandbox cannot host Pulumi's closure serializer, so the program runs in plain Node.
  const program = `
    const pulumi = require("@pulumi/pulumi");
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name + "-id", state: a.inputs }), call: (a) => a.inputs }, "p", "s", true);
    const { Nodepool } = require("./dist/sdk");
    let stacks = 0;
    Error.prepareStackTrace = (e, callSites) => { if (callSites.length) stacks++; return String(e); };
    const before = Error.stackTraceLimit;
    const pool = new Nodepool("p", { computeClusterId: "c", instanceTypes: ["t3a.large"], maxInstances: 1 });
    const counted = stacks;
    Error.prepareStackTrace = undefined;
    pool.maxInstances.apply((v) => console.log(JSON.stringify({ stacks: counted, limitKept: Error.stackTraceLimit === before, maxInstances: v })));
  `;
  const run = (env: NodeJS.ProcessEnv) => JSON.parse(execFileSync("node", ["-e", program], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: "utf8" }).trim());

  // One stack is Pulumi's own source position of the resource (it sets its own limit, and the engine
  // shows where each resource was declared); the rest are the per-promise debug stacks.
  it("formats one stack (the source position Pulumi keeps), and leaves Error.stackTraceLimit as it found it", () => {
    expect(run({ PULUMI_DEBUG_PROMISE_LEAKS: "" })).toEqual({ stacks: 1, limitKept: true, maxInstances: 1 });
  });

  it("keeps Pulumi's per-promise stacks when promise leaks are being debugged", () => {
    expect(run({ PULUMI_DEBUG_PROMISE_LEAKS: "1" }).stacks).toBeGreaterThan(10);
  });
});
