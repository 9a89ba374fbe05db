import type { CellValue, SheetGrid } from "../../src/engine/Grid";
import { fromA1 } from "../../src/engine/cells/toA1";
import { CF_MARKER, type WritePlan } from "../../src/engine/writeplan/WritePlan";
import { hasMarker } from "../../src/excel/queueSheetContents";
import { runScore } from "../../src/excel/runScore";
import { cfAreas, FakeExcel, type FakeArea } from "./FakeExcel";
import { excelBackends } from "./excelBackends";
import { handPlan, kpiWorkbook, stubScorer } from "./kpiWorkbook";

/** The hand plan with its Q4 rules on three areas of G: rows 4-6, 9 and 12-14 (anchor G4). */
function multiAreaPlan(n: number): WritePlan {
  const plan = handPlan(n);
  plan.conditionalFormats[0] = { ...plan.conditionalFormats[0], range: "G4:G6 G9 G12:G14", anchor: "G4" };
  return plan;
}

const area = (a1: string): FakeArea => {
  const [from, to = from] = a1.split(":");
  const a = fromA1(from);
  const b = fromA1(to);
  return { top: a.row, left: a.col, bottom: b.row, right: b.col };
};

function ours(fake: FakeExcel, sheet = "KPIs") {
  return fake.sheet(sheet).conditionalFormats.filter((cf) => hasMarker(cf.formula));
}

/** Interleaved polarities, as the benchmark's scorecard: every third measure lower-is-better. */
function mixedSheet(n: number): SheetGrid {
  const header = ["Measure", "Target", "Tolerance", "Polarity", "2023/24 Q3", "2023/24 Q4"];
  const values: CellValue[][] = [["Corporate scorecard"], header];
  for (let i = 0; i < n; i++) {
    const lower = i % 3 === 0;
    const target = lower ? 0.2 : 0.8;
    const tolerance = lower ? 0.25 : 0.75;
    const q4 = [target - 0.1, target, target + 0.03, target - 0.03, target + 0.1][i % 5];
    values.push([`Measure ${i + 1} (% of cases)`, target, tolerance, lower ? "Lower" : "Higher", target, q4]);
  }
  const rows = values.map((r) => header.map((_, c) => (r[c] === undefined ? null : r[c])));
  const formats = rows.map((r, i) => r.map((_, c) => (i >= 2 && c !== 0 && c !== 3 ? "0%" : "General")));
  return { name: "Scorecard", originRow: 0, originCol: 0, values: rows, formats };
}

describe.each(excelBackends)("on %s", (_name, backend) => {
  describe("runScore with multi-area rule ranges", () => {
    test("ExcelApi 1.9: one format per rule covering every area, formulas as written for the anchor", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(20));
      const plan = multiAreaPlan(20);
      const deps = { ...backend.deps(fake), scoreWorkbook: stubScorer(() => plan) };
      const { report } = await runScore({}, deps);
      expect(report.written.notWritten).toEqual([]);
      expect(report.written.cfRanges).toBe(1);
      const rules = ours(fake);
      expect(rules).toHaveLength(3);
      for (const cf of rules) expect(cfAreas(cf)).toEqual(["G4:G6", "G9", "G12:G14"].map(area));
      expect(rules.map((r) => r.formula)).toEqual(
        plan.conditionalFormats[0].rules.map((r) => `=${r.formula}`),
      );
      // Only RangeAreas.conditionalFormats.add makes a format with several areas.
      expect(rules.every((cf) => cf.areas?.length === 3)).toBe(true);
    });

    test("a re-run deletes the multi-area rules it wrote, keeps the user's, and adds no duplicates", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(20));
      const deps = { ...backend.deps(fake), scoreWorkbook: stubScorer(() => multiAreaPlan(20)) };
      fake.addConditionalFormat(fake.sheet("KPIs"), {
        type: "Custom",
        range: area("D4:D23"),
        areas: [area("D4:D23"), area("F4:F23")],
        formula: "=D4>1",
        fill: "#0000FF",
        stopIfTrue: false,
      });
      await runScore({}, deps);
      const first = fake.sheet("KPIs").conditionalFormats.map((c) => ({ ...c, id: "" }));
      await runScore({}, deps);
      await runScore({}, deps);
      const third = fake.sheet("KPIs").conditionalFormats.map((c) => ({ ...c, id: "" }));
      expect(third).toEqual(first);
      expect(third.filter((c) => c.formula === "=D4>1")).toHaveLength(1);
      expect(third.filter((c) => c.formula?.includes(CF_MARKER))).toHaveLength(3);
    });

    test("a protected sheet names a multi-area range by its first area and the count of the others", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(20));
      fake.sheet("KPIs").protected = true;
      const deps = { ...backend.deps(fake), scoreWorkbook: stubScorer(() => multiAreaPlan(20)) };
      const { report } = await runScore({}, deps);
      expect(report.written.notWritten).toEqual([
        'conditional formatting on "KPIs"!G4:G6 and 2 more areas ("KPIs" is protected)',
      ]);
    });
  });

  describe("runScore with the real engine on a mixed-polarity table", () => {
    test("a handful of multi-area rule sets, each cell in one of them, the same after a second run", async () => {
      const n = 300;
      const fake = FakeExcel.fromGrid({ sheets: [mixedSheet(n)] });
      const first = await runScore({}, backend.deps(fake));
      const plan = first.outcome.plan;
      expect(first.report.written.notWritten).toEqual([]);
      expect(plan.conditionalFormats.length).toBeLessThanOrEqual(4);
      expect(plan.conditionalFormats.some((c) => c.range.includes(" "))).toBe(true);
      const rules = ours(fake, "Scorecard");
      expect(rules).toHaveLength(plan.conditionalFormats.reduce((k, c) => k + c.rules.length, 0));
      // Every Q4 cell (column F, rows 3 to n + 2) is covered by exactly one rule set.
      const covered = new Map<number, number>();
      for (const cf of rules.filter((r) => r.fill === "#C6EFCE"))
        for (const a of cfAreas(cf))
          for (let r = a.top; r <= a.bottom; r++) {
            expect(a.left).toBe(5);
            covered.set(r, (covered.get(r) ?? 0) + 1);
          }
      expect(covered.size).toBe(n);
      expect([...covered.values()].every((k) => k === 1)).toBe(true);

      const again = await runScore({}, backend.deps(fake));
      expect(again.report.written.notWritten).toEqual([]);
      expect(again.syncs).toBe(2);
      expect(ours(fake, "Scorecard")).toHaveLength(rules.length);
    });
  });
});
