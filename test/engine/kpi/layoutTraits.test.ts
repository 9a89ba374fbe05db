import { scoreWorkbook } from "../../../src/engine/scoreWorkbook";
import type { Settings } from "../../../src/engine/Settings";
import { percentFormats } from "../../fixtures/seeds/contractKpis";
import type { SeedSheet } from "../../fixtures/seeds/SeedSheet";
import { seedToGrid } from "../../fixtures/seedToGrid";

// Layout and RAG traits seen in other councils' published reports (issue 9), each on a small sheet.

function score(sheets: SeedSheet[], overrides: Partial<Settings> = {}) {
  return scoreWorkbook({ sheets: sheets.map(seedToGrid) }, overrides, { saveOverrides: false });
}

const BANDED: SeedSheet = {
  name: "Q2",
  rows: [
    ["Performance Indicator", "Q1 2019/20", null, null, "Q2 2019/20", null, null],
    [null, "Value", "Target", "Status", "Value", "Target", "Status"],
    ["Household waste recycled", 0.5, 0.52, "Amber", 0.55, 0.54, "Green"],
    ["Working days lost to sickness per FTE", 2.1, 2, "Red", 1.9, 2, "Red"],
  ],
  merges: ["A1:A2", "B1:D1", "E1:G1"],
  formats: percentFormats(3, 3, ["B", "C", "E", "F"]),
};

describe("a period band over Value | Target | Status", () => {
  it("takes the scored period's own target and status, and the measure header merged down two rows", () => {
    const { result } = score([BANDED]);
    expect(result.period).toBe("Q2 2019/20");
    const [recycling, sickness] = result.kpis;
    expect(recycling).toMatchObject({ status: "better", actual: 0.55, target: 0.54, targetCell: "F3" });
    expect(recycling.statedStatus).toBe("better");
    // Lower is better from the words ("sickness"), so 1.9 days against 2 is better ...
    expect(sickness).toMatchObject({ status: "better", polaritySource: "words", statedStatus: "outside" });
    // ... and the officer's own "Red" disagrees: a warning on their cell, naming both.
    const warn = result.issues.find((i) => i.code === "status-disagrees");
    expect(warn).toMatchObject({ sheet: "Q2", cell: "G4" });
    expect(warn?.message).toMatch(/says "Red" \(outside tolerance\).*rule gives better than target/);
  });

  it("scores an earlier band with its own target when asked", () => {
    const { result } = score([BANDED], { period: "Q1 2019/20" });
    expect(result.kpis[0]).toMatchObject({ status: "outside", actual: 0.5, target: 0.52, targetCell: "C3" });
  });
});

const CURRENT: SeedSheet = {
  name: "Corporate",
  rows: [
    ["Corporate performance report Q1 2014/15"],
    ["Tile colour: above target / close to target / below target / for info only"],
    [],
    ["KPI ref", "Description", "Previous", "Current", "Target"],
    ["CS01", "Quality of call handling - % score from monitoring sample", 0.959, 0.955, 0.9],
    ["RB07", "Average days to process new benefit claims", 14.2, 12.1, 15],
    ["HR11", "Sickness days per FTE", 2.1, 2.7, 3.15],
  ],
  formats: percentFormats(5, 5, ["C", "D", "E"]),
};

describe("Previous | Current | Target with a KPI ref column", () => {
  it("names the periods from the title, keeps the ref apart from the measure and never groups by the key", () => {
    const { result } = score([CURRENT]);
    expect(result.period).toBe("Q1 2014/15");
    expect(result.kpis.map((k) => [k.ref, k.measure, k.status])).toEqual([
      ["CS01", "Quality of call handling - % score from monitoring sample", "better"],
      ["RB07", "Average days to process new benefit claims", "better"],
      ["HR11", "Sickness days per FTE", "better"],
    ]);
    expect(result.kpis[0]).toMatchObject({ previousLabel: "Q4 2013/14", previous: 0.959 });
    expect(result.kpis.every((k) => !/tile colour/i.test(k.group))).toBe(true);
    expect(result.tables[0].periods).toEqual([
      'C: Q4 2013/14 (header "Previous")',
      'D: Q1 2014/15 (header "Current")',
    ]);
  });

  it("labels them by their header when nothing names the period, and --period Current works", () => {
    const untitled: SeedSheet = { ...CURRENT, name: "KPIs", rows: CURRENT.rows.slice(3) };
    const { result } = score([untitled], { period: "Current" });
    expect(result.period).toBe("Current");
    expect(result.kpis[1]).toMatchObject({ actual: 12.1, previousLabel: "Previous", previous: 14.2 });
    expect(score([untitled], { period: "Previous" }).result.kpis[0].actual).toBe(0.959);
  });
});

describe("amber as a share of the target", () => {
  const keyed: SeedSheet = {
    name: "Maidstone-like",
    rows: [
      ["RAG Rating", "Target not achieved", "Target slightly missed (within 10%)", "Target met", "Data Only"],
      [],
      ["Performance Indicator", "Value", "Target"],
      ["Percentage of household waste sent for reuse, recycling and composting", 0.954, 1],
      ["Percentage of fly tips resulting in enforcement action", 0.7, 0.8],
      ["Satisfaction with parks", 0.95, 0.9],
    ],
    formats: percentFormats(4, 6, ["B", "C"]),
  };

  it("reads the band from the sheet's key and says so in each status", () => {
    const { result } = score([keyed]);
    expect(result.kpis.map((k) => k.status)).toEqual(["within", "outside", "better"]);
    expect(result.kpis[0].rule).toBe(
      "within tolerance: 95.4% misses the 100% target but is within 10% of the 100% target (key at C1)",
    );
    expect(result.tables[0].rule).toBe("amber within 10% of the target (key at C1)");
    expect(result.issues.find((i) => i.code === "rule-from-legend")).toMatchObject({ cell: "C1" });
  });

  it("takes the officer's setting over the key, and is met / not met with neither", () => {
    expect(score([keyed], { amberWithin: 0.15 }).result.kpis.map((k) => k.status)).toEqual([
      "within",
      "within",
      "better",
    ]);
    const bare: SeedSheet = {
      ...keyed,
      rows: keyed.rows.slice(2),
      formats: percentFormats(2, 4, ["B", "C"]),
    };
    const { result } = score([bare]);
    expect(result.kpis.map((k) => k.status)).toEqual(["outside", "outside", "better"]);
    expect(result.kpis[0].rule).toMatch(/met \/ not met/);
  });

  it("reads a tolerance column given as ±5% or as a width either side of the target", () => {
    const sheet: SeedSheet = {
      name: "Tolerances",
      rows: [
        ["Measure", "Target", "Tolerance", "Q3"],
        ["Rent collected as % of rent due", 1, "±5%", 0.97],
        ["Rent arrears as % of annual rent debit", 0.075, 0.01, 0.081],
        ["Repairs completed on time", 0.9, 0.75, 0.8],
      ],
      formats: { ...percentFormats(2, 4, ["B", "D"]), C3: "0.00%", C4: "0%" },
    };
    const { result } = score([sheet]);
    expect(result.kpis.map((k) => k.status)).toEqual(["within", "within", "within"]);
    expect(result.kpis[1]).toMatchObject({ polarity: "lower", polaritySource: "words" });
  });
});

describe("status from the officer's words in the value cell", () => {
  it("decides from 'Target not met' or 'met' where there is no figure; a number still wins", () => {
    const sheet: SeedSheet = {
      name: "Words",
      rows: [
        ["Measure", "Target", "Q4"],
        ["Supervisions in timescale", 0.9, "Target not met. See commentary in report for detail."],
        ["Audits completed", 0.9, "Met"],
        ["Visits on time", 0.9, 0.95],
      ],
      formats: percentFormats(2, 4, ["B", "C"]),
    };
    const { result } = score([sheet]);
    expect(result.kpis.map((k) => k.status)).toEqual(["outside", "better", "better"]);
    expect(result.kpis[0].rule).toMatch(/from the officer's words "Target not met/);
  });
});

describe("a header row with no measure label", () => {
  it("finds the measure column by its descriptions when the row names a target and a period", () => {
    const sheet: SeedSheet = {
      name: "Dashboard",
      rows: [
        [null, null, "Target", "March Benchmark", "Q2", "On Target"],
        ["1", "Ensure all people wait no more than 5 days for reablement to start", 1, "n/a", 0.55, "R"],
        ["2", "Increase the proportion completing reablement needing no ongoing care", 0.55, 0.5, 0.52, "R"],
      ],
      formats: percentFormats(2, 3, ["C", "E"]),
    };
    const { result } = score([sheet]);
    expect(result.kpis.map((k) => [k.ref, k.status, k.statedStatus])).toEqual([
      ["1", "outside", "outside"],
      ["2", "outside", "outside"],
    ]);
  });
});

describe("a status column coloured but left blank", () => {
  it("reads the officer's fill colour as their status and compares it", () => {
    const grid = seedToGrid({
      name: "Fills",
      rows: [
        ["Measure", "Target", "Q1", "RAG"],
        ["Visits on time", 0.9, 0.95, null],
        ["Assessments on time", 0.9, 0.7, null],
      ],
      formats: percentFormats(2, 3, ["B", "C"]),
    });
    grid.fills = [
      { row: 1, col: 3, argb: "FF00B050" },
      { row: 2, col: 3, argb: "FFFFC000" },
    ];
    const { result } = scoreWorkbook({ sheets: [grid] }, {}, { saveOverrides: false });
    expect(result.kpis.map((k) => [k.status, k.statedStatus, k.statedText])).toEqual([
      ["better", "better", "green fill"],
      ["outside", "within", "amber fill"],
    ]);
    expect(result.issues.find((i) => i.code === "status-disagrees")).toMatchObject({ cell: "D3" });
  });
});
