#!/usr/bin/env node
// A Node.js language host for the Pulumi engine: the gRPC LanguageRuntime service that the CLI
// starts as `pulumi-language-nodejs` to run a program folder.
//
// Why it exists: Pulumi's own host (module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
// has no version tags, and the Go module proxy reachable here answers 403 for every pseudo-version of it,
// so it cannot be built on our machines (see scripts/language-host/README.md). Like Pulumi's host, this one
// only launches the program: it spawns `@pulumi/pulumi/cmd/run` (the SDK's own program runner, resolved
// from the program's folder) with the arguments and environment the Go host passes, so the program talks
// to the real engine's resource monitor exactly as it would under the official host.
"use strict";

const path = require("path");
const fs = require("fs");
const { spawn } = require("child_process");
const engineWatch = require("./engineWatch");

function sdkPath(fromDir, sub) {
  return require.resolve(`@pulumi/pulumi/${sub}`, { paths: [fromDir, __dirname] });
}

const here = process.cwd();
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(sdkPath(here, "package.json"))] }));
const langproto = require(sdkPath(here, "proto/language_pb.js"));
const langrpc = require(sdkPath(here, "proto/language_grpc_pb.js"));
const pluginproto = require(sdkPath(here, "proto/plugin_pb.js"));
const sdkVersion = require(sdkPath(here, "package.json")).version;

// The CLI passes Go-style flags (-tracing=..., -root=...) followed by the engine address.
const positional = process.argv.slice(2).filter((a) => !a.startsWith("-"));
let engineAddress = positional[0] || "";

const ok = (cb, msg) => cb(null, msg);

/** Packages under node_modules whose package.json says `"pulumi": { "resource": true }`. */
function requiredPlugins(programDir) {
  const found = new Map();
  for (let dir = programDir; ; dir = path.dirname(dir)) {
    const nm = path.join(dir, "node_modules");
    if (fs.existsSync(nm)) {
      for (const entry of fs.readdirSync(nm)) {
        const pkgs = entry.startsWith("@")
          ? fs.readdirSync(path.join(nm, entry)).map((p) => path.join(entry, p))
          : [entry];
        for (const p of pkgs) {
          try {
            const pj = JSON.parse(fs.readFileSync(path.join(nm, p, "package.json"), "utf8"));
            if (pj.pulumi && pj.pulumi.resource && !found.has(pj.name)) {
              found.set(pj.name, { name: pj.pulumi.name || pj.name.replace(/^@pulumi\//, "").replace(/^@/, ""), version: pj.pulumi.version || pj.version });
            }
          } catch {
            /* not a package */
          }
        }
      }
      break; // like npm, the nearest node_modules is the project's
    }
    if (path.dirname(dir) === dir) break;
  }
  return [...found.values()].map((p) => {
    const d = new pluginproto.PluginDependency();
    d.setName(p.name);
    d.setKind("resource");
    d.setVersion(p.version.startsWith("v") ? p.version : `v${p.version}`);
    return d;
  });
}

function structToObject(s) {
  return s ? s.toJavaScript() : {};
}

const service = {
  handshake(call, cb) {
    engineAddress = call.request.getEngineAddress() || engineAddress;
    ok(cb, new langproto.LanguageHandshakeResponse());
  },
  getPluginInfo(_call, cb) {
    const info = new pluginproto.PluginInfo();
    info.setVersion(sdkVersion);
    ok(cb, info);
  },
  getRequiredPlugins(call, cb) {
    const info = call.request.getInfo();
    const dir = (info && info.getProgramDirectory()) || call.request.getProgram() || process.cwd();
    const res = new langproto.GetRequiredPluginsResponse();
    res.setPluginsList(requiredPlugins(dir));
    ok(cb, res);
  },
  getRequiredPackages(call, cb) {
    const info = call.request.getInfo();
    const dir = (info && info.getProgramDirectory()) || process.cwd();
    const res = new langproto.GetRequiredPackagesResponse();
    res.setPackagesList(
      requiredPlugins(dir).map((p) => {
        const d = new pluginproto.PackageDependency();
        d.setName(p.getName());
        d.setKind("resource");
        d.setVersion(p.getVersion());
        return d;
      }),
    );
    ok(cb, res);
  },
  getProgramDependencies(_call, cb) {
    ok(cb, new langproto.GetProgramDependenciesResponse());
  },
  installDependencies(call) {
    // Dependencies are installed by `npm install` before Pulumi runs; nothing to do here.
    call.end();
  },
  runtimeOptionsPrompts(_call, cb) {
    ok(cb, new langproto.RuntimeOptionsResponse());
  },
  about(_call, cb) {
    const res = new langproto.AboutResponse();
    res.setExecutable(process.execPath);
    res.setVersion(process.version);
    ok(cb, res);
  },
  run(call, cb) {
    const req = call.request;
    const info = req.getInfo();
    const options = info ? structToObject(info.getOptions()) : {};
    const programDir = (info && info.getProgramDirectory()) || req.getPwd() || process.cwd();
    const entry = (info && info.getEntryPoint()) || req.getProgram() || ".";
    const args = [sdkPath(programDir, "cmd/run")];
    const add = (k, v) => v !== undefined && v !== "" && args.push(`--${k}`, String(v));
    add("monitor", req.getMonitorAddress());
    add("engine", engineAddress);
    add("organization", req.getOrganization());
    add("project", req.getProject());
    add("stack", req.getStack());
    add("pwd", programDir);
    add("root-directory", info && info.getRootDirectory());
    if (req.getDryrun()) args.push("--dry-run");
    add("parallel", req.getParallel());
    args.push(entry);
    args.push(...req.getArgsList());

    const config = {};
    req.getConfigMap().forEach((v, k) => (config[k] = v));
    const env = {
      ...process.env,
      PULUMI_CONFIG: JSON.stringify(config),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
      PULUMI_NODEJS_TYPESCRIPT: String(options.typescript !== false),
    };
    if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = String(options.tsconfig);
    if (req.getConfigpropertymap()) env.PULUMI_CONFIG_PROPERTY_MAP = JSON.stringify(structToObject(req.getConfigpropertymap()));

    const child = spawn(process.execPath, [...(options.nodeargs ? String(options.nodeargs).split(/\s+/) : []), ...args], {
      cwd: programDir,
      env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    engineWatch.track(child);
    child.on("error", (err) => {
      const res = new langproto.RunResponse();
      res.setError(`could not start the Node.js program runner: ${err.message}`);
      ok(cb, res);
    });
    child.on("exit", (code, signal) => {
      const res = new langproto.RunResponse();
      if (code === 32) {
        res.setBail(true); // the runner already reported the error to the user (cmd/run exit code 32)
      } else if (code !== 0) {
        res.setError(signal ? `Program exited with signal ${signal}` : `Program exited with non-zero exit code: ${code}`);
      }
      ok(cb, res);
    });
  },
};

service.runPlugin = require("./runPlugin").makeRunPlugin(langproto, sdkPath); // policy packs

const server = new grpc.Server();
const impl = {};
for (const [name, fn] of Object.entries(service)) impl[name] = fn;
server.addService(langrpc.LanguageRuntimeService, impl);
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    console.error(`pulumi-language-nodejs: could not start: ${err.message}`);
    process.exit(1);
  }
  process.stdout.write(`${port}\n`);
  engineWatch.start(() => engineAddress);
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.forceShutdown());
