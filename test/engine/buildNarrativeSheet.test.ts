import { buildNarrativeSheet, MONEY_K_FORMAT, orderVariances } from "../../src/engine/buildNarrativeSheet";
import { variance } from "./planFixtures";

describe("buildNarrativeSheet", () => {
  // Seed 000 §35's lines under Looked After Children, and two headings.
  const variances = [
    variance({ name: "Safeguarding", variance: -370_000, row: 7 }),
    variance({ name: "Looked After Children", variance: 805_000, row: 3 }),
    variance({
      name: "Independent Fostering Agencies",
      heading: "Looked After Children",
      variance: 306_000,
      row: 4,
    }),
    variance({
      name: "Out of Area Placements",
      heading: "Looked After Children",
      variance: -840_000,
      row: 5,
    }),
    variance({ name: "Youth Justice", variance: 92_000, row: 6 }),
    variance({ name: "Grand Total", variance: 1_025_000, row: 12, isTotal: true }),
  ];

  it("groups by heading, largest first, heading row before its lines", () => {
    const flagged = variances.filter((v) => v.overThreshold && !v.isTotal);
    expect(orderVariances(flagged).map((v) => v.name)).toEqual([
      "Looked After Children",
      "Out of Area Placements",
      "Independent Fostering Agencies",
      "Safeguarding",
    ]);
  });

  it("writes one row per flagged heading or line, money as numbers in £k, and the headlines", () => {
    const { sheet } = buildNarrativeSheet({
      name: "Variance Narrative",
      period: "Q3",
      variances,
      headlines: [
        {
          tableId: "Finance!1",
          sheet: "Finance",
          budget: null,
          forecast: null,
          variance: null,
          sentence: "The forecast outturn at Quarter 3 is an underspend of £1.0m.",
        },
      ],
      hasFinanceTables: true,
      settings: { threshold: 100_000, directionWords: "ed" },
    });
    const values = sheet.cells.map((c) => c.value);
    expect(values).toContain("The forecast outturn at Quarter 3 is an underspend of £1.0m.");
    expect(values).not.toContain("Grand Total");
    expect(values).not.toContain("Youth Justice");
    const oa = sheet.cells.find((c) => c.value === "Out of Area Placements")!;
    const row = sheet.cells.filter((c) => c.row === oa.row).sort((a, b) => a.col - b.col);
    expect(row.map((c) => c.value).slice(0, 7)).toEqual([
      "Looked After Children",
      "Out of Area Placements",
      1_000_000,
      1_840_000,
      -840_000,
      -0.84,
      "Overspent",
    ]);
    expect(row[4].style?.numberFormat).toBe(MONEY_K_FORMAT);
    expect(sheet.editableCols).toEqual([11]);
  });

  it("names the finance period when the workbook has no KPI period", () => {
    const headline = {
      tableId: "Finance!1",
      sheet: "Finance",
      budget: null,
      forecast: null,
      variance: null,
      sentence: "The forecast outturn at Quarter 3 is an underspend of £1.0m.",
      periodLabel: "Quarter 3",
    };
    const periodCell = (period: string) => {
      const { sheet } = buildNarrativeSheet({
        name: "Variance Narrative",
        period,
        variances,
        headlines: [headline],
        hasFinanceTables: true,
        settings: { threshold: 100_000, directionWords: "ed" },
      });
      const label = sheet.cells.find((c) => c.value === "Period scored")!;
      return sheet.cells.find((c) => c.row === label.row && c.col === label.col + 1)?.value;
    };
    expect(periodCell("")).toBe("Quarter 3");
    expect(periodCell("2024/25 Q3")).toBe("2024/25 Q3");
  });

  it("explains an empty sheet", () => {
    const base = {
      name: "Variance Narrative",
      period: "Q3",
      variances: [],
      headlines: [],
      settings: { threshold: 250_000, directionWords: "ed" as const },
    };
    expect(
      buildNarrativeSheet({ ...base, hasFinanceTables: true }).sheet.cells.map((c) => c.value),
    ).toContain("No heading or line is over or under budget by £250k or more.");
  });
});
