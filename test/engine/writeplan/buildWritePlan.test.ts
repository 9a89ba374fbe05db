import { buildWritePlan } from "../../../src/engine/writeplan/buildWritePlan";
import type { FinanceTable } from "../../../src/engine/finance/FinanceTable";
import type { CellValue, WorkbookGrid } from "../../../src/engine/Grid";
import type { KpiResult } from "../../../src/engine/kpi/KpiResult";
import type { KpiTable } from "../../../src/engine/kpi/KpiTable";
import { readStore } from "../../../src/engine/writeplan/readStore";
import { DEFAULT_SETTINGS, type Settings } from "../../../src/engine/Settings";
import { STORE_SHEET } from "../../../src/engine/writeplan/StoreState";
import type { VarianceResult } from "../../../src/engine/finance/VarianceResult";
import type { WritePlan } from "../../../src/engine/writeplan/WritePlan";
import {
  applyPlanToGrid,
  findText,
  insertRow,
  kpi,
  scoreResult,
  setCell,
  sheet,
  variance,
} from "../planFixtures";

const kpiTable = { kind: "kpi", id: "KPIs!1", sheet: "KPIs" } as KpiTable;
const financeTable = { kind: "finance", id: "Finance!1", sheet: "Finance" } as FinanceTable;

/** A user's KPI sheet and the KPIs scored from it (statuses set by hand). */
function userWorkbook(): { wb: WorkbookGrid; kpis: KpiResult[] } {
  const rows: CellValue[][] = [["Measure", "Target", "Tolerance", "Q4"]];
  const kpis: KpiResult[] = [];
  const statuses = [
    "better",
    "within",
    "outside",
    "no-data",
    "better",
    "outside",
    "within",
    "better",
    "target-tbc",
    "not-due",
    "no-target",
    "better",
  ] as const;
  statuses.forEach((status, i) => {
    const row = i + 2;
    const actual = status === "no-data" || status === "not-due" ? null : 0.5 + i / 100;
    rows.push([`Measure ${i + 1}`, 0.6, 0.45, actual ?? "n/a"]);
    kpis.push(
      kpi({
        measure: `Measure ${i + 1}`,
        row,
        status,
        actual,
        target: 0.6,
        tolerance: 0.45,
        group: i < 6 ? "Contract" : "Partnership",
      }),
    );
  });
  return { wb: { sheets: [sheet("KPIs", rows), sheet("Finance", [["Heading", "Budget"]])] }, kpis };
}

function plan(
  wb: WorkbookGrid,
  kpis: KpiResult[],
  opts: { period?: string; variances?: VarianceResult[]; settings?: Partial<Settings> } = {},
) {
  const { state, issues } = readStore(wb);
  expect(issues).toEqual([]);
  const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  return buildWritePlan({
    result: scoreResult(kpis, opts.variances ?? [], opts.period ?? "Q4"),
    kpiTables: [kpiTable],
    financeTables: opts.variances ? [financeTable] : [],
    workbook: wb,
    settings,
    state,
  });
}

/** Every non-empty text in column `header` of a sheet, by the Measure (or Line) on its row. */
function column(wb: WorkbookGrid, sheetName: string, header: string, key = "Measure"): Map<string, string> {
  const s = wb.sheets.find((x) => x.name === sheetName)!;
  const h = findText(wb, sheetName, header)!;
  const k = s.values[h.row].indexOf(key);
  const out = new Map<string, string>();
  for (let r = h.row + 1; r < s.values.length; r++) {
    const v = s.values[r][h.col];
    if (typeof v === "string" && v && v !== header) out.set(String(s.values[r][k]), v);
  }
  return out;
}

/** Every text anywhere on a sheet. */
function allText(wb: WorkbookGrid, sheetName: string): string[] {
  return wb.sheets
    .find((x) => x.name === sheetName)!
    .values.flat()
    .filter((v): v is string => typeof v === "string");
}

function typeCommentary(
  wb: WorkbookGrid,
  sheetName: string,
  texts: Record<string, string>,
  key = "Measure",
): void {
  const s = wb.sheets.find((x) => x.name === sheetName)!;
  const h = findText(wb, sheetName, "Officer commentary")!;
  const k = s.values[h.row].indexOf(key);
  for (let r = h.row + 1; r < s.values.length; r++) {
    const text = texts[String(s.values[r][k])];
    if (text) setCell(wb, sheetName, `${String.fromCharCode(65 + h.col)}${r + 1}`, text);
  }
}

describe("buildWritePlan", () => {
  it("writes our three sheets, RAG rules, and a store both hosts can read back", () => {
    const { wb, kpis } = userWorkbook();
    const { plan: p, issues } = plan(wb, kpis);
    expect(issues).toEqual([]);
    expect(p.sheets.map((s) => [s.role, s.name])).toEqual([
      ["summary", "Scorecard Summary"],
      ["commentary", "KPI Commentary"],
      ["narrative", "Variance Narrative"],
    ]);
    expect(p.deleteSheets).toEqual([]);
    expect(p.cfSheets).toEqual(["KPIs"]);
    expect(p.conditionalFormats.length).toBeGreaterThan(0);
    expect(p.store.sheetName).toBe(STORE_SHEET);
    const after = applyPlanToGrid(wb, p);
    const { state } = readStore(after);
    expect(state.owned).toEqual(p.sheets.map((s) => ({ role: s.role, name: s.name })));
    expect(state.lastPeriod).toBe("Q4");
    expect(state.cf).toEqual(p.conditionalFormats.map((c) => ({ sheet: c.sheet, range: c.range })));
    expect(state.settings).toEqual(
      expect.objectContaining({ threshold: 100_000, sheetNames: DEFAULT_SETTINGS.sheetNames }),
    );
    expect(state.settings).not.toHaveProperty("period");
  });

  it("is idempotent: a plan built from the workbook it produced is the same plan", () => {
    const { wb, kpis } = userWorkbook();
    const variances = [variance({ name: "Looked After Children", variance: 805_000, row: 3 })];
    const first = plan(wb, kpis, { variances }).plan;
    const wb1 = applyPlanToGrid(wb, first);
    const second = plan(wb1, kpis, { variances }).plan;
    expect(second).toEqual(first);
    const wb2 = applyPlanToGrid(wb1, second);
    expect(wb2.sheets.map((s) => s.name)).toEqual(wb1.sheets.map((s) => s.name));
    expect(plan(wb2, kpis, { variances }).plan).toEqual(first);
  });

  it("never overwrites a user's sheet with our name, and stays put on re-runs", () => {
    const { wb, kpis } = userWorkbook();
    wb.sheets.push(sheet("Scorecard Summary", [["The officer's own summary"]]));
    const first = plan(wb, kpis);
    expect(first.plan.sheets[0].name).toBe("Scorecard Summary (2)");
    expect(first.issues).toEqual([expect.objectContaining({ code: "sheet-name-taken" })]);
    const wb1 = applyPlanToGrid(wb, first.plan);
    expect(wb1.sheets.find((s) => s.name === "Scorecard Summary")!.values).toEqual([
      ["The officer's own summary"],
    ]);
    const second = plan(wb1, kpis);
    expect(second.plan).toEqual(first.plan);
    expect(second.plan.deleteSheets).toEqual([]);
  });

  it("leaves an officer's sheet called QScorecard_Store as it is: our store moves, is found again, and a warning names it", () => {
    const { wb, kpis } = userWorkbook();
    wb.sheets.push(sheet(STORE_SHEET, [["my own notes"]]));
    const first = plan(wb, kpis);
    expect(first.plan.store.sheetName).toBe("QScorecard_Store (2)");
    expect(first.plan.deleteSheets).toEqual([]);
    expect(first.plan.sheets.map((s) => s.name)).toEqual([
      "Scorecard Summary",
      "KPI Commentary",
      "Variance Narrative",
    ]);
    expect(first.issues).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "store-name-taken",
        sheet: STORE_SHEET,
        cell: "A1",
      }),
    ]);
    expect(first.issues[0].message).toContain('"QScorecard_Store (2)"');

    // The next run finds the moved store: commentary and settings carried, the same plan.
    const wb1 = applyPlanToGrid(wb, first.plan);
    expect(wb1.sheets.find((s) => s.name === STORE_SHEET)!.values).toEqual([["my own notes"]]);
    typeCommentary(wb1, "KPI Commentary", { "Measure 2": "Staff sickness in March." });
    const second = plan(wb1, kpis);
    expect(second.plan.store).toEqual(first.plan.store);
    expect(second.plan.deleteSheets).toEqual([]);
    const wb2 = applyPlanToGrid(wb1, second.plan);
    expect(column(wb2, "KPI Commentary", "Officer commentary").get("Measure 2")).toBe(
      "Staff sickness in March.",
    );
    expect(wb2.sheets.find((s) => s.name === STORE_SHEET)!.values).toEqual([["my own notes"]]);
  });

  it("a damaged store of ours is still ours: rewritten in place, never moved", () => {
    const { wb, kpis } = userWorkbook();
    const wb1 = applyPlanToGrid(wb, plan(wb, kpis).plan);
    const store = wb1.sheets.find((s) => s.name === STORE_SHEET)!;
    store.values[1][1] = "[{not json";
    const { state, issues } = readStore(wb1);
    expect(issues).toEqual([expect.objectContaining({ code: "store-corrupt", sheet: STORE_SHEET })]);
    const again = buildWritePlan({
      result: scoreResult(kpis, [], "Q4"),
      kpiTables: [kpiTable],
      financeTables: [],
      workbook: wb1,
      settings: DEFAULT_SETTINGS,
      state,
    });
    expect(again.plan.store.sheetName).toBe(STORE_SHEET);
    expect(again.issues.map((i) => i.code)).not.toContain("store-name-taken");
  });

  it("never deletes an officer's sheet named like the store, even when a store lists it", () => {
    const { wb, kpis } = userWorkbook();
    const wb1 = applyPlanToGrid(wb, plan(wb, kpis).plan);
    const store = wb1.sheets.find((s) => s.name === STORE_SHEET)!;
    store.name = "QScorecard_Store (2)";
    wb1.sheets.push(sheet(STORE_SHEET, [["my own notes"]]));
    const { state } = readStore(wb1);
    state.owned.push({ role: "summary", name: STORE_SHEET });
    const got = buildWritePlan({
      result: scoreResult(kpis, [], "Q4"),
      kpiTables: [kpiTable],
      financeTables: [],
      workbook: wb1,
      settings: DEFAULT_SETTINGS,
      state,
    });
    expect(got.plan.deleteSheets).not.toContain(STORE_SHEET);
    expect(got.plan.sheets.map((s) => s.name)).not.toContain(STORE_SHEET);
    expect(got.plan.store.sheetName).toBe("QScorecard_Store (2)");
  });

  it("moves commentary to a renamed sheet and deletes the old one", () => {
    const { wb, kpis } = userWorkbook();
    const wb1 = applyPlanToGrid(wb, plan(wb, kpis).plan);
    typeCommentary(wb1, "KPI Commentary", { "Measure 2": "Staff sickness in March." });
    const renamed = plan(wb1, kpis, {
      settings: { sheetNames: { ...DEFAULT_SETTINGS.sheetNames, commentary: "Commentary" } },
    }).plan;
    expect(renamed.deleteSheets).toEqual(["KPI Commentary"]);
    const wb2 = applyPlanToGrid(wb1, renamed);
    expect(column(wb2, "Commentary", "Officer commentary").get("Measure 2")).toBe("Staff sickness in March.");
  });

  it("keeps every typed word through changed figures, reordered and inserted rows, renamed and deleted measures", () => {
    const { wb, kpis } = userWorkbook();
    let book = applyPlanToGrid(wb, plan(wb, kpis).plan);
    const typed: Record<string, string> = {};
    kpis.forEach((k, i) => (typed[k.measure] = `Officer note ${i + 1}: ${k.measure} explained.`));
    typeCommentary(book, "KPI Commentary", typed);
    // The officer inserts a blank row inside the table and types a note on it.
    const header = findText(book, "KPI Commentary", "Officer commentary")!;
    insertRow(book, "KPI Commentary", header.row + 3);
    setCell(
      book,
      "KPI Commentary",
      `${String.fromCharCode(65 + header.col)}${header.row + 4}`,
      "A loose note on an inserted row.",
    );

    // Figures change (rows reorder by exception), one measure's spacing and case change, one measure goes.
    const next = kpis
      .filter((k) => k.measure !== "Measure 5")
      .map((k) =>
        k.measure === "Measure 1"
          ? { ...k, status: "outside" as const }
          : k.measure === "Measure 3"
            ? { ...k, measure: "  measure   3 ", status: "better" as const }
            : k,
      );
    for (let run = 0; run < 2; run++) book = applyPlanToGrid(book, plan(book, next).plan);

    const officer = column(book, "KPI Commentary", "Officer commentary");
    for (const k of next)
      expect(officer.get(k.measure)).toBe(
        typed[k.measure.trim().replace(/\s+/g, " ").replace("measure", "Measure")],
      );
    const words = allText(book, "KPI Commentary");
    expect(words).toContain(typed["Measure 5"]);
    expect(words).toContain("A loose note on an inserted row.");
    expect(words).toContain("Unmatched commentary");
    for (const t of Object.values(typed)) expect(words.filter((w) => w === t)).toHaveLength(1);

    // A new period: the officer column starts empty, last period's text sits beside it.
    book = applyPlanToGrid(book, plan(book, next, { period: "Q1" }).plan);
    expect(column(book, "KPI Commentary", "Officer commentary").size).toBe(2); // only the unmatched block's two
    const previous = column(book, "KPI Commentary", "Previous commentary");
    for (const k of next) expect(previous.get(k.measure)).toBeDefined();
    expect(findText(book, "KPI Commentary", "Previous commentary is for")).toBeDefined();
    typeCommentary(book, "KPI Commentary", { "Measure 2": "Q1 note." });
    const again = plan(book, next, { period: "Q1" }).plan;
    const book2 = applyPlanToGrid(book, again);
    expect(column(book2, "KPI Commentary", "Officer commentary").get("Measure 2")).toBe("Q1 note.");
    expect(plan(book2, next, { period: "Q1" }).plan).toEqual(again);

    // Another period: Q4's text moves to "Earlier commentary", Q1's becomes previous. Still nothing lost.
    book = applyPlanToGrid(book2, plan(book2, next, { period: "Q2" }).plan);
    const final = allText(book, "KPI Commentary");
    for (const t of [...Object.values(typed), "A loose note on an inserted row.", "Q1 note."])
      expect(final).toContain(t);
    expect(final).toContain("Earlier commentary");
  });

  it("puts a period's commentary back when that period is scored again (Q2, then Q1, then Q2)", () => {
    const { wb, kpis } = userWorkbook();
    let book = applyPlanToGrid(wb, plan(wb, kpis, { period: "2024/25 Q2" }).plan);
    const q2: Record<string, string> = {};
    kpis.forEach((k) => (q2[k.measure] = `Q2 note: ${k.measure}`));
    typeCommentary(book, "KPI Commentary", q2);

    book = applyPlanToGrid(book, plan(book, kpis, { period: "2024/25 Q1" }).plan);
    expect(column(book, "KPI Commentary", "Officer commentary").size).toBe(kpis.length); // the Earlier block only
    expect(findText(book, "KPI Commentary", "Previous commentary")).toBeUndefined(); // Q2 is not before Q1
    // Typed on the main table's row (the Earlier block below also names Measure 2).
    const s = book.sheets.find((x) => x.name === "KPI Commentary")!;
    const h = findText(book, "KPI Commentary", "Officer commentary")!;
    const r = s.values.findIndex((v, i) => i > h.row && v[1] === "Measure 2");
    setCell(book, "KPI Commentary", `${String.fromCharCode(65 + h.col)}${r + 1}`, "Q1 note.");

    book = applyPlanToGrid(book, plan(book, kpis, { period: "2024/25 Q2" }).plan);
    const officer = column(book, "KPI Commentary", "Officer commentary");
    for (const k of kpis) expect(officer.get(k.measure)).toBe(q2[k.measure]);
    expect(column(book, "KPI Commentary", "Previous commentary")).toEqual(
      new Map([["Measure 2", "Q1 note."]]),
    );
    expect(findText(book, "KPI Commentary", "Earlier commentary")).toBeUndefined();
  });

  it("keeps Variance Narrative commentary by heading and line", () => {
    const { wb, kpis } = userWorkbook();
    const variances = [
      variance({ name: "Looked After Children", variance: 805_000, row: 3 }),
      variance({
        name: "Out of Area Placements",
        heading: "Looked After Children",
        variance: -840_000,
        row: 4,
      }),
      variance({ name: "Safeguarding", variance: -370_000, row: 5 }),
      variance({ name: "Youth Justice", variance: 92_000, row: 6 }),
      variance({ name: "Grand Total", variance: 1_025_000, row: 9, isTotal: true }),
    ];
    let book = applyPlanToGrid(wb, plan(wb, kpis, { variances }).plan);
    const lines = column(book, "Variance Narrative", "Narrative", "Heading");
    expect([...lines.keys()]).toEqual(
      ["Looked After Children", "Looked After Children", "Safeguarding"].filter(
        (v, i, a) => a.indexOf(v) === i,
      ),
    );
    typeCommentary(book, "Variance Narrative", { Safeguarding: "Agency rates rose." }, "Heading");
    const s = book.sheets.find((x) => x.name === "Variance Narrative")!;
    const h = findText(book, "Variance Narrative", "Officer commentary")!;
    const oaRow = s.values.findIndex((r) => r[1] === "Out of Area Placements");
    setCell(
      book,
      "Variance Narrative",
      `${String.fromCharCode(65 + h.col)}${oaRow + 1}`,
      "38 OOA placements.",
    );
    // Next run: Safeguarding falls under the threshold (gone from the table), OOA stays.
    const later = variances.map((v) =>
      v.name === "Safeguarding" ? { ...v, variance: -50_000, overThreshold: false } : v,
    );
    const dropped = plan(book, kpis, { variances: later });
    book = applyPlanToGrid(book, dropped.plan);
    const words = allText(book, "Variance Narrative");
    expect(words).toContain("Agency rates rose.");
    expect(words).toContain("Unmatched commentary");
    // It says the line is still there, only under the threshold, not that it has gone.
    const moved = dropped.issues.filter((i) => i.code === "commentary-unmatched");
    expect(moved.map((i) => i.message)).toEqual([
      expect.stringContaining("is for a line now under the £100k threshold"),
    ]);
    expect(moved[0].message).not.toMatch(/no longer/);
    expect(words).toContain("Now under the £100k threshold");
    expect(words).not.toContain("No longer in the workbook");
    const s2 = book.sheets.find((x) => x.name === "Variance Narrative")!;
    const h2 = findText(book, "Variance Narrative", "Officer commentary")!;
    const oa = s2.values.find((r) => r[1] === "Out of Area Placements")!;
    expect(oa[h2.col]).toBe("38 OOA placements.");

    // Flagged again: the text is back on its row, and the Unmatched block is gone.
    book = applyPlanToGrid(book, plan(book, kpis, { variances }).plan);
    expect(column(book, "Variance Narrative", "Officer commentary", "Heading").get("Safeguarding")).toBe(
      "Agency rates rose.",
    );
    expect(allText(book, "Variance Narrative")).not.toContain("Unmatched commentary");
  });

  it("says so when there are no finance tables, and removes our old rules from sheets no longer scored", () => {
    const { wb, kpis } = userWorkbook();
    const first = plan(wb, kpis).plan;
    const narrative = first.sheets.find((s) => s.role === "narrative")!;
    expect(narrative.cells.map((c) => c.value)).toContain(
      "No finance tables (budget against forecast) were found in this workbook.",
    );
    const book = applyPlanToGrid(wb, first);
    const none = buildWritePlan({
      result: scoreResult([]),
      kpiTables: [],
      financeTables: [],
      workbook: book,
      settings: DEFAULT_SETTINGS,
      state: readStore(book).state,
    }).plan as WritePlan;
    expect(none.conditionalFormats).toEqual([]);
    expect(none.cfSheets).toEqual(["KPIs"]);
  });
});
