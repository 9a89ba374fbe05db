/**
 * End to end in a real browser: builds the preview, serves it on 127.0.0.1, and drives Chromium
 * (a system one, else the one the dev dependency @sparticuz/chromium ships: `findBrowser`) through
 * it: open a sample workbook, "Score this quarter", compare the counts shown
 * with the CLI's --json for the same file, download the scored workbook and check it has the same
 * sheets as the CLI's (ours included). No request may leave 127.0.0.1.
 */
import { execFile } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import { tmpdir } from "os";
import { extname, join, normalize, resolve } from "path";
import ExcelJS from "exceljs";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import type { ScoreResult } from "../../src/engine/ScoreResult";
import { CHROMIUM_ARGS } from "./chromiumArgs";
import { findBrowser } from "./findBrowser";

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, "../..");
// The bundled sample with KPI and finance tables and saved polarity settings.
const SAMPLE = join(ROOT, "samples/q4-2021-22.xlsx");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
  ".png": "image/png",
};

let outDir: string;
let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
let workbookPath: string;
const requests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "qs-preview-"));
  await buildPreview(outDir);
  server = await serve(outDir);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workbookPath = existsSync(SAMPLE) ? SAMPLE : await writeFallbackWorkbook(outDir);
  const found = await findBrowser();
  browser = await chromium.launch({
    executablePath: found.executablePath,
    env: found.env,
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 420, height: 900 } });
  page = await context.newPage();
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test("the preview scores a workbook like the CLI and downloads it with our sheets", async () => {
  // What the CLI's --json reports for the same file, and the workbook the CLI writes.
  const cliJson = join(outDir, "cli.json");
  const cliOut = join(outDir, "cli.scored.xlsx");
  await runCli(["score", workbookPath, "--json", cliJson, "--out", cliOut]);
  const expected = JSON.parse(readFileSync(cliJson, "utf8")) as ScoreResult;

  await page.goto(`${origin}/preview.html`);
  await page.locator('input[type="file"]').setInputFiles(workbookPath);
  const scoreButton = page.getByRole("button", { name: "Score this quarter" });
  await page.getByRole("button", { name: "Settings", exact: true }).waitFor();
  await expectEnabled(scoreButton);
  await scoreButton.click();
  const outcome = await Promise.race([
    page
      .getByRole("region", { name: "Results" })
      .waitFor()
      .then(() => "results"),
    page
      .getByText("Scoring failed")
      .waitFor()
      .then(() => "failed"),
  ]);
  if (outcome === "failed") {
    throw new Error(`the page failed to score: ${await page.locator("main").innerText()}`);
  }

  // Counts: one table row per group then the total, in the result's order.
  const shown = await page
    .getByRole("table", { name: "KPI counts by group" })
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll("td")].slice(1).map((td) => Number(td.textContent))),
    );
  const groups = expected.counts.filter((c) => c.dimension !== "total");
  const total = expected.counts.filter((c) => c.dimension === "total");
  expect(shown.length).toBeGreaterThan(0);
  // In the Scorecard Summary's order: outside, within, better, no data.
  expect(shown).toEqual([...groups, ...total].map((c) => [c.outside, c.within, c.better, c.noData]));
  await page.getByText("Scored. Download to keep it.").waitFor();
  for (const c of total) await page.getByText(c.sentence, { exact: true }).first().waitFor();
  await page.getByRole("heading", { name: `Results for ${expected.period}` }).waitFor();
  const flagged = await page
    .getByRole("list", { name: /^Flagged variances/ })
    .locator("li")
    .count();
  expect(flagged).toBe(expected.variances.filter((v) => v.overThreshold).length);
  await page.getByRole("heading", { name: `Warnings (${expected.warnings.length})` }).waitFor();
  // What is red or amber, and why: one entry per measure outside or within tolerance.
  const exceptions = expected.kpis.filter((k) => k.status === "outside" || k.status === "within");
  expect(exceptions.length).toBeGreaterThan(0);
  expect(await page.getByRole("list", { name: "Exceptions" }).locator("li").count()).toBe(
    Math.min(exceptions.length, 10),
  );

  // The pane fits a 320 px task pane with every section open: no horizontal scroll.
  await page.setViewportSize({ width: 320, height: 900 });
  await page.getByRole("button", { name: /^Tables found/ }).click();
  await page.getByRole("button", { name: "Polarity", exact: true }).click();
  await page
    .getByRole("combobox", { name: /^Which way is good for / })
    .first()
    .waitFor();
  if (process.env.QS_SCREENSHOT) await page.screenshot({ path: process.env.QS_SCREENSHOT, fullPage: true });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  // Download the scored workbook: it holds the same sheets as the CLI's, ours included.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download scored workbook" }).click(),
  ]);
  const names = await sheetNames(readFileSync(await download.path()));
  expect(names).toEqual(await sheetNames(readFileSync(cliOut)));
  for (const name of ["Scorecard Summary", "KPI Commentary", "Variance Narrative"])
    expect(names).toContain(name);
});

test("no request left 127.0.0.1 and the Content-Security-Policy blocked nothing", () => {
  const outside = requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(blob|data):/.test(u));
  expect(outside).toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
  expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
});

/** Runs the CLI (bin/scorecard.js) with `args`; fails with its output when it exits non-zero. */
function runCli(args: string[]): Promise<void> {
  return new Promise((done, fail) =>
    execFile(
      process.execPath,
      [join(ROOT, "bin/scorecard.js"), ...args],
      { cwd: ROOT },
      (err, stdout, stderr) =>
        err ? fail(new Error(`the CLI failed: ${err.message}\n${stdout}\n${stderr}`)) : done(),
    ),
  );
}

/** The worksheet names of an .xlsx, in order. */
async function sheetNames(bytes: Buffer): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book.worksheets.map((w) => w.name);
}

/** Waits until a button is enabled (the pane enables it once the workbook is read). */
async function expectEnabled(button: Locator): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await button.isEnabled())) {
    if (Date.now() > deadline) throw new Error("the button stayed disabled");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Builds only the preview page (development mode is quicker) into `dir`. */
function buildPreview(dir: string): Promise<void> {
  const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  const args = [
    cli,
    "--mode",
    "development",
    "--env",
    "preview",
    "--env",
    `outputPath=${dir}`,
    "--no-devtool",
  ];
  return new Promise((done, fail) =>
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      err ? fail(new Error(`webpack failed: ${err.message}\n${stdout}\n${stderr}`)) : done(),
    ),
  );
}

/** A static file server for `dir` on 127.0.0.1 and a free port. */
function serve(dir: string): Promise<Server> {
  const s = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent((req.url ?? "/").split("?")[0])));
    if (!path.startsWith(dir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(path)] ?? "application/octet-stream" });
    res.end(readFileSync(path));
  });
  return new Promise((done) => s.listen(0, "127.0.0.1", () => done(s)));
}

/** A small KPI and finance workbook, for when the samples have not been built. */
async function writeFallbackWorkbook(dir: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  const kpis = book.addWorksheet("KPIs");
  kpis.addRows([
    ["Contract Key Performance Indicators"],
    ["Measure", "Target", "Tolerance", "Polarity", "Q3 Performance", "Q4 Performance"],
    ["% of assessments completed in 45 days ©", 0.85, 0.8, "Higher is better", 0.82, 0.88],
    ["% re-referrals within 12 months ©", 0.22, 0.25, "Lower is better", 0.24, 0.27],
    ["Number of children in care per 10,000", 60, 65, "Lower is better", 61, 63],
    ["% of visits on time", 0.9, 0.85, "Higher is better", 0.92, "Not due"],
  ]);
  for (const r of [3, 4, 6]) for (const c of ["B", "C", "E", "F"]) kpis.getCell(`${c}${r}`).numFmt = "0%";
  const fin = book.addWorksheet("Finance");
  fin.addRows([
    ["Revenue budget monitoring, Quarter 4 (£000's)"],
    ["Service", "Budget", "Forecast Outturn", "Variance"],
    ["Children's social care", 40_000, 41_200, -1_200],
    ["Education", 12_000, 11_700, 300],
    ["Total", 52_000, 52_900, -900],
  ]);
  const path = join(dir, "fallback.xlsx");
  await book.xlsx.writeFile(path);
  return path;
}
