#!/usr/bin/env node
// Runs the compiled CLI when built (npm run build:cli), else the TypeScript source through tsx.
const path = require("path");
const fs = require("fs");
const compiled = path.join(__dirname, "..", "dist", "cli", "main.js");
if (fs.existsSync(compiled)) {
  require(compiled).runFromProcess();
} else {
  require("tsx/cjs/api").register();
  require(path.join(__dirname, "..", "src", "cli", "main.ts")).runFromProcess();
}
