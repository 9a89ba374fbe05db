import type { CellValue, SheetGrid } from "../../../src/engine/Grid";
import { findKpiTables } from "../../../src/engine/kpi/findKpiTables";
import { kpiSentence } from "../../../src/engine/kpi/kpiSentence";
import { scoreKpis } from "../../../src/engine/kpi/scoreKpis";
import { DEFAULT_SETTINGS } from "../../../src/engine/Settings";
import { buildCommentarySheet, COMMENTARY_COLUMNS } from "../../../src/engine/writeplan/buildCommentarySheet";

// Issue 12: the KPI Commentary showed a tolerance equal to the target blank, reformatted targets
// ("25.0%" where the sheet says 25%), and clipped long actual texts.
const values: CellValue[][] = [
  ["Key Performance Indicators", null, null, null, null, null],
  ["Measure", "Polarity", "Target", "Tolerance", "Q3", "Q4"],
  ["Re-offending rates", "Lower", 0.25, null, 0.24, 0.257],
  ["Audits graded good or better", "Higher", 0.8, 0.8, 0.82, 0.56],
  ["Average days to adoption", "Lower", 426, 460, 440, 463],
  [
    "Stability of placements",
    "Higher",
    0.7,
    0.6,
    0.71,
    "Data is not available at this point due to validation work",
  ],
];
const formats: string[][] = values.map((row, r) =>
  row.map((_, c) => (r < 2 || c < 2 ? "General" : r === 4 ? "#,##0" : c === 5 && r === 2 ? "0.0%" : "0%")),
);
const sheet: SheetGrid = { name: "KPIs", originRow: 0, originCol: 0, values, formats };
const { kpis } = scoreKpis(findKpiTables(sheet, DEFAULT_SETTINGS).tables, DEFAULT_SETTINGS, [sheet]);
const built = buildCommentarySheet({ name: "KPI Commentary", period: "Q4", kpis, sheets: [sheet] }).sheet;
const col = (header: string) => COMMENTARY_COLUMNS.findIndex((c) => c.header === header);
const cellOf = (measure: string, header: string) => {
  const row = built.cells.find((c) => c.col === 1 && c.value === measure)!.row;
  return built.cells.find((c) => c.row === row && c.col === col(header));
};

describe("KPI Commentary shows the officer's figures in the officer's formats", () => {
  it("shows targets and tolerances as the sheet holds them, in the cells' own formats", () => {
    // 25.7% needs a decimal, but the officer's target reads "25%": its own format, not "25.0%".
    expect([
      cellOf("Re-offending rates", "Target")?.value,
      cellOf("Re-offending rates", "Target")?.style?.numberFormat,
    ]).toEqual([0.25, "0%"]);
    expect(cellOf("Re-offending rates", "Actual")?.style?.numberFormat).toBe("0.0%");
    // A tolerance equal to the target is shown, not blank (it makes no amber band).
    expect([
      cellOf("Audits graded good or better", "Tolerance")?.value,
      cellOf("Audits graded good or better", "Tolerance")?.style?.numberFormat,
    ]).toEqual([0.8, "0%"]);
    expect(cellOf("Average days to adoption", "Target")?.style?.numberFormat).toBe("#,##0");
  });

  it("gives the polarity in words, the change of status, and the rule in the sentence", () => {
    expect(cellOf("Re-offending rates", "Polarity")?.value).toBe("Lower is better");
    expect(cellOf("Re-offending rates", "Change of status")?.value).toBe(
      "Worsened: was better than target, now outside tolerance",
    );
    expect(cellOf("Audits graded good or better", "Automatic commentary")?.value).toMatch(
      /^56% misses the 80% target \(met \/ not met: no tolerance or amber band\); down 26 percentage points on Q3\.$/,
    );
    expect(cellOf("Average days to adoption", "Automatic commentary")?.value).toMatch(
      /^463 misses the 426 target and is not within the 460 tolerance \(lower is better\)/,
    );
  });

  it("wraps a long actual text, with every text column", () => {
    const actual = cellOf("Stability of placements", "Actual");
    expect(actual?.style?.wrap).toBe(true);
    expect(String(actual?.value).endsWith("…")).toBe(true);
    for (const header of [
      "Group",
      "Measure",
      "Polarity",
      "Status",
      "Change of status",
      "Trend",
      "Automatic commentary",
    ])
      expect(cellOf("Stability of placements", header)?.style?.wrap).toBe(true);
  });

  it("keeps the bare figures without the officer's sheets (hand-made results)", () => {
    const plain = buildCommentarySheet({ name: "KPI Commentary", period: "Q4", kpis }).sheet;
    const row = plain.cells.find((c) => c.col === 1 && c.value === "Re-offending rates")!.row;
    expect(plain.cells.find((c) => c.row === row && c.col === col("Target"))?.style?.numberFormat).toBe(
      "0.0%",
    );
  });
});

describe("kpiSentence with the rule that decided the status", () => {
  it("keeps the officer's qualifier and words", () => {
    const base = {
      unit: { kind: "percent" } as const,
      period: "Q4",
      previous: null,
      yearAgo: null,
      tolerance: null,
    };
    expect(
      kpiSentence({
        ...base,
        status: "better",
        actual: 0.01,
        target: 0.03,
        qualifier: "<",
        rule: "better than target: 1% meets the 3% target (lower is better)",
      }),
    ).toBe("less than 1% meets the 3% target (lower is better).");
    expect(
      kpiSentence({
        ...base,
        status: "outside",
        actual: null,
        target: 0.9,
        rule: 'outside tolerance: from the officer\'s words "Target not met"',
      }),
    ).toBe('Outside tolerance, from the officer\'s words "Target not met"; target 90%.');
  });
});
