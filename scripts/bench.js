#!/usr/bin/env node
// `npm run bench` (after `npm run build`): figures, never pass/fail timing.
//
// - The provider text stored per resource (`__provider`), against a no-op dynamic provider of the same
//   shape; the state file's bytes per resource after `up`, against the no-op graph's.
// - Wall time of a first preview (new stack, with credentials), up, a no-change preview, refresh and
//   destroy for one cluster with N nodepools and N deployments, N = 1, 10, 50 at 0 and 100 ms of
//   emulator latency and N = 200 at 100 ms, each against the same graph of no-op dynamic resources run
//   in this bench; API calls per operation from the emulator's request log; how each grows with N;
//   peak memory of the engine, of the dynamic-provider process and of the program (scripts/bench/peakMemory.js).
// - `--sizes=50,200,1000`: only those N (the growth per pair needs 50, 200 and 1000); `--no-lifted`:
//   no --parallel 64 rows.
// - `--big`: N = 1000 at 100 ms too (and with --parallel 64): by estimate 20 minutes or more on 2 CPUs, most of
//   it the engine's checkpoints and the SDK script's 2001 calls one after another.
// - For N = 50 and 200 at 100 ms, the same lifecycle again with the engine's parallelism lifted
//   (--parallel 64, both graphs; Pulumi's default is 4 × the CPUs, 8 here): the difference separates
//   our round trips from the engine's cap on steps in flight. Up is compared both with the issue's
//   expectation (no-op + the critical path's round trips) and with a floor-aware one that counts the
//   waves of writes that cap allows (FLOOR_ROUND_TRIPS).
// - The peer: the same graph built with Clarifai's official Python SDK the way its docs do it (one call
//   after another, scripts/bench-sdk-peer.py), against the same emulator and latency.
// - Targets, marked met / not met.
//
// - `--no-peer`: leave out the SDK script (at 1000 it takes 7 minutes of the run).
// - `--skip-checkpoints`: the same rows with the engine's per-step state write skipped
//   (PULUMI_SKIP_CHECKPOINTS, both graphs): what `up` costs without the engine's floor.
//
// Prints a table and writes bench-results/bench-<timestamp>.json. `--quick`: N = 1, 10 at 0 ms only.
// The engine: scripts/ensure-pulumi's, or PULUMI_CLARIFAI_ENGINE=<version> (tests/support/engine.ts).
// The engine stacks come from tests/support/engine.ts, transpiled on the fly (no copy of it here).
"use strict";
const fs = require("fs");
const path = require("path");
const { loadTs } = require("./bench/loadTs");
const { runSdkPeer } = require("./bench/sdkPeer");
const { watchPeaks } = require("./bench/peakMemory");

const root = path.resolve(__dirname, "..");
const quick = process.argv.includes("--quick");
const big = process.argv.includes("--big");
const noPeer = process.argv.includes("--no-peer");
const skipCheckpoints = process.argv.includes("--skip-checkpoints");
// The engines the stacks start inherit this process's environment.
if (skipCheckpoints) process.env.PULUMI_SKIP_CHECKPOINTS = "true";
const onlySizes = process.argv.find((a) => a.startsWith("--sizes="))?.slice("--sizes=".length).split(",").map(Number);
const SIZES = (quick ? [1, 10] : [1, 10, 50, 200, ...(big ? [1000] : [])]).filter((n) => !onlySizes || onlySizes.includes(n));
const LATENCIES = quick ? [0] : [0, 100];
/** Sizes run at 0 ms too (N = 200 only at 100 ms: the real-world figure). */
const ZERO_LATENCY_MAX_N = 50;
const PAT = "bench-pat-3a9d5e17-never-in-state";

const TARGETS = {
  serializedBytes: 200,
  /** State bytes per resource after `up`, against the no-op graph's. */
  stateRatio: 1.3,
  /** up against the no-op graph's up, at 200/200 and above. */
  upNoopRatio: (n) => (n >= 1000 ? 1.3 : 1.2),
  /** Growth of up per pair from 200 to 1000, against its growth from 50 to 200. */
  growthRatio: 1.2,
  /** up within this × (no-op up + critical-path round trips), by N. */
  upRatio: (n) => (n <= 10 ? 1.2 : 1.3),
  firstPreviewRatio: 1.3,
  refreshRatio: 1.3,
};

/**
 * Round trips on `up`'s critical path, whatever N: the cluster's check (provider list and regions, in
 * parallel) and POST; the first nodepool's check (the cluster, then its region's catalogue) and POST;
 * the first deployment's check (the shared nodepool and deployment lists, in parallel) and POST. Every
 * later check is served from the run's shared look-ups, and a deployment that is ready in the POST's
 * answer needs no readiness poll.
 */
const CRITICAL_ROUND_TRIPS = (deps) => 2 + 3 + (deps ? 2 : 0);

/** Engine parallelism lifted for the extra rows (PULUMI_PARALLEL / --parallel). */
const LIFTED_PARALLEL = 64;
/** Sizes (at 100 ms) that also run with LIFTED_PARALLEL. */
const LIFTED_SIZES = quick || process.argv.includes("--no-lifted") ? [] : [50, 200, 1000];
/** Pulumi 3.248's default --parallel: 4 × GOMAXPROCS (pkg/cmd/pulumi/operations/up.go defaultParallel). */
const DEFAULT_PARALLEL = 4 * (require("os").availableParallelism?.() ?? require("os").cpus().length);

/**
 * Round trips of `up` when at most `inFlight` writes run at once (the engine's --parallel, or our
 * client's ceiling of requests in flight if lower): the look-ups on the chain (cluster check 1,
 * first nodepool check 2, first deployment check 1), then the writes: the cluster's POST, and the 2N
 * nodepool and deployment POSTs in waves of `inFlight` (at least one nodepool then one deployment
 * POST after the cluster's, the chain).
 */
const FLOOR_ROUND_TRIPS = (n, deps, inFlight) => (deps ? 4 : 3) + 1 + Math.max(deps ? 2 : 1, Math.ceil((n + deps) / inFlight));

/** Refresh API calls that do not grow with N: the cluster's GET, and one list page per 128 nodepools and per 128 deployments. */
const REFRESH_CALLS = (n, deps) => 1 + (Math.floor(n / 128) + 1) + (deps ? Math.floor(deps / 128) + 1 : 0);

async function serialization() {
  const pulumi = require("@pulumi/pulumi");
  const sdk = require(path.join(root, "dist", "sdk"));
  const { providerReference } = require(path.join(root, "dist", "sdk", "forwarder"));
  const { noopProvider } = require("./bench/noop/provider");
  // What dynamic.Resource stores for the no-op provider; ours is the reference the SDK classes store.
  const noop = Buffer.byteLength((await pulumi.runtime.serializeFunction(() => noopProvider, { allowSecrets: true })).text);
  const kinds = ["ComputeCluster", "Nodepool", ...(sdk.Deployment ? ["Deployment"] : [])];
  const rows = [];
  for (const kind of kinds) {
    const bytes = Buffer.byteLength(providerReference(kind));
    rows.push({ kind, bytes, noopBytes: noop, ratio: bytes / noop, met: bytes <= TARGETS.serializedBytes });
  }
  return rows;
}

/** When each RPC ran during an operation: first and last request (seconds from the start) and count. */
function timeline(requests, startedMs) {
  const by = {};
  for (const r of requests) {
    const t = (Date.parse(r.at) - startedMs) / 1000;
    const e = (by[r.rpc ?? r.path] ??= { first: t, last: t, count: 0 });
    e.first = Math.min(e.first, t);
    e.last = Math.max(e.last, t);
    e.count++;
  }
  return by;
}

/** Seconds of one operation, timed around the Automation API call only (no artifact recording). */
async function timed(fn) {
  const t = process.hrtime.bigint();
  const result = await fn();
  return { seconds: Number(process.hrtime.bigint() - t) / 1e9, result };
}

async function main() {
  if (!fs.existsSync(path.join(root, "dist", "sdk", "index.js"))) throw new Error("run `npm run build` first");
  const harness = loadTs(path.join(root, "tests", "support", "engine.ts"));
  const { startEmulator } = require(path.join(root, "dist", "emulator"));
  const { DEFAULT_MAX_CONCURRENCY } = require(path.join(root, "dist", "provider", "client", "semaphore"));
  const withDeployments = !!require(path.join(root, "dist", "sdk")).Deployment;
  const started = new Date();
  const engine = require("child_process").execFileSync(path.join(harness.pulumiBin(), "pulumi"), ["version"], { encoding: "utf8" }).trim();

  const ser = await serialization();
  const dir = path.join(root, "bench-results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${started.toISOString().replace(/[:.]/g, "-")}.json`);
  /** Written after every row too, so that a long run interrupted keeps what it measured. */
  const save = (more = {}) => fs.writeFileSync(file, JSON.stringify({ started: started.toISOString(), quick, big, skipCheckpoints, engine, targets: TARGETS, serialization: ser, runs, ...more }, null, 2));

  const emu = await startEmulator({ tokens: [PAT], userId: "bench-user" });
  const clarifai = await harness.createStack({
    programDir: path.join(root, "tests", "reliability", "programs", "load"),
    config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url }, count: { value: "1" } },
  });
  const noop = await harness.createStack({ programDir: path.join(__dirname, "bench", "noop"), config: { count: { value: "1" } } });
  const opts = { color: "never" };

  /**
   * up, no-change preview, refresh, destroy of one stack; API calls per operation when `api`; peak
   * memory (MB) by process role per operation; the state file's size after up.
   */
  async function lifecycle(s, api, parallel) {
    const out = {};
    const o = parallel ? { ...opts, parallel } : opts;
    const ops = {
      firstPreview: () => s.stack.preview(o),
      up: () => s.stack.up(o),
      preview: () => s.stack.preview({ ...o, expectNoChanges: true }),
      refresh: () => s.stack.refresh({ ...o, expectNoChanges: true }),
      destroy: () => s.stack.destroy(o),
    };
    for (const [op, fn] of Object.entries(ops)) {
      api?.clearRequests();
      const started = Date.now();
      const memory = watchPeaks();
      const { seconds } = await timed(fn);
      const peakMb = memory.stop();
      const stateBytes = op === "up" ? Buffer.byteLength(s.stateText()) : undefined;
      const log = api?.requests();
      out[op] = { seconds, peakMb, ...(stateBytes ? { stateBytes } : {}), ...(log ? { apiCalls: log.requests.length, byRpc: log.counts, gets: log.requests.filter((r) => r.method === "GET").length, timeline: timeline(log.requests, started) } : {}) };
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
        if (latency === 0 && n > ZERO_LATENCY_MAX_N) continue;
        const lifted = latency === 100 && LIFTED_SIZES.includes(n);
        let peer;
        for (const parallel of lifted ? [undefined, LIFTED_PARALLEL] : [undefined]) {
          const noopOps = parallel ? await lifecycle(noop, undefined, parallel) : base;
          emu.reset();
          emu.setLatency(latency || undefined);
          const ops = await lifecycle(clarifai, emu, parallel);
          const expectedUp = noopOps.up.seconds + (CRITICAL_ROUND_TRIPS(deps) * latency) / 1000;
          const inFlight = Math.min(parallel ?? DEFAULT_PARALLEL, DEFAULT_MAX_CONCURRENCY);
          const floorUp = noopOps.up.seconds + (FLOOR_ROUND_TRIPS(n, deps, inFlight) * latency) / 1000;
          if (!Number.isFinite(floorUp)) throw new Error(`bench: the floor-aware expectation is not a number (in flight: ${inFlight})`);
          if (!peer && !noPeer) {
            emu.reset();
            emu.setLatency(latency || undefined); // reset() clears it
            peer = await runSdkPeer({ baseUrl: emu.url, userId: "bench-user", pat: PAT, count: n, deployments: deps });
          }
          const ratio = (op) => ops[op].seconds / noopOps[op].seconds;
          const refreshCalls = REFRESH_CALLS(n, deps);
          runs.push({
            n,
            deployments: deps,
            resources,
            latencyMs: latency,
            parallel: parallel ?? DEFAULT_PARALLEL,
            parallelLifted: !!parallel,
            ops,
            noop: noopOps,
            peer,
            ratios: Object.fromEntries(Object.keys(ops).map((op) => [op, ratio(op)])),
            upExpectedSeconds: expectedUp,
            upFloorSeconds: floorUp,
            upFloorRoundTrips: FLOOR_ROUND_TRIPS(n, deps, inFlight),
            targets: {
              up: { ratio: ops.up.seconds / expectedUp, met: ops.up.seconds <= TARGETS.upRatio(n) * expectedUp },
              upFloorAware: { ratio: ops.up.seconds / floorUp, met: ops.up.seconds <= TARGETS.upRatio(n) * floorUp },
              firstPreview: { ratio: ratio("firstPreview"), met: ratio("firstPreview") <= TARGETS.firstPreviewRatio },
              refresh: { ratio: ratio("refresh"), met: ratio("refresh") <= TARGETS.refreshRatio },
              ...(peer ? { fasterThanSdk: { up: ops.up.seconds, sdk: peer.create_seconds, met: ops.up.seconds < peer.create_seconds } } : {}),
              previewNoCalls: { calls: ops.preview.apiCalls, met: ops.preview.apiCalls === 0 },
              refreshCallsFlat: { calls: ops.refresh.apiCalls, expected: refreshCalls, resources, met: ops.refresh.apiCalls <= refreshCalls },
              ...(n >= 200 ? { upNoop: { ratio: ratio("up"), target: TARGETS.upNoopRatio(n), met: ratio("up") <= TARGETS.upNoopRatio(n) } } : {}),
              state: { bytesPerResource: ops.up.stateBytes / resources, noopBytesPerResource: noopOps.up.stateBytes / resources, ratio: ops.up.stateBytes / noopOps.up.stateBytes, met: ops.up.stateBytes / noopOps.up.stateBytes <= TARGETS.stateRatio },
            },
          });
          save();
          console.error(
            `N=${n} ${latency} ms${parallel ? `, --parallel ${parallel}` : ""}: up ${ops.up.seconds.toFixed(1)} s (no-op ${noopOps.up.seconds.toFixed(1)} s${peer ? `, SDK script ${peer.create_seconds.toFixed(1)} s` : ""})`,
          );
        }
      }
    }
  } finally {
    await clarifai.dispose().catch(() => {});
    await noop.dispose().catch(() => {});
    await emu.close();
  }

  // ---- growth of up per pair: 50 → 200 against 200 → 1000 (default parallelism, 100 ms)
  const upAt = (n, graph) => runs.find((r) => r.n === n && r.latencyMs === 100 && !r.parallelLifted)?.[graph].up.seconds;
  let growth;
  if (upAt(50, "ops") !== undefined && upAt(200, "ops") !== undefined && upAt(1000, "ops") !== undefined) {
    const per = (graph, a, b) => (upAt(b, graph) - upAt(a, graph)) / (b - a);
    growth = { at200: per("ops", 50, 200), at1000: per("ops", 200, 1000), noopAt200: per("noop", 50, 200), noopAt1000: per("noop", 200, 1000) };
    growth.ratio = growth.at1000 / growth.at200;
    growth.met = growth.ratio <= TARGETS.growthRatio;
  }

  // ---- the table
  const mark = (met) => (met ? "met" : "NOT met");
  const lines = [];
  lines.push(`pulumi-clarifai bench, ${started.toISOString()}${quick ? " (--quick)" : ""}${big ? " (--big)" : ""}${skipCheckpoints ? " (--skip-checkpoints: the engine's per-step state write skipped)" : ""}, ${require("os").cpus().length} CPUs, node ${process.version}, pulumi ${engine}`);
  lines.push("");
  lines.push(`Provider text stored per resource, \`__provider\` (target ≤ ${TARGETS.serializedBytes} B; the no-op's is what Pulumi's closure serializer writes for it)`);
  lines.push("| kind | bytes | no-op bytes | ratio | target |");
  lines.push("|---|---:|---:|---:|---|");
  for (const s of ser) lines.push(`| ${s.kind} | ${s.bytes} | ${s.noopBytes} | ${s.ratio.toFixed(2)} | ${mark(s.met)} |`);
  lines.push("");
  lines.push(`Wall time, seconds (ratio to the same graph of no-op dynamic resources); API calls per operation`);
  lines.push("| N pools | N deps | latency | engine --parallel | first preview | up | preview | refresh | destroy | up target (≤ 1.2× / 1.3× expected) | up vs floor-aware expected | first preview ≤ 1.3× | refresh ≤ 1.3× | API calls first preview / up / preview / refresh / destroy | preview 0 calls | refresh calls flat in N |");
  lines.push("|---:|---:|---:|---:|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of runs) {
    const cell = (op) => `${r.ops[op].seconds.toFixed(2)} (${r.ratios[op].toFixed(2)}×)`;
    lines.push(
      `| ${r.n} | ${r.deployments} | ${r.latencyMs} ms | ${r.parallel}${r.parallelLifted ? " (lifted)" : ""} | ${cell("firstPreview")} | ${cell("up")} | ${cell("preview")} | ${cell("refresh")} | ${cell("destroy")} | ` +
        `${r.upExpectedSeconds.toFixed(2)} s expected, ${r.targets.up.ratio.toFixed(2)}×: ${mark(r.targets.up.met)} | ` +
        `${r.upFloorSeconds.toFixed(2)} s (${r.upFloorRoundTrips} round trips), ${r.targets.upFloorAware.ratio.toFixed(2)}×: ${mark(r.targets.upFloorAware.met)} | ${mark(r.targets.firstPreview.met)} | ${mark(r.targets.refresh.met)} | ` +
        `${r.ops.firstPreview.apiCalls} / ${r.ops.up.apiCalls} / ${r.ops.preview.apiCalls} / ${r.ops.refresh.apiCalls} / ${r.ops.destroy.apiCalls} | ${mark(r.targets.previewNoCalls.met)} | ` +
        `${r.ops.refresh.apiCalls} for ${r.resources} resources (≤ ${r.targets.refreshCallsFlat.expected}): ${mark(r.targets.refreshCallsFlat.met)} |`,
    );
  }
  lines.push("");
  lines.push(`Expected up = no-op up (same --parallel) + latency × ${CRITICAL_ROUND_TRIPS(1)} critical-path round trips (see CRITICAL_ROUND_TRIPS in scripts/bench.js).`);
  lines.push(
    `Floor-aware expected up = no-op up + latency × (4 look-ups on the chain + the cluster's POST + max(2, ceil(2N / min(--parallel, ${DEFAULT_MAX_CONCURRENCY} requests in flight))) waves of POSTs) (FLOOR_ROUND_TRIPS).`,
  );
  lines.push(`Refresh calls flat in N: 1 GET of the cluster + 1 list page per 128 nodepools + 1 per 128 deployments (REFRESH_CALLS), whatever the number of resources.`);
  lines.push("");
  lines.push(`State and memory at scale (state: bytes per resource after up, target ≤ ${TARGETS.stateRatio}× the no-op graph's; up against the no-op graph's up, target ≤ 1.2× at 200/200, ≤ 1.3× at 1000/1000; peak RSS in MB during up)`);
  lines.push("| N pools | N deps | latency | engine --parallel | state B/resource (no-op) | state ratio | up / no-op up | up target | peak MB engine / provider / program (no-op engine / provider) |");
  lines.push("|---:|---:|---:|---:|---|---|---|---|---|");
  for (const r of runs) {
    const t = r.targets;
    const mb = (m) => `${Math.round(m.engine)} / ${Math.round(m.provider)} / ${Math.round(m.program)}`;
    lines.push(
      `| ${r.n} | ${r.deployments} | ${r.latencyMs} ms | ${r.parallel}${r.parallelLifted ? " (lifted)" : ""} | ${Math.round(t.state.bytesPerResource)} (${Math.round(t.state.noopBytesPerResource)}) | ${t.state.ratio.toFixed(2)}×: ${mark(t.state.met)} | ` +
        `${r.ratios.up.toFixed(2)}× | ${t.upNoop ? `≤ ${t.upNoop.target}×: ${mark(t.upNoop.met)}` : "-"} | ${mb(r.ops.up.peakMb)} (${Math.round(r.noop.up.peakMb.engine)} / ${Math.round(r.noop.up.peakMb.provider)}) |`,
    );
  }
  if (growth) {
    lines.push("");
    lines.push(
      `Growth of up per nodepool+deployment pair at 100 ms: ${(growth.at200 * 1000).toFixed(0)} ms from 50 to 200, ${(growth.at1000 * 1000).toFixed(0)} ms from 200 to 1000 ` +
        `(${growth.ratio.toFixed(2)}×, target ≤ ${TARGETS.growthRatio}×: ${mark(growth.met)}); no-op graph ${(growth.noopAt200 * 1000).toFixed(0)} ms and ${(growth.noopAt1000 * 1000).toFixed(0)} ms.`,
    );
  }
  lines.push("");
  lines.push("The peer: the same graph with Clarifai's official Python SDK, one call after another (scripts/bench-sdk-peer.py), same emulator and latency");
  lines.push("| N pools | N deps | latency | pulumi up | SDK script (create calls) | SDK script (incl. Python start) | up / SDK | up faster |");
  lines.push("|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const r of runs) {
    if (r.parallelLifted || !r.peer) continue;
    lines.push(
      `| ${r.n} | ${r.deployments} | ${r.latencyMs} ms | ${r.ops.up.seconds.toFixed(2)} | ${r.peer.create_seconds.toFixed(2)} | ${(r.peer.import_seconds + r.peer.create_seconds).toFixed(2)} | ` +
        `${(r.ops.up.seconds / r.peer.create_seconds).toFixed(2)} | ${mark(r.targets.fasterThanSdk.met)} |`,
    );
  }
  const at100 = runs.filter((r) => r.latencyMs === 100 && !r.parallelLifted);
  if (at100.length >= 2) {
    const [a, b] = [at100[0], at100[at100.length - 1]];
    lines.push("");
    lines.push(`Growth with N at 100 ms (N=${a.n} to N=${b.n}), extra seconds per nodepool+deployment pair: ` +
      Object.keys(a.ops).map((op) => `${op} ${(((b.ops[op].seconds - a.ops[op].seconds) / (b.n - a.n)) * 1000).toFixed(0)} ms`).join(", ") +
      `; no-op up ${(((b.noop.up.seconds - a.noop.up.seconds) / (b.n - a.n)) * 1000).toFixed(0)} ms${a.peer && b.peer ? `; SDK script ${(((b.peer.create_seconds - a.peer.create_seconds) / (b.n - a.n)) * 1000).toFixed(0)} ms` : ""}.`);
  }
  const lastDefault = runs.filter((r) => !r.parallelLifted).pop();
  const lastLifted = runs.filter((r) => r.parallelLifted).pop();
  for (const last of [lastDefault, lastLifted]) {
    if (!last) continue;
    lines.push("");
    lines.push(`Timeline of up, N=${last.n}, ${last.latencyMs} ms, --parallel ${last.parallel} (seconds from the start of \`pulumi up\`: first and last request of each RPC; the rest is the engine):`);
    const tl = Object.entries(last.ops.up.timeline).sort((a, b) => a[1].first - b[1].first);
    for (const [rpc, e] of tl) lines.push(`  ${rpc.padEnd(22)} ${e.first.toFixed(2)} .. ${e.last.toFixed(2)} s  × ${e.count}`);
    lines.push(`  (up ended at ${last.ops.up.seconds.toFixed(2)} s; no-op up ${last.noop.up.seconds.toFixed(2)} s)`);
    lines.push("");
    lines.push(`API calls by RPC, N=${last.n}, ${last.latencyMs} ms, --parallel ${last.parallel}:`);
    for (const op of Object.keys(last.ops)) lines.push(`  ${op}: ${JSON.stringify(last.ops[op].byRpc)}`);
  }
  console.log(lines.join("\n"));

  save({ growth, complete: true });
  console.log(`\nwrote ${path.relative(root, file)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
