// Where `export` finds its credentials: the environment, then the clarifai CLI's config file, read as
// Clarifai's Python SDK 12.5.0 reads it (clarifai/utils/config.py).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CredentialsError, defaultConfigFile, resolveCredentials } from "../../provider/export";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-clarifai-cred-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A config file as `clarifai login` writes it (yaml.safe_dump of Config.to_dict()). */
function configFile(text: string): string {
  const f = path.join(dir, "config");
  fs.writeFileSync(f, text);
  return f;
}
const LOGIN = `contexts:
  prod:
    CLARIFAI_API_BASE: https://api.clarifai.com
    CLARIFAI_PAT: ctx-pat-prod-0001
    CLARIFAI_USER_ID: acme
  dev:
    CLARIFAI_API_BASE: https://api-dev.clarifai.com
    CLARIFAI_PAT: ctx-pat-dev-0002
    CLARIFAI_USER_ID: acme-dev
current_context: prod
`;

it("the CLI's file is ~/.config/clarifai/config", () => {
  expect(defaultConfigFile("/home/u", {})).toBe("/home/u/.config/clarifai/config");
});

it("the environment alone suffices; user and base have defaults", () => {
  expect(resolveCredentials({ env: { CLARIFAI_PAT: "env-pat-123" }, configFile: path.join(dir, "none") })).toMatchObject({
    pat: "env-pat-123",
    userId: "me",
    apiBase: "https://api.clarifai.com",
    sources: { pat: "the environment", userId: "the default", apiBase: "the default" },
  });
});

it("without the environment, the current context of the CLI's file", () => {
  const c = resolveCredentials({ env: {}, configFile: configFile(LOGIN) });
  expect(c).toMatchObject({
    pat: "ctx-pat-prod-0001",
    userId: "acme",
    apiBase: "https://api.clarifai.com",
    sources: { pat: 'clarifai context "prod"', userId: 'clarifai context "prod"', apiBase: 'clarifai context "prod"' },
  });
  expect(resolveCredentials({ env: {}, configFile: configFile(LOGIN), context: "dev" })).toMatchObject({ pat: "ctx-pat-dev-0002", userId: "acme-dev", apiBase: "https://api-dev.clarifai.com" });
});

it("each environment variable wins over the context, setting by setting", () => {
  const c = resolveCredentials({ env: { CLARIFAI_USER_ID: "other", CLARIFAI_API_BASE: "http://localhost:9/" }, configFile: configFile(LOGIN) });
  expect(c).toMatchObject({ pat: "ctx-pat-prod-0001", userId: "other", apiBase: "http://localhost:9" });
  expect(c.sources).toEqual({ pat: 'clarifai context "prod"', userId: "the environment", apiBase: "the environment" });
});

it("reads lower-case keys, an `env:` section, and ENVVAR (take it from the environment)", () => {
  const f = configFile("current_context: a\ncontexts:\n  a:\n    env:\n      pat: ENVVAR\n      user_id: lower\n");
  expect(() => resolveCredentials({ env: {}, configFile: f })).toThrow(/clarifai context "a" in .* says CLARIFAI_PAT comes from the environment \(ENVVAR\), but CLARIFAI_PAT is not set/);
  expect(resolveCredentials({ env: { CLARIFAI_PAT: "env-pat-456" }, configFile: f })).toMatchObject({ pat: "env-pat-456", userId: "lower" });
});

it("missing credentials, a bad file or an unknown context say what to do", () => {
  expect(() => resolveCredentials({ env: {}, configFile: path.join(dir, "none") })).toThrow(CredentialsError);
  expect(() => resolveCredentials({ env: {}, configFile: path.join(dir, "none") })).toThrow(/set CLARIFAI_PAT .* or log in with the clarifai CLI \(`clarifai login`\)/);
  // `clarifai logout` empties the PAT of the context.
  const loggedOut = configFile("current_context: p\ncontexts:\n  p:\n    CLARIFAI_PAT: ''\n    CLARIFAI_USER_ID: acme\n");
  expect(() => resolveCredentials({ env: {}, configFile: loggedOut })).toThrow(/\(its context "p" has no PAT\)/);
  expect(() => resolveCredentials({ env: {}, configFile: configFile("contexts: [unclosed") })).toThrow(/is not valid YAML/);
  expect(() => resolveCredentials({ env: {}, configFile: configFile(LOGIN), context: "staging" })).toThrow('--context "staging" is not in');
  expect(() => resolveCredentials({ env: {}, configFile: configFile(LOGIN), context: "staging" })).toThrow(/its contexts: prod, dev/);
});
