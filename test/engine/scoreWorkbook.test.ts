import type { CellValue, SheetGrid } from "../../src/engine/Grid";
import type { Issue } from "../../src/engine/Issue";
import { scoreWorkbook, tableHeaderRow } from "../../src/engine/scoreWorkbook";
import { outturn2122 } from "../fixtures/seeds/outturn2122";
import { seedToGrid } from "../fixtures/seedToGrid";

/** A sheet from rows, "0%" on the numbers of columns B to E below the header. */
function sheet(name: string, rows: CellValue[][]): SheetGrid {
  const width = Math.max(...rows.map((r) => r.length));
  const values = rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
  const formats = values.map((r, i) =>
    r.map((v, c) => (i > 0 && c > 0 && typeof v === "number" ? "0%" : "General")),
  );
  return { name, originRow: 0, originCol: 0, values, formats };
}

/** Rows that give one issue of each kind the KPI scoring raises. */
const KPIS = sheet("Contract KPIs", [
  ["Measure", "Target", "Tolerance", "Polarity", "Q4"],
  ["Timeliness of assessments", 0.9, 0.75, "sideways", 0.85],
  ["Re-referrals", 0.2, null, null, 0.18],
  ["Target with an error", "#REF!", null, "Higher", 0.5],
  ["Target in words", "about right", null, "Higher", 0.5],
  ["Value with an error", 0.5, null, "Higher", "#DIV/0!"],
  ["Value in words", 0.5, null, "Higher", "not reportable"],
  ["Units disagree", 0.5, null, "Higher", "34 days"],
  ["Tolerance units", 0.5, "3 weeks", "Higher", 0.6],
  ["Tolerance wrong side", 0.5, 0.6, "Higher", 0.55],
  ["Tolerance in words", 0.5, "some", "Higher", 0.55],
  ["Bound the wrong way", 0.5, 0.4, "Higher", "<60%"],
]);
const NO_PERIODS = sheet("Targets", [
  ["Measure", "Target"],
  ["Caseload", 18],
]);

function messagesRepeatingTheirCell(issues: Issue[]): Issue[] {
  return issues.filter(
    (i) => i.message.includes(`sheet "${i.sheet}"`) || i.message.includes(`cell ${i.cell}`),
  );
}

describe("scoreWorkbook issues", () => {
  it("carry the sheet and cell as fields, without repeating them in the message", () => {
    const { result } = scoreWorkbook({ sheets: [KPIS, NO_PERIODS] });
    const codes = new Set(result.issues.map((i) => i.code));
    for (const code of [
      "polarity-inferred",
      "unparsed-value",
      "unit-mismatch",
      "tolerance-wrong-side",
      "period-not-found",
    ])
      expect(codes).toContain(code);
    expect(result.issues.length).toBeGreaterThanOrEqual(11);
    for (const i of result.issues) expect(i.cell).toMatch(/^[A-Z]+\d+$/);
    expect(messagesRepeatingTheirCell(result.issues)).toEqual([]);
  });

  it("names a missing period without repeating where the table is, and lists the table as skipped", () => {
    const { result } = scoreWorkbook({ sheets: [KPIS] }, { period: "Q2" });
    const missing = result.issues.find((i) => i.code === "period-not-found")!;
    expect(missing).toMatchObject({ sheet: "Contract KPIs", cell: "A1", severity: "info" });
    expect(missing.message).toContain("has no Q2 column: not scored");
    expect(result.skipped.map((t) => t.message)).toEqual(["Contract KPIs has no Q2 column: not scored"]);
    expect(result.kpis).toEqual([]);
    expect(result.counts.find((c) => c.dimension === "total")?.noData).toBe(0);
    expect(messagesRepeatingTheirCell(result.issues)).toEqual([]);
  });
});

describe("scoreWorkbook saved settings", () => {
  /** The workbook with the store rows of a plan written in, as a host would. */
  function withStore(plan: { store: { sheetName: string; rows: CellValue[][] } }) {
    return { sheets: [KPIS, sheet(plan.store.sheetName, plan.store.rows)] };
  }

  it("saves the caller's overrides by default, and keeps the saved ones when told not to save", () => {
    const first = scoreWorkbook({ sheets: [KPIS] }, { threshold: 500_000 });
    const saved = withStore(first.plan);
    const rerun = scoreWorkbook(saved);
    expect(rerun.settings.threshold).toBe(500_000);
    expect(rerun.savedSettings?.threshold).toBe(500_000);

    // A one-off threshold is used for its run, and the store keeps what it had.
    const once = scoreWorkbook(saved, { threshold: 250_000 }, { saveOverrides: false });
    expect(once.settings.threshold).toBe(250_000);
    const after = scoreWorkbook(withStore(once.plan));
    expect(after.settings.threshold).toBe(500_000);

    // And nothing is saved for a workbook that had no settings: the default stays the default.
    const fresh = scoreWorkbook({ sheets: [KPIS] }, { threshold: 250_000 }, { saveOverrides: false });
    expect(scoreWorkbook(withStore(fresh.plan)).savedSettings?.threshold).toBeUndefined();
  });
});

describe("scoreWorkbook ignored tables", () => {
  const outturn = seedToGrid(outturn2122);

  test("an ignored finance table leaves the tables found, variances, headlines and warnings", () => {
    const found = scoreWorkbook({ sheets: [outturn] });
    expect(found.financeTables).toHaveLength(1);
    expect(found.result.variances.length).toBeGreaterThan(0);
    const t = found.financeTables[0];
    const ignore = { sheet: t.sheet, headerRow: tableHeaderRow(t), kind: "ignore" as const };

    const out = scoreWorkbook({ sheets: [outturn] }, { tables: [ignore] });
    expect(out.financeTables).toEqual([]);
    expect(out.result.variances).toEqual([]);
    expect(out.result.financeHeadlines).toEqual([]);
    expect(out.kpiTables).toEqual([]);
    expect(out.result.warnings.filter((w) => w.sheet === t.sheet)).toEqual([]);
    // Saved in the store, so the CLI's next run on the saved workbook ignores it too.
    expect(out.settings.tables).toEqual([ignore]);
  });

  test("an ignore mapping for another row or sheet changes nothing", () => {
    const t = scoreWorkbook({ sheets: [outturn] }).financeTables[0];
    const other = [
      { sheet: t.sheet, headerRow: tableHeaderRow(t) + 1, kind: "ignore" as const },
      { sheet: "Elsewhere", headerRow: tableHeaderRow(t), kind: "ignore" as const },
    ];
    expect(scoreWorkbook({ sheets: [outturn] }, { tables: other }).financeTables).toHaveLength(1);
  });

  test("a KPI table is ignored by the same mapping, and an old 'finance' mapping no longer drops it", () => {
    const t = scoreWorkbook({ sheets: [KPIS] }).kpiTables[0];
    const at = { sheet: t.sheet, headerRow: tableHeaderRow(t) };
    expect(scoreWorkbook({ sheets: [KPIS] }, { tables: [{ ...at, kind: "ignore" }] }).kpiTables).toEqual([]);
    const asFinance = scoreWorkbook({ sheets: [KPIS] }, { tables: [{ ...at, kind: "finance" }] });
    expect(asFinance.kpiTables.map((k) => k.id)).toEqual([t.id]);
  });
});

describe("scoreWorkbook and an officer's sheet named like ours", () => {
  it("scores beside an officer's QScorecard_Store: no store-corrupt warning, the store moves, a warning names their sheet", () => {
    const mine: SheetGrid = sheet("QScorecard_Store", [["my own notes"]]);
    const { result, plan } = scoreWorkbook({ sheets: [KPIS, mine] });
    const codes = result.issues.map((i) => i.code);
    expect(codes).not.toContain("store-corrupt");
    expect(result.issues.filter((i) => i.code === "store-name-taken")).toEqual([
      expect.objectContaining({ sheet: "QScorecard_Store", cell: "A1", severity: "warning" }),
    ]);
    expect(result.warnings.map((w) => w.sheet)).toContain("QScorecard_Store");
    expect(plan.store.sheetName).toBe("QScorecard_Store (2)");
    expect(plan.deleteSheets).toEqual([]);
    expect(plan.sheets.map((s) => s.name)).not.toContain("QScorecard_Store");
  });
});
