import type { WorkbookGrid } from "../../src/engine/Grid";
import { runScore } from "../../src/excel/runScore";
import { kpiSheetGrid } from "../../scripts/bench";
import { FakeExcel, type SyncRecord } from "./FakeExcel";
import { OfficeJsHarness } from "./OfficeJsHarness";

/** One run's requests as office.js sent them. */
export interface RunMeasure {
  reads: number;
  writes: number;
  /** Requests Excel refused, by code (a refused read is read again in chunks, a write halved). */
  refused: string[];
  /** Request bytes: all requests of the run together, the write requests together, the largest one. */
  requestTotal: number;
  writeTotal: number;
  requestLargest: number;
  /** The largest response Excel sent (refused ones left out). */
  responseLargest: number;
  /** Parts of the plan not written (should be none). */
  notWritten: string[];
}

/** A first run (nothing remembered) and a second run on the same workbook. */
export interface ScaleMeasure {
  kpis: number;
  sheets: number;
  first: RunMeasure;
  second: RunMeasure;
  /** Rule ranges the engine planned, their rules, and the rules Excel held after the second run. */
  ruleRanges: number;
  planRules: number;
  rules: number;
}

/**
 * Scores a generated workbook of `kpis` KPIs × 8 periods (the benchmark's scorecard rows, every
 * third measure lower-is-better), on one sheet or split evenly over `sheets` sheets, twice, with
 * the real engine, through Microsoft's office.js (`OfficeJsHarness`), and measures each run's
 * requests from the bodies office.js serialised. Used by the scale test and, run directly, prints
 * the table in docs/excel-addin.md:
 *
 * @example
 * // node bin/run-ts.js test/excel/measureScaleRun.ts
 * const m = await measureScaleRun(10_000, 20); m.first.writes; // 1
 */
export async function measureScaleRun(kpis: number, sheets = 1): Promise<ScaleMeasure> {
  // Spread evenly: the first `kpis % sheets` sheets take one more.
  const count = (i: number) => Math.floor(kpis / sheets) + (i < kpis % sheets ? 1 : 0);
  const grid: WorkbookGrid = {
    sheets: Array.from({ length: sheets }, (_, i) =>
      kpiSheetGrid(sheets === 1 ? "Scorecard" : `Area ${i + 1}`, count(i), i + 1),
    ),
  };
  const fake = FakeExcel.fromGrid(grid);
  const deps = OfficeJsHarness.for(fake).deps();
  const first = await runScore({}, deps);
  const mark = fake.syncs.length;
  const second = await runScore({}, deps);
  return {
    kpis,
    sheets,
    first: measure(fake.syncs.slice(0, mark), first.report.written.notWritten),
    second: measure(fake.syncs.slice(mark), second.report.written.notWritten),
    ruleRanges: second.outcome.plan.conditionalFormats.length,
    planRules: second.outcome.plan.conditionalFormats.reduce((n, c) => n + c.rules.length, 0),
    rules: fake.sheets.reduce((n, s) => n + s.conditionalFormats.length, 0),
  };
}

function measure(syncs: SyncRecord[], notWritten: string[]): RunMeasure {
  const sum = (list: SyncRecord[]) => list.reduce((n, s) => n + s.bytes, 0);
  const writes = syncs.filter((s) => s.suspendedCalculation);
  return {
    reads: syncs.length - writes.length,
    writes: writes.length,
    refused: syncs.flatMap((s) => (s.error ? [s.error] : [])),
    requestTotal: sum(syncs),
    writeTotal: sum(writes),
    requestLargest: syncs.reduce((n, s) => Math.max(n, s.bytes), 0),
    responseLargest: syncs
      .filter((s) => !s.error)
      .reduce((n, s) => Math.max(n, (s as SyncRecord & { responseBytes?: number }).responseBytes ?? 0), 0),
    notWritten,
  };
}

/** The table docs/excel-addin.md shows, one row per measure. */
export function scaleTable(rows: ScaleMeasure[]): string {
  const kb = (n: number) => `${Math.round(n / 1024).toLocaleString("en-GB")} KB`;
  const run = (m: RunMeasure) =>
    `${m.reads + m.writes} (${m.reads} read, ${m.writes} write); ` +
    `${kb(m.requestTotal)} (largest ${kb(m.requestLargest)}); largest response ${kb(m.responseLargest)}` +
    (m.refused.length ? `; ${m.refused.length} read refused as too large, read again in chunks` : "");
  return [
    "| KPIs | Sheets | Rule ranges | First run: syncs; request bytes total (largest); largest response | Second run |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.kpis.toLocaleString("en-GB")} | ${r.sheets} | ${r.ruleRanges} | ${run(r.first)} | ${run(r.second)} |`,
    ),
  ].join("\n");
}

/** The sizes docs/excel-addin.md reports: 10 to 25,000 KPIs, on one sheet and over 20. */
export const SCALE_CASES: [kpis: number, sheets: number][] = [
  [10, 1],
  [1_000, 1],
  [10_000, 1],
  [25_000, 1],
  [10, 20],
  [1_000, 20],
  [10_000, 20],
  [25_000, 20],
];

if (process.argv[1] === __filename) {
  void (async () => {
    const rows: ScaleMeasure[] = [];
    for (const [kpis, sheets] of SCALE_CASES) rows.push(await measureScaleRun(kpis, sheets));
    console.log(scaleTable(rows));
  })().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
