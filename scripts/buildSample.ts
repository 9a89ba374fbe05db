// Builds samples/sample.xlsx (`npm run sample`) from the seed fixture sheets in test/fixtures/seeds/.
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import type { SeedSheet } from "../test/fixtures/seeds/SeedSheet";

/** Where the bundled sample is written. */
export const SAMPLE_PATH = path.join(__dirname, "..", "samples", "sample.xlsx");

const SEEDS_DIR = path.join(__dirname, "..", "test", "fixtures", "seeds");

/** Seed modules in the sample's tab order; any other seed module follows, alphabetically. */
const SEED_ORDER = [
  "contractKpis",
  "partnershipKpis",
  "corporateScorecard",
  "demand",
  "financeSummary2019",
  "careLadder2019",
  "outturn2122",
];

/** A fixed date for the workbook's properties, so that rebuilding changes nothing but zip timestamps. */
const FIXED_DATE = new Date(Date.UTC(2022, 3, 1));

/**
 * Every `SeedSheet` exported by the modules in test/fixtures/seeds/, in the sample's tab order.
 * @example loadSeedSheets().map((s) => s.name) // ["Contract KPIs", ..., "Finance Summary Dec 2019", ...]
 */
export function loadSeedSheets(dir: string = SEEDS_DIR): SeedSheet[] {
  const modules = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== "SeedSheet.ts")
    .map((f) => f.replace(/\.ts$/, ""));
  const rank = (m: string): number => (SEED_ORDER.includes(m) ? SEED_ORDER.indexOf(m) : SEED_ORDER.length);
  modules.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const sheets: SeedSheet[] = [];
  for (const m of modules) {
    const exports = require(path.join(dir, m)) as Record<string, unknown>;
    for (const value of Object.values(exports)) if (isSeedSheet(value)) sheets.push(value);
  }
  return sheets;
}

function isSeedSheet(v: unknown): v is SeedSheet {
  const s = v as SeedSheet;
  return typeof v === "object" && v !== null && typeof s.name === "string" && Array.isArray(s.rows);
}

/**
 * Builds the sample workbook: one worksheet per seed sheet, with the seed's values, number
 * formats, merges and widths, and bold title, header and section rows.
 * @example const wb = buildSampleWorkbook(loadSeedSheets()); await wb.xlsx.writeFile("sample.xlsx");
 */
export function buildSampleWorkbook(seeds: SeedSheet[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Quarterly Scorecard sample builder";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  for (const seed of seeds) addSeedSheet(wb, seed);
  return wb;
}

function addSeedSheet(wb: ExcelJS.Workbook, seed: SeedSheet): void {
  const ws = wb.addWorksheet(seed.name);
  const bold = boldRows(seed.rows);
  seed.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null || value === undefined) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = value;
      if (bold.has(r)) cell.font = { bold: true };
    });
  });
  for (const [address, format] of Object.entries(seed.formats ?? {})) ws.getCell(address).numFmt = format;
  for (const range of seed.merges ?? []) ws.mergeCells(range);
  for (const [letter, width] of Object.entries(seed.widths ?? {})) ws.getColumn(letter).width = width;
}

/**
 * Rows to embolden: titles and section rows (text in the first cell only) and up to two header
 * rows (rows of text only) at the top of each block of rows.
 */
function boldRows(rows: SeedSheet["rows"]): Set<number> {
  const out = new Set<number>();
  let headerRows = 0;
  let inBody = false;
  rows.forEach((row, r) => {
    const filled = row
      .map((v, c) => ({ v, c }))
      .filter((x) => x.v !== null && x.v !== undefined && x.v !== "");
    if (filled.length === 0) {
      // A blank row may end a table; another table's header may follow.
      inBody = false;
      headerRows = 0;
      return;
    }
    if (filled.length === 1 && filled[0].c === 0 && typeof filled[0].v === "string") {
      out.add(r);
      return;
    }
    const allText = filled.every((x) => typeof x.v === "string");
    if (!inBody && allText && headerRows < 2) {
      out.add(r);
      headerRows++;
    } else {
      inBody = true;
    }
  });
  return out;
}

/** Builds the sample and writes it to `target`. */
export async function writeSample(target: string = SAMPLE_PATH): Promise<void> {
  const seeds = loadSeedSheets();
  if (seeds.length === 0) throw new Error(`no seed sheets found in ${SEEDS_DIR}`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await buildSampleWorkbook(seeds).xlsx.writeFile(target);
  process.stdout.write(
    `Wrote ${path.relative(process.cwd(), target)} (${seeds.map((s) => s.name).join(", ")})\n`,
  );
}

// Run only when executed as a script (bin/run-ts.js puts the script's path in argv[1]).
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  writeSample().catch((err: unknown) => {
    process.stderr.write(`buildSample: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
