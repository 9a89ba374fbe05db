// ESLint flat config: Microsoft's Office add-in rules, plus the engine-purity boundary.
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

const nodeBuiltins = ["fs", "path", "os", "child_process", "crypto", "url", "util", "stream", "zlib", "http", "https", "worker_threads"];

function tsPluginOf(configs) {
  const withPlugin = configs.find((c) => c.plugins && c.plugins["@typescript-eslint"]);
  if (!withPlugin) throw new Error("eslint-plugin-office-addins no longer registers @typescript-eslint");
  return withPlugin.plugins["@typescript-eslint"];
}

export default [
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "**/*.js", "**/*.mjs", "samples/**"] },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: "module" },
    // The office-addins config registers @typescript-eslint for .ts only; reuse its instance for .tsx.
    plugins: { "@typescript-eslint": tsPluginOf(officeAddins.configs.react) },
    rules: {
      "no-undef": "off",
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": "error",
      "no-redeclare": "off",
      "no-empty": ["error", { allowEmptyCatch: false }],
      "react/react-in-jsx-scope": "off",
      "react/prop-types": "off",
    },
  },
  {
    files: ["src/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: nodeBuiltins,
          patterns: [
            { group: ["node:*"], message: "src/engine is pure: no Node imports." },
            { group: ["react", "react-dom", "react/*", "@fluentui/*"], message: "src/engine is pure: no UI imports." },
            { group: ["exceljs", "@microsoft/office-js", "office-*"], message: "src/engine is pure: no host imports." },
            { group: ["**/excel/**", "**/xlsx/**", "**/taskpane/**", "**/cli/**", "**/commands/**"], message: "src/engine must not import host code." },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Excel", "Office", "OfficeExtension", "document", "window", "process", "require", "Buffer"],
    },
  },
  {
    // The committee report's builder runs in the CLI and in the task pane alike: docx, ECharts
    // and the engine only (no Node, DOM or Office APIs; hosts pass what draws PNGs).
    files: ["src/report/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: nodeBuiltins,
          patterns: [
            { group: ["node:*"], message: "src/report runs in the browser too: no Node imports." },
            { group: ["react", "react-dom", "react/*", "@fluentui/*"], message: "src/report is not UI." },
            { group: ["exceljs", "@microsoft/office-js", "office-*", "@resvg/*"], message: "src/report: no host imports." },
            { group: ["**/excel/**", "**/xlsx/**", "**/taskpane/**", "**/cli/**", "**/commands/**"], message: "src/report must not import host code." },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Excel", "Office", "OfficeExtension", "document", "window", "process", "require", "Buffer"],
    },
  },
];
