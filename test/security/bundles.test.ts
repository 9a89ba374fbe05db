import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

// Builds the production bundles once (into a temp dir, so dist/ is left alone) and checks what
// ships: the Content-Security-Policy of each page and the absence of eval / new Function. The
// deployment URL is given, as a production build requires (ADDIN_PROD_URL).
// QS_BUNDLE_DIR=<dir> checks an existing production build instead of building.

const ROOT = path.resolve(__dirname, "..", "..");
const OFFICE_CDN = "https://appsforoffice.microsoft.com";
/** Where the test build says the add-in is served from (never fetched). */
const PROD_URL = "https://scorecard.test.invalid/addin/";

let out: string;
let built = false;

beforeAll(async () => {
  if (process.env.QS_BUNDLE_DIR) {
    out = path.resolve(process.env.QS_BUNDLE_DIR);
    return;
  }
  out = await mkdtemp(path.join(tmpdir(), "qs-bundle-"));
  built = true;
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  try {
    await promisify(execFile)(
      process.execPath,
      [webpackCli, "--mode", "production", "--env", `outputPath=${out}`],
      {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, ADDIN_PROD_URL: PROD_URL },
      },
    );
  } catch (e) {
    const { stdout = "", stderr = "" } = e as { stdout?: string; stderr?: string };
    throw new Error(
      `production build failed:\n${(stdout + stderr)
        .split("\n")
        .filter((l) => /error/i.test(l))
        .slice(0, 20)
        .join("\n")}`,
    );
  }
}, 240_000);

afterAll(async () => {
  if (built) await rm(out, { recursive: true, force: true });
});

/** The CSP meta's directives: name → source list. */
function cspOf(html: string): Map<string, string[]> {
  const meta = /<meta[^>]+http-equiv=["']?Content-Security-Policy["']?[\s>][^>]*>?/i.exec(html);
  if (!meta) throw new Error("no Content-Security-Policy meta");
  const content =
    /content=(?:"([^"]*)"|'([^']*)')/i
      .exec(meta[0])
      ?.slice(1)
      .find((c) => c !== undefined) ?? "";
  return new Map(
    content
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name.toLowerCase(), sources] as [string, string[]]),
  );
}

/** Every <script> tag's src (null for an inline script). */
function scriptSources(html: string): (string | null)[] {
  return [...html.matchAll(/<script\b([^>]*)>/gi)].map(
    (m) => /\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s"'>]+))/i.exec(m[1])?.slice(1).find(Boolean) ?? null,
  );
}

async function listJs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".js"))
    .map((e) => path.join(e.parentPath, e.name));
}

describe.each([
  ["taskpane.html", ["'self'", OFFICE_CDN]],
  ["commands.html", ["'self'", OFFICE_CDN]],
  ["preview.html", ["'self'"]],
])("%s", (page, scriptOrigins) => {
  let html: string;
  beforeAll(async () => {
    html = await readFile(path.join(out, page), "utf8");
  });

  it(`allows scripts only from ${scriptOrigins.join(" and ")}, and no eval`, () => {
    const csp = cspOf(html);
    expect([...(csp.get("script-src") ?? [])].sort()).toEqual([...scriptOrigins].sort());
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
  });

  it("lets the page connect to its own origin only", () => {
    expect(cspOf(html).get("connect-src")).toEqual(["'self'"]);
  });

  it("loads every script from its own origin or the office.js CDN, none inline", () => {
    const sources = scriptSources(html);
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      expect(src).not.toBeNull();
      const external = /^[a-z]+:\/\//i.test(src as string) || (src as string).startsWith("//");
      if (external) expect(src).toMatch(new RegExp(`^${OFFICE_CDN.replace(/\./g, "\\.")}/`));
    }
    if (page === "preview.html")
      expect(sources.every((s) => !/^[a-z]+:|^\/\//i.test(s as string))).toBe(true);
  });
});

/** Calls that compile strings to code, which a CSP without 'unsafe-eval' forbids. */
const DYNAMIC_CODE = /(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(|(?<![\w$.])Function\s*\(\s*["'`]/g;

describe("no eval or new Function in our bundles", () => {
  it("finds none in any built .js file (each hit is listed with its file and context)", async () => {
    const hits: string[] = [];
    for (const file of await listJs(out)) {
      const text = await readFile(file, "utf8");
      for (const m of text.matchAll(DYNAMIC_CODE)) {
        const at = m.index ?? 0;
        const context = text.slice(Math.max(0, at - 80), at + 60).replace(/\s+/g, " ");
        hits.push(`${path.relative(out, file)} @${at}: …${context}…`);
      }
    }
    expect(hits).toEqual([]);
  });
});

/** Telemetry SDKs and endpoints that must never be bundled: our pages report nothing anywhere. */
const TELEMETRY =
  /applicationinsights|dc\.services\.visualstudio\.com|office-addin-usage-data|google-analytics|sentry\.io/i;

describe("no telemetry", () => {
  it("bundles no telemetry SDK or endpoint", async () => {
    const hits: string[] = [];
    for (const file of await listJs(out)) {
      const m = TELEMETRY.exec(await readFile(file, "utf8"));
      if (m) hits.push(`${path.relative(out, file)}: ${m[0]}`);
    }
    expect(hits).toEqual([]);
  });
});

describe("the built manifest", () => {
  it("asks for ReadWriteDocument only and points at no localhost URL", async () => {
    const xml = await readFile(path.join(out, "manifest.xml"), "utf8");
    expect([...xml.matchAll(/<Permissions>\s*([^<]*?)\s*<\/Permissions>/g)].map((m) => m[1])).toEqual([
      "ReadWriteDocument",
    ]);
    expect(xml).not.toMatch(/localhost/i);
    expect(xml).toContain(`${PROD_URL}taskpane.html`);
  });
});

describe("a production build without the deployment URL", () => {
  it("fails, naming ADDIN_PROD_URL, instead of shipping a placeholder manifest", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.ADDIN_PROD_URL;
    const outDir = await mkdtemp(path.join(tmpdir(), "qs-bundle-nourl-"));
    const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
    try {
      const run = promisify(execFile)(
        process.execPath,
        [webpackCli, "--mode", "production", "--env", `outputPath=${outDir}`],
        { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 },
      );
      await expect(run).rejects.toMatchObject({ stderr: expect.stringMatching(/ADDIN_PROD_URL/) });
      await expect(readdir(outDir)).resolves.toEqual([]);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 60_000);
});
