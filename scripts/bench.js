#!/usr/bin/env node
// `npm run bench` (after `npm run build`): figures, never pass/fail timing.
//
// - Serialized provider bytes per resource kind, against a no-op dynamic provider of the same shape.
// - Wall time of up, a no-change preview, refresh and destroy for one cluster with N nodepools (and N
//   deployments), N = 1, 10, 50, at 0 and 100 ms of emulator latency, each against the same graph of
//   no-op dynamic resources run in this bench; API calls per operation from the emulator's request log.
// - Targets, marked met / not met.
//
// Prints a table and writes bench-results/bench-<timestamp>.json. `--quick`: N = 1, 10 at 0 ms only.
// The engine stacks come from tests/engine/harness.ts, transpiled on the fly (no copy of it here).
"use strict";
const fs = require("fs");
const path = require("path");
const { loadTs } = require("./bench/loadTs");

const root = path.resolve(__dirname, "..");
const quick = process.argv.includes("--quick");
const SIZES = quick ? [1, 10] : [1, 10, 50];
const LATENCIES = quick ? [0] : [0, 100];
const PAT = "bench-pat-3a9d5e17-never-in-state";

const TARGETS = {
  serializedBytes: 1536,
  serializedRatio: 1.3,
  upRatio: 1.2,
};

async function serialization() {
  const pulumi = require("@pulumi/pulumi");
  const sdk = require(path.join(root, "dist", "sdk"));
  const { forwarder } = require(path.join(root, "dist", "sdk", "forwarder"));
  const { noopProvider } = require("./bench/noop/provider");
  const size = async (provider) => Buffer.byteLength((await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text);
  const noop = await size(noopProvider);
  const kinds = ["ComputeCluster", "Nodepool", ...(sdk.Deployment ? ["Deployment"] : [])];
  const rows = [];
  for (const kind of kinds) {
    const bytes = await size(forwarder(kind));
    rows.push({ kind, bytes, noopBytes: noop, ratio: bytes / noop, met: bytes <= TARGETS.serializedBytes && bytes / noop <= TARGETS.serializedRatio });
  }
  return rows;
}

/** Seconds of one operation, timed around the Automation API call only (no artifact recording). */
async function timed(fn) {
  const t = process.hrtime.bigint();
  const result = await fn();
  return { seconds: Number(process.hrtime.bigint() - t) / 1e9, result };
}

async function main() {
  if (!fs.existsSync(path.join(root, "dist", "sdk", "index.js"))) throw new Error("run `npm run build` first");
  const harness = loadTs(path.join(root, "tests", "engine", "harness.ts"));
  const { startEmulator } = require(path.join(root, "dist", "emulator"));
  const withDeployments = !!require(path.join(root, "dist", "sdk")).Deployment;
  const started = new Date();

  const ser = await serialization();

  const emu = await startEmulator({ tokens: [PAT], userId: "bench-user" });
  const clarifai = await harness.createStack({
    programDir: path.join(root, "tests", "reliability", "programs", "load"),
    config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url }, count: { value: "1" } },
  });
  const noop = await harness.createStack({ programDir: path.join(__dirname, "bench", "noop"), config: { count: { value: "1" } } });
  const opts = { color: "never" };

  /** up, no-change preview, refresh, destroy of one stack; API calls per operation when `api`. */
  async function lifecycle(s, api) {
    const out = {};
    const ops = {
      up: () => s.stack.up(opts),
      preview: () => s.stack.preview({ ...opts, expectNoChanges: true }),
      refresh: () => s.stack.refresh({ ...opts, expectNoChanges: true }),
      destroy: () => s.stack.destroy(opts),
    };
    for (const [op, fn] of Object.entries(ops)) {
      api?.clearRequests();
      const { seconds } = await timed(fn);
      const log = api?.requests();
      out[op] = { seconds, ...(log ? { apiCalls: log.requests.length, byRpc: log.counts, gets: log.requests.filter((r) => r.method === "GET").length } : {}) };
    }
    return out;
  }

  const runs = [];
  try {
    for (const n of SIZES) {
      const deps = withDeployments ? n : 0;
      const resources = 1 + n + deps;
      await noop.setConfig("count", String(n));
      await noop.setConfig("deployments", String(deps));
      const base = await lifecycle(noop);
      await clarifai.setConfig("count", String(n));
      await clarifai.setConfig("deployments", String(deps));
      for (const latency of LATENCIES) {
        emu.reset();
        emu.setLatency(latency || undefined);
        const ops = await lifecycle(clarifai, emu);
        // The critical path: cluster create, then a nodepool create, then a deployment create and its
        // first readiness look-up; each is at least one round trip of `latency` that the no-op skips.
        const criticalRoundTrips = 2 + (deps ? 2 : 0);
        const expectedUp = base.up.seconds + (criticalRoundTrips * latency) / 1000;
        runs.push({
          n,
          deployments: deps,
          resources,
          latencyMs: latency,
          ops,
          noop: base,
          ratios: Object.fromEntries(Object.keys(ops).map((op) => [op, ops[op].seconds / base[op].seconds])),
          upExpectedSeconds: expectedUp,
          targets: {
            up: { ratio: ops.up.seconds / expectedUp, met: ops.up.seconds <= TARGETS.upRatio * expectedUp },
            previewNoCalls: { calls: ops.preview.apiCalls, met: ops.preview.apiCalls === 0 },
            refreshOneGetPerResource: { calls: ops.refresh.apiCalls, resources, met: ops.refresh.apiCalls === resources && ops.refresh.gets === resources },
          },
        });
        const r = runs[runs.length - 1];
        console.error(`N=${n} ${latency} ms: up ${ops.up.seconds.toFixed(1)} s (no-op ${base.up.seconds.toFixed(1)} s)`);
        void r;
      }
    }
  } finally {
    await clarifai.dispose().catch(() => {});
    await noop.dispose().catch(() => {});
    await emu.close();
  }

  // ---- the table
  const mark = (met) => (met ? "met" : "NOT met");
  const lines = [];
  lines.push(`pulumi-clarifai bench, ${started.toISOString()}${quick ? " (--quick)" : ""}, ${require("os").cpus().length} CPUs, node ${process.version}`);
  lines.push("");
  lines.push(`Serialized provider per resource (target ≤ ${TARGETS.serializedBytes} B and ≤ ${TARGETS.serializedRatio}× the no-op)`);
  lines.push("| kind | bytes | no-op bytes | ratio | target |");
  lines.push("|---|---:|---:|---:|---|");
  for (const s of ser) lines.push(`| ${s.kind} | ${s.bytes} | ${s.noopBytes} | ${s.ratio.toFixed(2)} | ${mark(s.met)} |`);
  lines.push("");
  lines.push(`Wall time, seconds (ratio to the same graph of no-op dynamic resources); API calls per operation`);
  lines.push("| N pools | N deps | latency | up | preview | refresh | destroy | up target (≤ 1.2 × expected) | API calls up / preview / refresh / destroy | preview 0 calls | refresh 1 GET per resource |");
  lines.push("|---:|---:|---:|---|---|---|---|---|---|---|---|");
  for (const r of runs) {
    const cell = (op) => `${r.ops[op].seconds.toFixed(2)} (${r.ratios[op].toFixed(2)}×)`;
    lines.push(
      `| ${r.n} | ${r.deployments} | ${r.latencyMs} ms | ${cell("up")} | ${cell("preview")} | ${cell("refresh")} | ${cell("destroy")} | ` +
        `${r.upExpectedSeconds.toFixed(2)} s expected, ${r.targets.up.ratio.toFixed(2)}×: ${mark(r.targets.up.met)} | ` +
        `${r.ops.up.apiCalls} / ${r.ops.preview.apiCalls} / ${r.ops.refresh.apiCalls} / ${r.ops.destroy.apiCalls} | ${mark(r.targets.previewNoCalls.met)} | ` +
        `${r.ops.refresh.apiCalls} for ${r.resources}: ${mark(r.targets.refreshOneGetPerResource.met)} |`,
    );
  }
  lines.push("");
  lines.push("Expected up = no-op up + latency × critical-path round trips (cluster POST, nodepool POST" + (withDeployments ? ", deployment POST, first readiness look-up" : "") + ").");
  const last = runs[runs.length - 1];
  if (last) {
    lines.push("");
    lines.push(`API calls by RPC, N=${last.n}, ${last.latencyMs} ms:`);
    for (const op of Object.keys(last.ops)) lines.push(`  ${op}: ${JSON.stringify(last.ops[op].byRpc)}`);
  }
  console.log(lines.join("\n"));

  const dir = path.join(root, "bench-results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${started.toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify({ started: started.toISOString(), quick, targets: TARGETS, serialization: ser, runs }, null, 2));
  console.log(`\nwrote ${path.relative(root, file)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
