import type { SheetGrid, WorkbookGrid } from "../../src/engine/Grid";
import { tableHeaders, tableKey } from "../../src/taskpane/tableHeaders";
import { financeTable, kpiTable } from "./makeFakeHost";

const sheet = (name: string, values: SheetGrid["values"], extra: Partial<SheetGrid> = {}): SheetGrid => ({
  name,
  originRow: 0,
  originCol: 0,
  values,
  formats: values.map((r) => r.map(() => "General")),
  ...extra,
});

test("a KPI table's header cells: known columns, widened to header text beside them, blanks left out", () => {
  const grid: WorkbookGrid = {
    sheets: [
      sheet("KPIs", [
        ["Contract KPIs", null, null, null, null, null, null, null],
        ["Measure", "Target", "Tolerance", null, "Q3 2019/20", "Q4 2019/20", "RAG", null],
        ["A", 0.9, 0.8, null, 0.7, 0.9, "G", null],
      ]),
    ],
  };
  // Detection found measure A, target B, periods E and F: C and G are offered too; D is blank.
  expect(tableHeaders(grid, [kpiTable()])).toEqual({
    "KPIs!2": [
      { col: 0, text: "Measure" },
      { col: 1, text: "Target" },
      { col: 2, text: "Tolerance" },
      { col: 4, text: "Q3 2019/20" },
      { col: 5, text: "Q4 2019/20" },
      { col: 6, text: "RAG" },
    ],
  });
  expect(tableKey("KPIs", 2)).toBe("KPIs!2");
});

test("two header rows: a merged band's text reaches every column under it", () => {
  const t = financeTable();
  t.headerRows = [2, 3];
  t.columns = { name: 0, budget: { gross: 1, net: 2 }, forecast: { net: 3 }, variance: {} };
  const grid: WorkbookGrid = {
    sheets: [
      sheet(
        "Finance",
        [
          [null, null, null, null],
          [null, null, null, null],
          [null, "2019/20 Budget", null, "Forecast"],
          ["Service", "Gross", "Net", "Net"],
        ],
        { merges: [{ top: 2, left: 1, bottom: 2, right: 2 }] },
      ),
    ],
  };
  expect(tableHeaders(grid, [t])["Finance!4"]).toEqual([
    { col: 0, text: "Service" },
    { col: 1, text: "2019/20 Budget Gross" },
    { col: 2, text: "2019/20 Budget Net" },
    { col: 3, text: "Forecast Net" },
  ]);
});

test("side-by-side tables share their header row's list, without widening past each other", () => {
  const left = kpiTable();
  left.columns = { measure: 0, target: 1, periods: [] };
  const right = kpiTable();
  right.columns = { measure: 4, target: 5, periods: [] };
  const row = ["Measure", "Target", "Notes", null, "Measure", "Target", "Owner"];
  const grid: WorkbookGrid = { sheets: [sheet("KPIs", [row.map(() => null), row])] };
  const expected = [
    { col: 0, text: "Measure" },
    { col: 1, text: "Target" },
    { col: 2, text: "Notes" },
    { col: 4, text: "Measure" },
    { col: 5, text: "Target" },
    { col: 6, text: "Owner" },
  ];
  expect(tableHeaders(grid, [left, right])["KPIs!2"]).toEqual(expected);
  expect(tableHeaders(grid, [right, left])["KPIs!2"]).toEqual(expected);
  // Alone, the right table widens to the Notes and Owner cells beside it but not into the blank column.
  expect(tableHeaders(grid, [right])["KPIs!2"]).toEqual(expected.slice(3));
});

test("a table beside another (header one row lower) does not widen into its columns", () => {
  const left = kpiTable();
  left.columns = { measure: 0, target: 1, periods: [] };
  const right = kpiTable();
  right.headerRows = [2];
  right.columns = { measure: 2, target: 3, periods: [] };
  const grid: WorkbookGrid = {
    sheets: [
      sheet("KPIs", [
        [null, null, null, null],
        ["Measure", "Target", "Code", null],
        ["Alpha", 1, "Measure", "Target"],
      ]),
    ],
  };
  const headers = tableHeaders(grid, [left, right]);
  // Without the right table, "Code" would count as the left table's column.
  expect(headers["KPIs!2"]).toEqual([
    { col: 0, text: "Measure" },
    { col: 1, text: "Target" },
  ]);
  expect(tableHeaders(grid, [left])["KPIs!2"]).toHaveLength(3);
  expect(headers["KPIs!3"]).toEqual([
    { col: 2, text: "Measure" },
    { col: 3, text: "Target" },
  ]);
});

test("a chosen range lists exactly its columns, blank ones included; an ignored one lists none", () => {
  const grid: WorkbookGrid = {
    sheets: [
      sheet("Data", [
        [null, null, null, null],
        [null, "Indicator", null, "Q1"],
        [null, "x", null, 1],
      ]),
    ],
  };
  expect(
    tableHeaders(
      grid,
      [],
      [
        { sheet: "Data", headerRow: 2, kind: "kpi", range: "B2:D3" },
        { sheet: "Data", headerRow: 3, kind: "ignore", range: "B3:D3" },
        { sheet: "Gone", headerRow: 2, kind: "kpi", range: "B2:D3" },
      ],
    ),
  ).toEqual({
    "Data!2": [
      { col: 1, text: "Indicator" },
      { col: 2, text: "" },
      { col: 3, text: "Q1" },
    ],
  });
});
