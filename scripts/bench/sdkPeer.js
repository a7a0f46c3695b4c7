"use strict";
// For `npm run bench`: runs scripts/bench-sdk-peer.py (the bench graph built with Clarifai's official
// Python SDK, one call after another) in the venv of scripts/ensure-python-clients, and returns its
// figures: {count, deployments, import_seconds, create_seconds, delete_seconds, total_seconds}.
// The PAT goes through the environment only; HOME is a temporary folder so the SDK reads no user config.
const { execFile, execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
let python;

/** The venv's python (created on first use, then cached). */
function venvPython() {
  if (!python) {
    const out = execFileSync("bash", [path.join(root, "scripts", "ensure-python-clients")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    python = out.trim().split("\n").pop();
  }
  return python;
}

/** Build (and by default delete) one cluster with `count` nodepools and `deployments` deployments. */
function runSdkPeer({ baseUrl, userId, pat, count, deployments = count, keep = false }) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "bench-sdk-peer-"));
  const args = [path.join(root, "scripts", "bench-sdk-peer.py"), "--base-url", baseUrl, "--user-id", userId, "--count", String(count), "--deployments", String(deployments)];
  if (keep) args.push("--keep");
  return new Promise((resolve, reject) => {
    execFile(venvPython(), args, { env: { PATH: process.env.PATH, HOME: home, CLARIFAI_PAT: pat }, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      fs.rmSync(home, { recursive: true, force: true });
      if (err) return reject(new Error(`bench-sdk-peer.py failed: ${err.message}\n${stderr.split("\n").slice(-20).join("\n")}`));
      const line = stdout.trim().split("\n").pop();
      resolve(JSON.parse(line));
    });
  });
}

module.exports = { runSdkPeer, venvPython };
