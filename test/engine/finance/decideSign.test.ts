import { printedStep } from "../../../src/engine/finance/decideSign";
import { scoreWorkbook } from "../../../src/engine/scoreWorkbook";
import { seedToGrid } from "../../fixtures/seedToGrid";

describe("printedStep", () => {
  it("gives the value of the last digit a figure was written to, at most the table's unit", () => {
    expect(printedStep(310_300_000, 1_000_000)).toBe(100_000);
    expect(printedStep(200_000, 1_000_000)).toBe(100_000);
    expect(printedStep(805_000, 1_000)).toBe(1_000);
    expect(printedStep(0, 1_000)).toBe(1_000);
    expect(printedStep(1234.5, 1)).toBe(0.1);
  });
});

describe("the sign from the figures in a £m table", () => {
  it("reads variances smaller than £1m written to one decimal (Surrey PCC's month 9 layout)", () => {
    const grid = seedToGrid({
      name: "Forecast",
      rows: [
        [null, "Budget £m", "Outturn £m", "Variance £m"],
        ["Police", 310.3, 310.5, 0.2],
        ["Funding", -310.3, -311.3, -1],
        ["Grand Total", 0, -0.8, -0.8],
      ],
    });
    const { result } = scoreWorkbook({ sheets: [grid] }, {}, { saveOverrides: false });
    // The engine's variance is budget − forecast (+ = underspend); the sheet's is the other way.
    expect(result.variances.map((v) => [v.name, v.variance, v.direction])).toEqual([
      ["Police", -200_000, "overspend"],
      ["Funding", 1_000_000, "underspend"],
      ["Grand Total", 800_000, "underspend"],
    ]);
    expect(result.tables[0].signConvention).toMatch(/forecast − budget; \+ = overspend \(from the figures\)/);
  });
});
