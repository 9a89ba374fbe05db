import fc from "fast-check";
import type { SheetGrid } from "../../../src/engine/Grid";
import type { KpiResult, StatusCounts } from "../../../src/engine/kpi/KpiResult";
import { parseCell } from "../../../src/engine/cells/parseCell";
import { scoreWorkbook } from "../../../src/engine/scoreWorkbook";
import { fromA1, toA1 } from "../../../src/engine/cells/toA1";
import { cellValue, FORMATS, RUNS, workbookGrid } from "./gridArbitraries";

// Properties of the whole pipeline (table finding, parsing, rules, counts, write plan) on
// arbitrary grids. The rules' own monotonicity is tested with kpiStatus; here it is end to end.

const KINDS = ["number", "date", "month", "blank", "na", "tbc", "not-due", "new-measure", "error", "text"];

describe("parseCell on any cell", () => {
  it("never throws, keeps its sheet, cell and text, and gives a known kind", () => {
    fc.assert(
      fc.property(cellValue, fc.constantFrom(...FORMATS), (value, format) => {
        const p = parseCell(value, format, "KPIs", "D7");
        expect(KINDS).toContain(p.kind);
        expect(p.sheet).toBe("KPIs");
        expect(p.cell).toBe("D7");
        expect(typeof p.text).toBe("string");
        if (p.kind === "number") expect(Number.isFinite(p.value)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

/** Text of a grid cell at 0-based sheet coordinates, or null outside the used range. */
function cellAt(sheet: SheetGrid, row: number, col: number): unknown {
  return sheet.values[row - sheet.originRow]?.[col - sheet.originCol] ?? null;
}

/** 1-based row of an A1 address. */
function rowOf(a1: string): number {
  return fromA1(a1).row + 1;
}

describe("scoreWorkbook on arbitrary grids", () => {
  it("never throws, every KPI-looking row is scored or warned about, and counts match statuses", () => {
    fc.assert(
      fc.property(workbookGrid, (workbook) => {
        const { result, kpiTables } = scoreWorkbook(workbook);

        // Every row of a detected table with a text measure and a numeric target is accounted for.
        for (const t of kpiTables) {
          const sheet = workbook.sheets.find((s) => s.name === t.sheet)!;
          const target = t.columns.target;
          if (target === undefined) continue;
          for (let r = Math.max(...t.headerRows) + 1; r <= t.bottom; r++) {
            const measure = cellAt(sheet, r, t.columns.measure);
            const tv = cellAt(sheet, r, target);
            if (typeof measure !== "string" || !measure.trim() || typeof tv !== "number") continue;
            const scored = result.kpis.some((k) => k.sheet === t.sheet && k.row === r + 1);
            const warned = result.warnings.some((w) => w.sheet === t.sheet && rowOf(w.cell) === r + 1);
            expect({ cell: `${t.sheet}!${toA1(r, t.columns.measure)}`, accounted: scored || warned }).toEqual(
              {
                cell: `${t.sheet}!${toA1(r, t.columns.measure)}`,
                accounted: true,
              },
            );
          }
        }

        // Every warning names a sheet and a well-formed A1 cell.
        for (const w of result.warnings) {
          expect(typeof w.sheet).toBe("string");
          expect(w.cell).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
        }

        expectCountsMatch(result.kpis, result.counts, "group", (k) => k.group);
        expectCountsMatch(result.kpis, result.serviceAreaCounts, "serviceArea", (k) => k.serviceArea);
      }),
      { numRuns: RUNS },
    );
  });
});

const FIELDS: [keyof StatusCounts, KpiResult["status"]][] = [
  ["better", "better"],
  ["within", "within"],
  ["outside", "outside"],
  ["noData", "no-data"],
  ["noTarget", "no-target"],
  ["targetTbc", "target-tbc"],
  ["notDue", "not-due"],
];

/** Each count row equals the statuses of the KPIs it counts; the total counts them all. */
function expectCountsMatch(
  kpis: KpiResult[],
  counts: StatusCounts[],
  dimension: "group" | "serviceArea",
  keyOf: (k: KpiResult) => string,
): void {
  const rows = counts.filter((c) => c.dimension === dimension);
  for (const c of rows) {
    const mine = kpis.filter((k) => keyOf(k) === c.group);
    for (const [field, status] of FIELDS) {
      expect({ row: c.group, field, n: c[field] }).toEqual({
        row: c.group,
        field,
        n: mine.filter((k) => k.status === status).length,
      });
    }
    expect(c.reported).toBe(c.better + c.within + c.outside);
    if (c.reported === 0) expect(c.pctBetter).toBeNull();
    else expect(c.pctBetter).toBeCloseTo(c.better / c.reported, 10);
  }
  if (dimension === "group") {
    // Every scored KPI's group has a row, and the total row counts every KPI once.
    for (const k of kpis) expect(rows.map((r) => r.group)).toContain(k.group);
    const total = counts.find((c) => c.dimension === "total");
    expect(total).toBeDefined();
    for (const [field, status] of FIELDS)
      expect(total![field]).toBe(kpis.filter((k) => k.status === status).length);
  }
}
