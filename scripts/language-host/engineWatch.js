// The language host's side of "exit when the engine goes away" (provider/resources/engineWatch.ts holds the
// watch itself, shared with the provider plugins): the program runners it started are killed with it,
// so nothing keeps talking to a dead engine or to the Clarifai API.
"use strict";

const path = require("path");

const runners = new Set();

/** Remembers a program runner until it exits. */
function track(child) {
  runners.add(child);
  child.on("exit", () => runners.delete(child));
}

/** Watches the engine at `address()`; when it is gone, kills the runners and exits. */
function start(address) {
  const compiled = path.join(__dirname, "..", "..", "dist", "provider", "resources", "engineWatch.js");
  let watch;
  try {
    ({ watchEngine: watch } = require(compiled));
  } catch (err) {
    // Not built (`npm run build`): run without the watch, but say so, so that a moved file is not missed.
    process.stderr.write(`pulumi-language-nodejs: not watching the engine (${compiled}: ${err.code ?? err.message})\n`);
    return;
  }
  watch(address, () => {
    process.stderr.write("pulumi-language-nodejs: the Pulumi engine has gone away; stopping the program\n");
    for (const child of runners) child.kill("SIGKILL");
    process.exit(1);
  });
}

module.exports = { track, start };
