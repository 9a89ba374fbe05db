// Which CLI module to load: the compiled one (lib/, built by `npm ci` through the prepare script)
// when it is newer than every source file, else the TypeScript source through tsx, so an edit to
// src/ is never hidden by a stale build.
const path = require("path");
const fs = require("fs");

const ROOT = path.join(__dirname, "..");
const COMPILED = path.join(ROOT, "lib", "cli", "main.js");

/** Newest modification time (ms) of any file under `dir`. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/**
 * True when lib/cli/main.js exists and no file in src/ is newer. QS_CLI_FROM_SOURCE=1 asks for the
 * TypeScript source anyway (the tests run both ways).
 */
function compiledIsFresh() {
  if (process.env.QS_CLI_FROM_SOURCE === "1" || !fs.existsSync(COMPILED)) return false;
  return fs.statSync(COMPILED).mtimeMs >= newestMtime(path.join(ROOT, "src"));
}

/** The CLI's module (`runCli`, `runFromProcess`), compiled when fresh. */
function loadCli() {
  if (compiledIsFresh()) return require(COMPILED);
  require("tsx/cjs/api").register();
  return require(path.join(ROOT, "src", "cli", "main.ts"));
}

module.exports = { loadCli, compiledIsFresh };
