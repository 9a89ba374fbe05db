import {
  findKpiTables,
  headerRole,
  parsePolarity,
  polarityFromText,
} from "../../../src/engine/kpi/findKpiTables";
import type { CellValue } from "../../../src/engine/Grid";
import { measureKey } from "../../../src/engine/kpi/measureKey";
import { DEFAULT_SETTINGS, type Settings } from "../../../src/engine/Settings";
import { seedToGrid } from "../../fixtures/seedToGrid";
import { contractKpis } from "../../fixtures/seeds/contractKpis";
import { corporateScorecard } from "../../fixtures/seeds/corporateScorecard";
import { demand } from "../../fixtures/seeds/demand";
import { partnershipKpis } from "../../fixtures/seeds/partnershipKpis";
import type { SeedSheet } from "../../fixtures/seeds/SeedSheet";
import { sideBySide } from "../../fixtures/qa/sideBySide";

const find = (seed: SeedSheet, settings: Partial<Settings> = {}) =>
  findKpiTables(seedToGrid(seed), { ...DEFAULT_SETTINGS, ...settings });
const sheet = (rows: CellValue[][], extra: Partial<SeedSheet> = {}): SeedSheet => ({
  name: "KPIs",
  rows,
  ...extra,
});

describe("findKpiTables on the seeds", () => {
  it("finds seed 001's contract table under its title row", () => {
    const { tables } = find(contractKpis);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t).toMatchObject({
      id: "Contract KPIs!2",
      title: "Contract Key Performance Indicators",
      headerRows: [1],
      top: 1,
      bottom: 12,
    });
    expect(t.columns).toMatchObject({ measure: 0, target: 1, tolerance: 2 });
    expect(t.columns.periods.map((p) => p.period)).toEqual([
      { kind: "quarter", fy: null, quarter: 4, label: "Q4 Performance" },
    ]);
    expect(t.rows).toHaveLength(11);
    expect(t.rows.every((r) => r.group === "Contract Key Performance Indicators")).toBe(true);
  });

  it("takes polarity from the measure's words, then the tolerance's side, else assumes it with a warning", () => {
    const { tables, issues } = find(contractKpis);
    const rows = tables[0].rows;
    const stability = rows.find((r) => r.measure.startsWith("Short term stability"));
    expect(stability).toMatchObject({ polarity: "lower", polaritySource: "text" });
    expect(rows[0]).toMatchObject({ polarity: "higher", polaritySource: "tolerance" }); // 90% target, 75% tolerance
    // "% of cases where the lead social worker ...": target 80% = tolerance 80% says nothing, so
    // its words decide, flagged for the officer to confirm.
    expect(rows[2]).toMatchObject({ polarity: "higher", polaritySource: "words" });
    const inferred = issues.find((i) => i.cell === "A5");
    expect(inferred).toMatchObject({ code: "polarity-inferred", severity: "info", sheet: "Contract KPIs" });
    expect(inferred?.message).toMatch(
      /higher is better, from its words \("in accordance with the timescales"\)/,
    );
    // Words that decide nothing: higher is assumed, with a warning.
    const plain = find({
      name: "K",
      rows: [
        ["Measure", "Target", "Q1"],
        ["Widgets issued", 10, 8],
      ],
    });
    expect(plain.tables[0].rows[0]).toMatchObject({ polarity: "higher", polaritySource: "assumed" });
    const warn = plain.issues.find((i) => i.cell === "A2");
    expect(warn).toMatchObject({ code: "polarity-assumed", severity: "warning", sheet: "K" });
    expect(warn?.message).toMatch(/assumed higher is better/);
    // Seed 001 partnership: "Average time in days ..." 426 target, 460 tolerance → lower is better.
    const adoption = find(partnershipKpis).tables[0].rows.find((r) =>
      r.measure.startsWith("Average time in days between a child"),
    );
    expect(adoption).toMatchObject({ polarity: "lower", polaritySource: "tolerance" });
  });

  it("lets an officer's saved polarity win over the sheet's own evidence", () => {
    const measure = contractKpis.rows[7][0] as string; // "Short term stability ... (lower the better)"
    const { tables } = find(contractKpis, { polarityOverrides: { [measureKey(measure)]: "higher" } });
    expect(tables[0].rows[5]).toMatchObject({ polarity: "higher", polaritySource: "setting" });
  });

  it("reads seed 004's scorecard: band rows with merges, a repeated header, a section row, © markers", () => {
    const { tables } = find(corporateScorecard);
    expect(tables.map((t) => t.id)).toEqual([
      "Corporate Scorecard!7",
      "Corporate Scorecard!22",
      "Corporate Scorecard!39",
    ]);
    const [t1, t2, t3] = tables;
    expect(t1.headerRows).toEqual([5, 6]);
    expect(t1.columns.periods.map((p) => p.period.label)).toEqual([
      "2014/15 Qtr3",
      "2014/15 Qtr4",
      "2015/16 Qtr1",
      "2015/16 Qtr2",
      "Dec-15",
    ]);
    expect(t1.columns).toMatchObject({ measure: 0, target: 8, trend: 9 });
    expect(t1.columns.periods.map((p) => p.col)).toEqual([3, 4, 5, 6, 7]); // Rank and Fig. are not periods
    expect(t1.title).toBe("High quality services for Children, Young People and Families");
    expect(t1.rows).toHaveLength(12);
    expect(t2.rows).toHaveLength(12);
    expect(t3.rows).toHaveLength(7);
    expect(t3.columns.target).toBeUndefined();
    // © measures form "Contract measures"; their neighbours keep the section's name.
    const reRef = t1.rows.find((r) => r.measure === "%Re-Referrals ©");
    expect(reRef).toMatchObject({
      contract: true,
      group: "Contract measures",
      serviceArea: "High quality services for Children, Young People and Families",
    });
    expect(t1.rows[0]).toMatchObject({
      contract: false,
      group: "High quality services for Children, Young People and Families",
    });
    // The repeated header carries on the section above it; the section row names the third block.
    expect(t2.rows[0].group).toBe("High quality services for Children, Young People and Families");
    expect(t3.rows[0]).toMatchObject({
      group: "Learning, Growth and Workforce",
      serviceArea: "Learning, Growth and Workforce",
    });
    // A row with text under Fig. only ("under development") is a measure, not a section row.
    expect(t2.rows.map((r) => r.measure)).toContain("LAC with a plan for Permanence");
    // The footnote under the last block is not a measure.
    expect(t3.rows.map((r) => r.measure)).not.toContain("*16 relate to sickness, one to discipline");
  });

  it("reads seed 000's demand table: year bands over Qtr labels; the %Change columns are not periods", () => {
    const { tables } = find(demand);
    expect(tables).toHaveLength(1);
    expect(tables[0].columns.periods.map((p) => p.period.label)).toEqual([
      "2018/19 Qtr1",
      "2018/19 Qtr2",
      "2018/19 Qtr3",
      "2018/19 Qtr4",
      "2019/20 Qtr1",
      "2019/20 Qtr2",
      "2019/20 Qtr3",
    ]);
    expect(tables[0].rows.map((r) => r.measure)).toEqual([
      "Contacts to CSC",
      "Referrals",
      "Children in Need",
      "Looked After Children",
    ]);
    expect(tables[0].rows[0].group).toBe("Demand");
  });

  it("flags no-target rows' assumed polarity as info, not a warning", () => {
    const { issues } = find(demand);
    expect(issues.filter((i) => i.code === "polarity-assumed").map((i) => i.severity)).toEqual([
      "info",
      "info",
      "info",
      "info",
    ]);
  });
});

describe("findKpiTables layout traits", () => {
  it("joins measure names wrapped over rows, as in seed 001's PDF table, and reads a wrapped header", () => {
    const { tables } = find(
      sheet([
        ["Contract Key Performance Indicators"],
        ["Measure", "Target", "Tolerance", "Q4"],
        [null, null, null, "Performance"],
        ["Assessment's completed within 45 days", 0.9, 0.75, 0.85],
        ["or less"],
        ["% of Initial Child Protection Conference", 0.95, 0.8, 0.99],
        ["which are held that were achieved within"],
        ["the statutory 15 day"],
        [null, 1, null, ","],
        ["% of children in need with an appropriate and current plan in place", 0.95, 0.8, 1],
      ]),
    );
    const t = tables[0];
    expect(t.columns.periods[0].period.label).toBe("Q4 Performance");
    expect(t.rows.map((r) => r.measure)).toEqual([
      "Assessment's completed within 45 days or less",
      "% of Initial Child Protection Conference which are held that were achieved within the statutory 15 day",
      "% of children in need with an appropriate and current plan in place",
    ]);
  });

  it("reads section rows, blank separators, Type and Service area columns and a polarity column", () => {
    const { tables, issues } = find(
      sheet([
        ["Quarterly KPIs"],
        [],
        ["KPI", "Service area", "Type", "Good is", "Target", "Threshold", "Q1", "Q2", "Comment"],
        ["Children's Social Care"],
        ["Re-referrals", "Front door", "Strategic", "Low", 0.22, 0.28, 0.2, 0.05, "fell"],
        [],
        ["Visits in timescale", null, null, "↑", 0.9, 0.8, 0.85, 0.91, null],
        ["Early Help"],
        ["Families supported", null, null, "Bigger is better", 300, 250, 280, 310, null],
        ["Mystery", null, null, "sideways", 1, null, 1, 1, null],
      ]),
    );
    expect(tables).toHaveLength(1);
    const rows = tables[0].rows;
    expect(rows.map((r) => [r.measure, r.group, r.serviceArea, r.polarity, r.polaritySource])).toEqual([
      ["Re-referrals", "Strategic", "Front door", "lower", "column"],
      ["Visits in timescale", "Children's Social Care", "Children's Social Care", "higher", "column"],
      ["Families supported", "Early Help", "Early Help", "higher", "column"],
      ["Mystery", "Early Help", "Early Help", "higher", "assumed"],
    ]);
    expect(rows[0].comment).toBe("fell");
    expect(issues.find((i) => i.code === "unparsed-value")?.message).toMatch(/"sideways".*not understood/);
  });

  it("finds several tables on one sheet, each with its own title, in a used range that does not start at A1", () => {
    const grid = seedToGrid(
      sheet([
        ["Contract measures"],
        ["Measure", "Target", "Q3", "Q4"],
        ["A ©", 5, 4, 6],
        ["B", 5, 4, 3],
        [],
        ["Partnership measures"],
        ["Indicator", "Target", "Q3", "Q4"],
        ["C", 1, 2, 3],
      ]),
    );
    const { tables } = findKpiTables({ ...grid, originRow: 3, originCol: 2 }, DEFAULT_SETTINGS);
    expect(tables.map((t) => [t.id, t.title, t.rows.length])).toEqual([
      ["KPIs!5", "Contract measures", 2],
      ["KPIs!10", "Partnership measures", 1],
    ]);
    expect(tables[0].rows.map((r) => r.group)).toEqual(["Contract measures", "Contract measures"]);
    expect(tables[0].rows[0].row).toBe(5);
    expect(tables[0].columns.measure).toBe(2);
    expect(tables[1].rows[0].group).toBe("Partnership measures");
  });

  // QA workbook 08-twotables (test/fixtures/qa/sideBySide.ts): two tables on the same rows.
  const SIDE_BY_SIDE = sideBySide.rows;

  it("splits two tables side by side on the same rows at the blank column between them", () => {
    const { tables } = find(sheet(SIDE_BY_SIDE, { name: "Side by side" }));
    expect(
      tables.map((t) => [t.id, t.columns.measure, t.columns.target, t.columns.periods.map((p) => p.col)]),
    ).toEqual([
      ["Side by side!1", 0, 1, [2, 3]],
      ["Side by side!F1", 5, 6, [7, 8]],
    ]);
    expect(tables.map((t) => t.rows.map((r) => [r.row, r.measure]))).toEqual([
      [
        [1, "Library visits (higher is better)"],
        [2, "Leisure centre visits (higher is better)"],
      ],
      [
        [1, "Complaints upheld (lower is better)"],
        [2, "FOI requests answered in 20 days (higher is better)"],
      ],
    ]);
  });

  it("splits at a repeated measure header with no blank column, each table keeping its own title", () => {
    const { tables } = find(
      sheet([
        ["Culture", null, null, "Corporate"],
        ["Measure", "Target", "Q1", "Measure", "Target", "Q1"],
        ["Library visits", 5, 6, "Complaints upheld (lower is better)", 3, 2],
      ]),
    );
    expect(tables.map((t) => [t.title, t.columns.measure, t.columns.target, t.rows[0].measure])).toEqual([
      ["Culture", 0, 1, "Library visits"],
      ["Corporate", 3, 4, "Complaints upheld (lower is better)"],
    ]);
  });

  it("keeps one table when the second measure-like header does not head a table of its own", () => {
    const { tables } = find(
      sheet([
        ["KPI", "Description", "Target", "Q1"],
        ["PI 01", "Library visits", 5, 6],
      ]),
    );
    expect(tables).toHaveLength(1);
    expect(tables[0].columns).toMatchObject({ measure: 0, target: 2 });
  });

  it("stacks a table below side-by-side ones, ending each side-by-side table above it", () => {
    const { tables } = find(
      sheet([
        ...SIDE_BY_SIDE,
        [],
        ["Measure", "Target", "Q1", "Q2"],
        ["Homelessness preventions", 150, 140, 130],
      ]),
    );
    expect(tables.map((t) => [t.id, t.rows.length])).toEqual([
      ["KPIs!1", 2],
      ["KPIs!F1", 2],
      ["KPIs!5", 1],
    ]);
  });

  it("leaves the service area empty under a sheet's only title, but takes it from several titles or sections", () => {
    const single = find(
      sheet([
        ["Quarterly Performance Report – Q2 2024/25"],
        ["Measure", "Target", "Q1", "Q2"],
        ["Library visits", 5, 6, 7],
      ]),
    ).tables[0].rows[0];
    expect(single).toMatchObject({ group: "Quarterly Performance Report – Q2 2024/25", serviceArea: "" });
    const stacked = find(
      sheet([
        ["Adults' Services KPIs"],
        ["Measure", "Target", "Q1", "Q2"],
        ["Safeguarding"],
        ["Enquiries concluded", 5, 6, 7],
        [],
        ["Housing KPIs"],
        ["Measure", "Target", "Q1", "Q2"],
        ["Homelessness preventions", 150, 140, 130],
      ]),
    ).tables.flatMap((t) => t.rows.map((r) => r.serviceArea));
    expect(stacked).toEqual(["Safeguarding", "Housing KPIs"]);
  });

  it('puts unmarked neighbours of © measures in "Other measures" when nothing names their group', () => {
    const { tables } = find(
      sheet([
        ["Measure", "Target", "Q1"],
        ["A ©", 1, 1],
        ["B (C)", 1, 1],
        ["C", 1, 1],
      ]),
    );
    expect(tables[0].rows.map((r) => r.group)).toEqual([
      "Contract measures",
      "Contract measures",
      "Other measures",
    ]);
  });

  it("honours confirmed mappings: ignore drops a table; column letters override detection", () => {
    const rows: CellValue[][] = [
      ["Measure", "Aim", "Level", "Q1"],
      ["A", "Lower", 5, 6],
    ];
    expect(find(sheet(rows)).tables[0].columns.target).toBeUndefined();
    const mapped = find(sheet(rows), {
      tables: [{ sheet: "KPIs", headerRow: 1, kind: "kpi", columns: { target: "C" } }],
    });
    expect(mapped.tables[0].columns).toMatchObject({ target: 2, polarity: 1 });
    expect(mapped.tables[0].rows[0]).toMatchObject({ polarity: "lower", polaritySource: "column" });
    expect(
      find(sheet(rows), { tables: [{ sheet: "KPIs", headerRow: 1, kind: "ignore" }] }).tables,
    ).toHaveLength(0);
  });

  it("finds nothing in a sheet without a KPI header, and never throws on odd grids", () => {
    expect(find(sheet([["Notes"], ["Measure"], [1, 2, 3]])).tables).toHaveLength(0);
    expect(find(sheet([[]])).tables).toHaveLength(0);
    expect(
      find(
        sheet([
          ["Measure", "Target"],
          [null, null],
          [5, "x"],
        ]),
      ).tables[0].rows,
    ).toHaveLength(0);
  });
});

describe("vocabulary", () => {
  it.each([
    ["Target", "target"],
    ["Tolerance", "tolerance"],
    ["Threshold", "tolerance"],
    ["Polarity", "polarity"],
    ["Good is", "polarity"],
    ["Aim", "polarity"],
    ["Service area", "serviceArea"],
    ["Type", "group"],
    ["Group", "group"],
    ["Comments", "comment"],
    ["6mth Trend", "trend"],
    ["Q4", null],
  ])("%s is a %s column", (label, role) => expect(headerRole(label)).toBe(role));

  it.each([
    ["Higher", "higher"],
    ["High", "higher"],
    ["Bigger is better", "higher"],
    ["Maximise", "higher"],
    ["↑", "higher"],
    ["+", "higher"],
    ["Lower", "lower"],
    ["Low", "lower"],
    ["Smaller is better", "lower"],
    ["Minimise", "lower"],
    ["↓", "lower"],
    ["−", "lower"],
    ["sideways", null],
  ])("polarity %s reads as %s", (text, polarity) => expect(parsePolarity(text)).toBe(polarity));

  it("reads polarity from a measure's own words", () => {
    expect(polarityFromText("Percentage of 3+ moves (lower the better)")).toBe("lower");
    expect(polarityFromText("Visits (higher is better)")).toBe("higher");
    expect(polarityFromText("Lower is better: waits")).toBe("lower");
    expect(polarityFromText("Re-offending rates")).toBeNull();
  });
});
