// Hand-made fixtures for the write-plan tests (the KPI and finance engines are built separately).
import type { CellValue, SheetGrid, WorkbookGrid } from "../../src/engine/Grid";
import type { KpiResult, KpiStatus, StatusCounts } from "../../src/engine/kpi/KpiResult";
import type { ScoreResult } from "../../src/engine/ScoreResult";
import { fromA1 } from "../../src/engine/cells/toA1";
import type { VarianceResult } from "../../src/engine/finance/VarianceResult";
import type { WritePlan } from "../../src/engine/writeplan/WritePlan";

/** A scored KPI with sensible defaults. */
export function kpi(over: Partial<KpiResult> & { measure: string; row: number }): KpiResult {
  return {
    sheet: "KPIs",
    group: "Contract",
    serviceArea: "",
    polarity: "higher",
    polaritySource: "column",
    target: null,
    tolerance: null,
    actual: null,
    status: "no-data",
    trend: null,
    changeVsPrevious: null,
    changeVsYearAgo: null,
    period: "Q4",
    unit: { kind: "percent" },
    previous: null,
    yearAgo: null,
    recent: [],
    tableId: "KPIs!1",
    contract: false,
    actualCell: `D${over.row}`,
    targetCell: `B${over.row}`,
    toleranceCell: `C${over.row}`,
    ...over,
  };
}

/** Counts of a list of KPIs for one group (what countStatuses will give). */
export function countsOf(
  group: string,
  kpis: KpiResult[],
  dimension: StatusCounts["dimension"] = "group",
): StatusCounts {
  const n = (s: KpiStatus): number => kpis.filter((k) => k.status === s).length;
  const reported = n("better") + n("within") + n("outside");
  return {
    group,
    better: n("better"),
    within: n("within"),
    outside: n("outside"),
    noData: n("no-data"),
    noTarget: n("no-target"),
    targetTbc: n("target-tbc"),
    notDue: n("not-due"),
    dimension,
    reported,
    pctBetter: reported ? n("better") / reported : null,
    pctWithin: reported ? n("within") / reported : null,
    pctOutside: reported ? n("outside") / reported : null,
    sentence: "",
  };
}

/** A ScoreResult around the given KPIs and variances. */
export function scoreResult(kpis: KpiResult[], variances: VarianceResult[] = [], period = "Q4"): ScoreResult {
  const groups = [...new Set(kpis.map((k) => k.group))];
  return {
    period,
    kpis,
    counts: [
      ...groups.map((g) =>
        countsOf(
          g,
          kpis.filter((k) => k.group === g),
        ),
      ),
      countsOf("Total", kpis, "total"),
    ],
    variances,
    warnings: [],
    issues: [],
    serviceAreaCounts: [],
    financeHeadlines: [],
    summaryLines: groups.map((g) => `${g} measures: ...`),
    tables: [],
    skipped: [],
  };
}

/** A variance with defaults. */
export function variance(
  over: Partial<VarianceResult> & { name: string; variance: number; row: number },
): VarianceResult {
  return {
    sheet: "Finance",
    budget: 1_000_000,
    forecast: 1_000_000 - over.variance,
    direction: over.variance > 0 ? "underspend" : over.variance < 0 ? "overspend" : "on budget",
    overThreshold: Math.abs(over.variance) >= 100_000,
    isTotal: false,
    movement: null,
    volumeEffect: null,
    priceEffect: null,
    narrative: `${over.name} - narrative`,
    variancePct: over.variance / 1_000_000,
    covid: null,
    tableId: "Finance!1",
    cell: `J${over.row}`,
    ...over,
  };
}

/** A sheet grid from rows of values, from A1. */
export function sheet(name: string, rows: CellValue[][], extra: Partial<SheetGrid> = {}): SheetGrid {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const values = rows.map((r) => Array.from({ length: width }, (_, c) => (r[c] === undefined ? null : r[c])));
  return {
    name,
    originRow: 0,
    originCol: 0,
    values,
    formats: values.map((r) => r.map(() => "General")),
    ...extra,
  };
}

/** What a host does with a plan, on grids: our sheets replaced, deleted sheets gone, the store written. */
export function applyPlanToGrid(wb: WorkbookGrid, plan: WritePlan): WorkbookGrid {
  const drop = new Set([...plan.deleteSheets, ...plan.sheets.map((s) => s.name), plan.store.sheetName]);
  const sheets = wb.sheets.filter((s) => !drop.has(s.name)).map((s) => structuredClone(s));
  for (const w of plan.sheets) {
    const rows: CellValue[][] = [];
    for (const c of w.cells) {
      while (rows.length <= c.row) rows.push([]);
      rows[c.row][c.col] = c.value;
    }
    const s = sheet(w.name, rows);
    for (const c of w.cells) if (c.style?.numberFormat) s.formats[c.row][c.col] = c.style.numberFormat;
    sheets.push(s);
  }
  sheets.push(sheet(plan.store.sheetName, plan.store.rows, { visibility: "veryHidden" }));
  return { sheets };
}

/** Sets one cell of a sheet grid (growing it as needed), as an officer typing. */
export function setCell(wb: WorkbookGrid, sheetName: string, a1: string, value: CellValue): void {
  const s = wb.sheets.find((x) => x.name === sheetName);
  if (!s) throw new Error(`no sheet ${sheetName}`);
  const { row, col } = fromA1(a1);
  const width = Math.max(s.values[0]?.length ?? 0, col + 1);
  while (s.values.length <= row) s.values.push([]);
  for (let r = 0; r < s.values.length; r++) {
    while (s.values[r].length < width) s.values[r].push(null);
    s.formats[r] = s.formats[r] ?? [];
    while (s.formats[r].length < width) s.formats[r].push("General");
  }
  s.values[row][col] = value;
}

/** Inserts a blank row above 0-based `row` of a sheet grid, as an officer inserting a row. */
export function insertRow(wb: WorkbookGrid, sheetName: string, row: number): void {
  const s = wb.sheets.find((x) => x.name === sheetName)!;
  const width = s.values[0]?.length ?? 0;
  s.values.splice(
    row,
    0,
    Array.from({ length: width }, () => null),
  );
  s.formats.splice(
    row,
    0,
    Array.from({ length: width }, () => "General"),
  );
}

/** The A1 address of the first cell whose text equals `text` on a sheet, or undefined. */
export function findText(
  wb: WorkbookGrid,
  sheetName: string,
  text: string,
): { row: number; col: number } | undefined {
  const s = wb.sheets.find((x) => x.name === sheetName)!;
  for (let r = 0; r < s.values.length; r++)
    for (let c = 0; c < s.values[r].length; c++) if (s.values[r][c] === text) return { row: r, col: c };
  return undefined;
}
