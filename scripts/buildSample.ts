// Builds samples/sample.xlsx (`npm run sample`) from the seed fixture sheets in test/fixtures/seeds/.
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { measureKey } from "../src/engine/kpi/measureKey";
import type { Polarity } from "../src/engine/Settings";
import { STORE_SHEET, type StoreState } from "../src/engine/writeplan/StoreState";
import { writeStoreRows } from "../src/engine/writeplan/writeStoreRows";
import { applyWritePlan } from "../src/xlsx/applyWritePlan";
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
 * Measures the seed tables give no polarity for but that are plainly lower-is-better, as an officer
 * would set them once in the task pane (saved as `settings.polarityOverrides`). Names are as the seed
 * tables write them. Genuinely ambiguous measures (the share of children leaving care on a special
 * guardianship or child arrangement order, caseloads, demand counts) are left out, so the sample
 * still shows the "No polarity found" warning.
 */
export const SAMPLE_LOWER_IS_BETTER: { measure: string; why: string }[] = [
  {
    measure: "%Re-Referrals ©",
    why: "seed 003: the re-referral rate at 23% 'is better than the national figure of 24%'; seed 001 §22: 5% was 'the second lowest in the Yorkshire and Humber Region'",
  },
  {
    measure: "%Children subject to a CPP for a second time ©",
    why: "seed 000 §27 lists 'children becoming subject of a child protection plan for a second or subsequent time' among measures better than target (15% against 15%)",
  },
  {
    measure: "Children on CPP for more than 2 years ©",
    why: "seed 000 §27 lists 'Percentage of Child Protection Plans lasting two years' as better than target; the Partnership KPIs table's tolerance for it (3%) marks it lower-is-better",
  },
  {
    measure: "LAC Stability - 3 placement changes in year ©",
    why: "the Contract KPIs table's own 'Percentage of 3+ moves in last 12 months (lower the better)'; seed 000: 'Placement changes are tracked weekly, including reason for placement breakdown'",
  },
  {
    measure: "Average Length of Care Proceedings (weeks) ©",
    why: "seed 003 reports as an achievement that it 'has reduced from 34 weeks at transfer to 24 weeks'; seed 000: 'the national expectation of 26 weeks'",
  },
  {
    measure: "Time taken from child entering care to being placed with adopters ³",
    why: "seed 001 §48: 463 days is 'slightly outside of the target, which would equate to 426 days'",
  },
  {
    measure: "Children entering the criminal justice system for the first time",
    why: "seed 001 §72: first-time entrants were 'better than the target' at 124 per 100,000 against 194",
  },
  {
    measure: "Re-offending rates",
    why: "seed 000 §27 lists the 'Reoffending Rate after 12 Months' as better than target; seed 001 §70 praises 'preventing re-offending'",
  },
  {
    measure: "Episodes of Children missing for >24 hours in rolling 3 months",
    why: "seed 003 reports 'a significant reduction in the numbers of children missing from care' as an achievement",
  },
  {
    measure: "Episodes of CIC missing for >24 hours, in rolling 3 months",
    why: "seed 003 reports 'a significant reduction in the numbers of children missing from care' as an achievement",
  },
  {
    measure: "Average days lost to sickness",
    why: "seed 003 aims for 'Sickness levels below 7%'",
  },
];

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
 * formats, merges and widths, and bold title, header and section rows; with `savedSettings`, also the
 * bundled sample's saved settings (SAMPLE_LOWER_IS_BETTER) in the store sheet.
 * @example const wb = buildSampleWorkbook(loadSeedSheets(), { savedSettings: true }); await wb.xlsx.writeFile("sample.xlsx");
 */
export function buildSampleWorkbook(
  seeds: SeedSheet[],
  options: { savedSettings?: boolean } = {},
): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Quarterly Scorecard sample builder";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  for (const seed of seeds) addSeedSheet(wb, seed);
  if (options.savedSettings) addSavedSettings(wb, seeds);
  return wb;
}

/**
 * Saves SAMPLE_LOWER_IS_BETTER in the workbook's store sheet exactly as the task pane would: the
 * engine's store rows, written by the same host code (applyWritePlan) into a very hidden sheet.
 * Throws when a measure is not in the seeds (a renamed seed row would silently lose its override).
 */
function addSavedSettings(wb: ExcelJS.Workbook, seeds: SeedSheet[]): void {
  const inSeeds = new Set(
    seeds.flatMap((s) => s.rows.flatMap((r) => r.filter((v) => typeof v === "string").map(measureKey))),
  );
  const polarityOverrides: Record<string, Polarity> = {};
  for (const { measure } of SAMPLE_LOWER_IS_BETTER) {
    if (!inSeeds.has(measureKey(measure))) throw new Error(`no seed table has the measure "${measure}"`);
    polarityOverrides[measureKey(measure)] = "lower";
  }
  const state: StoreState = { version: 1, owned: [], settings: { polarityOverrides }, cf: [] };
  applyWritePlan(wb, {
    sheets: [],
    cfSheets: [],
    conditionalFormats: [],
    store: { sheetName: STORE_SHEET, rows: writeStoreRows(state) },
    deleteSheets: [],
  });
}

/**
 * Adds a sheet laid out as a `SeedSheet` says (values, number formats, merges, widths; titles and
 * header rows in bold).
 * @example addSeedSheet(wb, contractKpis)
 */
export function addSeedSheet(wb: ExcelJS.Workbook, seed: SeedSheet): void {
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
  await buildSampleWorkbook(seeds, { savedSettings: true }).xlsx.writeFile(target);
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
