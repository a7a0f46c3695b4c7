#!/usr/bin/env node
// Counts `x as T` and `<T>x` casts (not `as const`) in hand-written provider/ and sdk/ TypeScript.
const ts = require("typescript");
const { execSync } = require("child_process");
const fs = require("fs");
const files = execSync("git ls-files 'provider/*.ts' 'sdk/*.ts'", { encoding: "utf8" }).split("\n").filter((f) => f && !/\.generated\.ts$|\.d\.ts$/.test(f));
let total = 0; const by = {};
for (const f of files) {
  if (!fs.existsSync(f)) continue;
  const sf = ts.createSourceFile(f, fs.readFileSync(f, "utf8"), ts.ScriptTarget.Latest, true);
  const visit = (n) => {
    if ((ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) && !(ts.isTypeReferenceNode(n.type) && n.type.getText() === "const")) {
      total++; by[f] = (by[f] || 0) + 1;
      if (process.argv[2] === "-v") console.log(`${f}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${n.getText().slice(0, 110).replace(/\s+/g, " ")}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
console.log("casts:", total);
if (process.argv[2] !== "-v") for (const [f, n] of Object.entries(by).sort((a, b) => b[1] - a[1])) console.log(n, f);
