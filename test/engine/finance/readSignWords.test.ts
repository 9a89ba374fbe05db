import { readSignWords } from "../../../src/engine/finance/readSignWords";

describe("readSignWords: the sign a variance header's words give it", () => {
  test.each<[string, "overspend" | "underspend", string]>([
    ["Projected Variance (favourable) / adverse", "overspend", "(favourable) / adverse"],
    ["Variance (under) / over", "overspend", "(under) / over"],
    ["over / (under)", "overspend", "over / (under)"],
    ["Over or (under) spend", "overspend", "Over or (under) spend"],
    ["Variance + = overspend", "overspend", "+ = overspend"],
    ["Variance (+ve = adverse)", "overspend", "+ve = adverse"],
    ["(underspend)/overspend", "overspend", "(underspend)/overspend"],
    ["Overspend/(Underspend) £000", "overspend", "Overspend/(Underspend)"],
    ["(Surplus)/Deficit", "overspend", "(Surplus)/Deficit"],
    ["Variance fav/(adv)", "underspend", "fav/(adv)"],
    ["Under / (Over) spend", "underspend", "Under / (Over) spend"],
    ["Variance: positive = underspend", "underspend", "positive = underspend"],
    ["Variance - = overspend", "underspend", "- = overspend"],
  ])("%p: + = %s", (header, positive, phrase) => {
    expect(readSignWords(header)).toEqual({ positive, phrase });
  });

  test.each(["Variance £000", "Over/Under", "Forecast Spend or (Income)", "Forecast Variance Month 2", ""])(
    "%p says nothing",
    (header) => {
      expect(readSignWords(header)).toBeNull();
    },
  );
});
