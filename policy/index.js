// The policy pack's entry point: the pack is written in TypeScript (pack.ts) and compiled with the
// package (`npm run build`) into ../dist/policy/pack.js.
require("../dist/policy/pack");
