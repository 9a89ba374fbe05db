import { listPeriods } from "../../src/taskpane/listPeriods";
import { kpiTable } from "./makeFakeHost";

test("lists each KPI period once, latest first (by column position, then by date)", () => {
  const a = kpiTable();
  const b = kpiTable();
  b.columns.periods = [
    ...b.columns.periods,
    { col: 6, period: { kind: "quarter", fy: 2020, quarter: 1, label: "Q1 2020/21" } },
  ];
  expect(listPeriods([a, b])).toEqual(["Q1 2020/21", "Q4 2019/20", "Q3 2019/20"]);
  expect(listPeriods([a])).toEqual(["Q4 2019/20", "Q3 2019/20"]);
  expect(listPeriods([])).toEqual([]);
});
