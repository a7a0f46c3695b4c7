/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests", "<rootDir>/provider", "<rootDir>/sdk", "<rootDir>/emulator"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  // Serialized provider code must not reference coverage counters (pulumi.md §4b): V8 coverage only.
  coverageProvider: "v8",
  testTimeout: 30000,
  setupFiles: ["<rootDir>/tests/setupEnv.js"],
  maxWorkers: 2,
};
