import type { Period } from "../../../src/engine/periods/Period";
import {
  findComparisons,
  latestPeriodWithData,
  matchPeriod,
  periodSortKeys,
} from "../../../src/engine/periods/periodOrder";
import { parsePeriodLabel } from "../../../src/engine/periods/parsePeriodLabel";

const q = (label: string, band?: string): Period => {
  const p = parsePeriodLabel(label, "General", band);
  if (!p) throw new Error(`not a period: ${label}`);
  return p;
};

// Seed 000 §17's demand table: 2018/19 Qtr1–Qtr4, 2019/20 Qtr1–Qtr3.
const demand = [
  ...["Qtr1", "Qtr2", "Qtr3", "Qtr4"].map((l) => q(l, "2018/19")),
  ...["Qtr1", "Qtr2", "Qtr3"].map((l) => q(l, "2019/20")),
];
// Seed 004's scorecard: 2014/15 Qtr3, Qtr4, 2015/16 Qtr1, Qtr2, Dec-15.
const scorecard = [
  q("Qtr3", "2014/15"),
  q("Qtr4", "2014/15"),
  q("Qtr1", "2015/16"),
  q("Qtr2", "2015/16"),
  q("Dec-15"),
];

describe("periodOrder", () => {
  it("finds the previous quarter and the same quarter a year earlier", () => {
    expect(findComparisons(demand, 6)).toEqual({ previous: 5, yearAgo: 2 });
    expect(findComparisons(demand, 4)).toEqual({ previous: 3, yearAgo: 0 });
    expect(findComparisons(demand, 0)).toEqual({ previous: null, yearAgo: null });
  });

  it("compares a month with the quarter before it and the quarter ending a year earlier", () => {
    // Dec-15 is Q3 of 2015/16: previous is 2015/16 Qtr2, a year earlier is 2014/15 Qtr3 (ending Dec-14).
    expect(findComparisons(scorecard, 4)).toEqual({ previous: 3, yearAgo: 0 });
  });

  it("orders quarters without a year by column order, a new year starting when the quarter goes back", () => {
    const plain = ["Q1", "Q2", "Q3", "Q4", "Q1", "Q2"].map((l) => q(l));
    const keys = periodSortKeys(plain);
    expect([...keys].sort((a, b) => a - b)).toEqual(keys);
    expect(findComparisons(plain, 5)).toEqual({ previous: 4, yearAgo: 1 });
  });

  it("picks the latest period holding data, preferring quarters and months to year-to-date", () => {
    const periods = [q("Q1"), q("Q2"), q("Q3"), q("YTD")];
    expect(latestPeriodWithData(periods, [true, true, false, true])).toBe(1);
    expect(latestPeriodWithData(periods, [false, false, false, true])).toBe(3);
    expect(latestPeriodWithData(periods, [false, false, false, false])).toBeNull();
    expect(
      latestPeriodWithData(
        demand,
        demand.map(() => true),
      ),
    ).toBe(6);
  });

  it("matches a requested period by label, then by meaning", () => {
    expect(matchPeriod(demand, "2019/20 qtr2")).toBe(5);
    expect(matchPeriod(demand, "Q3 2019/20")).toBe(6);
    expect(matchPeriod(demand, "Qtr3")).toBe(6); // latest of the two Qtr3 columns
    expect(matchPeriod([q("Q4 Performance")], "q4")).toBe(0);
    expect(matchPeriod(scorecard, "dec-15")).toBe(4);
    expect(matchPeriod(demand, "Q4 2019/20")).toBeNull();
    expect(matchPeriod(demand, "nonsense")).toBeNull();
  });
});
