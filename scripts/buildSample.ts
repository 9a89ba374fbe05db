// Builds the bundled samples (`npm run sample`), one workbook per report quarter, from the seed
// fixture sheets in test/fixtures/seeds/. The same seeds always give the same bytes.
import ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { measureKey } from "../src/engine/kpi/measureKey";
import type { Polarity } from "../src/engine/Settings";
import { STORE_SHEET, type StoreState } from "../src/engine/writeplan/StoreState";
import { writeStoreRows } from "../src/engine/writeplan/writeStoreRows";
import { applyWritePlan } from "./exceljs/applyWritePlan";
import type { SeedSheet } from "../test/fixtures/seeds/SeedSheet";

/** Where the bundled samples are written. */
export const SAMPLES_DIR = path.join(__dirname, "..", "samples");

const SEEDS_DIR = path.join(__dirname, "..", "test", "fixtures", "seeds");

/** One bundled sample: a report's quarter, the seed report it comes from and its seed sheets. */
export interface SampleSpec {
  /** File name in samples/. */
  file: string;
  /** The seed report, in words. */
  source: string;
  /** Seed modules in test/fixtures/seeds/, in tab order. */
  modules: string[];
}

/**
 * The bundled samples, one per report quarter, so that each is coherent on its own (one period
 * scored, one set of counts). Their names sort in date order. Every seed module is in one sample.
 */
export const SAMPLES: SampleSpec[] = [
  {
    file: "dec-15.xlsx",
    source: "seed 004: Doncaster Children's Services Trust's Corporate Scorecard for month Dec-15",
    modules: ["corporateScorecard"],
  },
  {
    file: "q3-2019-20.xlsx",
    source: "seed 000: Performance Challenge of Doncaster Children's Services Trust, Quarter 3 2019/20",
    modules: ["demand", "financeSummary2019", "careLadder2019"],
  },
  {
    file: "q4-2021-22.xlsx",
    source: "seed 001: Doncaster Children's Services Trust's quarterly report, Quarter 4 2021/22",
    modules: ["contractKpis", "partnershipKpis", "outturn2122"],
  },
];

/** A fixed date for the workbook's properties and every zip entry, so a rebuild gives the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2022, 3, 1));

/**
 * Measures the seed tables give no polarity for but that are plainly lower-is-better, as an officer
 * would set them once in the task pane (saved as `settings.polarityOverrides`). Names are as the seed
 * tables write them. Genuinely ambiguous measures (the share of children leaving care on a special
 * guardianship or child arrangement order, caseloads, demand counts) are left out, so the samples
 * still show the "No polarity found" warning. Each sample saves those of its own measures.
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
 * Every `SeedSheet` exported by the modules in test/fixtures/seeds/ (or only `modules`, in that
 * order); otherwise in the samples' order, any module in no sample last, alphabetically.
 * @example loadSeedSheets().map((s) => s.name) // ["Corporate Scorecard", "Demand", ...]
 */
export function loadSeedSheets(dir: string = SEEDS_DIR, modules?: string[]): SeedSheet[] {
  const order = SAMPLES.flatMap((s) => s.modules);
  const names =
    modules ??
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && f !== "SeedSheet.ts")
      .map((f) => f.replace(/\.ts$/, ""));
  const rank = (m: string): number => (order.includes(m) ? order.indexOf(m) : order.length);
  if (!modules) names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const sheets: SeedSheet[] = [];
  for (const m of names) {
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
 * saved settings for the SAMPLE_LOWER_IS_BETTER measures they hold in the store sheet.
 * @example const wb = buildSampleWorkbook(loadSeedSheets(), { savedSettings: true }); await wb.xlsx.writeFile("seeds.xlsx");
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
 * Saves the SAMPLE_LOWER_IS_BETTER measures these seeds hold in the workbook's store sheet exactly
 * as the task pane would: the engine's store rows, written by the same host code (applyWritePlan)
 * into a very hidden sheet. No store when the seeds hold none of them.
 */
function addSavedSettings(wb: ExcelJS.Workbook, seeds: SeedSheet[]): void {
  const inSeeds = seedMeasureKeys(seeds);
  const polarityOverrides: Record<string, Polarity> = {};
  for (const { measure } of SAMPLE_LOWER_IS_BETTER)
    if (inSeeds.has(measureKey(measure))) polarityOverrides[measureKey(measure)] = "lower";
  if (Object.keys(polarityOverrides).length === 0) return;
  const state: StoreState = { version: 1, owned: [], settings: { polarityOverrides }, cf: [] };
  applyWritePlan(wb, {
    sheets: [],
    cfSheets: [],
    conditionalFormats: [],
    store: { sheetName: STORE_SHEET, rows: writeStoreRows(state) },
    deleteSheets: [],
  });
}

/** The measure keys of every text cell of the seeds. */
function seedMeasureKeys(seeds: SeedSheet[]): Set<string> {
  return new Set(
    seeds.flatMap((s) => s.rows.flatMap((r) => r.filter((v) => typeof v === "string").map(measureKey))),
  );
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

/**
 * The workbook's .xlsx bytes with every zip entry dated FIXED_DATE (ExcelJS stamps the time of
 * writing), so that the same workbook always gives the same bytes.
 * @example fs.writeFileSync("a.xlsx", await fixedBytes(wb));
 */
export async function fixedBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const out = new JSZip();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    out.file(entry.name, await entry.async("uint8array"), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
    platform: "DOS",
  });
}

/**
 * Builds one sample's bytes: its seeds' sheets plus the saved settings for its measures.
 * @example fs.writeFileSync("samples/dec-15.xlsx", await buildSampleBytes(SAMPLES[0]));
 */
export async function buildSampleBytes(spec: SampleSpec): Promise<Buffer> {
  const seeds = loadSeedSheets(SEEDS_DIR, spec.modules);
  if (seeds.length === 0) throw new Error(`no seed sheets in ${spec.modules.join(", ")}`);
  const wb = buildSampleWorkbook(seeds, { savedSettings: true });
  wb.title = `Quarterly Scorecard sample: ${spec.source}`;
  return fixedBytes(wb);
}

/**
 * Builds every sample into `dir`, writing only files whose bytes changed. Throws when a seed module
 * is in no sample, or a SAMPLE_LOWER_IS_BETTER measure in none of their seeds (a renamed seed row
 * would silently lose its setting).
 */
export async function writeSamples(dir: string = SAMPLES_DIR): Promise<void> {
  const inSamples = new Set(SAMPLES.flatMap((s) => s.modules));
  const loose = fs
    .readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith(".ts") && f !== "SeedSheet.ts")
    .map((f) => f.replace(/\.ts$/, ""))
    .filter((m) => !inSamples.has(m));
  if (loose.length) throw new Error(`seed modules in no sample: ${loose.join(", ")} (add them to SAMPLES)`);
  const keys = seedMeasureKeys(loadSeedSheets());
  for (const { measure } of SAMPLE_LOWER_IS_BETTER)
    if (!keys.has(measureKey(measure))) throw new Error(`no seed table has the measure "${measure}"`);

  fs.mkdirSync(dir, { recursive: true });
  for (const spec of SAMPLES) {
    const target = path.join(dir, spec.file);
    const bytes = await buildSampleBytes(spec);
    const same = fs.existsSync(target) && fs.readFileSync(target).equals(bytes);
    if (!same) fs.writeFileSync(target, bytes);
    process.stdout.write(
      `${same ? "Unchanged" : "Wrote"} ${path.relative(process.cwd(), target)} (${spec.source})\n`,
    );
  }
}

// Run only when executed as a script (bin/run-ts.js puts the script's path in argv[1]).
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  writeSamples().catch((err: unknown) => {
    process.stderr.write(`buildSample: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
