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
    // provider/client must not depend on Pulumi; the emulator must not depend on the provider or sdk.
    files: ["provider/client/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@pulumi/*", "../../sdk/*", "../../emulator/*"] }] },
  },
  {
    files: ["emulator/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["../provider/*", "../sdk/*", "../../provider/*", "../../sdk/*", "pulumi-clarifai*"] }] },
  },
);
