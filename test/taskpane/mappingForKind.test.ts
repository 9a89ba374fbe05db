import { mappingForKind } from "../../src/taskpane/mappingForKind";

test("the column naming the rows carries over between KPI and finance; the rest is for the officer", () => {
  const kpi = {
    sheet: "KPIs",
    headerRow: 2,
    kind: "kpi" as const,
    columns: { measure: "A", target: "B" },
    periods: ["E"],
    range: "A2:F9",
  };
  const finance = mappingForKind(kpi, "finance");
  expect(finance).toEqual({
    sheet: "KPIs",
    headerRow: 2,
    kind: "finance",
    range: "A2:F9",
    columns: { line: "A" },
    sign: "positive-underspend",
    scale: 1,
  });
  expect(mappingForKind(finance, "kpi")).toEqual({
    sheet: "KPIs",
    headerRow: 2,
    kind: "kpi",
    range: "A2:F9",
    columns: { measure: "A" },
    periods: [],
  });
  expect(mappingForKind(kpi, "ignore")).toEqual({
    sheet: "KPIs",
    headerRow: 2,
    kind: "ignore",
    range: "A2:F9",
  });
});
