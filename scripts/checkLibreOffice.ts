// `npm run check:libreoffice`: an outside reader's check that our .xlsx files are sound.
// Scores each bundled sample to a temp file, converts it to PDF with headless LibreOffice
// (Debian: apt-get install libreoffice-calc poppler-utils), fails on any LibreOffice error or a
// missing PDF, prints how long it took, checks our sheets' printed pages with `pdftotext -bbox`
// (checkPrintedPages: a header and a page number on every page, header rows repeated, no body text
// under 8 pt), checks that the Scorecard Summary's native charts are drawn (`checkCharts`), and
// renders the summary and commentary pages of the PICTURED sample to PNG
// (docs/images/) for the README.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { scoreXlsxBuffer } from "../src/xlsx/scoreXlsxBuffer";
import { buildCouncilWorkbooks } from "./buildCouncilWorkbooks";
import { convertToPdf, pageCount, pageTexts, runTool } from "./runTool";
import { checkPrintedPages } from "./checkPrintedPages";
import type { ChartWrite, SheetWrite } from "../src/engine/writeplan/WritePlan";
import { checkReports } from "./checkReportLibreOffice";
import { SAMPLES, SAMPLES_DIR } from "./buildSample";

const ROOT = path.join(__dirname, "..");
/** The sample the README pictures: KPI tables with targets and tolerances, and a finance table. */
const PICTURED = "q4-2021-22.xlsx";
const IMAGES = path.join(ROOT, "docs", "images");

/**
 * The page (1-based) that best shows one of our sheets: the one holding the most of the sheet's
 * first text cells (a short prefix of each, as long cells wrap), its title counting a little more.
 */
function findPage(
  texts: string[],
  cells: { row: number; col: number; value: unknown }[],
): number | undefined {
  const strings = [...cells]
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .filter((c) => typeof c.value === "string" && c.value.trim().length >= 8)
    .slice(0, 12)
    .map((c) => String(c.value).replace(/\s+/g, " ").trim().slice(0, 24));
  let best: { page: number; score: number } | undefined;
  texts.forEach((text, i) => {
    const score = strings.reduce((n, s, k) => n + (text.includes(s) ? (k === 0 ? 1.5 : 1) : 0), 0);
    if (score > 0 && (!best || score > best.score)) best = { page: i + 1, score };
  });
  return best?.page;
}

/**
 * Fails unless LibreOffice drew each of the Summary's native charts: its title is printed twice,
 * once under the chart in its caption (the alt text, a cell) and once by the chart itself, and a
 * variance chart's bar labels ("£805k under", from the chart's label format: the cells hold
 * "805") are printed. Returns a line for the log, or "" when the plan has no chart.
 */
function checkCharts(texts: string[], charts: ChartWrite[], file: string): string {
  if (charts.length === 0) return "";
  const all = texts.join("\n").replace(/\s+/g, " ");
  for (const chart of charts) {
    const title = chart.title.replace(/\s+/g, " ");
    const times = all.split(title).length - 1;
    if (times < 2)
      throw new Error(
        `LibreOffice did not draw the chart "${chart.title}" of the scored ${file} (its title is printed ${times} time(s))`,
      );
    if (chart.kind === "column" && !/£[\d,]+k (under|over)/.test(all))
      throw new Error(`LibreOffice drew no bar labels on the chart "${chart.title}" of the scored ${file}`);
  }
  return `${charts.length} chart(s) drawn: ${charts.map((c) => `"${c.title}"`).join(", ")}`;
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scorecard-lo-"));
  try {
    for (const { file } of SAMPLES) await checkSample(file, tmp);
    await checkCouncilWorkbooks(tmp);
    await checkReports(tmp);
    await checkFidelityWorkbooks(tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Scores one bundled sample, converts it to PDF, and for PICTURED renders the README's pictures. */
async function checkSample(file: string, tmp: string): Promise<void> {
  const { outcome, output } = await scoreXlsxBuffer(
    new Uint8Array(fs.readFileSync(path.join(SAMPLES_DIR, file))),
  );
  const base = file.replace(/\.xlsx$/, "");
  const scored = path.join(tmp, `${base}.scored.xlsx`);
  fs.writeFileSync(scored, output);

  const started = Date.now();
  const loText = convertToPdf([scored], tmp, tmp);
  const seconds = (Date.now() - started) / 1000;
  const pdf = path.join(tmp, `${base}.scored.pdf`);
  if (!fs.existsSync(pdf) || fs.statSync(pdf).size === 0) {
    throw new Error(`LibreOffice wrote no PDF for ${file}: ${loText.trim()}`);
  }
  const pages = pageCount(pdf, tmp);
  process.stdout.write(
    `LibreOffice converted the scored ${file} to a ${pages}-page PDF in ${seconds.toFixed(1)} s\n`,
  );
  // Our sheets' pages: numbered, headed, header rows repeated, body text 8 pt or more.
  for (const m of await checkPrintedPages(pdf, outcome.plan.sheets, tmp))
    process.stdout.write(
      `  ${m.sheet}: ${m.pages.length} page(s), body text ${m.usual} pt (smallest ${m.smallest} pt), every page numbered\n`,
    );
  const texts = pageTexts(pdf, pages, tmp);
  const charts = checkCharts(texts, outcome.plan.charts ?? [], file);
  if (charts) process.stdout.write(`  ${charts}\n`);
  if (file !== PICTURED) return;

  fs.mkdirSync(IMAGES, { recursive: true });
  for (const role of ["summary", "commentary"] as const) {
    const sheet = outcome.plan.sheets.find((s) => s.role === role);
    if (!sheet) throw new Error(`the write plan has no ${role} sheet`);
    const page = findPage(texts, sheet.cells);
    if (page === undefined) throw new Error(`no page of the PDF shows the ${role} sheet "${sheet.name}"`);
    const target = path.join(IMAGES, `sample-${role}`);
    runTool(
      "pdftoppm",
      [
        "-png",
        "-scale-to-x",
        "1800",
        "-scale-to-y",
        "-1",
        "-f",
        String(page),
        "-l",
        String(page),
        "-singlefile",
        pdf,
        target,
      ],
      tmp,
    );
    process.stdout.write(
      `Wrote ${path.relative(ROOT, target)}.png (${file}, PDF page ${page}: ${sheet.name})\n`,
    );
  }
}

/**
 * Scores every council-corpus workbook (other councils' layouts) and has LibreOffice convert each
 * scored copy to PDF in one run: every one must open and convert.
 */
async function checkCouncilWorkbooks(tmp: string): Promise<void> {
  const dir = path.join(tmp, "councils");
  const inputs = await buildCouncilWorkbooks(dir);
  const scored: string[] = [];
  const sheets: SheetWrite[][] = [];
  for (const input of inputs) {
    const { outcome, output } = await scoreXlsxBuffer(new Uint8Array(fs.readFileSync(input)));
    const target = input.replace(/\.xlsx$/, ".scored.xlsx");
    fs.writeFileSync(target, output);
    scored.push(target);
    sheets.push(outcome.plan.sheets);
  }
  const started = Date.now();
  convertToPdf(scored, dir, tmp);
  const missing = scored.filter((x) => {
    const pdf = x.replace(/\.xlsx$/, ".pdf");
    return !fs.existsSync(pdf) || fs.statSync(pdf).size === 0;
  });
  if (missing.length)
    throw new Error(`LibreOffice wrote no PDF for ${missing.map((m) => path.basename(m)).join(", ")}`);
  process.stdout.write(
    `LibreOffice converted ${scored.length} scored council workbooks to PDF in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  // Other councils' layouts print as well: every page numbered and headed, no body text under 8 pt.
  let smallest = Infinity;
  for (const [i, file] of scored.entries())
    for (const m of await checkPrintedPages(file.replace(/\.xlsx$/, ".pdf"), sheets[i], tmp))
      smallest = Math.min(smallest, m.smallest);
  process.stdout.write(`  their sheets' pages: every one numbered, body text ${smallest} pt or more\n`);
}

/**
 * Scores every fidelity fixture (test/fixtures/xlsx: openpyxl, LibreOffice and Excel-shaped
 * workbooks with charts, pictures, macros, protection, sparklines...) twice, and has LibreOffice
 * convert each scored copy, first and second run, to PDF: every one must open and convert.
 */
async function checkFidelityWorkbooks(tmp: string): Promise<void> {
  const from = path.join(__dirname, "..", "test", "fixtures", "xlsx");
  const dir = path.join(tmp, "fidelity");
  fs.mkdirSync(dir, { recursive: true });
  const scored: string[] = [];
  for (const name of fs.readdirSync(from).filter((n) => /\.xls[xm]$/.test(n))) {
    const once = await scoreXlsxBuffer(new Uint8Array(fs.readFileSync(path.join(from, name))));
    const twice = await scoreXlsxBuffer(once.output);
    const ext = path.extname(name);
    for (const [run, bytes] of [
      ["scored", once.output],
      ["rescored", twice.output],
    ] as const) {
      const target = path.join(dir, `${path.basename(name, ext)}.${run}${ext}`);
      fs.writeFileSync(target, bytes);
      scored.push(target);
    }
  }
  const started = Date.now();
  convertToPdf(scored, dir, tmp);
  const missing = scored.filter((x) => {
    const pdf = x.replace(/\.xls[xm]$/, ".pdf");
    return !fs.existsSync(pdf) || fs.statSync(pdf).size === 0;
  });
  if (missing.length)
    throw new Error(`LibreOffice wrote no PDF for ${missing.map((m) => path.basename(m)).join(", ")}`);
  process.stdout.write(
    `LibreOffice converted ${scored.length} scored fidelity workbooks to PDF in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`check:libreoffice: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
