"use strict";
// Declares the resources listed in the stack config value `resources` (JSON), so one stack can preview
// many invalid programs: each entry is {kind, name, args, yaml?, cluster?, nodepools?}. `cluster` and
// `nodepools` name earlier entries whose ids to pass; `yaml` goes through fromConfigFile. Plain
// JavaScript, so that each preview skips the TypeScript compiler.
const fs = require("fs");
const os = require("os");
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const clarifai = require("pulumi-clarifai");

const entries = new pulumi.Config().requireObject("resources");
const made = {};
const yamlDir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-input-"));

for (const e of entries) {
  const Ctor = clarifai[e.kind];
  if (!Ctor) throw new Error(`pulumi-clarifai exports no ${e.kind}`);
  const args = { ...(e.args || {}) };
  if (e.cluster) args.computeClusterId = made[e.cluster].id;
  if (e.nodepools) args.nodepools = e.nodepools.map((n) => made[n].id);
  if (e.yaml !== undefined) {
    const file = path.join(yamlDir, `${e.name}.yaml`);
    fs.writeFileSync(file, e.yaml);
    made[e.name] = Ctor.fromConfigFile(e.name, file, args);
  } else {
    made[e.name] = new Ctor(e.name, args);
  }
}
