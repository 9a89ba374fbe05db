import type { CellValue, SheetGrid } from "../../../src/engine/Grid";
import { findKpiTables } from "../../../src/engine/kpi/findKpiTables";
import { scoreKpis } from "../../../src/engine/kpi/scoreKpis";
import { statusChangeWords } from "../../../src/engine/kpi/statusLabel";
import { DEFAULT_SETTINGS } from "../../../src/engine/Settings";

// Issue 12: a change-of-status column against the previous period, scored by the same rules.
function grid(rows: CellValue[][]): SheetGrid {
  const values: CellValue[][] = [
    ["Key Performance Indicators", null, null, null, null, null],
    ["Measure", "Polarity", "Target", "Tolerance", "Q3", "Q4"],
    ...rows,
  ];
  const formats = values.map((r, i) =>
    r.map((v, c) => (i >= 2 && c >= 2 && typeof v === "number" && v < 1 ? "0%" : "General")),
  );
  return { name: "KPIs", originRow: 0, originCol: 0, values, formats };
}

function score(rows: CellValue[][]) {
  const sheet = grid(rows);
  const tables = findKpiTables(sheet, DEFAULT_SETTINGS).tables;
  return scoreKpis(tables, DEFAULT_SETTINGS, [sheet]).kpis;
}

describe("previousStatus: the previous period scored by the same rules", () => {
  it("scores the previous period's cells against the same target and tolerance", () => {
    const kpis = score([
      ["Assessments in timescale", "Higher", 0.9, 0.75, 0.8, 0.7],
      ["Re-referrals", "Lower", 10, 15, 20, 8],
      ["Visits in timescale", "Higher", 0.9, 0.75, null, 0.95],
      ["Plans reviewed", "Higher", 0.9, 0.75, 0.95, 0.96],
    ]);
    expect(kpis.map((k) => [k.previousStatus, k.status])).toEqual([
      ["within", "outside"],
      ["outside", "better"],
      ["no-data", "better"],
      ["better", "better"],
    ]);
    expect(kpis.map((k) => statusChangeWords(k.previousStatus, k.status))).toEqual([
      "Worsened: was within tolerance, now outside",
      "Improved: was outside tolerance, now better than target",
      "Was without data, now better than target",
      "Still better than target",
    ]);
  });

  it("uses the officer's words in the previous period as this period's are used", () => {
    const [k] = score([["Supervision in timescale", "Higher", 0.9, 0.75, "Target not met", 0.92]]);
    expect([k.previousStatus, k.status]).toEqual(["outside", "better"]);
  });

  it("gives none where the table has no previous period", () => {
    const sheet: SheetGrid = {
      name: "KPIs",
      originRow: 0,
      originCol: 0,
      values: [
        ["Measure", "Target", "Tolerance", "Q4"],
        ["Assessments in timescale", 0.9, 0.75, 0.8],
      ],
      formats: [
        ["General", "General", "General", "General"],
        ["General", "0%", "0%", "0%"],
      ],
    };
    const [k] = scoreKpis(findKpiTables(sheet, DEFAULT_SETTINGS).tables, DEFAULT_SETTINGS, [sheet]).kpis;
    expect(k.status).toBe("within");
    expect(k.previousStatus).toBeUndefined();
    expect(statusChangeWords(k.previousStatus, k.status)).toBe("");
  });
});
