// ESLint flat config: Microsoft's Office add-in rules, plus the engine-purity boundary.
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

const nodeBuiltins = ["fs", "path", "os", "child_process", "crypto", "url", "util", "stream", "zlib", "http", "https", "worker_threads"];

export default [
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "**/*.js", "**/*.mjs", "samples/**"] },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "no-undef": "off",
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
];
