"use strict";
// Peak resident memory of the processes a bench operation starts, by role: the engine (the `pulumi`
// CLI), the dynamic-provider process (node running @pulumi/pulumi's cmd/dynamic-provider) and the
// program (every other node process: the language host and the program it runs). Linux /proc only:
// the descendants of this process are found every `intervalMs` and each one's VmHWM (its own peak
// RSS, kept by the kernel) is read, so a process is measured up to its last sample.
const fs = require("fs");

function read(file) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined; // the process has exited
  }
}

/** pid → ppid of every process. */
function parents() {
  const out = new Map();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    const stat = read(`/proc/${d}/stat`);
    if (!stat) continue;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    out.set(Number(d), ppid);
  }
  return out;
}

function role(pid) {
  const comm = (read(`/proc/${pid}/comm`) ?? "").trim();
  if (comm === "pulumi") return "engine";
  if (comm !== "node" && comm !== "MainThread") return undefined;
  const cmd = (read(`/proc/${pid}/cmdline`) ?? "").replace(/\0/g, " ");
  return cmd.includes("dynamic-provider") ? "provider" : "program";
}

/** Starts sampling; `stop()` returns the peaks in MB by role ({ engine, provider, program }). */
function watchPeaks(intervalMs = 200) {
  const peaks = { engine: 0, provider: 0, program: 0 };
  const sample = () => {
    const pp = parents();
    const mine = new Set([process.pid]);
    // Descendants, in any order of the map: repeat until no more are added.
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, ppid] of pp) {
        if (mine.has(pid) || !mine.has(ppid)) continue;
        mine.add(pid);
        grew = true;
      }
    }
    mine.delete(process.pid);
    for (const pid of mine) {
      const r = role(pid);
      const m = r && /VmHWM:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? "");
      if (m) peaks[r] = Math.max(peaks[r], Number(m[1]) / 1024);
    }
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}

module.exports = { watchPeaks };
