// @ts-check
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

/**
 * One room of provider/: what it must not import (`not`, relative to a file of the room), besides what
 * no provider file imports (the SDK, the emulator, the client's modules other than its index).
 */
function rooms({ files, may, not }) {
  const everywhere = [
    { group: ["../sdk", "../sdk/*", "../../sdk", "../../sdk/*", "../emulator", "../emulator/*", "../../emulator", "../../emulator/*"], message: "the provider imports neither the SDK nor the emulator" },
  ];
  if (!files[0].startsWith("provider/client/")) {
    everywhere.push({ group: ["./client/*", "../client/*"], message: "import from the client's index (provider/client), not its modules" });
  }
  return {
    files,
    rules: { "no-restricted-imports": ["error", { patterns: [...everywhere, { group: not, message: `this room may import ${may} (ARCHITECTURE.md)` }] }] },
  };
}

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
  // The layering of ARCHITECTURE.md, one block per room (a file matches exactly one of them).
  rooms({
    files: ["provider/client/**/*.ts"],
    may: "the API's messages (api/) only",
    not: ["@pulumi/*", "../model", "../model/*", "../settings/*", "../lookups/*", "../resources/*", "../native/*", "../export/*"],
  }),
  rooms({
    files: ["provider/model/**/*.ts"],
    may: "api/ only: the model is what every other wing shares",
    not: ["../client", "../client/*", "../settings/*", "../lookups/*", "../resources/*", "../native/*", "../export/*"],
  }),
  rooms({ files: ["provider/settings/**/*.ts"], may: "the client and the model", not: ["../lookups/*", "../resources/*", "../native/*", "../export/*"] }),
  rooms({ files: ["provider/lookups/**/*.ts"], may: "the client and the model", not: ["../settings/*", "../resources/*", "../native/*", "../export/*"] }),
  rooms({ files: ["provider/resources/**/*.ts"], may: "the client, the model and the settings", not: ["../lookups/*", "../native/*", "../export/*"] }),
  rooms({ files: ["provider/native/**/*.ts"], may: "the resources and the shared wings", not: ["../export/*"] }),
  rooms({ files: ["provider/export/**/*.ts"], may: "the resources and the shared wings", not: ["../native/*"] }),
  rooms({ files: ["provider/*.ts"], may: "the resources and the settings", not: ["./native/*", "./export/*"] }),
  {
    // The SDK (program side) talks to the provider's shared wings, never the client, the resources
    // (loaded by package name at run time), the plugin, the export or the emulator.
    files: ["sdk/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["../emulator", "../emulator/*", "pulumi-clarifai/emulator"], message: "the SDK never imports the emulator" },
            { group: ["../provider/client", "../provider/client/*"], message: "the SDK talks to the provider's shared wings (model, settings, look-ups), never the client" },
            { group: ["../provider/resources/*", "../provider/native/*", "../provider/export/*"], message: "the SDK uses the provider's shared wings only (the resources are loaded by package name at run time)" },
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
