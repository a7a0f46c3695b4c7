"use strict";
// Loads a TypeScript module (the engine-test harness, and the .ts modules it imports) into plain Node by
// transpiling it in memory with the project's TypeScript, so the bench reuses tests/support/engine.ts
// instead of a copy of it.
const fs = require("fs");

function loadTs(file) {
  if (!require.extensions[".ts"]) {
    const ts = require("typescript");
    require.extensions[".ts"] = (m, filename) => {
      const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: filename,
      });
      m._compile(outputText, filename);
    };
  }
  return require(file);
}

module.exports = { loadTs };
