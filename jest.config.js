// Tests live by what they test (tests/<subject>/); the tier is chosen here, not by the folder: the
// engine tier is every test that drives the real Pulumi CLI or the official Python SDK and CLI in
// whole programs (tens of seconds each), the fast tier everything else (in-process, against the
// emulator). `npm run test:fast` runs the fast project; `npm test` runs both.
const ENGINE = [
  "/tests/engine/.*\\.test\\.ts$",
  "/tests/reliability/.*\\.test\\.ts$",
  "/tests/languages/.*\\.test\\.ts$",
  "/tests/sdk/mixedUse\\.test\\.ts$",
  "/tests/native/sdks\\.test\\.ts$",
  "\\.engine\\.test\\.ts$",
];

const common = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests", "<rootDir>/provider", "<rootDir>/sdk", "<rootDir>/emulator"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  setupFiles: ["<rootDir>/tests/setupEnv.js"],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: "fast", testPathIgnorePatterns: ["/node_modules/", ...ENGINE] },
    { ...common, displayName: "engine", testRegex: ENGINE, testMatch: undefined },
  ],
  // Serialized provider code must not reference coverage counters (pulumi.md §4b): V8 coverage only.
  coverageProvider: "v8",
  testTimeout: 30000,
  maxWorkers: 2,
};
