// The resource classes register without formatting Pulumi's per-promise debug stacks (printed only with
// PULUMI_DEBUG_PROMISE_LEAKS; formatting them was most of the program's cost per resource at preview),
// yet keep the resource's source position and the user-code frames of a registration error.
import { execFileSync } from "child_process";
import { withoutPromiseStacks } from "../../sdk/forwarder";
import { repoRoot } from "../support/engine";

describe("withoutPromiseStacks", () => {
  const saved = process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    else process.env.PULUMI_DEBUG_PROMISE_LEAKS = saved;
  });

  it("formats a stack read at once as its message, one read later as usual, and restores the formatter", () => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    const before = Error.prepareStackTrace;
    const restore = withoutPromiseStacks();
    expect(new Error("x").stack).toBe("Error: x");
    const later = new Error("later");
    restore();
    expect(Error.prepareStackTrace).toBe(before);
    expect(later.stack!.split("\n").length).toBeGreaterThan(1);
    expect(new Error("x").stack!.split("\n").length).toBeGreaterThan(1);
  });

  it("formats the stack Pulumi takes for the source position (limit raised to Infinity) as usual", () => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    const restore = withoutPromiseStacks();
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = Infinity;
    try {
      expect(new Error("x").stack).toMatch(/\n {4}at .*promiseStacks\.test\.ts:\d+:\d+/);
    } finally {
      Error.stackTraceLimit = limit;
      restore();
    }
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
    // The failing registration rejects every output of "bad"; only its URN is looked at.
    process.on("unhandledRejection", () => undefined);
    const pulumi = require("@pulumi/pulumi");
    pulumi.runtime.setMocks({ newResource: (a) => { if (a.name === "bad") throw new Error("boom"); return { id: a.name + "-id", state: a.inputs }; }, call: (a) => a.inputs }, "p", "s", true);
    const { Nodepool } = require("./dist/sdk");
    let stacks = 0;
    const counting = (e, callSites) => { if (callSites.length) stacks++; return String(e) + callSites.map((c) => "\\n    at " + c).join(""); };
    Error.prepareStackTrace = counting;
    const pool = new Nodepool("p", { computeClusterId: "c", instanceTypes: ["t3a.large"], maxInstances: 1 });
    const counted = stacks;
    const kept = Error.prepareStackTrace === counting;
    function userCode() { return new Nodepool("bad", { computeClusterId: "c", instanceTypes: ["t3a.large"], maxInstances: 1 }); }
    const failing = userCode();
    Promise.all([pool.maxInstances.apply((v) => v).promise(), failing.urn.promise().then(() => "registered", (e) => String(e.stack))]).then(([maxInstances, failure]) =>
      console.log(JSON.stringify({ stacks: counted, formatterKept: kept, maxInstances, userFrameInError: /at userCode /.test(failure) })));
  `;
  const run = (env: NodeJS.ProcessEnv) => JSON.parse(execFileSync("node", ["-e", program], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: "utf8" }).trim().split("\n").pop()!);

  // One stack is Pulumi's own source position of the resource (it sets its own limit, and the engine
  // shows where each resource was declared); the rest are the per-promise debug stacks.
  it("formats one stack (the source position Pulumi keeps), restores the formatter, and a registration error still points at the user's code", () => {
    expect(run({ PULUMI_DEBUG_PROMISE_LEAKS: "" })).toEqual({ stacks: 1, formatterKept: true, maxInstances: 1, userFrameInError: true });
  });

  it("keeps Pulumi's per-promise stacks when promise leaks are being debugged", () => {
    expect(run({ PULUMI_DEBUG_PROMISE_LEAKS: "1" }).stacks).toBeGreaterThan(10);
  });
});
