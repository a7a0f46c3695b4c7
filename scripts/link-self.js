// Makes `require("pulumi-clarifai")` resolve to this checkout from anywhere inside it (the examples,
// the root quickstart program and the dynamic-provider host, which loads the provider by package
// name at run time), exactly as it resolves in a user's project after `npm install pulumi-clarifai`.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-clarifai");
fs.mkdirSync(path.dirname(link), { recursive: true });
try {
  if (fs.readlinkSync(link) === "..") process.exit(0);
} catch {
  /* absent or not a link */
}
fs.rmSync(link, { recursive: true, force: true });
fs.symlinkSync("..", link, "dir");
