import fc from "fast-check";
import type { CellValue, MergeArea, SheetGrid, WorkbookGrid } from "../../../src/engine/Grid";

/** Runs per property: 10,000 by default (issue 6), fewer with QS_PROPERTY_RUNS for a quick look. */
export const RUNS = Number(process.env.QS_PROPERTY_RUNS ?? 10_000);

/** Header words officers use, plus period labels, so generated grids often hold a table. */
export const HEADER_WORDS = [
  "Measure",
  "Indicator",
  "KPI",
  "PI",
  "Target",
  "Tolerance",
  "Threshold",
  "Polarity",
  "Good is",
  "Service area",
  "Type",
  "Group",
  "Comment",
  "Trend",
  "Rank",
  "Baseline",
  "Q1",
  "Q2",
  "Q3",
  "Q4",
  "Qtr3",
  "Q4 Performance",
  "2019/20 Q3",
  "Dec-15",
  "March 2022",
  "YTD",
  "Outturn",
  "2014/15",
  "Latest",
  "Budget",
  "Forecast",
  "Variance",
];

const MEASURE_WORDS = [
  "% of referrals",
  "Number of children in care",
  "Re-referrals within 12 months (lower the better)",
  "Assessments completed in 45 days (higher is better)",
  "Care leavers in EET ©",
  "Average days to placement (C)",
  "Contract Key Performance Indicators",
  "Partnership Performance Indicators",
  "Children's Social Care",
  "rate per 10,000",
  "This data is not reportable",
];

const TEXT_VALUES = [
  "N/A",
  "n/a",
  "-",
  "TBC",
  "to be confirmed",
  "annual",
  "not yet due",
  "new measure",
  "Higher",
  "Lower",
  "↑",
  "↓",
  "Bigger is better",
  "Minimise",
];
const ERRORS = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!"];
const QUALIFIED = [
  "<1%",
  ">95%",
  "approx. 8%",
  "85%",
  "12.5%",
  "194 per 100,000 of 10-17 year olds",
  "23 days",
  "6 weeks",
  "£805k",
  "(370)",
  "1,234",
];
export const FORMATS = [
  "General",
  "General",
  "General",
  "0%",
  "0.0%",
  "mmm-yy",
  "dd/mm/yyyy",
  "£#,##0",
  "0.00",
  "#,##0;(#,##0)",
  "@",
];

/** Any value a host may hand the engine for one cell. */
export const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 100 }).map((n) => n / 100) },
  { weight: 1, arbitrary: fc.integer({ min: 30000, max: 50000 }) }, // date serials
  { weight: 3, arbitrary: fc.constantFrom(...HEADER_WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...MEASURE_WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...TEXT_VALUES) },
  { weight: 2, arbitrary: fc.constantFrom(...QUALIFIED) },
  { weight: 1, arbitrary: fc.constantFrom(...ERRORS) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 300, maxLength: 2000 }) }, // very long strings
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e-12, Number.MAX_SAFE_INTEGER, -1) },
);

/** A header row made from the officers' vocabulary, in any order, with gaps. */
const headerRow = (width: number): fc.Arbitrary<CellValue[]> =>
  fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...HEADER_WORDS) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    {
      minLength: width,
      maxLength: width,
    },
  );

/** A KPI-looking data row: measure text, numeric target, then anything. */
const kpiRow = (width: number): fc.Arbitrary<CellValue[]> =>
  fc
    .tuple(
      fc.constantFrom(...MEASURE_WORDS),
      fc.integer({ min: 0, max: 100 }),
      fc.array(cellValue, { minLength: width, maxLength: width }),
    )
    .map(([m, t, rest]) => [m, t / 100, ...rest].slice(0, width));

/** One sheet: title rows, one or more header rows (repeated or missing), KPI rows and noise. */
export const sheetGrid = (name: string): fc.Arbitrary<SheetGrid> =>
  fc
    .record({
      width: fc.integer({ min: 1, max: 9 }),
      height: fc.integer({ min: 0, max: 14 }),
      originRow: fc.integer({ min: 0, max: 3 }),
      originCol: fc.integer({ min: 0, max: 2 }),
      seed: fc.integer(),
    })
    .chain(({ width, height, originRow, originCol }) =>
      fc
        .record({
          rows: fc.array(
            fc.oneof(
              { weight: 2, arbitrary: headerRow(width) },
              { weight: 4, arbitrary: kpiRow(width) },
              { weight: 3, arbitrary: fc.array(cellValue, { minLength: width, maxLength: width }) },
              { weight: 1, arbitrary: fc.constant(Array<CellValue>(width).fill(null)) },
            ),
            { minLength: height, maxLength: height },
          ),
          formats: fc.array(fc.array(fc.constantFrom(...FORMATS), { minLength: width, maxLength: width }), {
            minLength: height,
            maxLength: height,
          }),
          formulaAt: fc.array(fc.boolean(), { minLength: height, maxLength: height }),
          merges: fc.array(
            fc.record({
              top: fc.integer({ min: 0, max: Math.max(0, height - 1) }),
              left: fc.integer({ min: 0, max: width - 1 }),
              h: fc.integer({ min: 0, max: 2 }),
              w: fc.integer({ min: 0, max: 3 }),
            }),
            { maxLength: 3 },
          ),
          hiddenRows: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 3 }),
          hiddenCols: fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 2 }),
          visibility: fc.constantFrom("visible", "visible", "hidden", "veryHidden") as fc.Arbitrary<
            SheetGrid["visibility"]
          >,
          protected: fc.boolean(),
        })
        .map((g): SheetGrid => {
          const values = g.rows.map((r) => r.slice(0, width));
          const formulas = values.map((r, i) =>
            r.map((v, c) => (g.formulaAt[i] && typeof v === "number" ? `=A1+${c}` : null)),
          );
          const merges: MergeArea[] = g.merges
            .filter(() => height > 0)
            .map((m) => ({
              top: originRow + m.top,
              left: originCol + m.left,
              bottom: originRow + Math.min(height - 1, m.top + m.h),
              right: originCol + Math.min(width - 1, m.left + m.w),
            }));
          return {
            name,
            originRow,
            originCol,
            values,
            formats: g.formats,
            formulas,
            merges,
            hiddenRows: g.hiddenRows,
            hiddenCols: g.hiddenCols,
            visibility: g.visibility,
            protected: g.protected,
          };
        }),
    );

/** One to three sheets with distinct names (one may take one of our output sheets' names). */
export const workbookGrid: fc.Arbitrary<WorkbookGrid> = fc
  .uniqueArray(fc.constantFrom("KPIs", "Sheet1", "Scorecard Summary", "Finance", "Demand", "Q4 2021-22"), {
    minLength: 1,
    maxLength: 3,
  })
  .chain((names) => fc.tuple(...names.map((n) => sheetGrid(n))))
  .map((sheets) => ({ sheets }));
