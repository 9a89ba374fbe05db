import type { TableMapping } from "../../src/engine/Settings";
import { assignColumnRole, roleOfColumn } from "../../src/taskpane/assignColumnRole";

const kpi: TableMapping = {
  sheet: "KPIs",
  headerRow: 2,
  kind: "kpi",
  columns: { measure: "A", target: "B" },
  periods: ["E", "F"],
};

test("a role moves to its new column; the old column is left with none", () => {
  const m = assignColumnRole(kpi, "C", "target");
  expect(m).toEqual({ ...kpi, columns: { measure: "A", target: "C" } });
  expect(roleOfColumn(m, "B")).toBe("none");
  expect(roleOfColumn(m, "C")).toBe("target");
});

test("a column gets one role: a period column made the target leaves the periods", () => {
  expect(assignColumnRole(kpi, "F", "target")).toEqual({
    ...kpi,
    columns: { measure: "A", target: "F" },
    periods: ["E"],
  });
});

test("periods stay in sheet order, AA after Z", () => {
  const m = assignColumnRole(assignColumnRole(kpi, "AA", "period"), "C", "period");
  expect(m.periods).toEqual(["C", "E", "F", "AA"]);
  expect(roleOfColumn(m, "AA")).toBe("period");
});

test("'none' clears a column, and the result is always a full mapping of its kind", () => {
  expect(assignColumnRole(kpi, "A", "none")).toEqual({ ...kpi, columns: { target: "B" } });
  const finance: TableMapping = { sheet: "Finance", headerRow: 4, kind: "finance", range: "A4:D9" };
  expect(assignColumnRole(finance, "B", "budget")).toEqual({
    sheet: "Finance",
    headerRow: 4,
    kind: "finance",
    range: "A4:D9",
    columns: { budget: "B" },
    sign: "positive-underspend",
    scale: 1,
  });
});
