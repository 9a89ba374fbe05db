import {
  buildNarrativeSheet,
  orderVariances,
  TABLE_HEADER,
} from "../../../src/engine/writeplan/buildNarrativeSheet";
import { moneyTableUnit, tableFigure } from "../../../src/engine/finance/moneyTableUnit";
import type { SheetGrid } from "../../../src/engine/Grid";
import type { FinanceHeadline, VarianceResult } from "../../../src/engine/finance/VarianceResult";
import type { SheetWrite } from "../../../src/engine/writeplan/WritePlan";
import { variance } from "../planFixtures";

/** The Table column's index (after Heading and Line). */
const TABLE = 2;

/** The unit of a table of amounts under £100m. */
const THOUSANDS = moneyTableUnit([]);

/** A written sheet as a grid, as the next run reads it back. */
function asGrid(sheet: SheetWrite): SheetGrid {
  const rows = Math.max(...sheet.cells.map((c) => c.row)) + 1;
  const cols = Math.max(...sheet.cells.map((c) => c.col)) + 1;
  const values: SheetGrid["values"] = Array.from({ length: rows }, () => Array(cols).fill(null));
  for (const c of sheet.cells) values[c.row][c.col] = c.value as SheetGrid["values"][number][number];
  return {
    name: sheet.name,
    originRow: 0,
    originCol: 0,
    values,
    formats: values.map((r) => r.map(() => "General")),
  };
}

/** The cells of the row holding `text` in column `col`, left to right. */
function rowOf(sheet: SheetWrite, col: number, text: string) {
  const at = sheet.cells.find((c) => c.col === col && c.value === text)!;
  return sheet.cells.filter((c) => c.row === at.row).sort((a, b) => a.col - b.col);
}

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

  it("writes one row per flagged heading or line, money as numbers in £000's, and the headlines", () => {
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
    expect(row.map((c) => c.value).slice(0, 8)).toEqual([
      "Looked After Children",
      "Out of Area Placements",
      "Finance",
      1_000_000,
      1_840_000,
      -840_000,
      -0.84,
      "Overspent",
    ]);
    expect(row[5].style?.numberFormat).toBe(THOUSANDS.numberFormat);
    expect(sheet.editableCols).toEqual([12]);
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

  describe("several finance tables", () => {
    // Seed 000 §35 (Dec 2019, £805k underspent) and seed 001's 2021/22 outturn (£4.64m overspent).
    const dec: Partial<VarianceResult> = { sheet: "Finance Summary Dec 2019", tableId: "Dec!1" };
    const out: Partial<VarianceResult> = { sheet: "Outturn 2021-22", tableId: "Out!1" };
    const make = (decLac: number, outLac: number): VarianceResult[] => [
      variance({ ...dec, name: "Children Looked After", variance: decLac, row: 5 }),
      variance({ ...dec, name: "Safeguarding", variance: -370_000, row: 6 }),
      variance({ ...out, name: "Early Help", variance: 200_000, row: 4 }),
      variance({ ...out, name: "Children Looked After", variance: outLac, row: 8 }),
    ];
    const headlines: FinanceHeadline[] = [
      { tableId: "Dec!1", sheet: dec.sheet!, budget: null, forecast: null, variance: null, sentence: "Dec." },
      { tableId: "Out!1", sheet: out.sheet!, budget: null, forecast: null, variance: null, sentence: "Out." },
    ];
    const build = (variances: VarianceResult[], old?: SheetGrid) =>
      buildNarrativeSheet({
        name: "Variance Narrative",
        period: "Q3",
        variances,
        headlines,
        hasFinanceTables: true,
        settings: { threshold: 100_000, directionWords: "ed" },
        old,
      }).sheet;

    it("names each row's table and keeps a table's lines together, largest first", () => {
      const sheet = build(make(805_000, -4_640_000));
      const header = rowOf(sheet, TABLE, TABLE_HEADER);
      const body = sheet.cells.filter((c) => c.row > header[0].row);
      const at = (r: number, c: number) => body.find((x) => x.row === r && x.col === c)?.value;
      const rows = [...new Set(body.map((c) => c.row))].sort((a, b) => a - b);
      const pairs = rows.map((r) => `${at(r, TABLE)} / ${at(r, 0)}`);
      expect(pairs).toEqual([
        "Finance Summary Dec 2019 / Children Looked After",
        "Finance Summary Dec 2019 / Safeguarding",
        "Outturn 2021-22 / Children Looked After",
        "Outturn 2021-22 / Early Help",
      ]);
    });

    it("tells two tables on one sheet apart by their period", () => {
      const one = make(805_000, -4_640_000).map((v) => ({ ...v, sheet: "Finance" }));
      const sheet = buildNarrativeSheet({
        name: "Variance Narrative",
        period: "Q3",
        variances: one,
        headlines: headlines.map((h, i) => ({
          ...h,
          sheet: "Finance",
          periodLabel: ["Quarter 3", "2021/22 Outturn"][i],
        })),
        hasFinanceTables: true,
        settings: { threshold: 100_000, directionWords: "ed" },
      }).sheet;
      const tables = sheet.cells.filter((c) => c.col === TABLE && String(c.value).startsWith("Finance:"));
      expect(new Set(tables.map((c) => c.value))).toEqual(
        new Set(["Finance: Quarter 3", "Finance: 2021/22 Outturn"]),
      );
    });

    it("keeps each table's commentary on its own same-named line when the sizes change", () => {
      const first = build(make(805_000, -4_640_000));
      const grid = asGrid(first);
      const officerCol = first.editableCols![0];
      for (const [sheetName, text] of [
        [dec.sheet!, "Dec: fewer residential placements."],
        [out.sheet!, "Outturn: agency placements."],
      ]) {
        const r = first.cells.find(
          (c) =>
            c.col === TABLE &&
            c.value === sheetName &&
            first.cells.some((d) => d.row === c.row && d.value === "Children Looked After"),
        )!.row;
        grid.values[r][officerCol] = text;
      }
      const second = build(make(-5_000_000, 300_000), grid);
      const textFor = (sheetName: string) => {
        const r = second.cells.find(
          (c) =>
            c.col === TABLE &&
            c.value === sheetName &&
            second.cells.some((d) => d.row === c.row && d.value === "Children Looked After"),
        )!.row;
        return second.cells.find((c) => c.row === r && c.col === officerCol)?.value;
      };
      expect(textFor(dec.sheet!)).toBe("Dec: fewer residential placements.");
      expect(textFor(out.sheet!)).toBe("Outturn: agency placements.");
    });

    it("reads commentary from an old sheet without the Table column", () => {
      const first = build(make(805_000, -4_640_000));
      const grid = asGrid(first);
      const officerCol = first.editableCols![0];
      const r = rowOf(first, TABLE, "Outturn 2021-22")[0].row;
      grid.values[r][officerCol] = "Outturn note.";
      // Last release's layout: the Table column did not exist.
      grid.values = grid.values.map((row) => row.filter((_, c) => c !== TABLE));
      const second = build(make(805_000, -4_640_000), grid);
      const row = rowOf(second, TABLE, "Outturn 2021-22");
      expect(row.find((c) => c.col === second.editableCols![0])?.value).toBe("Outturn note.");
    });
  });

  // The issue: effects were in whole pounds ("-£546,000") beside "-£840k"; amounts read "£29,024k"
  // and "£0k". Now one unit per table, stated in the headers, effects included.
  it("shows every amount, effects included, in the table's one unit, stated in its headers", () => {
    const { sheet } = buildNarrativeSheet({
      name: "Variance Narrative",
      period: "Q3",
      variances: [
        variance({
          name: "Child Arrangement Orders",
          heading: "Looked After Children",
          variance: 150_000,
          volumeEffect: 150_400,
          priceEffect: -400,
          row: 4,
        }),
      ],
      headlines: [],
      hasFinanceTables: true,
      settings: { threshold: 100_000, directionWords: "ed" },
    });
    const headers = rowOf(sheet, TABLE, TABLE_HEADER).map((c) => c.value);
    expect(headers).toContain("Budget £000's");
    expect(headers).toContain("Variance £000's (+ under, − over)");
    expect(headers).toContain("Volume effect £000's");
    const row = rowOf(sheet, 1, "Child Arrangement Orders");
    const price = row.find((c) => c.col === headers.indexOf("Price effect £000's"))!;
    // -£400 shows as 0 in £000's: written as 0, so it never reads "-0".
    expect(price.value).toBe(0);
    expect(price.style?.numberFormat).toBe(THOUSANDS.numberFormat);
    const volume = row.find((c) => c.col === headers.indexOf("Volume effect £000's"))!;
    expect([volume.value, tableFigure(volume.value as number, THOUSANDS)]).toEqual([150_400, "150"]);
    expect(sheet.cells.map((c) => c.value).join(" ")).toMatch(/Figures in £000's/);
  });

  it("shows a table of large amounts in £m to two decimals", () => {
    const { sheet } = buildNarrativeSheet({
      name: "Variance Narrative",
      period: "Q3",
      variances: [variance({ name: "Adult Social Care", variance: -2_345_000, row: 4, budget: 250_000_000 })],
      headlines: [],
      hasFinanceTables: true,
      settings: { threshold: 100_000, directionWords: "ed" },
    });
    const headers = rowOf(sheet, TABLE, TABLE_HEADER).map((c) => c.value);
    expect(headers).toContain("Budget £m");
    const row = rowOf(sheet, 0, "Adult Social Care");
    const v = row.find((c) => c.col === headers.indexOf("Variance £m (+ under, − over)"))!;
    expect(tableFigure(v.value as number, moneyTableUnit([250_000_000]))).toBe("-2.35");
    expect(v.style?.numberFormat).toBe(moneyTableUnit([250_000_000]).numberFormat);
  });
});
