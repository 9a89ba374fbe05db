import { statusLabel, trendLabel, STATUS_ORDER } from "../../../src/engine/kpi/statusLabel";
import { unitNumberFormat } from "../../../src/engine/cells/unitNumberFormat";

describe("unitNumberFormat", () => {
  it.each([
    [{ kind: "percent" } as const, [0.85, 0.9], "0%"],
    [{ kind: "percent" } as const, [0.855, null], "0.0%"],
    [{ kind: "days" } as const, [23], '#,##0" days"'],
    [{ kind: "weeks" } as const, [1.5], '#,##0.0" weeks"'],
    [{ kind: "rate", per: 100_000 } as const, [124], '#,##0" per 100,000"'],
    [{ kind: "money" } as const, [805_000], '"£"#,##0;-"£"#,##0'],
    [{ kind: "number" } as const, [5262], "#,##0"],
  ])("%p %p → %p", (unit, values, format) => expect(unitNumberFormat(unit, values)).toBe(format));
});

describe("statusLabel", () => {
  it("gives every status words and a distinct symbol, never colour alone", () => {
    const labels = STATUS_ORDER.map(statusLabel);
    expect(new Set(labels.map((l) => l.split(" ")[0])).size).toBe(STATUS_ORDER.length);
    expect(labels.every((l) => /^\S+ [A-Z][a-z]/.test(l))).toBe(true);
    // Arrows give a figure's direction (the Trend column); a count by judgement has none.
    expect(trendLabel("declining")).toBe("Declining");
    expect(trendLabel(null)).toBe("");
  });
});
