import { analyseVariances } from "../../../src/engine/finance/analyseVariances";
import { EngineError } from "../../../src/engine/EngineError";
import { findFinanceTables } from "../../../src/engine/finance/findFinanceTables";
import type { CellValue, SheetGrid } from "../../../src/engine/Grid";
import { DEFAULT_SETTINGS, type Settings, type TableMapping } from "../../../src/engine/Settings";
import { seedToGrid } from "../../fixtures/seedToGrid";
import { careLadder2019 } from "../../fixtures/seeds/careLadder2019";
import { financeSummary2019 } from "../../fixtures/seeds/financeSummary2019";
import { outturn2122 } from "../../fixtures/seeds/outturn2122";
import { revenueMonitoring } from "../../fixtures/qa/revenueMonitoring";

const find = (g: SheetGrid) => findFinanceTables(g, DEFAULT_SETTINGS);
const grid = (rows: CellValue[][], formats?: Record<string, string>): SheetGrid =>
  seedToGrid({ name: "Sheet1", rows, formats });

describe("seed 000 §33: December 2019 summary (band row over Gross/Income/Net, £000's)", () => {
  const { tables, issues } = find(seedToGrid(financeSummary2019));
  const t = tables[0];

  test("one table, its band and header rows, and its columns", () => {
    expect(tables).toHaveLength(1);
    expect(issues).toEqual([]);
    expect(t.headerRows).toEqual([2, 3]);
    expect(t.columns.name).toBe(0);
    expect(t.columns.budget).toEqual({ gross: 1, income: 2, net: 3 });
    expect(t.columns.forecast).toEqual({ gross: 4, income: 5, net: 6 });
    expect(t.columns.variance).toEqual({ gross: 7, income: 8, net: 9 });
    expect(t.scale).toBe(1000);
    expect(t.scaleSource).toBe("header");
    expect(t.invertedSign).toBe(false);
    expect(t.careLadder).toBe(false);
    expect([t.top, t.bottom]).toEqual([2, 12]);
  });

  test("lines, the Grand Total and the contract-value funding line", () => {
    expect(t.lines.map((l) => l.name)).toHaveLength(9);
    const total = t.lines.find((l) => l.name === "Grand Total");
    expect(total?.isTotal).toBe(true);
    expect(total?.totals).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(t.lines.filter((l) => l.isTotal)).toHaveLength(1);
    const contract = t.lines.find((l) => l.name === "Contract Value");
    expect(contract).toMatchObject({ isIncome: true, isFunding: true });
    expect(t.lines.find((l) => l.name === "Youth Justice")?.isIncome).toBe(false);
  });

  test("the period comes from the title's month: December 2019 is Quarter 3 of 2019/20", () => {
    expect(t.period).toMatchObject({ kind: "quarter", fy: 2019, quarter: 3 });
  });

  test("an unmerged band row is carried across its Gross/Income/Net columns", () => {
    const unmerged = { ...seedToGrid(financeSummary2019), merges: [] };
    const u = find(unmerged).tables[0];
    expect(u.columns.forecast).toEqual({ gross: 4, income: 5, net: 6 });
    expect(u.columns.variance).toEqual({ gross: 7, income: 8, net: 9 });
  });

  test("columns are sheet columns when the used range does not start at A1", () => {
    const g = { ...seedToGrid(financeSummary2019), originRow: 4, originCol: 2 };
    g.merges = (seedToGrid(financeSummary2019).merges ?? []).map((m) => ({
      top: m.top + 4,
      bottom: m.bottom + 4,
      left: m.left + 2,
      right: m.right + 2,
    }));
    const o = find(g).tables[0];
    expect(o.columns.name).toBe(2);
    expect(o.columns.variance.net).toBe(11);
    expect(o.lines[0].row).toBe(8);
    expect(o.headerRows).toEqual([6, 7]);
  });
});

describe("seed 001 §84: 2021/22 outturn with Covid, operating and Change from Q3 columns", () => {
  const t = find(seedToGrid(outturn2122)).tables[0];
  test("extra columns are carried through", () => {
    expect(t.columns.covid).toBe(10);
    expect(t.columns.operating).toBe(11);
    expect(t.columns.change).toBe(12);
    expect(t.columns.changes).toEqual([12, 13]);
    expect(t.movementLabel).toBe("Q3");
  });
  test("an Outturn (not a forecast) column makes the period the year-end outturn", () => {
    expect(t.period).toMatchObject({ kind: "outturn", fy: 2021 });
  });
});

describe("care ladder built from seed 000 §35", () => {
  const t = find(seedToGrid(careLadder2019)).tables[0];
  test("activity and weekly unit cost columns make it a care ladder", () => {
    expect(t.careLadder).toBe(true);
    expect(t.unitCostPer).toBe("week");
    expect(t.columns).toMatchObject({
      activityBudget: 4,
      activityActual: 5,
      unitCostBudget: 6,
      unitCostActual: 7,
    });
    expect(t.columns.budget).toEqual({ net: 1 });
    expect(t.scale).toBe(1);
  });
  test("lines sit under their heading row; the heading's total closes it", () => {
    const lines = t.lines.filter((l) => !l.isTotal);
    expect(lines).toHaveLength(18);
    expect(new Set(lines.map((l) => l.heading))).toEqual(new Set(["Looked After Children"]));
    const total = t.lines[t.lines.length - 1];
    expect(total).toMatchObject({ name: "Total Looked After Children", isTotal: true });
    expect(total.heading).toBeUndefined();
    expect(total.totals).toHaveLength(18);
    expect(t.lines.filter((l) => l.isIncome).map((l) => l.name)).toEqual([
      "Continuing Healthcare Contributions (income)",
      "DSG High Needs Block funding (income)",
    ]);
  });
});

describe("what is and is not a finance table", () => {
  test("a KPI table (Measure / Target / Tolerance) is never claimed", () => {
    const kpi = grid([
      ["Measure", "Target", "Tolerance", "Q4 Performance"],
      ["Budget monitoring completed on time", 0.95, 0.9, 0.97],
    ]);
    expect(find(kpi).tables).toEqual([]);
  });

  test("a budget column alone is not a finance table", () => {
    expect(
      find(
        grid([
          ["Service", "Budget £"],
          ["Fostering", 100],
        ]),
      ).tables,
    ).toEqual([]);
  });

  test("Budget / Actual / Variance with a sub-total, a grand total and a second table below", () => {
    const g = grid([
      ["Revenue monitoring £k"],
      ["Service", "Budget", "Actual", "Variance"],
      ["Fostering", 500, 520, -20],
      ["Adoption", 300, 280, 20],
      ["Sub-total", 800, 800, 0],
      ["Youth Justice", 200, 150, 50],
      ["Total", 1000, 950, 50],
      [],
      [],
      ["Capital", "Budget £m", "Projected £m"],
      ["Schools", 4.5, 4.2],
    ]);
    const { tables } = find(g);
    expect(tables).toHaveLength(2);
    const [rev, cap] = tables;
    expect(rev.scale).toBe(1000);
    expect(rev.scaleSource).toBe("title");
    expect(rev.lines.find((l) => l.name === "Sub-total")?.totals).toEqual([2, 3]);
    // the grand total adds up the sub-total and the line it leaves out
    expect(rev.lines.find((l) => l.name === "Total")?.totals).toEqual([4, 5]);
    expect(cap.scale).toBe(1_000_000);
    expect(cap.columns.forecast.net).toBe(2);
    expect(cap.columns.variance).toEqual({});
  });

  test.each<[string, string, number, string]>([
    ["Budget £000's", "General", 1000, "header"],
    ["Budget £k", "General", 1000, "header"],
    ["Budget £m", "General", 1_000_000, "header"],
    ["Budget £", "General", 1, "header"],
    ["Budget", '#,##0"k"', 1000, "format"],
    ["Budget", '£#,##0.0"m"', 1_000_000, "format"],
    ["Budget", '£#,##0,"k"', 1, "format"], // a scaling comma: the cell holds pounds
    ["Budget £000's", "#,##0,", 1, "header"], // header in £000's shown by scaling pounds
    ["Budget", "General", 1, "assumed"],
  ])("units: %s with format %s → scale %p (%s)", (label, format, scale, source) => {
    const g = grid(
      [
        ["Heading", label, "Forecast"],
        ["Fostering", 100, 90],
      ],
      { B2: format, C2: format },
    );
    const { tables, issues } = find(g);
    expect(tables[0].scale).toBe(scale);
    expect(tables[0].scaleSource).toBe(source);
    expect(issues.some((i) => /No money unit/.test(i.message))).toBe(source === "assumed");
  });

  test("previous-quarter columns under a Quarter 3 / Quarter 2 band", () => {
    const g = seedToGrid({
      name: "Trust",
      rows: [
        [null, "Quarter 3", null, null, "Quarter 2"],
        ["Trust", "Budget £m", "Forecast £m", "Variance £m", "Variance £m"],
        ["Doncaster Children's Services Trust", 54.8, 53.8, 1.0, 1.1],
      ],
      merges: ["B1:D1"],
    });
    const t = find(g).tables[0];
    expect(t.columns.variance.net).toBe(3);
    expect(t.columns.previousVariance).toBe(4);
    expect(t.movementLabel).toBe("Quarter 2");
    expect(t.period).toMatchObject({ kind: "quarter", quarter: 3 });
  });

  test("notes under a table end it; they are not headings", () => {
    const g = grid([
      ["Heading", "Budget £", "Forecast £"],
      ["Fostering", 100, 90],
      ["The forecast is based on the current cohort and mix of placements."],
      ["Another", 1, 2],
    ]);
    const t = find(g).tables[0];
    expect(t.lines.map((l) => l.name)).toEqual(["Fostering"]);
  });

  test("text and Excel errors in a table never throw", () => {
    const g = grid([
      ["Heading", "Budget £", "Forecast £", "Variance £"],
      ["Fostering", "TBC", "#REF!", null],
      ["Adoption", 100, 90, 10],
    ]);
    expect(() => find(g)).not.toThrow();
    expect(find(g).tables[0].lines.map((l) => l.name)).toEqual(["Adoption"]);
  });
});

describe("QA: officer-style first-column headers, totals and previous-quarter columns", () => {
  // the shape of QA's hdr0..hdr6 workbooks
  test.each([
    "Budget line",
    "Budget heading",
    "Budget area",
    "Budget Holder",
    "Service",
    "Cost centre",
    "Directorate",
  ])("a first-column header %p is the name column, not a budget column", (first) => {
    const { tables } = find(
      grid([
        [first, "Budget £k", "Forecast £k", "Variance £k"],
        ["Adults", 1000, 1200, -200],
        ["Children", 800, 700, 100],
        ["Total", 1800, 1900, -100],
      ]),
    );
    expect(tables).toHaveLength(1);
    expect(tables[0].columns).toMatchObject({
      name: 0,
      budget: { net: 1 },
      forecast: { net: 2 },
      variance: { net: 3 },
    });
    expect(tables[0].lines.map((l) => [l.name, l.isTotal])).toEqual([
      ["Adults", false],
      ["Children", false],
      ["Total", true],
    ]);
  });

  test("a Budget Holder column of names beside the service names is not money; a plain Budget column is", () => {
    const { tables } = find(
      grid([
        ["Service", "Budget Holder", "Budget", "Forecast"],
        ["Fostering", "J Smith", 500, 520],
        ["Adoption", "A Khan", 300, 280],
      ]),
    );
    expect(tables[0].columns).toMatchObject({ name: 0, budget: { net: 2 }, forecast: { net: 3 } });
  });

  // the shape of QA's 11-thousands workbook
  const revenue = seedToGrid(revenueMonitoring(76945, "Sheet1"));

  test("a grand total adds up the sub-totals above it; each sub-total its own lines", () => {
    const t = find(revenue).tables[0];
    const totals = (name: string) => t.lines.find((l) => l.name === name)?.totals;
    expect(totals("Adults Sub-total")).toEqual([5, 6]);
    expect(totals("Children Sub-total")).toEqual([9, 10]);
    expect(totals("Grand Total")).toEqual([7, 11]);
  });

  test("heading totals (Total Adults, Total Children) under a Grand Total; a bare Total under several headings", () => {
    const t = find(
      grid([
        ["Service", "Budget £k", "Forecast £k"],
        ["Adults"],
        ["Older people", 100, 110],
        ["Total Adults", 100, 110],
        ["Children"],
        ["Fostering", 200, 190],
        ["Adoption", 50, 50],
        ["Total Children", 250, 240],
        ["Grand Total", 350, 350],
      ]),
    ).tables[0];
    const totals = (name: string) => t.lines.find((l) => l.name === name)?.totals;
    expect(totals("Total Adults")).toEqual([2]);
    expect(totals("Total Children")).toEqual([5, 6]);
    expect(totals("Grand Total")).toEqual([3, 7]);
    const bare = find(
      grid([
        ["Service", "Budget £k", "Forecast £k"],
        ["Adults"],
        ["Older people", 100, 110],
        ["Children"],
        ["Fostering", 200, 190],
        ["Total", 300, 300],
      ]),
    ).tables[0];
    expect(bare.lines.find((l) => l.name === "Total")?.totals).toEqual([2, 4]);
  });

  test("the un-numbered Forecast Outturn is current and Q2 Forecast Outturn the previous quarter's", () => {
    const t = find(revenue).tables[0];
    expect(t.columns.forecast.net).toBe(2);
    expect(t.columns.previousForecast).toBe(4);
    expect(t.movementLabel).toBe("Q2");
    // the quarter is the title's, not the previous column's
    expect(t.period).toMatchObject({ kind: "quarter", quarter: 3, fy: 2023 });
    // QA's 11b: no title and an un-numbered current column: the quarter is not known
    const b = find(
      grid([
        ["Service", "Annual Budget", "Forecast Outturn", "Q2 Forecast Outturn"],
        ["Older people", 25000, 25900, 25600],
        ["Total", 25000, 25900, 25600],
      ]),
    ).tables[0];
    expect(b.columns).toMatchObject({ forecast: { net: 2 }, previousForecast: 3 });
    expect(b.period?.kind === "quarter").toBe(false);
  });
});

// ---- traits of other councils' published budget monitoring tables ----

/** Finds and analyses one sheet; variances by line name, + = underspend (the engine's sign). */
function analyse(g: SheetGrid, tables: TableMapping[] = []) {
  const settings: Settings = { ...DEFAULT_SETTINGS, tables };
  const found = findFinanceTables(g, settings);
  const out = analyseVariances(found.tables, new Map([[g.name, g]]), settings);
  const v = (name: string) => {
    const hit = out.variances.find((x) => x.name === name);
    if (!hit) throw new Error(`no result named ${name}`);
    return hit;
  };
  return { ...found, ...out, issues: [...found.issues, ...out.issues], v };
}
const sheet = (rows: CellValue[][], merges?: string[], formats?: Record<string, string>): SheetGrid =>
  seedToGrid({ name: "Budget", rows, merges, formats });

describe("a year band beside last year's: the current (latest) year is scored", () => {
  const rows: CellValue[][] = [
    ["Children's Services revenue"],
    [null, "LAST YEAR 2002/3", null, "CURRENT YEAR 2003/4", null],
    ["Service", "Annual Budget", "Actual Outturn", "Annual Budget", "Forecast Outturn"],
    [null, "£000", "£000", "£000", "£000"],
    ["Fostering", 1000, 1100, 1200, 1150],
    ["Adoption", 500, 450, 520, 600],
    ["Total", 1500, 1550, 1720, 1750],
  ];

  test.each([
    ["merged", ["B2:C2", "D2:E2"]],
    ["unmerged", []],
  ])(
    "%s bands: this year's budget and forecast, the band recorded and named in an info issue",
    (_, merges) => {
      const { tables, issues, v } = analyse(sheet(rows, merges));
      expect(tables).toHaveLength(1);
      const t = tables[0];
      expect(t.columns).toMatchObject({ name: 0, budget: { net: 3 }, forecast: { net: 4 }, variance: {} });
      expect(t.headerRows).toEqual([1, 2, 3]);
      expect(t.scale).toBe(1000);
      expect(t.scoredBand).toBe("CURRENT YEAR 2003/4");
      expect(issues.filter((i) => i.severity === "info").map((i) => i.message)).toEqual([
        'Scored the "CURRENT YEAR 2003/4" columns; left out "LAST YEAR 2002/3" (an earlier year).',
      ]);
      expect(v("Fostering")).toMatchObject({ budget: 1_200_000, forecast: 1_150_000, variance: 50_000 });
      expect(v("Adoption").variance).toBe(-80_000);
      expect(v("Total")).toMatchObject({ isTotal: true, variance: -30_000 });
    },
  );

  test("last year's column left of the names (a year in its words) is not this year's", () => {
    const { tables, v } = analyse(
      sheet([
        ["Outturn 2021/22", null, "2022/23 Budget", "Forecast Outturn", "Forecast Variance"],
        ["£'000", "Service", "£'000", "£'000", "£'000"],
        [-9, "Director", 248, 248, 0],
        [6, "Health, SEN & Disability", 49396, 51017, 1621],
        [-3, "Total", 49644, 51265, 1621],
      ]),
    );
    expect(tables[0].columns).toMatchObject({ name: 1, budget: { net: 2 }, forecast: { net: 3 } });
    expect(v("Health, SEN & Disability").variance).toBe(-1_621_000);
  });

  test("ACTUAL TO DATE beside YEAR END FORECAST: the year end is scored", () => {
    const { tables, issues, v } = analyse(
      sheet(
        [
          [null, "ACTUAL TO DATE", null, null, "YEAR END FORECAST", null, null],
          ["Portfolio", "Actual", "Budget", "Variance", "Forecast", "Budget", "Over or (under) spend"],
          ["Transport", 1186, 1866, -680, 4289, 4259, 30],
          ["Leader", 986, 1193, -207, 2170, 2221, -51],
        ],
        ["B1:D1", "E1:G1"],
      ),
    );
    expect(tables[0].columns).toMatchObject({
      budget: { net: 5 },
      forecast: { net: 4 },
      variance: { net: 6 },
    });
    expect(tables[0].scoredBand).toBe("YEAR END FORECAST");
    expect(issues.map((i) => i.message)).toContain(
      'Scored the "YEAR END FORECAST" columns; left out "ACTUAL TO DATE" (to date, not the full year).',
    );
    expect([v("Transport").variance, v("Leader").variance]).toEqual([-30, 51]);
  });

  test("actuals to date with no forecast are scored against the budget to date", () => {
    const { tables, issues } = analyse(
      sheet([
        [
          "Directorate",
          "Full Year Budget £",
          "Profiled Budget Y-T-D £",
          "Actual + Commitments £",
          "Variance £",
        ],
        ["Allotments", 28600, 21442, 19039, 2403],
        ["Cemetery", 169800, 127299, 48741, 78558],
      ]),
    );
    expect(tables[0].columns).toMatchObject({ budget: { net: 2 }, forecast: { net: 3 } });
    expect(issues.filter((i) => i.code === "variance-mismatch")).toEqual([]);
  });
});

describe("the unit on a third header row or a row under the header; column numbers under it", () => {
  test.each<[string, number]>([
    ["£000", 1000],
    ["£'000", 1000],
    ["£000's", 1000],
    ["£k", 1000],
    ["£m", 1_000_000],
    ["£", 1],
  ])("a unit row of %p", (unit, scale) => {
    const { tables, v } = analyse(
      sheet([
        ["Service", "Budget", "Forecast"],
        [null, unit, unit],
        ["Fostering", 12, 11],
      ]),
    );
    expect(tables[0]).toMatchObject({ scale, scaleSource: "header", headerRows: [0, 1] });
    expect(v("Fostering").variance).toBe(scale);
  });

  test("band, labels, unit row and a row of column numbers make one header block", () => {
    const { tables, v } = analyse(
      sheet(
        [
          ["Revenue budget monitoring"],
          [null, "2023/24", null, null],
          ["Service", "Budget", "Forecast", "Variance"],
          ["", "£'000", "£'000", "£'000"],
          [null, 1, 2, "3 = 2 - 1"],
          ["Fostering", 500, 520, 20],
          ["Adoption", 300, 280, -20],
        ],
        ["B2:D2"],
      ),
    );
    expect(tables[0]).toMatchObject({ headerRows: [1, 2, 3, 4], scale: 1000, invertedSign: true });
    expect(tables[0].lines.map((l) => l.name)).toEqual(["Fostering", "Adoption"]);
    expect(v("Fostering").variance).toBe(-20_000);
  });

  test.each([[[null, 1, 2, 3]], [[null, "(1)", "(2)", "(3)"]], [[null, "A", "B", "C = B - A"]]])(
    "column numbers %p are not a line",
    (numbers) => {
      const { tables } = analyse(
        sheet([
          ["Service", "Budget £k", "Forecast £k", "Variance £k"],
          numbers,
          ["Fostering", 500, 520, -20],
        ]),
      );
      expect(tables[0].lines.map((l) => l.name)).toEqual(["Fostering"]);
    },
  );
});

describe("totals by arithmetic", () => {
  const g = sheet([
    ["Service", "Budget £000", "Forecast £000"],
    ["Fostering", 100, 110],
    ["Adoption", 50, 45],
    [null, 150, 155],
    ["Early help", 30, 20],
    ["Youth", 20, 26],
    ["Prevention and early help", 50, 46],
    ["Children's Services", 200, 201],
  ]);

  test("unlabelled sub-totals, and a department total named after the department", () => {
    const { tables, issues } = analyse(g);
    const t = tables[0];
    const totals = (row: number) => t.lines.find((l) => l.row === row)?.totals;
    expect(t.lines.filter((l) => l.isTotal).map((l) => l.row)).toEqual([3, 6, 7]);
    expect(totals(3)).toEqual([1, 2]);
    expect(totals(6)).toEqual([4, 5]);
    expect(totals(7)).toEqual([3, 6]);
    expect(issues.filter((i) => /read as a total/.test(i.message)).map((i) => i.cell)).toEqual([
      "A4",
      "A7",
      "A8",
    ]);
    expect(issues.filter((i) => i.code === "tie-out")).toEqual([]);
  });

  test("the department total heads the headline and is never over the threshold", () => {
    const { headlines, v } = analyse(g);
    expect(v("Children's Services")).toMatchObject({ isTotal: true, variance: -1000, overThreshold: false });
    expect(headlines[0].variance).toBe(-1000);
  });

  test("a total whose label points at other lines than its figures: the figures win, with an info issue", () => {
    const { tables, issues } = analyse(
      sheet([
        ["Service", "Budget £k", "Forecast £k"],
        ["Adults"],
        ["Older people", 100, 110],
        ["Children"],
        ["Fostering", 200, 190],
        ["Total Children", 300, 300],
      ]),
    );
    expect(tables[0].lines.find((l) => l.name === "Total Children")?.totals).toEqual([2, 4]);
    expect(issues.map((i) => i.message)).toContain(
      '"Total Children" adds up rows 3 and 5, not the lines its name points to; read as their total.',
    );
  });

  test("a labelled total that adds up nothing is still a total, and the tie-out says so", () => {
    const { issues, v } = analyse(
      sheet([
        ["Service", "Budget £k", "Forecast £k"],
        ["Fostering", 200, 190],
        ["Adoption", 100, 90],
        ["Total", 310, 280],
      ]),
    );
    expect(v("Total").isTotal).toBe(true);
    expect(issues.filter((i) => i.code === "tie-out").map((i) => i.cell)).toEqual(["B4"]); // 200 + 100 ≠ 310
  });

  test("a line that merely equals one line above is not a total", () => {
    const { v } = analyse(
      sheet([
        ["Service", "Budget £k", "Forecast £k"],
        ["Fostering", 200, 190],
        ["Adoption", 200, 190],
      ]),
    );
    expect(v("Adoption").isTotal).toBe(false);
  });
});

describe("forecast left of budget, with spend-or-(income) headers", () => {
  test('"Forecast Spend or (Income)" before "Budgeted Spend or (Income)" is net forecast then net budget', () => {
    const { tables, v } = analyse(
      sheet([
        ["Portfolio", "Forecast Spend or (Income)", "Budgeted Spend or (Income)", "Over or (under) spend"],
        [null, "£'000", "£'000", "£'000"],
        ["Social Services", 33279, 32990, 290],
        ["Economic Development", "(1,916)", "(2,084)", 168],
        ["Resources", 16578, 16598, "(20)"],
      ]),
    );
    expect(tables[0].columns).toMatchObject({
      forecast: { net: 1 },
      budget: { net: 2 },
      variance: { net: 3 },
    });
    expect(tables[0].invertedSign).toBe(true);
    expect(tables[0].signConvention).toBe(
      'variance = forecast − budget; + = overspend (from the header "Over or (under) spend")',
    );
    expect(v("Social Services").variance).toBe(-290_000);
    expect(v("Economic Development")).toMatchObject({
      budget: -2_084_000,
      forecast: -1_916_000,
      variance: -168_000,
    });
    expect(v("Resources").variance).toBe(20_000);
  });
});

describe("the variance split into Overspend and Underspend columns, both positive", () => {
  test("beside budget and forecast: underspend − overspend, checked against them", () => {
    const { tables, issues, v } = analyse(
      sheet([
        ["Service", "Budget £000", "Forecast £000", "Overspend £000", "Underspend £000"],
        ["Fostering", 500, 520, 20, null],
        ["Adoption", 300, 280, null, 20],
        ["Youth", 100, 100, 0, 0],
        ["Total", 900, 900, 20, 20],
      ]),
    );
    expect(tables[0].columns).toMatchObject({ overspend: 3, underspend: 4, variance: {} });
    expect(tables[0].signConvention).toMatch(/underspend − overspend/);
    expect([v("Fostering").variance, v("Adoption").variance, v("Youth").variance]).toEqual([
      -20_000, 20_000, 0,
    ]);
    expect(v("Fostering").cell).toBe("D2");
    expect(issues.filter((i) => i.severity !== "info")).toEqual([]);
  });

  test("without a forecast: the forecast is worked out; a split that disagrees with the amounts is a warning", () => {
    const { v } = analyse(
      sheet([
        ["Service", "Budget £k", "Overspend £k", "Underspend £k"],
        ["Fostering", 500, 20, null],
        ["Adoption", 300, null, 25],
      ]),
    );
    expect(v("Fostering")).toMatchObject({ forecast: 520_000, variance: -20_000 });
    expect(v("Adoption")).toMatchObject({ forecast: 275_000, variance: 25_000 });
    const wrong = analyse(
      sheet([
        ["Service", "Budget £k", "Forecast £k", "Overspend £k", "Underspend £k"],
        ["Fostering", 500, 520, 30, null],
      ]),
    );
    expect(wrong.issues.filter((i) => i.code === "variance-mismatch").map((i) => i.cell)).toEqual(["D2"]);
  });
});

describe("budget and variance only: the sign from the header's words", () => {
  test.each<[string, number, boolean]>([
    ["Projected Variance (favourable) / adverse", 22, true],
    ["Variance (under) / over", 22, true],
    ["Variance over / (under)", 22, true],
    ["Variance + = overspend", 22, true],
    ["Variance (underspend)/overspend", 22, true],
    ["Variance fav/(adv)", -22, false],
    ["Under / (over) spend", -22, false],
  ])("%p", (header, written, inverted) => {
    // every header says: 22 over budget
    const { tables, issues, v } = analyse(
      sheet([
        ["Revenue", "Revised Annual Budget", header],
        [null, "£000", "£000"],
        ["Schools", 59955, written],
        ["Resources", 7240, -written],
      ]),
    );
    expect(tables[0].invertedSign).toBe(inverted);
    expect(tables[0].signConvention).toMatch(
      inverted
        ? /^variance = forecast − budget; \+ = overspend \(from the header "/
        : /^variance = budget − forecast; \+ = underspend \(from the header "/,
    );
    expect(v("Schools")).toMatchObject({
      variance: -22_000,
      direction: "overspend",
      budget: 59_955_000,
      forecast: 59_977_000,
    });
    expect(v("Resources")).toMatchObject({ variance: 22_000, forecast: 7_218_000 });
    expect(issues.filter((i) => i.severity !== "info")).toEqual([]);
  });

  test("no words and no forecast: read as + = underspend, with a warning to confirm it", () => {
    const { tables, issues } = analyse(
      sheet([
        ["Service", "Budget £k", "Variance £k"],
        ["Schools", 100, 5],
      ]),
    );
    expect(tables[0].signConvention).toBe(
      "variance = budget − forecast; + = underspend (assumed: neither the header nor the figures say)",
    );
    expect(issues.map((i) => [i.code, i.cell])).toEqual([["variance-sign", "C1"]]);
  });

  test("words the figures contradict: the figures are followed, with a warning", () => {
    const { tables, issues } = analyse(
      sheet([
        ["Service", "Budget £k", "Forecast £k", "Variance over / (under)"],
        ["Schools", 100, 90, 10],
        ["Roads", 100, 120, -20],
      ]),
    );
    expect(tables[0].invertedSign).toBe(false);
    expect(tables[0].signConvention).toBe("variance = budget − forecast; + = underspend (from the figures)");
    expect(issues.filter((i) => i.code === "variance-sign").map((i) => i.message)).toEqual([
      'The header says "over / (under)" (+ = overspend), but the figures are budget − forecast (+ = underspend); followed the figures.',
    ]);
  });

  test("a title's words are used when the header has none", () => {
    const { tables } = analyse(
      sheet([
        ["Variances shown as (underspend) / overspend"],
        ["Service", "Budget £k", "Variance £k"],
        ["Schools", 100, 5],
      ]),
    );
    expect(tables[0].invertedSign).toBe(true);
    expect(tables[0].signConvention).toBe(
      'variance = forecast − budget; + = overspend (from the title "(underspend) / overspend")',
    );
  });
});

describe("bracket negatives as text and CR / DR suffixes", () => {
  test('"(1,234)" and "1,234 CR" are negative, "DR" positive, in any column', () => {
    const { v, issues } = analyse(
      sheet([
        ["Service", "Budget £", "Forecast £", "Variance £"],
        ["Fees and charges income", "2,000 CR", "(2,300)", "300"],
        ["Fostering", "1,000 DR", "1,250", "(250)"],
      ]),
    );
    expect(v("Fees and charges income")).toMatchObject({ budget: -2000, forecast: -2300, variance: 300 });
    expect(v("Fostering")).toMatchObject({ budget: 1000, forecast: 1250, variance: -250 });
    expect(issues.filter((i) => i.severity !== "info")).toEqual([]);
  });
});

describe("table mappings confirmed by the officer", () => {
  const odd = sheet([
    ["Cost centre", "Col 1", "Col 2", "Col 3"],
    ["Fostering", 500, 520, 20],
    ["Adoption", 300, 280, -20],
  ]);
  const finance = (extra: Partial<TableMapping>): TableMapping => ({
    sheet: "Budget",
    headerRow: 1,
    kind: "finance",
    ...extra,
  });

  test("roles make a table where the words do not; sign and scale are the officer's", () => {
    expect(analyse(odd).tables).toEqual([]);
    const { tables, v, issues } = analyse(odd, [
      finance({
        columns: { line: "A", budget: "B", forecast: "C", variance: "D" },
        sign: "positive-overspend",
        scale: 1000,
      }),
    ]);
    expect(tables[0]).toMatchObject({ invertedSign: true, scale: 1000, scaleSource: "setting" });
    expect(tables[0].signConvention).toBe(
      "variance = forecast − budget; + = overspend (confirmed in the task pane)",
    );
    expect(v("Fostering").variance).toBe(-20_000);
    expect(issues.filter((i) => i.severity !== "info")).toEqual([]);
  });

  test("roles override detection: a swapped budget and forecast", () => {
    const g = sheet([
      ["Service", "Budget £", "Forecast £"],
      ["Fostering", 500, 520],
    ]);
    expect(analyse(g).v("Fostering").variance).toBe(-20);
    expect(analyse(g, [finance({ columns: { budget: "C", forecast: "B" } })]).v("Fostering").variance).toBe(
      20,
    );
  });

  test("split roles from the mapping", () => {
    const g = sheet([
      ["Service", "Budget", "A", "B"],
      ["Fostering", 500, 20, null],
      ["Adoption", 300, null, 10],
    ]);
    const { v } = analyse(g, [finance({ columns: { budget: "B", overspend: "C", underspend: "D" } })]);
    expect([v("Fostering").variance, v("Adoption").variance]).toEqual([-20, 10]);
  });

  test("a range whose first row is the header forces a table there, reading every row of it", () => {
    const g = sheet([
      ["Notes about the year"],
      [null, "Col 1", "Col 2"],
      ["Fostering", 500, 520],
      [],
      [],
      ["Adoption", 300, 280],
      ["Everything after the range", 1, 2],
    ]);
    const { tables, v } = analyse(g, [
      finance({ headerRow: 2, range: "A2:C6", columns: { line: "A", budget: "B", forecast: "C" } }),
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0].lines.map((l) => l.name)).toEqual(["Fostering", "Adoption"]);
    expect([tables[0].top, tables[0].bottom]).toEqual([1, 5]);
    expect(v("Adoption").variance).toBe(20);
  });

  test("a range with no roles to find is a warning, not a table", () => {
    const { tables, issues } = analyse(odd, [finance({ range: "A1:D3" })]);
    expect(tables).toEqual([]);
    expect(issues.map((i) => [i.severity, i.cell])).toEqual([["warning", "A1"]]);
  });

  test('"ignore" and "kpi" drop a detected table and its issues; the ignored one is handed back', () => {
    const g = sheet([
      ["Service", "Budget £k", "Variance £k"],
      ["Schools", 100, 5],
    ]);
    expect(analyse(g).issues).toHaveLength(1);
    const ignored = findFinanceTables(g, {
      ...DEFAULT_SETTINGS,
      tables: [{ sheet: "Budget", headerRow: 1, kind: "ignore" }],
    });
    expect(ignored).toMatchObject({ tables: [], issues: [] });
    expect(ignored.ignored).toHaveLength(1);
    const kpi = findFinanceTables(g, {
      ...DEFAULT_SETTINGS,
      tables: [{ sheet: "Budget", headerRow: 1, kind: "kpi" }],
    });
    expect(kpi).toMatchObject({ tables: [], issues: [], ignored: [] });
    const byRange = findFinanceTables(g, {
      ...DEFAULT_SETTINGS,
      tables: [{ sheet: "Budget", headerRow: 9, kind: "ignore", range: "A1:C2" }],
    });
    expect(byRange.tables).toEqual([]);
  });

  test("a finance mapping with roles that finds nothing is a warning; a mapping that cannot be read throws", () => {
    const g = sheet([["Just a note"]]);
    const { issues } = analyse(g, [finance({ headerRow: 1, columns: { budget: "B", forecast: "C" } })]);
    expect(issues.map((i) => [i.severity, i.cell])).toEqual([["warning", "B1"]]);
    expect(() => analyse(g, [finance({ columns: { budget: "1B" } })])).toThrow(EngineError);
    expect(() => analyse(g, [finance({ range: "nowhere" })])).toThrow(EngineError);
  });
});
