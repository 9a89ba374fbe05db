import fc from "fast-check";
import type { CellValue, SheetGrid } from "../../../src/engine/Grid";
import type { KpiStatus } from "../../../src/engine/kpi/KpiResult";
import { scoreWorkbook } from "../../../src/engine/scoreWorkbook";
import { RUNS } from "./gridArbitraries";

// End to end: a KPI table in a sheet, scored by scoreWorkbook, moves monotonically with the
// actual value (kpiStatus's own monotonicity is tested by its author; this is the pipeline).

const RANK: Partial<Record<KpiStatus, number>> = { outside: 0, within: 1, better: 2 };

function sheet(
  polarity: "Higher" | "Lower",
  target: number,
  tolerance: number | null,
  actuals: number[],
  pct: boolean,
): SheetGrid {
  const fmt = pct ? "0%" : "General";
  const values: CellValue[][] = [
    ["Key Performance Indicators", null, null, null, null, null],
    ["Measure", "Polarity", "Target", "Tolerance", "Q3", "Q4"],
    ...actuals.map((a, i) => [`Measure number ${i + 1}`, polarity, target, tolerance, a, a] as CellValue[]),
  ];
  const formats = values.map((r, i) => r.map((_, c) => (i >= 2 && c >= 2 ? fmt : "General")));
  return { name: "KPIs", originRow: 0, originCol: 0, values, formats };
}

describe("statuses are monotone in the actual value, through the whole pipeline", () => {
  it("never ranks a better actual lower, for either polarity, with or without tolerance", () => {
    const value = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);
    fc.assert(
      fc.property(
        fc.constantFrom("Higher" as const, "Lower" as const),
        value,
        fc.option(fc.integer({ min: 0, max: 200 }).map((n) => n / 1000)),
        fc.array(value, { minLength: 2, maxLength: 6 }),
        fc.boolean(),
        (polarity, target, gap, actuals, pct) => {
          // A tolerance on the correct side of the target (or none).
          const tolerance = gap === null ? null : polarity === "Higher" ? target - gap : target + gap;
          const { result } = scoreWorkbook({ sheets: [sheet(polarity, target, tolerance, actuals, pct)] });
          const scored = result.kpis.filter((k) => k.sheet === "KPIs").sort((a, b) => a.row - b.row);
          expect(scored).toHaveLength(actuals.length);
          const ranked = scored.map((k, i) => ({
            actual: actuals[i],
            rank: RANK[k.status],
            status: k.status,
          }));
          for (const a of ranked) expect(a.rank).toBeDefined();
          for (const a of ranked) {
            for (const b of ranked) {
              const bBetter = polarity === "Higher" ? b.actual > a.actual : b.actual < a.actual;
              if (bBetter)
                expect({ a, b, ok: (b.rank as number) >= (a.rank as number) }).toMatchObject({ ok: true });
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
