"use strict";
// Loads a TypeScript module (the engine-test harness) into plain Node by transpiling it in memory with
// the project's TypeScript, so the bench reuses tests/engine/harness.ts instead of a copy of it.
const fs = require("fs");
const Module = require("module");
const path = require("path");

function loadTs(file) {
  const ts = require("typescript");
  const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: file,
  });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(outputText, file);
  return m.exports;
}

module.exports = { loadTs };
