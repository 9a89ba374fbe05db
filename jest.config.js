/** Jest: node tests everywhere, jsdom for the task pane's React components. */
// ts-jest transpiles each file on its own (no type check: `npm run typecheck` does that) because
// tsconfig.json sets `isolatedModules`; its own option of that name is deprecated.
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json" }];
const common = {
  transform: { "^.+\\.tsx?$": tsJest },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};
module.exports = {
  reporters: ["default", "<rootDir>/test/plainSummaryReporter.js"],
  projects: [
    { ...common, displayName: "node", testEnvironment: "node", testMatch: ["<rootDir>/test/**/*.test.ts"], testPathIgnorePatterns: ["/test/e2e/"] },
    { ...common, displayName: "dom", testEnvironment: "jsdom", testMatch: ["<rootDir>/test/taskpane/**/*.test.tsx"], setupFilesAfterEnv: ["<rootDir>/test/setupDom.ts"] },
    { ...common, displayName: "e2e", testEnvironment: "node", testMatch: ["<rootDir>/test/e2e/**/*.test.ts"] },
  ],
};
