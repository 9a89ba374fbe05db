import fc from "fast-check";
import { analyseVariances } from "../../../src/engine/finance/analyseVariances";
import { findFinanceTables } from "../../../src/engine/finance/findFinanceTables";
import type { CellValue, MergeArea, SheetGrid } from "../../../src/engine/Grid";
import { DEFAULT_SETTINGS } from "../../../src/engine/Settings";
import { RUNS } from "../properties/gridArbitraries";

// One budget table, laid out every way councils publish it: moved about the sheet, its money
// columns in any order, with title, band, unit and column-number rows, its unit in the header, a
// unit row or a title, its variance signed either way with the header words that say so (or split
// into Overspend / Underspend columns, or left out), its figures as numbers, bracketed text or CR.
// Whatever the layout, the analysed variances (and forecasts) are the same.

const NAMES = [
  "Fostering",
  "Adoption",
  "Youth Justice",
  "Early Help",
  "Safeguarding",
  "Care Leavers",
  "SEND",
];

/** A variance column's header words and which way its figures are written. */
const SIGNED: { header: string; overspendPositive: boolean; words: boolean }[] = [
  { header: "Variance", overspendPositive: false, words: false },
  { header: "Variance over / (under)", overspendPositive: true, words: true },
  { header: "Projected Variance (favourable) / adverse", overspendPositive: true, words: true },
  { header: "Variance (under) / over", overspendPositive: true, words: true },
  { header: "Variance + = overspend", overspendPositive: true, words: true },
  { header: "(Underspend)/Overspend", overspendPositive: true, words: true },
  { header: "Variance fav/(adv)", overspendPositive: false, words: true },
  { header: "Under / (over) spend", overspendPositive: false, words: true },
];
const UNITS: Record<number, string[]> = {
  1: ["£"],
  1000: ["£000", "£'000", "£000's", "£k"],
  1_000_000: ["£m"],
};

type Role = "budget" | "forecast" | "variance" | "overspend" | "underspend" | "notes";

interface Layout {
  lines: { budget: number; forecast: number }[]; // £000
  total: "Total" | "Children's Services" | null;
  scale: 1 | 1000 | 1_000_000;
  unitIndex: number;
  unitAt: "label" | "row" | "title";
  variance: "column" | "split" | "none";
  signIndex: number;
  forecast: boolean;
  order: number[];
  titles: number;
  band: boolean;
  numbers: boolean;
  notes: boolean;
  style: "number" | "text" | "credit";
  at: { blankRows: number; blankCols: number; originRow: number; originCol: number };
}

const layout: fc.Arbitrary<Layout> = fc
  .record({
    lines: fc.array(
      fc.record({
        budget: fc.integer({ min: -2000, max: 6000 }),
        delta: fc.integer({ min: -400, max: 400 }),
      }),
      { minLength: 2, maxLength: 6 },
    ),
    total: fc.constantFrom<Layout["total"]>("Total", "Children's Services", null),
    scale: fc.constantFrom<Layout["scale"]>(1, 1000, 1_000_000),
    unitIndex: fc.nat(3),
    unitAt: fc.constantFrom<Layout["unitAt"]>("label", "row", "title"),
    variance: fc.constantFrom<Layout["variance"]>("column", "split", "none"),
    signIndex: fc.nat(SIGNED.length - 1),
    forecast: fc.boolean(),
    order: fc.array(fc.nat(1000), { minLength: 6, maxLength: 6 }),
    titles: fc.nat(2),
    band: fc.boolean(),
    numbers: fc.boolean(),
    notes: fc.boolean(),
    style: fc.constantFrom<Layout["style"]>("number", "text", "credit"),
    at: fc.record({
      blankRows: fc.nat(3),
      blankCols: fc.nat(2),
      originRow: fc.nat(5),
      originCol: fc.nat(3),
    }),
  })
  .map((x) => ({
    ...x,
    lines: x.lines.map((l) => ({ budget: l.budget, forecast: l.budget + l.delta })),
    // with no forecast column the variance must say its own sign (words or a split)
    forecast: x.forecast || x.variance === "none" || (x.variance === "column" && !SIGNED[x.signIndex].words),
  }));

/** A figure in £000 written in the table's unit and style. */
function cell(k: number, l: Layout, role: Role): CellValue {
  const v = l.scale === 1_000_000 ? k / 1000 : l.scale === 1 ? k * 1000 : k;
  if (l.style === "number") return v;
  const digits = Math.abs(v).toLocaleString("en-GB", { maximumFractionDigits: 3 });
  if (v >= 0) return digits;
  return l.style === "credit" && (role === "budget" || role === "forecast") ? `${digits} CR` : `(${digits})`;
}

/** The sheet for a layout. */
function build(l: Layout): SheetGrid {
  const sign = SIGNED[l.signIndex];
  const roles: Role[] = ["budget"];
  if (l.forecast) roles.push("forecast");
  if (l.variance === "column") roles.push("variance");
  if (l.variance === "split") roles.push("overspend", "underspend");
  // money columns in any order; notes (when present) stay last
  const money = roles
    .map((r, i) => ({ r, key: l.order[i] }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.r);
  const cols: Role[] = l.notes ? [...money, "notes"] : money;
  const unit = UNITS[l.scale][l.unitIndex % UNITS[l.scale].length];
  const words: Record<Role, string> = {
    budget: "Annual Budget",
    forecast: "Forecast Outturn",
    variance: sign.header,
    overspend: "Overspend",
    underspend: "Underspend",
    notes: "Notes",
  };
  const label = (r: Role) => (l.unitAt === "label" && r !== "notes" ? `${words[r]} ${unit}` : words[r]);
  const figure = (line: { budget: number; forecast: number }, r: Role): CellValue => {
    const over = line.forecast - line.budget;
    switch (r) {
      case "budget":
        return cell(line.budget, l, r);
      case "forecast":
        return cell(line.forecast, l, r);
      case "variance":
        return cell(sign.overspendPositive ? over : -over, l, r);
      case "overspend":
        return over > 0 ? cell(over, l, r) : null;
      case "underspend":
        return over < 0 ? cell(-over, l, r) : null;
      case "notes":
        return over > 0 ? "Pressure from demand" : null;
    }
  };
  const rows: CellValue[][] = [];
  const merges: MergeArea[] = [];
  if (l.titles > 0) rows.push(["Revenue budget monitoring 2023/24"]);
  if (l.titles > 1) rows.push(["Quarter 3"]);
  if (l.unitAt === "title") rows.push([`All figures ${unit}`]);
  if (l.band) {
    merges.push({ top: rows.length, bottom: rows.length, left: 1, right: money.length });
    rows.push([null, "2023/24"]);
  }
  rows.push(["Service", ...cols.map(label)]);
  if (l.unitAt === "row") rows.push([null, ...cols.map((r) => (r === "notes" ? null : unit))]);
  if (l.numbers) rows.push([null, ...cols.map((_, i) => i + 1)]);
  const names = NAMES.slice(0, l.lines.length);
  l.lines.forEach((line, i) => rows.push([names[i], ...cols.map((r) => figure(line, r))]));
  if (l.total) {
    const sum = (f: (x: { budget: number; forecast: number }) => number) =>
      l.lines.reduce((s, x) => s + f(x), 0);
    const total = { budget: sum((x) => x.budget), forecast: sum((x) => x.forecast) };
    const split = (r: Role) =>
      sum((x) => Math.max(0, r === "overspend" ? x.forecast - x.budget : x.budget - x.forecast));
    rows.push([
      l.total,
      ...cols.map((r) => (r === "overspend" || r === "underspend" ? cell(split(r), l, r) : figure(total, r))),
    ]);
  }
  // move it: blank rows above, blank columns to the left, and a used range that starts elsewhere
  const shifted = [
    ...Array.from({ length: l.at.blankRows }, () => [] as CellValue[]),
    ...rows.map((r) => [...Array.from({ length: l.at.blankCols }, () => null), ...r]),
  ];
  const width = Math.max(...shifted.map((r) => r.length));
  const values = shifted.map((r) =>
    Array.from({ length: width }, (_, c) => (r[c] === undefined ? null : r[c])),
  );
  const { originRow, originCol } = l.at;
  return {
    name: "Budget",
    originRow,
    originCol,
    values,
    formats: values.map((r) => r.map(() => "General")),
    merges: merges.map((m) => ({
      top: m.top + l.at.blankRows + originRow,
      bottom: m.bottom + l.at.blankRows + originRow,
      left: m.left + l.at.blankCols + originCol,
      right: m.right + l.at.blankCols + originCol,
    })),
  };
}

describe("a budget table in any published layout", () => {
  it("gives the same variances and forecasts however it is laid out, signed or scaled", () => {
    fc.assert(
      fc.property(layout, (l) => {
        const g = build(l);
        const found = findFinanceTables(g, DEFAULT_SETTINGS);
        const { variances } = analyseVariances(found.tables, new Map([[g.name, g]]), DEFAULT_SETTINGS);
        const got = variances.map((v) => [v.name, v.variance, v.forecast]);
        const want: [string, number, number][] = l.lines.map((x, i) => [
          NAMES[i],
          (x.budget - x.forecast) * 1000,
          x.forecast * 1000,
        ]);
        if (l.total) {
          const b = l.lines.reduce((s, x) => s + x.budget, 0);
          const f = l.lines.reduce((s, x) => s + x.forecast, 0);
          want.push([l.total, (b - f) * 1000, f * 1000]);
        }
        expect(got).toEqual(want.map(([n, v, f]) => [n, v === 0 ? 0 : v, f === 0 ? 0 : f]));
        expect(found.tables).toHaveLength(1);
        expect(found.tables[0].invertedSign).toBe(
          l.variance === "column" && SIGNED[l.signIndex].overspendPositive,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
