import { HyperFormula } from "hyperformula";
import {
  buildRagRules,
  MAX_RANGE_CHARS,
  ragVerdict,
  STATIC_RULE_FORMULA,
} from "../../../src/engine/writeplan/buildRagRules";
import type { CellValue } from "../../../src/engine/Grid";
import type { KpiStatus } from "../../../src/engine/kpi/KpiResult";
import type { Polarity } from "../../../src/engine/Settings";
import { kpiStatus } from "../../../src/engine/kpi/kpiStatus";
import type { ParsedValue } from "../../../src/engine/cells/ParsedValue";
import { fromA1 } from "../../../src/engine/cells/toA1";
import { CF_MARKER, type CfWrite } from "../../../src/engine/writeplan/WritePlan";
import { kpi, sheet } from "../planFixtures";

/**
 * The scoring rules as issue 2 states them (the reference the formulas must agree with):
 * higher is better: actual ≥ target → better; tolerance ≤ actual < target → within; else outside.
 * Lower mirrors. No amber band when the tolerance is blank, not a number, equal to the target or
 * on the wrong side. A non-numeric actual → no-data.
 */
function ruleStatus(actual: CellValue, target: number, tolerance: CellValue, polarity: Polarity): KpiStatus {
  if (typeof actual !== "number") return "no-data";
  const hi = polarity === "higher";
  if (hi ? actual >= target : actual <= target) return "better";
  const tol =
    typeof tolerance === "number" && (hi ? tolerance < target : tolerance > target) ? tolerance : null;
  if (tol !== null && (hi ? actual >= tol : actual <= tol)) return "within";
  return "outside";
}

/** A cell value as the KPI engine's parser would give it (for cross-checking with kpiStatus). */
function parsed(v: CellValue, unit: "percent" | "days"): ParsedValue {
  const ref = { sheet: "KPIs", cell: "D2", text: v === null ? "" : String(v) };
  if (typeof v === "number") return { ...ref, kind: "number", value: v, unit: { kind: unit } };
  if (v === null) return { ...ref, kind: "blank" };
  return v === "N/A" ? { ...ref, kind: "na" } : { ...ref, kind: "text" };
}

/** Shifts the relative row references of a formula written for `anchor` to a cell `by` rows down. */
function shiftRows(formula: string, by: number): string {
  return formula.replace(
    /(\$?)([A-Z]{1,3})(\$?)(\d+)/g,
    (_m, d1, col, d2, row) => `${d1}${col}${d2}${d2 ? row : Number(row) + by}`,
  );
}

/** The 0-based rows of a range's areas ("D2:D4 D7" → 2 areas), each area's rows in order. */
function areaRows(range: string): { col: number; rows: number[] }[] {
  return range.split(" ").map((area) => {
    const [from, to = from] = area.split(":");
    const a = fromA1(from);
    const b = fromA1(to);
    expect(b.col).toBe(a.col);
    return { col: a.col, rows: Array.from({ length: b.row - a.row + 1 }, (_, i) => a.row + i) };
  });
}

/**
 * Evaluates a sheet's CF rules with HyperFormula: the status of the first true rule per cell, at
 * every cell of every area of each (possibly multi-area) range.
 */
function evaluate(rows: CellValue[][], cfs: CfWrite[]): Map<string, string | undefined> {
  const hf = HyperFormula.buildFromArray(
    rows.map((r) => r.map((v) => v)),
    { licenseKey: "gpl-v3" },
  );
  const out = new Map<string, string | undefined>();
  const scratchCol = 20;
  let scratchRow = 0;
  for (const cf of cfs) {
    const areas = areaRows(cf.range);
    const anchor = fromA1(cf.anchor);
    // The anchor is the top-left cell of the first area, and the first area is the topmost.
    expect(anchor).toEqual({ row: areas[0].rows[0], col: areas[0].col });
    for (const area of areas) {
      expect(area.col).toBe(anchor.col);
      for (const r of area.rows) {
        expect(r).toBeGreaterThanOrEqual(anchor.row);
        let verdict: string | undefined;
        for (const rule of cf.rules) {
          expect(rule.formula).toContain(CF_MARKER);
          const addr = { sheet: 0, row: scratchRow++, col: scratchCol };
          hf.setCellContents(addr, `=${shiftRows(rule.formula, r - anchor.row)}`);
          const v = hf.getCellValue(addr);
          if (typeof v === "object" && v !== null)
            throw new Error(`formula error ${JSON.stringify(v)} in ${rule.formula}`);
          if (v === true) {
            verdict = rule.status;
            break;
          }
        }
        const key = `${cf.sheet}!${String.fromCharCode(65 + area.col)}${r + 1}`;
        expect(out.has(key)).toBe(false); // no cell is in two of our ranges
        out.set(key, verdict);
      }
    }
  }
  hf.destroy();
  return out;
}

interface Scenario {
  name: string;
  polarity: Polarity;
  target: number;
  tolerance: CellValue;
  /** False: the table has no tolerance column at all. */
  toleranceColumn?: boolean;
  unit: "percent" | "days";
}

const scenarios: Scenario[] = [
  { name: "higher, % with tolerance", polarity: "higher", target: 0.9, tolerance: 0.75, unit: "percent" },
  { name: "lower, % with tolerance", polarity: "lower", target: 0.1, tolerance: 0.15, unit: "percent" },
  { name: "higher, % blank tolerance", polarity: "higher", target: 0.9, tolerance: null, unit: "percent" },
  { name: "lower, % tolerance N/A", polarity: "lower", target: 0.1, tolerance: "N/A", unit: "percent" },
  {
    name: "higher, tolerance equal to target",
    polarity: "higher",
    target: 0.9,
    tolerance: 0.9,
    unit: "percent",
  },
  {
    name: "higher, tolerance on the wrong side",
    polarity: "higher",
    target: 0.9,
    tolerance: 0.95,
    unit: "percent",
  },
  { name: "lower, days with tolerance", polarity: "lower", target: 20, tolerance: 25, unit: "days" },
  {
    name: "higher, no tolerance column",
    polarity: "higher",
    target: 0.9,
    tolerance: null,
    toleranceColumn: false,
    unit: "percent",
  },
];

/** Actual values around every boundary of a scenario, plus blank and text (no data). */
function actualsFor(s: Scenario): CellValue[] {
  const eps = s.unit === "percent" ? 0.001 : 0.5;
  const points = [s.target, ...(typeof s.tolerance === "number" ? [s.tolerance] : [])];
  const values: CellValue[] = [];
  for (const p of points) values.push(p - 2 * eps, p - eps, p, p + eps, p + 2 * eps);
  values.push(0, s.unit === "percent" ? 1 : 100, null, "not reportable");
  return values;
}

describe("buildRagRules: formulas evaluated with HyperFormula agree with the scoring rules", () => {
  it.each(scenarios)("$name", (s) => {
    const actuals = actualsFor(s);
    const rows: CellValue[][] = [["Measure", "Target", "Tolerance", "Q4"]];
    const kpis = actuals.map((a, i) => {
      const row = i + 2;
      rows.push([`Measure ${i}`, s.target, s.tolerance, a]);
      return kpi({
        measure: `Measure ${i}`,
        row,
        polarity: s.polarity,
        target: s.target,
        tolerance: typeof s.tolerance === "number" ? s.tolerance : null,
        actual: typeof a === "number" ? a : null,
        status: ruleStatus(a, s.target, s.tolerance, s.polarity),
        toleranceCell: s.toleranceColumn === false ? undefined : `C${row}`,
      });
    });
    // The reference rules agree with the KPI engine's own kpiStatus on every value tried.
    for (const a of actuals) {
      const engine = kpiStatus({
        actual: parsed(a, s.unit),
        target: parsed(s.target, s.unit),
        tolerance: parsed(s.toleranceColumn === false ? null : s.tolerance, s.unit),
        polarity: s.polarity,
      });
      expect([a, engine.status]).toEqual([a, ruleStatus(a, s.target, s.tolerance, s.polarity)]);
    }
    const wb = { sheets: [sheet("KPIs", rows)] };
    const { conditionalFormats, issues } = buildRagRules(kpis, wb);
    expect(issues).toEqual([]);
    // Contiguous rows of one shape share one range: one CfWrite for the whole table.
    expect(conditionalFormats).toHaveLength(1);
    expect(conditionalFormats[0]).toMatchObject({
      sheet: "KPIs",
      range: `D2:D${actuals.length + 1}`,
      anchor: "D2",
    });
    expect(conditionalFormats[0].rules.length).toBe(s.toleranceColumn === false ? 3 : 4);
    const verdicts = evaluate(rows, conditionalFormats);
    kpis.forEach((k) =>
      expect([k.actual ?? rows[k.row - 1][3], verdicts.get(`KPIs!${k.actualCell}`)]).toEqual([
        k.actual ?? rows[k.row - 1][3],
        k.status,
      ]),
    );
    // The rules refer to the target and tolerance cells relatively.
    expect(conditionalFormats[0].rules.map((r) => r.formula).join(" ")).toContain("$B2");
  });

  it("follows an officer's later edit of the target", () => {
    const rows: CellValue[][] = [
      ["Measure", "Target", "Tolerance", "Q4"],
      ["A", 0.9, 0.75, 0.85],
    ];
    const k = kpi({ measure: "A", row: 2, target: 0.9, tolerance: 0.75, actual: 0.85, status: "within" });
    const { conditionalFormats } = buildRagRules([k], { sheets: [sheet("KPIs", rows)] });
    expect(evaluate(rows, conditionalFormats).get("KPIs!D2")).toBe("within");
    rows[1][1] = 0.8; // target lowered
    expect(evaluate(rows, conditionalFormats).get("KPIs!D2")).toBe("better");
    rows[1][3] = 0.7; // actual falls below tolerance
    expect(evaluate(rows, conditionalFormats).get("KPIs!D2")).toBe("outside");
    rows[1][3] = "N/A";
    expect(evaluate(rows, conditionalFormats).get("KPIs!D2")).toBe("no-data");
  });

  it("colours values that are not comparable numbers from the engine's status, one cell or run each", () => {
    const rows: CellValue[][] = [
      ["Measure", "Target", "Tolerance", "Q4"],
      ["Rate", "130 per 100,000", null, "124 per 100,000"],
      ["Qualified", 0.02, null, "<1%"],
      ["Mismatch", 0.9, null, 85],
      ["Text no data", "TBC", null, "not reportable"],
      ["Plain", 0.9, 0.75, 0.95],
    ];
    const kpis = [
      kpi({
        measure: "Rate",
        row: 2,
        polarity: "lower",
        actual: 124,
        target: 130,
        status: "better",
        toleranceCell: undefined,
      }),
      kpi({
        measure: "Qualified",
        row: 3,
        polarity: "lower",
        actual: 0.01,
        target: 0.02,
        status: "better",
        toleranceCell: undefined,
      }),
      kpi({
        measure: "Mismatch",
        row: 4,
        actual: 85,
        target: 0.9,
        status: "outside",
        toleranceCell: undefined,
      }),
      kpi({ measure: "Text no data", row: 5, status: "no-data" }),
      kpi({ measure: "Plain", row: 6, actual: 0.95, target: 0.9, tolerance: 0.75, status: "better" }),
    ];
    const { conditionalFormats } = buildRagRules(kpis, { sheets: [sheet("KPIs", rows)] });
    const byRange = Object.fromEntries(conditionalFormats.map((c) => [c.range, c]));
    // "Text no data" has a text target, but a text actual is grey under the live rules too, so it
    // shares a live range with the plain row below (typing a number later still colours it).
    expect(Object.keys(byRange)).toEqual(["D2:D3", "D4", "D5:D6"]);
    expect(byRange["D2:D3"].rules).toEqual([
      expect.objectContaining({ formula: STATIC_RULE_FORMULA, status: "better" }),
    ]);
    expect(byRange["D4"].rules[0]).toMatchObject({ formula: STATIC_RULE_FORMULA, status: "outside" });
    expect(byRange["D5:D6"].rules[0]).toMatchObject({ status: "no-data", fill: "#D9D9D9" });
    expect(byRange["D5:D6"].rules).toHaveLength(4);
    const verdicts = evaluate(rows, conditionalFormats);
    expect([...verdicts.entries()]).toEqual([
      ["KPIs!D2", "better"],
      ["KPIs!D3", "better"],
      ["KPIs!D4", "outside"],
      ["KPIs!D5", "no-data"],
      ["KPIs!D6", "better"],
    ]);
  });

  it("leaves unscored statuses uncoloured and skips protected sheets with a warning", () => {
    const rows: CellValue[][] = [
      ["Measure", "Target", "Tolerance", "Q4"],
      ["Demand", null, null, 5262],
      ["TBC", "TBC", null, 0.5],
    ];
    const kpis = [
      kpi({ measure: "Demand", row: 2, status: "no-target", actual: 5262 }),
      kpi({ measure: "TBC", row: 3, status: "target-tbc", actual: 0.5 }),
    ];
    expect(buildRagRules(kpis, { sheets: [sheet("KPIs", rows)] }).conditionalFormats).toEqual([]);
    const locked = buildRagRules([kpi({ measure: "A", row: 2, status: "better", actual: 1, target: 0.5 })], {
      sheets: [sheet("KPIs", rows, { protected: true })],
    });
    expect(locked.conditionalFormats).toEqual([]);
    expect(locked.issues).toEqual([expect.objectContaining({ code: "protected-sheet", sheet: "KPIs" })]);
  });

  // QA round 2: a period the table lacks put rules on the measure column.
  it("adds no rule for a row without a value cell for the period", () => {
    const rows: CellValue[][] = [
      ["Measure", "Target", "Tolerance", "Q4"],
      ["A", 0.9, 0.8, 0.95],
      ["B", 0.9, 0.8, 0.5],
    ];
    const kpis = [
      kpi({ measure: "A", row: 2, status: "no-data", actualCell: "" }),
      kpi({ measure: "B", row: 3, status: "no-data", actualCell: "" }),
    ];
    expect(buildRagRules(kpis, { sheets: [sheet("KPIs", rows)] })).toEqual({
      conditionalFormats: [],
      issues: [],
    });
  });

  it("splits ranges where polarity changes", () => {
    const rows: CellValue[][] = [
      ["M", "T", "L", "Q4"],
      ["a", 0.9, 0.8, 0.95],
      ["b", 0.1, 0.2, 0.05],
      ["c", 0.1, 0.2, 0.15],
    ];
    const kpis = [
      kpi({ measure: "a", row: 2, status: "better" }),
      kpi({ measure: "b", row: 3, status: "better", polarity: "lower" }),
      kpi({ measure: "c", row: 4, status: "within", polarity: "lower" }),
    ];
    const { conditionalFormats } = buildRagRules(kpis, { sheets: [sheet("KPIs", rows)] });
    expect(conditionalFormats.map((c) => c.range)).toEqual(["D2", "D3:D4"]);
    expect(evaluate(rows, conditionalFormats).get("KPIs!D4")).toBe("within");
  });

  it("the marker evaluates to 0 and ragVerdict mirrors the rules", () => {
    const hf = HyperFormula.buildFromArray([[`=${CF_MARKER}`]], { licenseKey: "gpl-v3" });
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 0 })).toBe(0);
    hf.destroy();
    expect(ragVerdict(0.8, 0.9, 0.75, "higher")).toBe("within");
    expect(ragVerdict(0.12, 0.1, 0.15, "lower")).toBe("within");
    expect(ragVerdict(0.9, 0.9, 0.9, "higher")).toBe("better");
    expect(ragVerdict(0.89, 0.9, 0.9, "higher")).toBe("outside");
    expect(ragVerdict(null, 0.9, null, "higher")).toBe("no-data");
    expect(ragVerdict(0.5, "TBC", null, "higher")).toBeUndefined();
  });
});

describe("buildRagRules: one multi-area rule set per table, polarity and layout", () => {
  /** Interleaved polarities, as real tables have them: every third row lower-is-better. */
  function mixedTable(n: number, first = 2) {
    const rows: CellValue[][] = [["Measure", "Target", "Tolerance", "Q4"]];
    while (rows.length < first - 1) rows.push([null, null, null, null]);
    const kpis = [];
    for (let i = 0; i < n; i++) {
      const row = first + i;
      const lower = i % 3 === 0;
      // Targets and tolerances differ row by row, so a formula reading another row's cells shows.
      const target = lower ? 0.1 + (i % 7) / 100 : 0.9 - (i % 7) / 100;
      const tolerance = lower ? target + 0.05 : target - 0.05;
      const actual = [target, target + 0.03, target - 0.03, target + 0.08, target - 0.08][i % 5];
      const polarity: Polarity = lower ? "lower" : "higher";
      rows.push([`Measure ${i}`, target, tolerance, actual]);
      kpis.push(
        kpi({
          measure: `Measure ${i}`,
          row,
          polarity,
          target,
          tolerance,
          actual,
          status: ruleStatus(actual, target, tolerance, polarity),
        }),
      );
    }
    return { rows, kpis };
  }

  it("gives a mixed-polarity table two rule sets whose areas skip the other polarity's rows", () => {
    const { rows, kpis } = mixedTable(12);
    const { conditionalFormats } = buildRagRules(kpis, { sheets: [sheet("KPIs", rows)] });
    expect(conditionalFormats.map((c) => [c.range, c.anchor])).toEqual([
      ["D2 D5 D8 D11", "D2"], // lower: rows 2, 5, 8, 11
      ["D3:D4 D6:D7 D9:D10 D12:D13", "D3"], // higher: the rows between
    ]);
    expect(conditionalFormats.map((c) => c.rules.length)).toEqual([4, 4]);
    const verdicts = evaluate(rows, conditionalFormats);
    expect(verdicts.size).toBe(12);
    for (const k of kpis)
      expect([k.measure, verdicts.get(`KPIs!${k.actualCell}`)]).toEqual([k.measure, k.status]);
  });

  it("resolves the relative references at a cell in the third area to that row's own target and tolerance", () => {
    const { rows, kpis } = mixedTable(12);
    // Row 9 (third area of the higher rows): its own target and tolerance make 0.45 within; the
    // anchor row's (0.89, 0.84) would make it outside.
    rows[8] = ["Measure 7", 0.5, 0.4, 0.45];
    kpis[7] = { ...kpis[7], target: 0.5, tolerance: 0.4, actual: 0.45, status: "within" };
    const higher = buildRagRules(kpis, { sheets: [sheet("KPIs", rows)] }).conditionalFormats[1];
    expect(higher.anchor).toBe("D3");
    expect(higher.range.split(" ")[2]).toBe("D9:D10");
    expect(rows[2].slice(1, 3)).toEqual([0.89, 0.84]);
    // D9 is 6 rows below the anchor: every reference moves to row 9, none stays on row 3.
    for (const r of higher.rules) {
      const at = shiftRows(r.formula, 9 - 3);
      expect(at).toContain("$D9");
      if (r.status !== "no-data") expect(at).toContain("$B9");
      if (r.status === "within") expect(at).toContain("$C9");
      expect(at).not.toMatch(/\$[BCD]3\b/);
    }
    const before = evaluate(rows, [higher]);
    expect(before.get("KPIs!D9")).toBe("within");
    // The officer edits only row 9's target: only D9's colour follows.
    rows[8][1] = 0.44;
    const after = evaluate(rows, [higher]);
    expect(after.get("KPIs!D9")).toBe("better");
    for (const [cell, v] of before)
      if (cell !== "KPIs!D9") expect([cell, after.get(cell)]).toEqual([cell, v]);
  });

  it("gives static colours one multi-area range per status", () => {
    const rows: CellValue[][] = [["Measure", "Target", "Tolerance", "Q4"]];
    const kpis = [];
    for (let i = 0; i < 6; i++) {
      const row = i + 2;
      const status = i % 2 === 0 ? "better" : "outside";
      rows.push([`Rate ${i}`, "130 per 100,000", null, `${100 + i} per 100,000`]);
      kpis.push(kpi({ measure: `Rate ${i}`, row, polarity: "lower", status, toleranceCell: undefined }));
    }
    const { conditionalFormats } = buildRagRules(kpis, { sheets: [sheet("KPIs", rows)] });
    expect(conditionalFormats.map((c) => [c.range, c.anchor, c.rules.map((r) => r.status)])).toEqual([
      ["D2 D4 D6", "D2", ["better"]],
      ["D3 D5 D7", "D3", ["outside"]],
    ]);
    expect(conditionalFormats.every((c) => c.rules[0].formula === STATIC_RULE_FORMULA)).toBe(true);
  });

  it("keeps tables apart, even in the same column of one sheet", () => {
    const rows: CellValue[][] = [
      ["Measure", "Target", "Tolerance", "Q4"],
      ["a", 0.9, 0.8, 0.95],
      ["b", 0.9, 0.8, 0.85],
      [null, null, null, null],
      ["Measure", "Target", "Tolerance", "Q4"],
      ["c", 0.9, 0.8, 0.7],
    ];
    const kpis = [
      kpi({ measure: "a", row: 2, status: "better" }),
      kpi({ measure: "b", row: 3, status: "within" }),
      kpi({ measure: "c", row: 6, status: "outside", tableId: "KPIs!5" }),
    ];
    const { conditionalFormats } = buildRagRules(kpis, { sheets: [sheet("KPIs", rows)] });
    expect(conditionalFormats.map((c) => c.range)).toEqual(["D2:D3", "D6"]);
    expect([...evaluate(rows, conditionalFormats).values()]).toEqual(["better", "within", "outside"]);
  });

  it(`splits a long group over several ranges of at most ${MAX_RANGE_CHARS} characters`, () => {
    const n = 2_000;
    const { rows, kpis } = mixedTable(n, 9_990); // 5-digit rows: longer area strings
    const { conditionalFormats } = buildRagRules(kpis, { sheets: [sheet("KPIs", rows)] });
    expect(conditionalFormats.length).toBeGreaterThan(2);
    expect(conditionalFormats.length).toBeLessThan(40);
    for (const c of conditionalFormats) {
      expect(c.range.length).toBeLessThanOrEqual(MAX_RANGE_CHARS);
      expect(c.range.split(" ")[0].split(":")[0]).toBe(c.anchor);
    }
    // Every cell is in exactly one range (evaluate checks), and each gets its own status.
    const verdicts = evaluate(rows, conditionalFormats);
    expect(verdicts.size).toBe(n);
    const wrong = kpis.filter((k) => verdicts.get(`KPIs!${k.actualCell}`) !== k.status);
    expect(wrong.map((k) => k.actualCell)).toEqual([]);
  });
});
