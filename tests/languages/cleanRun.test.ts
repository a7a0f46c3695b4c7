// A clean first run: the engine finds every language host and its bundled plugins beside itself (the
// checkout's bin folder holds a hard link to the CLI, scripts/ensure-pulumi), so a TypeScript program run
// as `npm run demo` runs it (that folder first on PATH) prints no "using pulumi-language-nodejs from $PATH"
// warning; neither do Python programs.
import * as fs from "fs";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack, pulumiBin, repoRoot } from "../support/engine";

jest.setTimeout(300_000);

const PAT = "clean-pat-61d0a2b7-never-in-state";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "clean-user" });
});
afterAll(async () => {
  await emu?.close();
});

it("the CLI in the checkout's bin folder is the cached build itself, beside its language hosts", () => {
  const bin = pulumiBin();
  expect(fs.lstatSync(path.join(bin, "pulumi")).isSymbolicLink()).toBe(false);
  for (const host of ["pulumi-language-nodejs", "pulumi-language-python", "pulumi-language-go", "pulumi-language-yaml", "pulumi-resource-pulumi-nodejs"]) {
    expect(fs.existsSync(path.join(bin, host))).toBe(true);
  }
});

it("the quickstart's preview, with the demo's PATH, prints no engine warning", async () => {
  let s: EngineStack | undefined;
  try {
    s = await createStack({
      programDir: path.join(repoRoot, "examples", "quickstart"),
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
      env: { PATH: `${pulumiBin()}${path.delimiter}${process.env.PATH ?? ""}` },
    });
    const preview = await s.preview();
    expect(preview.changeSummary).toEqual({ create: 5 });
    const printed = s.output.join("") + s.stderr.join("");
    expect(printed).not.toMatch(/warning/i);
    expect(printed).not.toContain("from $PATH");
  } finally {
    await s?.dispose();
  }
});
