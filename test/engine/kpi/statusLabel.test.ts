import {
  directionLabel,
  statusChangeWords,
  TREND_KEY,
  trendLabel,
} from "../../../src/engine/kpi/statusLabel";

// Issue 12: the Trend column mixed "↑ Up" with "↑ Improving" and had no key.
describe("directionLabel: one trend vocabulary", () => {
  const base = { actual: null, previous: null, changeVsPrevious: null } as const;
  it.each([
    // the figure's direction always comes first, with its arrow...
    [
      { status: "no-target", trend: null, polarity: "higher", actual: 5, previous: 1, changeVsPrevious: 4 },
      "↑ Up",
    ],
    [
      {
        status: "no-target",
        trend: null,
        polarity: "higher",
        actual: 90,
        previous: 100,
        changeVsPrevious: -0.1,
      },
      "↓ Down",
    ],
    [
      {
        status: "better",
        trend: "stable",
        polarity: "lower",
        actual: 100,
        previous: 100.5,
        changeVsPrevious: -0.005,
      },
      "→ Stable",
    ],
    // ...and the judgement follows where the polarity is known: a lower-is-better figure that fell improved
    [
      {
        status: "better",
        trend: "improving",
        polarity: "lower",
        actual: 5,
        previous: 6,
        changeVsPrevious: -1 / 6,
      },
      "↓ Down, improving",
    ],
    [
      {
        status: "outside",
        trend: "declining",
        polarity: "higher",
        actual: 0.8,
        previous: 0.9,
        changeVsPrevious: -0.11,
      },
      "↓ Down, declining",
    ],
    [
      {
        status: "within",
        trend: "improving",
        polarity: "higher",
        actual: 0.9,
        previous: 0.8,
        changeVsPrevious: 0.125,
      },
      "↑ Up, improving",
    ],
    // from 0 there is no relative change: the direction alone
    [
      {
        status: "no-target",
        trend: null,
        polarity: "higher",
        actual: 3,
        previous: 0,
        changeVsPrevious: null,
      },
      "↑ Up",
    ],
    // nothing to compare, or no data
    [{ status: "better", trend: null, polarity: "higher", ...base }, ""],
    [
      {
        status: "no-data",
        trend: "declining",
        polarity: "higher",
        actual: 1,
        previous: 2,
        changeVsPrevious: -0.5,
      },
      "",
    ],
  ] as const)("%j → %p", (k, expected) => {
    expect(directionLabel(k)).toBe(expected);
  });

  it("has a key naming every word it uses", () => {
    for (const word of ["↑ Up", "↓ Down", "→ Stable", "improving", "declining"])
      expect(TREND_KEY).toContain(word);
    expect(trendLabel("improving")).toBe("Improving");
  });
});

describe("statusChangeWords", () => {
  it.each([
    ["within", "outside", "Worsened: was within tolerance, now outside"],
    ["outside", "within", "Improved: was outside tolerance, now within"],
    ["better", "outside", "Worsened: was better than target, now outside tolerance"],
    ["within", "within", "Still within tolerance"],
    ["no-data", "no-data", "Still without data"],
    ["within", "no-data", "Was within tolerance, now without data"],
    ["no-target", "no-target", ""],
    [undefined, "outside", ""],
  ] as const)("%p → %p: %p", (previous, now, expected) => {
    expect(statusChangeWords(previous, now)).toBe(expected);
  });
});
