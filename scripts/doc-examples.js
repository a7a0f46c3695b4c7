// The "Example" section of each reference page: the resource as the example programs declare it, in
// TypeScript, Python, Go and YAML, cut from the programs that the tests run (examples/quickstart by
// tests/engine/examples.test.ts, examples/python, examples/go and examples/yaml by tests/languages), so
// a snippet on a page cannot drift from code that works. A program marks a snippet with a comment line
// `docs:start <Resource>` before it and `docs:end` after it.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");

/** Where each language's snippets come from, and how a page shows them. */
const SOURCES = [
  { title: "TypeScript", fence: "typescript", file: "examples/quickstart/index.ts" },
  { title: "Python", fence: "python", file: "examples/python/__main__.py" },
  { title: "Go", fence: "go", file: "examples/go/main.go" },
  // YAML snippets are entries of `resources:`; the page keeps that key so the snippet reads as a program.
  { title: "YAML", fence: "yaml", file: "examples/yaml/Pulumi.yaml", prefix: "resources:" },
];

/** The marked snippets of one file, by resource name, dedented (YAML keeps its indent under `resources:`). */
function snippets(source) {
  const lines = fs.readFileSync(path.join(root, source.file), "utf8").split("\n");
  const found = {};
  let name;
  let body = [];
  for (const [i, line] of lines.entries()) {
    const start = /^\s*(?:\/\/|#) docs:start (\w+)\s*$/.exec(line);
    if (start) {
      if (name) throw new Error(`${source.file}:${i + 1}: docs:start ${start[1]} inside the snippet of ${name}`);
      name = start[1];
      body = [];
    } else if (/^\s*(?:\/\/|#) docs:end\s*$/.test(line)) {
      if (!name) throw new Error(`${source.file}:${i + 1}: docs:end without docs:start`);
      const indent = source.prefix ? 0 : Math.min(...body.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)[0].length));
      found[name] = [...(source.prefix ? [source.prefix] : []), ...body.map((l) => l.slice(indent).replace(/\t/g, "    "))].join("\n");
      name = undefined;
    } else if (name) {
      body.push(line);
    }
  }
  if (name) throw new Error(`${source.file}: docs:start ${name} is never closed`);
  return found;
}

let all;
/** The page lines of the Example section for a resource; every language must have its snippet. */
function exampleSection(resource) {
  all ??= SOURCES.map((s) => ({ ...s, snippets: snippets(s) }));
  const lines = ["## Example", "", "From the example programs that the tests run through the engine:", ""];
  for (const s of all) {
    const code = s.snippets[resource];
    if (code === undefined) throw new Error(`${s.file} has no snippet for ${resource} (mark it with docs:start ${resource} ... docs:end)`);
    lines.push(`**${s.title}** ([${s.file}](../../${s.file}))`, "", "```" + s.fence, code, "```", "");
  }
  return lines;
}

/**
 * The same snippets in the Pulumi Registry's language chooser (docs/_index.md): each language's program
 * declaring the given resources, one after the other.
 */
function registryChooser(resources) {
  all ??= SOURCES.map((s) => ({ ...s, snippets: snippets(s) }));
  const lines = [`{{< chooser language "${all.map((s) => s.fence).join(",")}" >}}`];
  for (const s of all) {
    const parts = resources.map((r) => {
      if (s.snippets[r] === undefined) throw new Error(`${s.file} has no snippet for ${r}`);
      return s.prefix ? s.snippets[r].split("\n").slice(1).join("\n") : s.snippets[r];
    });
    lines.push(`{{% choosable language ${s.fence} %}}`, "", "```" + s.fence, ...(s.prefix ? [s.prefix] : []), parts.join(s.prefix ? "\n" : "\n\n"), "```", "", "{{% /choosable %}}");
  }
  lines.push("{{< /chooser >}}");
  return lines;
}

module.exports = { exampleSection, registryChooser };
