import type { SheetGrid, WorkbookGrid } from "../../src/engine/Grid";
import type { ScoreOutcome, scoreWorkbook } from "../../src/engine/scoreWorkbook";
import type { ScoreResult } from "../../src/engine/ScoreResult";
import { DEFAULT_SETTINGS } from "../../src/engine/Settings";
import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { CF_MARKER, type PlanCell, type WritePlan } from "../../src/engine/writeplan/WritePlan";

/**
 * A generated KPI sheet of `n` measures, as officers lay them out: a title, a header row at row 3,
 * then Measure, Target, Tolerance and four quarters (percentages).
 */
export function kpiSheet(n: number, name = "KPIs"): SheetGrid {
  const values: SheetGrid["values"] = [
    ["Key performance indicators 2024/25", null, null, null, null, null, null],
    [null, null, null, null, null, null, null],
    ["Measure", "Target", "Tolerance", "Q1", "Q2", "Q3", "Q4"],
  ];
  const formats: string[][] = values.map((r) => r.map(() => "General"));
  for (let i = 0; i < n; i++) {
    const v = (k: number) => Math.round(((i * 37 + k * 11) % 100) * 10) / 1000;
    values.push([`Measure ${i + 1}`, 0.9, 0.75, v(1), v(2), v(3), i % 13 === 0 ? "n/a" : v(4)]);
    formats.push(["General", "0%", "0%", "0%", "0%", "0%", "0%"]);
  }
  return {
    name,
    originRow: 0,
    originCol: 0,
    values,
    formats,
    merges: [{ top: 0, left: 0, bottom: 0, right: 6 }],
  };
}

/** A workbook with a KPI sheet of `n` measures and a notes sheet that starts at C2. */
export function kpiWorkbook(n: number): WorkbookGrid {
  const notes: SheetGrid = {
    name: "Notes",
    originRow: 1,
    originCol: 2,
    values: [
      ["Prepared by", "Performance team"],
      ["Date", 45382],
    ],
    formats: [
      ["General", "General"],
      ["General", "dd/mm/yyyy"],
    ],
  };
  return { sheets: [kpiSheet(n), notes] };
}

const STATUS = [
  { status: "outside", fill: "#F4CCCC", font: "#660000" },
  { status: "within", fill: "#FFE599", font: "#5C4400" },
  { status: "better", fill: "#D9EAD3", font: "#1E4620" },
] as const;

/**
 * A write plan built by hand for a KPI sheet of `n` measures: a summary sheet, a commentary
 * sheet with one row per measure (ordered by status, styled, one formula), three RAG rules over
 * the Q4 column, and the store. Independent of the engine, so sync counts can be tested at scale.
 */
export function handPlan(n: number, sheet = "KPIs"): WritePlan {
  const summary: PlanCell[] = [
    { row: 0, col: 0, value: "Scorecard summary: Q4", style: { bold: true } },
    { row: 2, col: 0, value: "Measures scored", style: { bold: true, borderBottom: true } },
    { row: 2, col: 1, value: n },
    { row: 3, col: 0, value: "Rows in commentary" },
    { row: 3, col: 1, value: null, formula: `COUNTA('KPI Commentary'!B2:B${n + 1})` },
    { row: 4, col: 0, value: "=not a formula, typed text" },
  ];
  const commentary: PlanCell[] = [];
  [
    "Group",
    "Measure",
    "Target",
    "Tolerance",
    "Actual",
    "Status",
    "Trend",
    "Sentence",
    "Officer commentary",
  ].forEach((h, col) =>
    commentary.push({ row: 0, col, value: h, style: { bold: true, borderBottom: true, fill: "#D9D9D9" } }),
  );
  for (let i = 0; i < n; i++) {
    const s = STATUS[Math.floor((i * STATUS.length) / Math.max(1, n))];
    const row = i + 1;
    commentary.push(
      { row, col: 0, value: "Contract" },
      { row, col: 1, value: `Measure ${i + 1}` },
      { row, col: 2, value: 0.9, style: { numberFormat: "0%" } },
      { row, col: 3, value: 0.75, style: { numberFormat: "0%" } },
      { row, col: 4, value: ((i * 37) % 100) / 100, style: { numberFormat: "0%" } },
      {
        row,
        col: 5,
        value: `${s.status === "outside" ? "▼" : "▲"} ${s.status}`,
        style: { fill: s.fill, fontColor: s.font },
      },
      { row, col: 6, value: "stable" },
      {
        row,
        col: 7,
        value: `Measure ${i + 1}: 85% against a target of 90% (tolerance 75%); up 2 percentage points on Q3.`,
        style: { wrap: true },
      },
    );
  }
  const q4 = `G4:G${n + 3}`;
  return {
    sheets: [
      {
        role: "summary",
        name: "Scorecard Summary",
        cells: summary,
        columnWidths: [40, 12],
        freezeRows: 0,
        editableCols: [],
      },
      {
        role: "commentary",
        name: "KPI Commentary",
        cells: commentary,
        columnWidths: [12, 40, 8, 8, 8, 14, 10, 60, 40],
        freezeRows: 1,
        editableCols: [8],
      },
    ],
    cfSheets: [sheet],
    conditionalFormats: [
      {
        sheet,
        range: q4,
        anchor: "G4",
        rules: STATUS.map((s, k) => ({
          formula: `AND(ISNUMBER(G4),${["G4<$C4", "G4<$B4", "G4>=$B4"][k]})+${CF_MARKER}`,
          fill: s.fill,
          fontColor: s.font,
          status: s.status,
          stopIfTrue: true,
        })),
      },
    ],
    store: {
      sheetName: STORE_SHEET,
      rows: [
        ["version", "1"],
        ["settings", JSON.stringify({ threshold: 250000 })],
      ],
    },
    deleteSheets: [],
  };
}

/** An empty score result for stand-in scorers. */
export function emptyResult(): ScoreResult {
  return {
    period: "Q4",
    kpis: [],
    counts: [],
    variances: [],
    warnings: [],
    issues: [],
    serviceAreaCounts: [],
    financeHeadlines: [],
    summaryLines: [],
    tables: [],
    skipped: [],
  };
}

/** A stand-in for `scoreWorkbook` returning `plan(grid)`; records the grids it was given. */
export function stubScorer(
  plan: (grid: WorkbookGrid) => WritePlan,
): typeof scoreWorkbook & { grids: WorkbookGrid[] } {
  const grids: WorkbookGrid[] = [];
  const fn = (grid: WorkbookGrid): ScoreOutcome => {
    grids.push(grid);
    return {
      result: emptyResult(),
      plan: plan(grid),
      kpiTables: [],
      financeTables: [],
      settings: DEFAULT_SETTINGS,
    };
  };
  return Object.assign(fn, { grids });
}
