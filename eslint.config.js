// @ts-check
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

module.exports = tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "docs/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", setImmediate: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // provider/client is the bottom layer: it speaks the API's messages (api/) and imports nothing of
    // the provider's model (the schema's types, the wire mapping), resources, settings, the SDK or the emulator.
    files: ["provider/client/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["@pulumi/*", "../resources", "../resources/*", "../config", "../credentials", "../schema", "../lookups", "../capacity", "../model/*", "../model.generated", "../native/*", "../export/*", "../../sdk", "../../sdk/*", "../../emulator", "../../emulator/*"] },
      ],
    },
  },
  {
    // The provider (engine side) never imports the SDK (program side) or the emulator.
    files: ["provider/**/*.ts"],
    ignores: ["provider/client/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["../sdk", "../sdk/*", "../../sdk", "../../sdk/*", "../emulator", "../emulator/*", "../../emulator", "../../emulator/*"], message: "the provider imports neither the SDK nor the emulator" },
            // The client's surface is its index (provider/client/index.ts); its modules are its own.
            { group: ["./client/*", "../client/*"], message: "import from the client's index (provider/client), not its modules" },
          ],
        },
      ],
    },
  },
  {
    // The SDK uses the provider's public modules, never the emulator.
    files: ["sdk/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["../emulator", "../emulator/*", "pulumi-clarifai/emulator"], message: "the SDK never imports the emulator" },
            { group: ["../provider/client", "../provider/client/*"], message: "the SDK talks to the provider's shared wings (model, settings, look-ups), never the client" },
          ],
        },
      ],
    },
  },
  {
    // The API definition's room (api/) is shared by the client and the emulator: it imports neither.
    files: ["api/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["../provider", "../provider/*", "../sdk", "../sdk/*", "../emulator", "../emulator/*"] }] },
  },
  {
    files: ["emulator/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["../provider/*", "../sdk/*", "../../provider/*", "../../sdk/*", "pulumi-clarifai*"] }] },
  },
);
