/** This package's name and version, for the request-id prefix header. */
import * as fs from "fs";
import * as path from "path";

export const PACKAGE_NAME = "pulumi-clarifai";

let cached: string | undefined;

/**
 * The version from the nearest package.json named "pulumi-clarifai", walking up from this file
 * (works from both the TypeScript sources and dist/). "0.0.0" if none is found.
 */
export function packageVersion(start: string = __dirname): string {
  if (cached !== undefined && start === __dirname) return cached;
  let dir = start;
  let found = "0.0.0";
  for (;;) {
    try {
      const pkg: unknown = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      if (typeof pkg === "object" && pkg !== null && "name" in pkg && pkg.name === PACKAGE_NAME && "version" in pkg && typeof pkg.version === "string") {
        found = pkg.version;
        break;
      }
    } catch {
      // no package.json here (or unreadable): keep walking
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (start === __dirname) cached = found;
  return found;
}

/** Header value: `pulumi-clarifai-<version>`; the server prefixes every req_id with it. */
export function requestIdPrefix(): string {
  return `${PACKAGE_NAME}-${packageVersion()}`;
}
