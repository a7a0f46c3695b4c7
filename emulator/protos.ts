/**
 * Loads Clarifai's official API definition with protobufjs: `api/clarifai-api.json`, converted
 * by `api/regenerate` from the FileDescriptorProtos compiled into PyPI's
 * `clarifai-grpc` (12.6.0, the newest official definition reachable here; npm's clarifai-nodejs-grpc
 * stops at 11.11.0). It derives the HTTP route table from the `google.api.http` options (including
 * `additional_bindings`) of every RPC; the emulator serves those its handler files name
 * (handlers/index.ts `ROUTED`). Nothing here lists routes or fields by hand: a newer proto package
 * changes what is served.
 */
import * as fs from "fs";
import * as path from "path";
import * as protobuf from "protobufjs";

export interface PathSegment {
  literal?: string;
  /** dotted request field path, e.g. `user_app_id.user_id` */
  variable?: string;
}

export interface Route {
  rpc: string;
  method: "GET" | "POST" | "PATCH" | "DELETE" | "PUT";
  template: string;
  segments: PathSegment[];
  /** `"*"` (whole request is the body), a field name, or undefined (query string only) */
  body?: string;
  requestType: protobuf.Type;
  responseType: protobuf.Type;
}

export interface ProtoModel {
  /** The clarifai-grpc release the definition was taken from, e.g. "12.6.0". */
  version: string;
  root: protobuf.Root;
  service: protobuf.Service;
  routes: Route[];
  /** the names of the RPCs with an HTTP binding, in proto order */
  rpcs: string[];
  type(name: string): protobuf.Type;
  statusCodes: protobuf.Enum;
}

/** Where the committed API definition lives: beside this file in the source tree, one level up from dist/. */
function definitionFile(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    for (const p of [path.join(dir, "api", DEFINITION_FILE), path.join(dir, "emulator", "api", DEFINITION_FILE)]) if (fs.existsSync(p)) return p;
    if (path.dirname(dir) === dir) throw new Error(`emulator: ${DEFINITION_FILE} not found`);
  }
}

const DEFINITION_FILE = "clarifai-api.json";

/** The committed definition: which package it came from, and the protobufjs JSON of its files. */
export interface ApiDefinition {
  source: string;
  version: string;
  files: string[];
  root: protobuf.INamespace;
}

export function apiDefinition(): ApiDefinition {
  return JSON.parse(fs.readFileSync(definitionFile(), "utf8")) as ApiDefinition;
}

interface HttpRule {
  get?: string;
  post?: string;
  patch?: string;
  delete?: string;
  put?: string;
  body?: string;
  additional_bindings?: HttpRule | HttpRule[];
}

export function compileTemplate(template: string): PathSegment[] {
  return template
    .split("/")
    .filter((s) => s.length > 0)
    .map((s) => {
      const m = /^\{([^}=]+)(?:=[^}]*)?\}$/.exec(s);
      return m ? { variable: m[1] } : { literal: s };
    });
}

function rulesOf(rule: HttpRule): HttpRule[] {
  const out: HttpRule[] = [rule];
  const extra = rule.additional_bindings;
  if (Array.isArray(extra)) out.push(...extra);
  else if (extra) out.push(extra);
  return out;
}

let cached: ProtoModel | undefined;

export function loadProtos(): ProtoModel {
  if (cached) return cached;
  const definition = apiDefinition();
  const root = protobuf.Root.fromJSON(definition.root);
  root.resolveAll();
  const service = root.lookupService("clarifai.api.V2");
  const routes: Route[] = [];
  const rpcs: string[] = [];
  for (const method of service.methodsArray) {
    const parsed = (method.parsedOptions ?? []) as Array<Record<string, unknown>>;
    const http = parsed.find((o) => o["(google.api.http)"])?.["(google.api.http)"] as HttpRule | undefined;
    if (!http) continue;
    rpcs.push(method.name);
    const requestType = root.lookupType(method.requestType);
    const responseType = root.lookupType(method.responseType);
    for (const rule of rulesOf(http)) {
      for (const verb of ["get", "post", "patch", "delete", "put"] as const) {
        const template = rule[verb];
        if (!template) continue;
        routes.push({
          rpc: method.name,
          method: verb.toUpperCase() as Route["method"],
          template,
          segments: compileTemplate(template),
          body: rule.body,
          requestType,
          responseType,
        });
      }
    }
  }
  const statusCodes = root.lookupEnum("clarifai.api.status.StatusCode");
  cached = {
    version: definition.version,
    root,
    service,
    routes,
    rpcs,
    statusCodes,
    type: (name: string) => root.lookupType(name.includes(".") ? name : `clarifai.api.${name}`),
  };
  return cached;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Match a URL path (optional trailing slash) against the routes. Returns all path matches, any method. */
export function matchRoutes(routes: Route[], urlPath: string): RouteMatch[] {
  const parts = urlPath.split("/").filter((s) => s.length > 0);
  const out: RouteMatch[] = [];
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      const seg = route.segments[i];
      let part: string;
      try {
        part = decodeURIComponent(parts[i]);
      } catch {
        ok = false;
        break;
      }
      if (seg.literal !== undefined) {
        if (seg.literal !== part) {
          ok = false;
          break;
        }
      } else if (seg.variable) {
        params[seg.variable] = part;
      }
    }
    if (ok) out.push({ route, params });
  }
  return out;
}
