import { directionWord } from "../../../src/engine/finance/directionWord";
import { EngineError } from "../../../src/engine/EngineError";
import { formatMoney, moneyPrecision } from "../../../src/engine/finance/formatMoney";

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
    // the £1m boundary: never "£1000k"; millions to two decimals, never "£29,024k"
    [999_500, "£1.00m"],
    [999_600, "£1.00m"],
    [1_000_000, "£1.00m"],
    [1_005_000, "£1.01m"],
    [1_025_000, "£1.03m"],
    [1_050_000, "£1.05m"],
    [1_260_000, "£1.26m"],
    [2_500_000, "£2.50m"],
    [4_638_000, "£4.64m"],
    [9_994_999, "£9.99m"],
    [9_995_000, "£10.00m"],
    [29_024_000, "£29.02m"],
    [54_800_000, "£54.80m"],
    [99_950_000, "£99.95m"],
    [123_456_789, "£123.46m"],
    [1_234_567_890, "£1,234.57m"],
    // negatives
    [-0.4, "£0"],
    [-640, "-£640"],
    [-370_000, "-£370k"],
    [-999_600, "-£1.00m"],
    [-4_638_000, "-£4.64m"],
  ])("%p → %s", (pounds, expected) => {
    expect(formatMoney(pounds)).toBe(expected);
  });
});

describe("formatMoney with a forced unit", () => {
  test.each<[number, string]>([
    [710_000, "£0.71m"],
    [886_000, "£0.89m"],
    [100_000, "£0.10m"],
    [5_000, "£0.01m"],
    [4_000, "£4k"], // "£0.00m" would say nothing: falls back
    [400, "£400"], // and never "£0k"
    [-710_000, "-£0.71m"],
    [4_638_000, "£4.64m"],
  ])("%p in m → %s", (pounds, expected) => {
    expect(formatMoney(pounds, { unit: "m" })).toBe(expected);
  });
});

describe("formatMoney (long style): the short style's precision in words", () => {
  test.each<[number, string]>([
    [0, "£0"],
    [4_500, "£4,500"],
    [4_999, "£4,999"],
    [5_000, "£0.01 million"],
    [45_000, "£0.05 million"],
    [123_000, "£0.12 million"],
    [133_000, "£0.13 million"],
    [143_000, "£0.14 million"],
    [805_000, "£0.81 million"],
    [999_600, "£1.00 million"],
    [1_050_000, "£1.05 million"],
    [4_640_000, "£4.64 million"],
    [54_800_000, "£54.80 million"],
    [1_234_500_000, "£1,234.50 million"],
    [-805_000, "-£0.81 million"],
  ])("%p → %s", (pounds, expected) => {
    expect(formatMoney(pounds, { style: "long" })).toBe(expected);
  });
});

test.each<[number, Parameters<typeof moneyPrecision>[1], number]>([
  [640, {}, 1],
  [805_000, {}, 1_000],
  [999_500, {}, 10_000],
  [4_638_000, {}, 10_000],
  [710_000, { unit: "m" }, 10_000],
  [4_000, { unit: "m" }, 1_000],
  [4_000, { style: "long" }, 1],
  [133_000, { style: "long" }, 10_000],
])("moneyPrecision(%p, %j) === %p", (pounds, options, expected) => {
  expect(moneyPrecision(pounds, options)).toBe(expected);
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
