#!/usr/bin/env node
// Runs a TypeScript script (first argument) through tsx, passing the remaining arguments on.
const path = require("path");
require("tsx/cjs/api").register();
const script = path.resolve(process.argv[2]);
process.argv.splice(1, 2, script);
require(script);
