// Issue 23, "interrupted runs recover": `pulumi up` SIGKILLed while a deployment waits for readiness
// (the emulator keeps it pending; the test kills the CLI once the request log shows the wait has
// begun). The language host, the program and the provider process exit on their own within seconds
// (they watch the engine's address). Then what Pulumi tells the user: the next `up` says the stack
// is locked and to run `pulumi cancel`; after it, `up` with the program unchanged converges: the
// deployment the interrupted create made is recognised (its owner marker) and taken back, nothing is
// duplicated or orphaned, and a preview shows no change. For generated ids (stable per resource) and
// for fixed ids.
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack, pulumiBin } from "../support/engine";

jest.setTimeout(600_000);
const PAT = "engine-pat-interrupted-4c2d9e";

/** Every process below `pid` (from /proc): the language host, the program, the provider plugins. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ")".
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* gone meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [c, pp] of parent) {
      if (pp !== p) continue;
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
};

const until = async (what: string, ok: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.each([
  ["generated ids", {}],
  ["fixed ids", { clusterId: { value: "int-cc" }, poolId: { value: "int-np" }, deploymentId: { value: "int-dep" } }],
])("an up killed during a deployment's wait, %s", (_name, ids) => {
  let emu: RunningEmulator;
  let s: EngineStack;
  beforeAll(async () => {
    emu = await startEmulator({ tokens: [PAT], userId: "engine-user" });
    s = await createStack({
      programDir: path.join(__dirname, "programs", "ownership"),
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url }, minReplicas: { value: "1" }, ...ids },
      env: { PULUMI_CLARIFAI_POLL_MS: "100", PULUMI_CLARIFAI_ENGINE_WATCH_MS: "200" },
    });
  });
  afterAll(async () => {
    await s?.dispose();
    await emu?.close();
  });

  it("stops its helpers, and `pulumi cancel` then `up` converge with the program unchanged", async () => {
    const env = { ...process.env, ...(s.stack.workspace as unknown as { envVars: Record<string, string> }).envVars };
    const pulumi = (args: string[]) => execFileSync(path.join(pulumiBin(), "pulumi"), [...args, "--stack", s.stack.name, "--non-interactive"], { cwd: s.dir, env, encoding: "utf8" });

    emu.setReadiness({ deploymentReadyAfterMs: 3_600_000 });
    const cli: ChildProcess = spawn(path.join(pulumiBin(), "pulumi"), ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", s.stack.name], {
      cwd: s.dir,
      env,
      stdio: "ignore",
    });
    const exited = new Promise((r) => cli.on("exit", r));
    // The wait has begun once a GetDeployment follows the PostDeployments.
    await until(
      "the deployment's wait",
      () => {
        const reqs = emu.requests().requests;
        const posted = reqs.findIndex((r) => r.rpc === "PostDeployments");
        return posted >= 0 && reqs.slice(posted).some((r) => r.rpc === "GetDeployment");
      },
      120_000,
    );
    const helpers = descendants(cli.pid!);
    expect(helpers.length).toBeGreaterThanOrEqual(2); // language host (and program), provider
    cli.kill("SIGKILL");
    await exited;
    const killedAt = Date.now();
    await until("the language host, program and provider to exit", () => helpers.every((p) => !alive(p)), 15_000);
    const stoppedMs = Date.now() - killedAt;
    const after = emu.requests().requests.length;
    const made = emu.state().deployments.map((d) => d.id);
    expect(made).toHaveLength(1);
    console.log(`helpers (${helpers.length} processes) exited ${stoppedMs} ms after the CLI was killed`);

    emu.setReadiness({});
    // What Pulumi says: the stack is locked; `pulumi cancel` removes the lock.
    await expect(s.up()).rejects.toThrow(/the stack is currently locked by 1 lock\(s\).*`pulumi cancel`/s);
    expect(emu.requests().requests.length).toBe(after); // nothing has called the API since the helpers stopped
    expect(pulumi(["cancel", "--yes"])).toMatch(/has been canceled/);

    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 1, same: 3 });
    expect(s.output.join("")).toMatch(/interrupted while creating/);
    expect(s.output.join("")).toMatch(/was made by an earlier, unfinished create of this resource; taking it back/);
    const st = emu.state();
    expect(st.deployments.map((d) => d.id)).toEqual(made);
    expect(st.nodepools).toHaveLength(1);
    expect(st.compute_clusters).toHaveLength(1);
    const state = await s.exportState();
    expect(state.find((r) => r.type.endsWith("clarifai:Deployment"))?.id).toBe(made[0]);

    emu.clearRequests();
    await s.preview({ expectNoChanges: true });
    await s.destroy();
    expect(emu.state().deployments).toEqual([]);
    expect(emu.state().compute_clusters).toEqual([]);
  });
});
