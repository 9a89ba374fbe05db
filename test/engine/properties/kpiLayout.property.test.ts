import fc from "fast-check";
import type { CellValue, SheetGrid } from "../../../src/engine/Grid";
import { scoreWorkbook } from "../../../src/engine/scoreWorkbook";
import { RUNS } from "./gridArbitraries";

// One KPI table, laid out many ways (issue 9): moved on the sheet, columns in any order, title,
// key and blank rows above, a ref column or not. The statuses must not change.

interface Row {
  name: string;
  polarity: "Higher" | "Lower";
  target: number;
  tolerance: number | null;
  values: [number, number, number];
}

const NAMES = [
  "Alpha measure",
  "Beta measure",
  "Gamma measure",
  "Delta measure",
  "Epsilon measure",
  "Zeta measure",
];

const rowArb = (name: string): fc.Arbitrary<Row> =>
  fc
    .record({
      polarity: fc.constantFrom("Higher" as const, "Lower" as const),
      target: fc.integer({ min: 20, max: 80 }),
      gap: fc.option(fc.integer({ min: 1, max: 15 }), { nil: null }),
      values: fc.tuple(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
      ),
    })
    .map(({ polarity, target, gap, values }) => ({
      name,
      polarity,
      target,
      // A tolerance on the right side of the target (or none).
      tolerance: gap === null ? null : polarity === "Higher" ? target - gap : target + gap,
      values,
    }));

const tableArb = fc
  .integer({ min: 1, max: NAMES.length })
  .chain((n) => fc.tuple(...NAMES.slice(0, n).map(rowArb)));

/** The columns other than the measure, each with its header and how a row fills it. */
const COLUMNS: { header: string; cell: (r: Row, i: number) => CellValue }[] = [
  { header: "Polarity", cell: (r) => r.polarity },
  { header: "Target", cell: (r) => r.target },
  { header: "Tolerance", cell: (r) => r.tolerance },
  { header: "Q1 2019/20", cell: (r) => r.values[0] },
  { header: "Q2 2019/20", cell: (r) => r.values[1] },
  { header: "Q3 2019/20", cell: (r) => r.values[2] },
  { header: "Comments", cell: (_, i) => (i % 2 ? "On track" : null) },
];

interface Layout {
  order: number[];
  top: number;
  left: number;
  title: boolean;
  key: boolean;
  ref: boolean;
}

const layoutArb: fc.Arbitrary<Layout> = fc.record({
  order: fc.shuffledSubarray(
    COLUMNS.map((_, i) => i),
    { minLength: COLUMNS.length, maxLength: COLUMNS.length },
  ),
  top: fc.integer({ min: 0, max: 4 }),
  left: fc.integer({ min: 0, max: 3 }),
  title: fc.boolean(),
  key: fc.boolean(),
  ref: fc.boolean(),
});

const CANONICAL: Layout = {
  order: COLUMNS.map((_, i) => i),
  top: 0,
  left: 0,
  title: false,
  key: false,
  ref: false,
};

function lay(rows: Row[], layout: Layout): SheetGrid {
  const lines: CellValue[][] = [];
  for (let i = 0; i < layout.top; i++) lines.push([]);
  if (layout.title) lines.push(["Corporate performance indicators"], []);
  if (layout.key)
    lines.push(["Key: Green = on target, Amber = within tolerance, Red = outside tolerance"], []);
  const lead = (cells: CellValue[]): CellValue[] => [
    ...new Array<CellValue>(layout.left).fill(null),
    ...cells,
  ];
  lines.push(
    lead([...(layout.ref ? ["Ref"] : []), "Measure", ...layout.order.map((c) => COLUMNS[c].header)]),
  );
  rows.forEach((r, i) =>
    lines.push(
      lead([
        ...(layout.ref ? [`PI${String(i + 1).padStart(2, "0")}`] : []),
        r.name,
        ...layout.order.map((c) => COLUMNS[c].cell(r, i)),
      ]),
    ),
  );
  const width = Math.max(...lines.map((l) => l.length));
  const values = lines.map((l) =>
    Array.from({ length: width }, (_, c) => (l[c] === undefined ? null : l[c])),
  );
  return {
    name: "KPIs",
    originRow: 0,
    originCol: 0,
    values,
    formats: values.map((l) => l.map(() => "General")),
  };
}

function statuses(sheet: SheetGrid): string[] {
  const { result } = scoreWorkbook({ sheets: [sheet] }, {}, { saveOverrides: false });
  return result.kpis.map((k) => `${k.measure}: ${k.status} ${k.actual} (${k.period})`);
}

describe("a KPI table's statuses do not depend on its layout", () => {
  it("moves, permutes columns, adds title, key and ref columns without changing a status", () => {
    fc.assert(
      fc.property(tableArb, layoutArb, (rows, layout) => {
        const want = statuses(lay(rows, CANONICAL));
        expect(want).toHaveLength(rows.length);
        expect(statuses(lay(rows, layout))).toEqual(want);
      }),
      { numRuns: Math.min(RUNS, 2000) },
    );
  });
});
