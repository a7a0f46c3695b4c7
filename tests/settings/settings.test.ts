// The one order every caller resolves settings in (provider/config.ts over provider/credentials.ts):
// stack config, then the environment, then the clarifai CLI's current context; and the one message
// when none has a PAT.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MissingCredentialsError, client, setSettings, settings } from "../../provider/settings/config";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "settings-"));
const cliFile = path.join(dir, "config");
fs.writeFileSync(cliFile, "current_context: work\ncontexts:\n  work:\n    CLARIFAI_PAT: ctx-pat-7\n    CLARIFAI_USER_ID: ctx-user\n    CLARIFAI_API_BASE: https://ctx.example\n");

const saved = { ...process.env };
beforeEach(() => {
  for (const k of ["CLARIFAI_PAT", "CLARIFAI_USER_ID", "CLARIFAI_API_BASE", "CLARIFAI_MAX_CONCURRENCY"]) delete process.env[k];
  process.env.PULUMI_CLARIFAI_CLI_CONFIG = cliFile;
  setSettings({});
});
afterAll(() => {
  process.env = saved;
  setSettings({});
});

it("uses the clarifai CLI's current context when nothing else is set (`clarifai login` suffices)", () => {
  expect(settings()).toMatchObject({ pat: "ctx-pat-7", userId: "ctx-user", apiBase: "https://ctx.example", sources: { pat: 'clarifai context "work"' } });
});

it("the environment wins over the context, setting by setting", () => {
  process.env.CLARIFAI_USER_ID = "env-user";
  expect(settings()).toMatchObject({ pat: "ctx-pat-7", userId: "env-user", sources: { userId: "the environment" } });
});

it("stack config wins over both", () => {
  process.env.CLARIFAI_PAT = "env-pat";
  setSettings({ pat: "stack-pat", apiBase: "http://stack.example/", maxConcurrency: 4 });
  expect(settings()).toMatchObject({ pat: "stack-pat", apiBase: "http://stack.example", userId: "ctx-user", maxConcurrency: 4, sources: { pat: "stack config" } });
});

it("without any PAT, one message names all three places, and never a secret", () => {
  process.env.PULUMI_CLARIFAI_CLI_CONFIG = path.join(dir, "absent");
  expect(() => client()).toThrow(MissingCredentialsError);
  expect(() => client()).toThrow(/`pulumi config set --secret clarifai:pat <token>`, or CLARIFAI_PAT .* or log in with the clarifai CLI \(`clarifai login`\), which writes .*absent/);
});

it("a broken CLI file does not hide stack config or the environment; without them it is named", () => {
  const broken = path.join(dir, "broken");
  fs.writeFileSync(broken, "contexts: [unclosed");
  process.env.PULUMI_CLARIFAI_CLI_CONFIG = broken;
  process.env.CLARIFAI_PAT = "env-pat";
  expect(settings().pat).toBe("env-pat");
  delete process.env.CLARIFAI_PAT;
  expect(() => client()).toThrow(/is not valid YAML/);
});
