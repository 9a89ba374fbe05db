#!/usr/bin/env node
// Runs the compiled CLI (lib/, built on `npm ci`) when it is up to date with src/, else the
// TypeScript source through tsx (bin/cliModule.js).
require("./cliModule").loadCli().runFromProcess();
