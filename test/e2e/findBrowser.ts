import { spawnSync } from "child_process";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { delimiter, dirname, join } from "path";
import { brotliDecompressSync } from "zlib";

/** Where a Chromium was found, and how to launch it with playwright-core. */
export interface FoundBrowser {
  executablePath: string;
  /** "system": a browser installed on the machine; "package": the one an npm dev dependency ships. */
  source: "system" | "package";
  /** The browser process's environment when it needs its own (the packaged one's libraries). */
  env?: Record<string, string>;
}

/** Options of `findBrowser` (tests use them to hide the machine's browsers). */
export interface FindBrowserOptions {
  /** Absolute paths to try first; default the usual ones (/usr/bin/chromium, ...). */
  systemPaths?: string[];
  /** Browser names to look for on PATH; default chromium, chromium-browser, google-chrome. */
  pathNames?: string[];
  /** The environment to read PATH, QS_CHROMIUM and QS_NO_SYSTEM_BROWSER from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The usual places of a system Chromium or Chrome on Linux and macOS. */
export const SYSTEM_BROWSER_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

const PATH_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/**
 * Finds a Chromium for the end-to-end test, so that `npm ci && npm test` needs no system browser:
 * 1. `QS_CHROMIUM`, a path set by hand (an error if nothing is there);
 * 2. a system browser at the usual paths, then on PATH (skipped when `QS_NO_SYSTEM_BROWSER=1`);
 * 3. the Chromium that the dev dependency `@sparticuz/chromium` ships inside its npm package,
 *    unpacked once into the temp folder with the libraries it needs (nss, nspr, expat), which
 *    the launch puts on LD_LIBRARY_PATH. It is an x64 Linux build.
 * Never downloads anything.
 *
 * @example
 * const found = await findBrowser();
 * const browser = await chromium.launch({ executablePath: found.executablePath, env: found.env, args });
 */
export async function findBrowser(options: FindBrowserOptions = {}): Promise<FoundBrowser> {
  const env = options.env ?? process.env;
  const chosen = env.QS_CHROMIUM?.trim();
  if (chosen) {
    if (!isExecutable(chosen))
      throw new Error(`QS_CHROMIUM names ${chosen}, which is not an executable file`);
    return { executablePath: chosen, source: "system" };
  }
  if (env.QS_NO_SYSTEM_BROWSER !== "1") {
    for (const p of options.systemPaths ?? SYSTEM_BROWSER_PATHS)
      if (isExecutable(p)) return { executablePath: p, source: "system" };
    const dirs = (env.PATH ?? "").split(delimiter).filter(Boolean);
    for (const name of options.pathNames ?? PATH_NAMES)
      for (const d of dirs)
        if (isExecutable(join(d, name))) return { executablePath: join(d, name), source: "system" };
  }
  return unpackPackagedChromium();
}

/** The folder of an installed npm package (its "exports" hide package.json from require.resolve). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (dirname(dir) !== dir) {
    const manifest = join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === name
    )
      return dir;
    dir = dirname(dir);
  }
  throw new Error(`cannot find the folder of the npm package ${name}`);
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch (err) {
    // Not there, or not runnable: the caller tries the next place.
    if (["ENOENT", "ENOTDIR", "EACCES"].includes((err as NodeJS.ErrnoException).code ?? "")) return false;
    throw err;
  }
}

/**
 * Unpacks `@sparticuz/chromium`'s browser (bin/chromium.br) and its libraries (bin/al2023.tar.br)
 * into `<tmp>/qs-chromium-<version>/`, once: each part is written under a temporary name and
 * renamed into place, so test files starting in parallel never launch half a file.
 */
async function unpackPackagedChromium(): Promise<FoundBrowser> {
  if (process.platform !== "linux" || process.arch !== "x64")
    throw new Error(
      `no system Chromium found, and the packaged one (@sparticuz/chromium) is for x64 Linux, not ${process.platform}-${process.arch}: install Chromium or set QS_CHROMIUM`,
    );
  const pkgDir = packageDir("@sparticuz/chromium");
  const { version } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as { version: string };
  const home = join(tmpdir(), `qs-chromium-${version}`);
  mkdirSync(home, { recursive: true });
  const exe = join(home, "chromium");
  if (!existsSync(exe)) {
    const part = `${exe}.${process.pid}.part`;
    writeFileSync(part, brotliDecompressSync(readFileSync(join(pkgDir, "bin", "chromium.br"))), {
      mode: 0o755,
    });
    renameSync(part, exe);
  }
  const libs = join(home, "lib");
  if (!existsSync(libs)) {
    const part = join(home, `libs.${process.pid}.part`);
    mkdirSync(part, { recursive: true });
    const tar = brotliDecompressSync(readFileSync(join(pkgDir, "bin", "al2023.tar.br")));
    const r = spawnSync("tar", ["-x", "-C", part], { input: tar });
    if (r.error || r.status !== 0)
      throw new Error(
        `could not unpack the packaged Chromium's libraries: ${r.error?.message ?? r.stderr.toString()}`,
      );
    try {
      renameSync(join(part, "lib"), libs);
    } catch (err) {
      // Another test file unpacked them first: theirs are the same files.
      if (!existsSync(libs)) throw err;
    }
    rmSync(part, { recursive: true, force: true });
  }
  // playwright-core gives the browser this environment instead of ours, so it is ours plus the libraries.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  env.LD_LIBRARY_PATH = env.LD_LIBRARY_PATH ? `${libs}${delimiter}${env.LD_LIBRARY_PATH}` : libs;
  return { executablePath: exe, source: "package", env };
}
