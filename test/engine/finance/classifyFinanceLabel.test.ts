import { classifyFinanceLabel, fyOf } from "../../../src/engine/finance/classifyFinanceLabel";

const money = (levels: string[]) => {
  const r = classifyFinanceLabel(levels);
  return r && "sub" in r ? r : null;
};

describe("classifyFinanceLabel: a column's role from its stacked words", () => {
  test("the lowest words naming a kind decide it; a band only adds to them", () => {
    expect(money(["YEAR END FORECAST", "Budgeted Spend or (Income)", "£'000"])?.kind).toBe("budget");
    expect(money(["YEAR END FORECAST", "Forecast over or (under) spend", "£'000"])?.kind).toBe("variance");
    expect(money(["2019/20 Budget", "Gross £000's"])).toMatchObject({
      kind: "budget",
      sub: "gross",
      fy: 2019,
    });
    expect(money(["Forecast", "Variance", "Month 2", "£'000"])).toMatchObject({ kind: "variance", month: 2 });
    expect(classifyFinanceLabel(["Forecast", "Variance", "Month 2", "%"])?.kind).toBe("variancePct");
  });

  test('"Spend or (Income)" is net; "Income" alone is income; "Expenditure" alone is gross', () => {
    expect(money(["Forecast Spend or (Income)"])?.sub).toBe("net");
    expect(money(["Budget", "Income £000's"])?.sub).toBe("income");
    expect(money(["Budget Expenditure"])?.sub).toBe("gross");
  });

  test("split variance columns, and a split phrase read as one variance", () => {
    expect(money(["Overspend £000"])?.kind).toBe("overspend");
    expect(money(["Variance", "Underspend"])?.kind).toBe("underspend");
    expect(money(["Favourable"])?.kind).toBe("underspend");
    expect(money(["Over or", "(under) spend"])?.kind).toBe("variance");
  });

  test("period words: last year, to date, original, previous quarter", () => {
    expect(money(["LAST YEAR 2002/3", "Actual Outturn"])).toMatchObject({
      kind: "forecast",
      fy: 2002,
      lastYear: true,
    });
    expect(money(["ACTUAL TO DATE", "Budgeted Spend"])).toMatchObject({ kind: "budget", toDate: true });
    expect(money(["Profiled Budget Y-T-D"])?.toDate).toBe(true);
    expect(money(["Budget YTD"])?.toDate).toBe(true);
    expect(money(["Original Budget"])?.original).toBe(true);
    expect(money(["Previous quarter forecast"])).toMatchObject({ previous: true, lastYear: false });
    expect(money(["Q2 Forecast Outturn"])?.quarter).toBe(2);
    expect(money(["Actual + Commitments"])).toMatchObject({ kind: "forecast", actualOnly: true });
  });

  test("the variance's sign words come with it", () => {
    expect(money(["Projected Variance (favourable) / adverse", "£m"])?.sign).toEqual({
      positive: "overspend",
      phrase: "(favourable) / adverse",
    });
  });

  test("no money words: null", () => {
    expect(classifyFinanceLabel(["Service"])).toBeNull();
    expect(classifyFinanceLabel(["", ""])).toBeNull();
  });

  test("fyOf reads 2002/3, 2019/20 and 2019-2020, and not a date", () => {
    expect([fyOf("LAST YEAR 2002/3"), fyOf("2019/20"), fyOf("2019-2020"), fyOf("2019/12")]).toEqual([
      2002,
      2019,
      2019,
      null,
    ]);
  });
});
