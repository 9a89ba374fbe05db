import { fyOfMonth, fyQuarterOfMonth, parsePeriodLabel } from "../../../src/engine/periods/parsePeriodLabel";

describe("parsePeriodLabel", () => {
  it.each([
    ["Q1", undefined, { kind: "quarter", fy: null, quarter: 1, label: "Q1" }],
    ["Qtr4", undefined, { kind: "quarter", fy: null, quarter: 4 }],
    ["Quarter 3", undefined, { kind: "quarter", quarter: 3 }],
    ["Q4 Performance", undefined, { kind: "quarter", fy: null, quarter: 4, label: "Q4 Performance" }],
    ["2019/20 Q3", undefined, { kind: "quarter", fy: 2019, quarter: 3 }],
    ["Q4 20/21", undefined, { kind: "quarter", fy: 2020, quarter: 4 }],
    ["Qtr3", "2019/20", { kind: "quarter", fy: 2019, quarter: 3, label: "2019/20 Qtr3" }],
    ["Dec-15", undefined, { kind: "month", fy: 2015, quarter: 3, month: 12, label: "Dec-15" }],
    ["Dec-15", "Latest", { kind: "month", fy: 2015, quarter: 3, month: 12, label: "Dec-15" }],
    ["March 2022", undefined, { kind: "month", fy: 2021, quarter: 4, month: 3 }],
    ["Jan", "2022", { kind: "month", fy: 2021, quarter: 4, month: 1, label: "Jan 2022" }],
    ["YTD", undefined, { kind: "ytd", fy: null, quarter: null }],
    ["Year to date", "2021/22", { kind: "ytd", fy: 2021 }],
    ["Outturn", "2021/22", { kind: "outturn", fy: 2021 }],
    ["2019/20", undefined, { kind: "year", fy: 2019 }],
  ])("reads %p under band %p", (label, band, expected) => {
    expect(parsePeriodLabel(label, "General", band)).toMatchObject(expected);
  });

  it("reads a date header cell with a date format as its month", () => {
    expect(parsePeriodLabel(42339, "mmm-yy")).toEqual({
      kind: "month",
      fy: 2015,
      quarter: 3,
      month: 12,
      label: "Dec-15",
    });
    expect(parsePeriodLabel(42339, "General")).toBeNull();
  });

  it.each([
    ["Rank ²", "Baseline ¹"],
    ["Fig.", "Baseline ¹"],
    ["Target", "Latest"],
    ["Trend", "6mth"],
    ["Comment", undefined],
    ["Measure", undefined],
    ["Tolerance", undefined],
    ["Previous quarter", "%Change against…"],
    ["Same quarter last year", "%Change against…"],
    ["Q3", "%Change against…"],
    [null, undefined],
    [true, undefined],
  ])("does not read %p (band %p) as a period", (label, band) => {
    expect(parsePeriodLabel(label, "General", band)).toBeNull();
  });

  it("puts months in financial-year quarters (April–March)", () => {
    expect([4, 6, 7, 9, 10, 12, 1, 3].map(fyQuarterOfMonth)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(fyOfMonth(2015, 12)).toBe(2015);
    expect(fyOfMonth(2016, 3)).toBe(2015);
    expect(fyOfMonth(2016, 4)).toBe(2016);
  });
});
