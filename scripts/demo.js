#!/usr/bin/env node
// `npm run demo`: a real `pulumi up` of the root Pulumi.yaml (the quickstart) against the embedded
// Clarifai emulator, then a table of what was created. `npm run demo -- destroy` removes it all.
// Everything lives in .demo/ (Pulumi file backend, stack config, emulator state), so a second run
// finds the same stack and the same emulator state, and changes nothing.
"use strict";
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const work = path.join(root, ".demo");
const PAT = "demo-pat";
const STACK = "demo";
const action = process.argv[2] === "destroy" ? "destroy" : "up";
if (process.argv[2] === "reset") {
  fs.rmSync(work, { recursive: true, force: true });
  console.log("Removed .demo/ (the demo's Pulumi stack and emulator state).");
  process.exit(0);
}

function run(cmd, args, env, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: opts.capture ? ["ignore", "pipe", "inherit"] : "inherit" });
    let out = "";
    if (opts.capture) child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} ${args[0]} exited with code ${code}`))));
  });
}

async function main() {
  if (!fs.existsSync(path.join(root, "dist", "emulator", "index.js"))) {
    console.log("Building pulumi-clarifai (first run) ...");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  }
  console.log("Making sure the Pulumi engine is available (the first time, it is built from source: a few minutes) ...");
  const bin = execFileSync("bash", [path.join(root, "scripts", "ensure-pulumi")], { cwd: root, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" })
    .trim()
    .split("\n")
    .pop();

  fs.mkdirSync(path.join(work, "backend"), { recursive: true });
  fs.mkdirSync(path.join(work, "pulumi-home"), { recursive: true });
  const { startEmulator } = require(path.join(root, "dist", "emulator"));
  // Pulumi records the provider configuration (clarifai:apiBase included) at each `up` and uses that
  // record for `destroy`, so the emulator keeps the port of the first run.
  const portFile = path.join(work, "emulator-port");
  const port = fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, "utf8")) : 0;
  const emu = await startEmulator({
    port,
    tokens: [PAT],
    userId: "demo-user",
    stateFile: path.join(work, "emulator-state.json"),
    // Replicas come up a few seconds after a deployment is created, so `pulumi up` shows it waiting.
    readiness: { deploymentReadyAfterMs: 4000 },
  });
  fs.writeFileSync(portFile, String(emu.port));
  console.log(`Clarifai emulator listening on ${emu.url} (state: .demo/emulator-state.json)\n`);

  const configFile = path.join(work, `Pulumi.${STACK}.yaml`);
  const env = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    PULUMI_HOME: path.join(work, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${path.join(work, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: "demo-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // `npm test` type-checks the program; here ts-node only transpiles it.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
  };
  const pulumi = (args, opts) => run(path.join(bin, "pulumi"), [...args, "--stack", STACK, "--config-file", configFile], env, opts);
  try {
    await run(path.join(bin, "pulumi"), ["stack", "select", STACK, "--create"], env);
    await pulumi(["config", "set", "--secret", "clarifai:pat", PAT]);
    await pulumi(["config", "set", "clarifai:apiBase", emu.url]);
    if (action === "destroy") {
      await pulumi(["destroy", "--yes", "--skip-preview"]);
    } else {
      await pulumi(["up", "--yes"]);
    }
    printTable(emu);
  } finally {
    await emu.close();
  }
}

function printTable(emu) {
  const state = emu.state();
  const rows = [];
  for (const c of state.compute_clusters) {
    rows.push(["compute cluster", c.id, `${c.cloud_provider.id} ${c.region}, ${c.cluster_type}, managed by ${c.managed_by}`]);
  }
  for (const n of state.nodepools) {
    const types = n.instance_types.map((t) => {
      const ci = t.compute_info || {};
      return ci.num_accelerators ? `${t.id} (${ci.num_accelerators}x ${(ci.accelerator_type || []).join("+")})` : t.id;
    });
    const caps = ((n.node_capacity_type || {}).capacity_types || [1]).map((c) => (c === 2 ? "spot" : "on-demand"));
    const capacity = caps.length > 1 ? "spot, on-demand fallback" : caps[0];
    rows.push(["nodepool", `${n.compute_cluster.id}/${n.id}`, `${types.join(", ")}; ${n.min_instances || 0}..${n.max_instances} nodes; ${capacity}`]);
  }
  for (const d of state.deployments) {
    const m = (d.worker && d.worker.model) || {};
    // Runners are the orchestrator's per-nodepool units of a deployment: same worker, one of its nodepools.
    const pools = (d.nodepools || []).map((n) => `${n.compute_cluster.id}/${n.id}`);
    const runners = (state.runners || []).filter(
      (r) => pools.includes(`${r.nodepool.compute_cluster.id}/${r.nodepool.id}`) && ((r.worker || {}).model || {}).id === m.id,
    );
    const running = runners.reduce((n, r) => n + ((r.runner_metrics || {}).pods_running || 0), 0);
    const total = runners.reduce((n, r) => n + ((r.runner_metrics || {}).pods_total || 0), 0);
    const a = d.autoscale_config || {};
    const ready = total > 0 && running >= total ? `ready (${running}/${total} replicas running)` : `not ready (${running}/${total} running)`;
    rows.push(["deployment", d.id, `${m.user_id}/${m.app_id}/${m.id}@${((m.model_version || {}).id || "latest").slice(0, 8)}; ${a.min_replicas || 0}..${a.max_replicas || 0} replicas; ${ready}`]);
  }
  console.log(`\nWhat the Clarifai emulator now holds (${emu.url}):\n`);
  if (!rows.length) {
    console.log("  nothing: every object was deleted.\n");
    return;
  }
  const head = ["KIND", "ID", "DETAILS"];
  const w = [0, 1].map((i) => Math.max(head[i].length, ...rows.map((r) => r[i].length)));
  const line = (r) => `  ${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2]}`;
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(`\nRun \`npm run demo\` again: nothing changes. \`npm run demo -- destroy\` removes it all.\n`);
}

main().catch((e) => {
  const hint = e.code === "EADDRINUSE" ? ` (the demo's emulator port is taken: free it, or start over with \`npm run demo -- reset\`)` : "";
  console.error(`\ndemo failed: ${e.message}${hint}`);
  process.exit(1);
});
