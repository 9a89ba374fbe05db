import { scoreWorkbook } from "../../../src/engine/scoreWorkbook";
import type { TableMapping } from "../../../src/engine/Settings";
import { seedToGrid } from "../../fixtures/seedToGrid";

// A table detection cannot read alone ("Code | Name | Goal | Last | Now | RAG"), and the mapping an
// officer confirms once in the task pane (saved in the store; the CLI honours it too).

const sheet = seedToGrid({
  name: "K",
  rows: [
    ["Code", "Name", "Score", "Last", "Now", "RAG"],
    ["A1", "Widgets issued to residents", 10, 7, 8, "Red"],
    ["A2", "Gadgets repaired for residents", 5, 6, 6, "Green"],
  ],
});

function run(tables: TableMapping[]) {
  return scoreWorkbook({ sheets: [sheet] }, { tables }, { saveOverrides: false }).result;
}

describe("a confirmed KPI mapping", () => {
  it("finds nothing without one", () => {
    expect(run([]).kpis).toEqual([]);
  });

  it("reads every role and the period columns the officer gave", () => {
    const result = run([
      {
        sheet: "K",
        headerRow: 1,
        kind: "kpi",
        columns: { ref: "A", measure: "B", target: "C", status: "F" },
        periods: ["D", "E"],
      },
    ]);
    expect(result.kpis.map((k) => [k.ref, k.measure, k.actual, k.status, k.statedStatus, k.period])).toEqual([
      ["A1", "Widgets issued to residents", 8, "outside", "outside", "Now"],
      ["A2", "Gadgets repaired for residents", 6, "better", "better", "Now"],
    ]);
    expect(result.kpis[0]).toMatchObject({ previous: 7, previousLabel: "Last", targetCell: "C2" });
    expect(result.tables[0].columns).toMatchObject({
      ref: "A (Code)",
      measure: "B (Name)",
      target: "C (Score)",
    });
  });

  it("drops the table for an ignore mapping", () => {
    const mapped: TableMapping = {
      sheet: "K",
      headerRow: 1,
      kind: "kpi",
      columns: { measure: "B", target: "C" },
      periods: ["E"],
    };
    expect(run([mapped]).kpis).toHaveLength(2);
    expect(run([{ ...mapped, kind: "ignore" }]).kpis).toHaveLength(0);
  });
});
