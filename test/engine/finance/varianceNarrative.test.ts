import { DEFAULT_SETTINGS } from "../../../src/engine/Settings";
import { varianceNarrative } from "../../../src/engine/finance/varianceNarrative";

const base = {
  name: "Parking fees and charges income",
  direction: "overspend" as const,
  isTotal: false,
  movement: null,
  covid: null,
  volumeEffect: null,
  priceEffect: null,
  isIncome: true,
};

describe("varianceNarrative: income above or below budget comes from forecast against budget", () => {
  test.each<[string, number, number, number, string]>([
    // name, budget, forecast, variance (the result's own), words
    ["positive amounts, shortfall", 2_500_000, 2_120_000, -380_000, "below"],
    ["positive amounts, more income", 100_000, 250_000, 150_000, "above"],
    ["negative credits, shortfall (seed 000's £380k)", -485_000, -105_000, -380_000, "below"],
    ["negative credits, more income", -100_000, -250_000, 150_000, "above"],
    // the variance's sign never decides when the amounts say otherwise
    ["positive amounts, a variance of the wrong sign", 2_500_000, 2_120_000, 380_000, "below"],
  ])("%s", (_, budget, forecast, variance, words) => {
    const s = varianceNarrative({ ...base, budget, forecast, variance }, DEFAULT_SETTINGS);
    expect(s).toContain(`(income £${Math.abs(variance) / 1000}k ${words} budget)`);
  });

  test("with no budget or forecast the variance's sign decides", () => {
    expect(varianceNarrative({ ...base, variance: -380_000 }, DEFAULT_SETTINGS)).toBe(
      "Parking fees and charges income – £380k overspent (income £380k below budget).",
    );
  });
});
