import { findFinanceTables } from "../../../src/engine/finance/findFinanceTables";
import type { CellValue, SheetGrid } from "../../../src/engine/Grid";
import { DEFAULT_SETTINGS } from "../../../src/engine/Settings";
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
