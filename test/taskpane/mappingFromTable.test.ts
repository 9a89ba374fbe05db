import { mappingFromTable } from "../../src/taskpane/mappingFromTable";
import { financeTable, kpiTable } from "./makeFakeHost";

test("a KPI table's detected roles and periods, as letters", () => {
  const t = kpiTable();
  t.columns = { ...t.columns, ref: 6, status: 7, tolerance: 2, comment: 3 };
  expect(mappingFromTable(t)).toEqual({
    sheet: "KPIs",
    headerRow: 2,
    kind: "kpi",
    columns: { measure: "A", target: "B", tolerance: "C", comment: "D", ref: "G", status: "H" },
    periods: ["E", "F"],
  });
});

test("a finance table: net columns (gross where there is no net), the sign and the unit", () => {
  expect(mappingFromTable(financeTable())).toEqual({
    sheet: "Finance",
    headerRow: 4,
    kind: "finance",
    columns: { line: "A", budget: "B", forecast: "C", variance: "D" },
    sign: "positive-underspend",
    scale: 1000,
  });
  const gross = financeTable();
  gross.columns = {
    name: 1,
    budget: { gross: 2, income: 3 },
    forecast: { gross: 4, net: 6 },
    variance: {},
    overspend: 7,
    underspend: 8,
  };
  gross.invertedSign = true;
  gross.scale = 1;
  expect(mappingFromTable(gross)).toMatchObject({
    columns: { line: "B", budget: "C", forecast: "G", overspend: "H", underspend: "I" },
    sign: "positive-overspend",
    scale: 1,
  });
});
