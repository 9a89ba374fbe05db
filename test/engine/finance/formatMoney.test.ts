import { directionWord } from "../../../src/engine/finance/directionWord";
import { EngineError } from "../../../src/engine/EngineError";
import { formatMoney } from "../../../src/engine/finance/formatMoney";

describe("formatMoney (short style)", () => {
  test.each<[number, string]>([
    // £0–£999: whole pounds
    [0, "£0"],
    [1, "£1"],
    [640, "£640"],
    [999, "£999"],
    [999.4, "£999"],
    // £1k–£999k: nearest £1k
    [999.5, "£1k"],
    [1000, "£1k"],
    [1499, "£1k"],
    [1500, "£2k"],
    [92_000, "£92k"],
    [805_000, "£805k"],
    [999_499, "£999k"],
    // the £1m boundary: never "£1000k"
    [999_500, "£1.0m"],
    [999_600, "£1.0m"],
    [1_000_000, "£1.0m"],
    [1_005_000, "£1.01m"],
    [1_025_000, "£1.03m"],
    [1_260_000, "£1.26m"],
    [2_500_000, "£2.5m"],
    [4_638_000, "£4.64m"],
    [9_994_999, "£9.99m"],
    [9_995_000, "£10.0m"],
    [54_800_000, "£54.8m"],
    [99_950_000, "£100m"],
    [123_456_789, "£123m"],
    [1_234_567_890, "£1,235m"],
    // negatives
    [-0.4, "£0"],
    [-640, "-£640"],
    [-370_000, "-£370k"],
    [-999_600, "-£1.0m"],
    [-4_638_000, "-£4.64m"],
  ])("%p → %s", (pounds, expected) => {
    expect(formatMoney(pounds)).toBe(expected);
  });
});

describe("formatMoney with a forced unit", () => {
  test.each<[number, "k" | "m", string]>([
    [710_000, "m", "£0.71m"],
    [886_000, "m", "£0.89m"],
    [100_000, "m", "£0.1m"],
    [4_000, "m", "£4k"], // "£0.0m" would say nothing: falls back
    [-710_000, "m", "-£0.71m"],
    [4_638_000, "m", "£4.64m"],
    [1_250_000, "k", "£1,250k"],
    [640, "k", "£1k"],
  ])("%p in %s → %s", (pounds, unit, expected) => {
    expect(formatMoney(pounds, { unit })).toBe(expected);
  });
});

describe("formatMoney (long style)", () => {
  test.each<[number, string]>([
    [0, "£0"],
    [45_000, "£45,000"],
    [49_999, "£49,999"],
    [50_000, "£0.1 million"],
    [805_000, "£0.8 million"],
    [999_600, "£1.0 million"],
    [4_640_000, "£4.6 million"],
    [54_800_000, "£54.8 million"],
    [1_234_500_000, "£1,234.5 million"],
    [-805_000, "-£0.8 million"],
  ])("%p → %s", (pounds, expected) => {
    expect(formatMoney(pounds, { style: "long" })).toBe(expected);
  });
});

test("formatMoney rejects a non-number (programmer misuse)", () => {
  expect(() => formatMoney(Number.NaN)).toThrow(EngineError);
});

test("directionWord follows the settings' style", () => {
  expect(directionWord("underspend", "ed")).toBe("underspent");
  expect(directionWord("overspend", "ed")).toBe("overspent");
  expect(directionWord("overspend", "noun")).toBe("overspend");
  expect(directionWord("on budget", "noun")).toBe("on budget");
});
