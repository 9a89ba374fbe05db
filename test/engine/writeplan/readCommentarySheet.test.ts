import { readCommentarySheet } from "../../../src/engine/writeplan/readCommentarySheet";
import { sheet } from "../planFixtures";

describe("readCommentarySheet", () => {
  it("finds everything by its text, even with rows and columns inserted by officers", () => {
    const grid = sheet("KPI Commentary", [
      ["KPI Commentary"],
      [null, "Period scored", "Q4"],
      ["Previous commentary is for", "Q3"],
      [],
      [null, "An officer's note row"],
      ["Group", "Inserted col", "Measure", "Target", "Officer commentary", "Previous commentary", "Source"],
      ["Contract", "x", "Measure 1", 0.9, "typed", "older", "KPI's!D7"],
      ["Contract", "x", "Measure 2", 0.9, null, null, "KPIs!D8"],
      [null, null, null, null, "loose note", null, null],
      [],
      ["Unmatched commentary"],
      ["note"],
      ["Group", "Measure", "Sheet", "Period", "Officer commentary"],
      ["Contract", "Gone", "KPIs", "Q2", "kept"],
      ["Earlier commentary"],
      ["Group", "Measure", "Sheet", "Period", "Officer commentary"],
      ["Contract", "Measure 1", "KPIs", "Q2", "from Q2"],
    ]);
    const old = readCommentarySheet(grid, ["Group", "Measure"]);
    expect(old.period).toBe("Q4");
    expect(old.previousPeriod).toBe("Q3");
    expect(old.rows).toEqual([
      { labels: ["Contract", "Measure 1"], sheet: "KPI's", officer: "typed", previous: "older", cell: "E7" },
      { labels: ["", ""], sheet: "", officer: "loose note", previous: "", cell: "E9" },
    ]);
    expect(old.unmatched).toEqual([
      { labels: ["Contract", "Gone"], sheet: "KPIs", period: "Q2", text: "kept" },
    ]);
    expect(old.earlier).toEqual([
      { labels: ["Contract", "Measure 1"], sheet: "KPIs", period: "Q2", text: "from Q2" },
    ]);
  });
});
