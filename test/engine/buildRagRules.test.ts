import { HyperFormula } from "hyperformula";
import { buildRagRules, ragVerdict, STATIC_RULE_FORMULA } from "../../src/engine/buildRagRules";
import type { CellValue } from "../../src/engine/Grid";
import type { KpiStatus } from "../../src/engine/KpiResult";
import type { Polarity } from "../../src/engine/Settings";
import { kpiStatus } from "../../src/engine/kpiStatus";
import type { ParsedValue } from "../../src/engine/ParsedValue";
import { fromA1 } from "../../src/engine/toA1";
import { CF_MARKER, type CfWrite } from "../../src/engine/WritePlan";
import { kpi, sheet } from "./planFixtures";

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

/** Evaluates a sheet's CF rules with HyperFormula: the status of the first true rule per cell. */
function evaluate(rows: CellValue[][], cfs: CfWrite[]): Map<string, string | undefined> {
  const hf = HyperFormula.buildFromArray(
    rows.map((r) => r.map((v) => v)),
    { licenseKey: "gpl-v3" },
  );
  const out = new Map<string, string | undefined>();
  const scratchCol = 20;
  let scratchRow = 0;
  for (const cf of cfs) {
    const [from, to = from] = cf.range.split(":");
    const a = fromA1(from);
    const b = fromA1(to);
    expect(fromA1(cf.anchor)).toEqual(a);
    for (let r = a.row; r <= b.row; r++) {
      let verdict: string | undefined;
      for (const rule of cf.rules) {
        expect(rule.formula).toContain(CF_MARKER);
        const addr = { sheet: 0, row: scratchRow++, col: scratchCol };
        hf.setCellContents(addr, `=${shiftRows(rule.formula, r - a.row)}`);
        const v = hf.getCellValue(addr);
        if (typeof v === "object" && v !== null)
          throw new Error(`formula error ${JSON.stringify(v)} in ${rule.formula}`);
        if (v === true) {
          verdict = rule.status;
          break;
        }
      }
      out.set(`${cf.sheet}!${String.fromCharCode(65 + a.col)}${r + 1}`, verdict);
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
