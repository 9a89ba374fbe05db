import type { CellValue } from "../../../src/engine/Grid";
import {
  buildCommentarySheet,
  shortText,
  orderByException,
} from "../../../src/engine/writeplan/buildCommentarySheet";
import { MIN_PRINT_SCALE, PRINT_WIDTH_BUDGET } from "../../../src/engine/writeplan/buildPageSetup";
import { MIN_WIDTH } from "../../../src/engine/writeplan/writeCommentarySheet";
import { kpi, sheet as gridOf } from "../planFixtures";

describe("buildCommentarySheet", () => {
  const kpis = [
    kpi({ measure: "Demand", row: 2, status: "no-target", actual: 10, unit: { kind: "number" } }),
    kpi({ measure: "Good", row: 3, status: "better", actual: 0.95, target: 0.9 }),
    kpi({ measure: "Bad", row: 4, status: "outside", actual: 0.5, target: 0.9, tolerance: 0.75 }),
    kpi({
      measure: "Missing",
      row: 5,
      status: "no-data",
      reason: "Not reportable",
      actualText: "Not reportable",
    }),
    kpi({ measure: "Amber", row: 6, status: "within", actual: 0.8, target: 0.9, tolerance: 0.75 }),
    kpi({ measure: "Annual", row: 7, status: "not-due" }),
    kpi({ measure: "New", row: 8, status: "target-tbc", actual: 0.4 }),
    kpi({ measure: "Bad too", row: 9, status: "outside", actual: 0.1, target: 0.9 }),
  ];

  it("orders by exception, keeping the workbook's order within a status", () => {
    expect(orderByException(kpis).map((k) => k.measure)).toEqual([
      "Bad",
      "Bad too",
      "Amber",
      "Good",
      "Missing",
      "New",
      "Annual",
      "Demand",
    ]);
  });

  it("writes the columns with numbers in number formats, words with symbols, and an editable officer column", () => {
    const { sheet } = buildCommentarySheet({ name: "KPI Commentary", period: "Q4", kpis });
    const header = sheet.cells.find((c) => c.value === "Group")!.row;
    const row = (r: number) => sheet.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
    expect(row(header).map((c) => c.value)).toEqual([
      "Group",
      "Measure",
      "Polarity",
      "Target",
      "Tolerance",
      "Actual",
      "Status",
      "Change of status",
      "Trend",
      "Automatic commentary",
      "Officer commentary",
      "Source",
    ]);
    expect(sheet.editableCols).toEqual([10]);
    expect(sheet.freezeRows).toBe(header + 1);
    const bad = row(header + 1);
    expect(bad.map((c) => c.value)).toEqual([
      "Contract",
      "Bad",
      "Higher is better",
      0.9,
      0.75,
      0.5,
      "✖ Outside tolerance",
      null, // no previous period: no change of status
      null, // nor a trend
      "50% against a target of 90% (tolerance 75%).",
      null,
      "KPIs!D4",
    ]);
    expect(bad[5].style?.numberFormat).toBe("0%");
    expect(bad[6].style?.fill).toBe("#FFC7CE");
    const missing = sheet.cells.find((c) => c.value === "Missing")!.row;
    expect(row(missing).find((c) => c.col === 5)?.value).toBe("Not reportable");
    const tbc = sheet.cells.find((c) => c.value === "New")!.row;
    expect(row(tbc).find((c) => c.col === 3)?.value).toBe("TBC");
  });

  // QA workbooks: "<1%" lost its "<"; a blank Mar-24 showed "No value for Mar-24" under Actual;
  // an "Annual" target showed under Actual with the Target cell blank.
  it("shows the officer's text for a qualified actual and a worded target, and leaves a blank actual blank", () => {
    const { sheet } = buildCommentarySheet({
      name: "KPI Commentary",
      period: "Mar-24",
      kpis: [
        kpi({
          measure: "Plans lasting 2 years (lower is better)",
          row: 2,
          status: "better",
          polarity: "lower",
          actual: 0.01,
          actualText: "<1%",
          qualifier: "<",
          target: 0.02,
          period: "Mar-24",
        }),
        kpi({
          measure: "Sickness days per FTE",
          row: 3,
          status: "no-data",
          reason: "No value for Mar-24",
          target: 8,
          tolerance: 9,
          unit: { kind: "number" },
          period: "Mar-24",
        }),
        kpi({
          measure: "Residents satisfied",
          row: 4,
          status: "not-due",
          reason: "Annual",
          targetText: "Annual",
          period: "Mar-24",
        }),
      ],
    });
    const rowOf = (measure: string) => {
      const r = sheet.cells.find((c) => c.value === measure)!.row;
      const cells = sheet.cells.filter((c) => c.row === r);
      return (col: number) => cells.find((c) => c.col === col)?.value ?? null;
    };
    const plans = rowOf("Plans lasting 2 years (lower is better)");
    expect([plans(3), plans(5), plans(9)]).toEqual([0.02, "<1%", "less than 1% against a target of 2%."]);
    const sickness = rowOf("Sickness days per FTE");
    expect([sickness(3), sickness(4), sickness(5)]).toEqual([8, 9, null]);
    const annual = rowOf("Residents satisfied");
    expect([annual(3), annual(5)]).toEqual(["Annual", null]);
  });

  // The scored sample: a note typed as the actual ran across the Status column in LibreOffice.
  it("shortens a long note typed as the actual, wraps it, and keeps the whole note in the sentence", () => {
    const note =
      "This data is not reportable. Unlike Child Protection Reviews the timescale for CIC reviews is dependent on a range of factors";
    const { sheet } = buildCommentarySheet({
      name: "KPI Commentary",
      period: "Q4",
      kpis: [
        kpi({
          measure: "LAC reviews in timescale",
          row: 7,
          status: "no-data",
          reason: note,
          actualText: note,
        }),
      ],
    });
    const r = sheet.cells.find((c) => c.value === "LAC reviews in timescale")!.row;
    const actual = sheet.cells.find((c) => c.row === r && c.col === 5)!;
    expect(actual.value).toBe("This data is not reportable. Unlike…");
    expect(actual.style?.wrap).toBe(true);
    expect(sheet.cells.find((c) => c.row === r && c.col === 9)?.value).toContain(note);
    expect(shortText("85%")).toBe("85%");
  });

  it("says so when there are no KPIs", () => {
    const { sheet } = buildCommentarySheet({ name: "KPI Commentary", period: "", kpis: [] });
    expect(sheet.cells.map((c) => c.value)).toContain("No KPI tables were found in this workbook.");
  });

  // Print: the columns up to the officer's fit one A4 landscape page wide at 8 pt or more, so a long
  // group or measure wraps in its column rather than widening it (it was widened up to 60).
  it("sizes columns from what they show: a rate target fits, a long group wraps, the table prints one page wide", () => {
    const rate = { kind: "rate" as const, per: 100_000 };
    const group = "Children's social care: early help and prevention";
    const { sheet } = buildCommentarySheet({
      name: "KPI Commentary",
      period: "Q4",
      kpis: [
        kpi({
          measure: "First time entrants",
          group,
          row: 2,
          status: "better",
          actual: 180,
          target: 194,
          unit: rate,
        }),
        kpi({
          measure: "X",
          group: "G".repeat(200),
          row: 3,
          status: "no-target",
          actual: 1,
          unit: { kind: "number" },
        }),
      ],
    });
    const [groupWidth, , , targetWidth, toleranceWidth] = sheet.columnWidths;
    expect(targetWidth).toBeGreaterThanOrEqual("194 per 100,000".length);
    expect(groupWidth).toBeLessThanOrEqual(14); // the 200-character group wraps
    expect(sheet.cells.find((c) => c.value === group)?.style?.wrap).toBe(true);
    expect(toleranceWidth).toBeGreaterThanOrEqual("Tolerance".length);
    for (const w of sheet.columnWidths) expect(w).toBeGreaterThanOrEqual(MIN_WIDTH);
    for (const w of sheet.columnWidths) expect(w).toBeLessThanOrEqual(60);
    const printed = sheet.pageSetup!.printArea.lastCol;
    expect(printed).toBe(sheet.editableCols[0]);
    expect(sheet.columnWidths.slice(0, printed + 1).reduce((a, w) => a + w, 0)).toBeLessThanOrEqual(
      PRINT_WIDTH_BUDGET,
    );
    expect(sheet.pageSetup!.scale).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
    const short = buildCommentarySheet({ name: "KPI Commentary", period: "Q4", kpis: [kpis[1]] }).sheet;
    expect(short.columnWidths[0]).toBeGreaterThanOrEqual(kpis[1].group.length);
  });

  // QA round 2: "↑ Improving" for an assumed polarity, a trend on a no-data row, a source at the measure.
  it("shows a neutral direction for an assumed polarity, none for no data, and a row source without a value cell", () => {
    const rows = [
      kpi({
        measure: "Live grievances",
        row: 2,
        status: "no-target",
        polaritySource: "assumed",
        actual: 10,
        previous: 2,
        changeVsPrevious: 4,
      }),
      kpi({
        measure: "Caseload",
        row: 3,
        status: "no-target",
        polaritySource: "assumed",
        actual: 90,
        previous: 100,
        changeVsPrevious: -0.1,
      }),
      kpi({
        measure: "Sickness",
        row: 4,
        status: "within",
        polaritySource: "text",
        trend: "declining",
        actual: 9,
        previous: 7,
        changeVsPrevious: 2 / 7,
      }),
      kpi({
        measure: "Mismatch",
        row: 5,
        status: "no-data",
        trend: "declining",
        actual: 85,
        previous: 90,
        changeVsPrevious: -0.05,
      }),
      kpi({ measure: "No column", row: 6, status: "no-data", actualCell: "" }),
    ];
    const { sheet } = buildCommentarySheet({ name: "KPI Commentary", period: "Dec-15", kpis: rows });
    const cellsOf = (measure: string) => {
      const r = sheet.cells.find((c) => c.col === 1 && c.value === measure)!.row;
      return sheet.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
    };
    // One vocabulary: the arrow is the figure's direction, the judgement follows where it is known.
    const trend = (measure: string) => cellsOf(measure).find((c) => c.col === 8)?.value ?? null;
    expect(rows.map((k) => trend(k.measure))).toEqual(["↑ Up", "↓ Down", "↑ Up, declining", null, null]);
    expect(cellsOf("No column").at(-1)?.value).toBe("KPIs!6:6");
    expect(cellsOf("Sickness").at(-1)?.value).toBe("KPIs!D4");
  });

  it("carries an officer's commentary on a row without a value cell for the period", () => {
    const rows = [
      kpi({ measure: "No column", row: 6, status: "no-data", actualCell: "" }),
      kpi({ measure: "Other", row: 7, status: "no-data", actualCell: "" }),
    ];
    const first = buildCommentarySheet({ name: "KPI Commentary", period: "Dec-15", kpis: rows }).sheet;
    const grid: CellValue[][] = [];
    for (const c of first.cells) {
      while (grid.length <= c.row) grid.push([]);
      grid[c.row][c.col] = c.value;
    }
    const officer = first.cells.find((c) => c.value === "Officer commentary")!.col;
    const at = first.cells.find((c) => c.col === 1 && c.value === "No column")!.row;
    grid[at][officer] = "Column added next quarter.";
    const again = buildCommentarySheet({
      name: "KPI Commentary",
      period: "Dec-15",
      kpis: rows,
      old: gridOf("KPI Commentary", grid),
      lastPeriod: "Dec-15",
    }).sheet;
    const r = again.cells.find((c) => c.col === 1 && c.value === "No column")!.row;
    expect(again.cells.find((c) => c.row === r && c.col === officer)?.value).toBe(
      "Column added next quarter.",
    );
    const other = again.cells.find((c) => c.col === 1 && c.value === "Other")!.row;
    expect(again.cells.find((c) => c.row === other && c.col === officer)?.value ?? null).toBeNull();
  });
});
