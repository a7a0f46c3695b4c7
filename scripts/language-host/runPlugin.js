// RunPlugin: how the Pulumi engine starts a plugin written for this runtime. Pulumi 3.248 launches a
// Node.js policy pack this way (sdk/go/common/resource/plugin/analyzer_plugin.go, NewPolicyAnalyzer):
// when a `nodejs` language plugin is installed it no longer looks for the old
// `pulumi-analyzer-policy` shim but calls the language host's RunPlugin with kind "analyzer", the
// pack's folder as the program directory and the engine address as the one argument
// (plugin.go, newPlugin). Like Pulumi's own Node.js host, this runs the SDK's policy-pack runner
// `@pulumi/pulumi/cmd/run-policy-pack <engine> <pack folder>` (resolved from the pack's folder, so a
// pack shipped inside an installed package uses the project's SDK) and streams its stdout (where the
// analyzer announces its port), its stderr and its exit code back to the engine.
"use strict";

const { spawn } = require("child_process");

/** The RunPlugin handler for `LanguageRuntime`, given the generated messages and the SDK resolver. */
function makeRunPlugin(langproto, sdkPath) {
  return (call) => {
    const req = call.request;
    const info = req.getInfo();
    const dir = (info && info.getProgramDirectory()) || req.getPwd() || process.cwd();
    const options = info && info.getOptions() ? info.getOptions().toJavaScript() : {};
    const send = (set, v) => call.write(set(new langproto.RunPluginResponse(), v));
    const finish = (code) => {
      send((m, v) => m.setExitcode(v), code);
      call.end();
    };
    if (req.getKind() !== "analyzer") {
      send((m, v) => m.setStderr(v), Buffer.from(`pulumi-language-nodejs (pulumi-clarifai's copy) runs policy packs only, not ${req.getKind() || "this"} plugin\n`));
      return finish(1);
    }
    let runner;
    try {
      runner = sdkPath(dir, "cmd/run-policy-pack");
    } catch {
      send((m, v) => m.setStderr(v), Buffer.from(`@pulumi/pulumi is not installed where the policy pack ${dir} can find it: run npm install\n`));
      return finish(1);
    }
    const env = { ...process.env };
    for (const kv of req.getEnvList()) {
      const i = kv.indexOf("=");
      if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
    }
    const nodeArgs = options.nodeargs ? String(options.nodeargs).split(/\s+/) : [];
    const child = spawn(process.execPath, [...nodeArgs, runner, ...req.getArgsList(), dir], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d) => send((m, v) => m.setStdout(v), d));
    child.stderr.on("data", (d) => send((m, v) => m.setStderr(v), d));
    child.on("error", (err) => {
      send((m, v) => m.setStderr(v), Buffer.from(`could not start the policy pack runner: ${err.message}\n`));
      finish(1);
    });
    child.on("exit", (code, signal) => finish(code ?? (signal ? 1 : 0)));
    // The engine cancels the stream when it is done with the analyzer: stop the pack with it.
    call.on("cancelled", () => child.kill());
  };
}

module.exports = { makeRunPlugin };
