// Makes `require("pulumi-clarifai")` resolve to this checkout from anywhere inside it (the examples,
// the root quickstart program and the dynamic-provider host, which loads the provider by package
// name at run time), exactly as it resolves in a user's project after `npm install pulumi-clarifai`.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-clarifai");
fs.mkdirSync(path.dirname(link), { recursive: true });
let linked = false;
try {
  linked = fs.readlinkSync(link) === "..";
} catch {
  /* absent or not a link */
}
if (!linked) {
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync("..", link, "dir");
}

// npm marks a package's bins executable when it installs them; in a checkout the build does it, so
// that `npx pulumi-clarifai` and `npx clarifai-emulator` run here as they do in a user's project.
const bins = require(path.join(root, "package.json")).bin || {};
for (const rel of Object.values(bins)) {
  const file = path.join(root, rel);
  if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
}
