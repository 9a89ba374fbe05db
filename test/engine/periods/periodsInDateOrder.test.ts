import type { Period } from "../../../src/engine/periods/Period";
import { periodsInDateOrder } from "../../../src/engine/periods/periodsInDateOrder";

const q = (fy: number | null, quarter: number, label: string): Period => ({
  kind: "quarter",
  fy,
  quarter,
  label,
});
const month = (fy: number, m: number, label: string): Period => ({
  kind: "month",
  fy,
  quarter: Math.ceil((((m + 8) % 12) + 1) / 3),
  month: m,
  label,
});

describe("periodsInDateOrder", () => {
  it("orders dated periods of several tables by date, whatever their columns' places", () => {
    // The old list ranked by distance from each table's last column: Dec-15 came before 2019/20 Qtr3.
    const scorecard = [q(2014, 3, "2014/15 Qtr3"), q(2015, 2, "2015/16 Qtr2"), month(2015, 12, "Dec-15")];
    const demand = [q(2019, 2, "2019/20 Qtr2"), q(2019, 3, "2019/20 Qtr3")];
    expect(periodsInDateOrder([scorecard, demand])).toEqual([
      "2014/15 Qtr3",
      "2015/16 Qtr2",
      "Dec-15",
      "2019/20 Qtr2",
      "2019/20 Qtr3",
    ]);
    expect(periodsInDateOrder([demand, scorecard])).toEqual(periodsInDateOrder([scorecard, demand]));
  });

  it("puts a month after the quarter it ends and lists each label once", () => {
    const a = [month(2015, 11, "Nov-15"), q(2015, 3, "2015/16 Q3"), month(2015, 10, "Oct-15")];
    expect(periodsInDateOrder([a, a])).toEqual(["Oct-15", "Nov-15", "2015/16 Q3"]);
  });

  it("puts periods naming no year after the dated ones, in their tables' order", () => {
    const contract = [q(null, 4, "Q4 Performance")];
    const quarters = [q(null, 1, "Qtr1"), q(null, 2, "Qtr2")];
    expect(periodsInDateOrder([contract, [q(2021, 3, "2021/22 Q3")], quarters])).toEqual([
      "2021/22 Q3",
      "Qtr1",
      "Qtr2",
      "Q4 Performance",
    ]);
    expect(periodsInDateOrder([])).toEqual([]);
  });
});
