import fc from "fast-check";
import {
  formatMoney,
  moneyPrecision,
  type MoneyFormatOptions,
} from "../../../src/engine/finance/formatMoney";
import { moneyTableUnit, tableFigure, tableMoneyValue } from "../../../src/engine/finance/moneyTableUnit";
import { varianceNarrative } from "../../../src/engine/finance/varianceNarrative";
import { RUNS } from "./gridArbitraries";

// Issue 12: a committee reads the Variance Narrative's table (£000's or £m) beside its sentences
// (£805k, £4.64m): for any amount, the two must agree to the precision each shows.

/** Pounds a money phrase means: "-£4.64m", "£805k", "£0.13 million", "£4,500". */
function wordsValue(words: string): number {
  const m = /^(-?)£([\d,]+(?:\.\d+)?)(k|m| million)?$/.exec(words);
  if (!m) throw new Error(`not a money phrase: ${words}`);
  const scale = m[3] === "k" ? 1_000 : m[3] ? 1_000_000 : 1;
  return (m[1] ? -1 : 1) * Number(m[2].replace(/,/g, "")) * scale;
}

/** Pounds a table figure means in its unit: "29,024" in £000's, "-2.35" in £m. */
function tableValue(figure: string, scale: number): number {
  return Number(figure.replace(/,/g, "")) * scale;
}

/** Amounts as councils' tables hold them: whole pounds and pence, small and large, either sign. */
const amount = fc.oneof(
  fc.integer({ min: -5_000_000_000, max: 5_000_000_000 }),
  fc.integer({ min: -2_000_000, max: 2_000_000 }),
  fc.integer({ min: -20_000, max: 20_000 }),
  fc.double({ min: -5e9, max: 5e9, noNaN: true }),
);
const options = fc.constantFrom<MoneyFormatOptions>({}, { style: "long" }, { unit: "m" });

describe("money in tables and in words agree to the precision shown", () => {
  it("the table figure and the words differ by no more than their two half-precisions", () => {
    fc.assert(
      fc.property(amount, fc.option(amount, { nil: undefined }), options, (pounds, other, opts) => {
        // The table's unit follows its largest amount, so test an amount beside another.
        const unit = moneyTableUnit([pounds, other]);
        const words = formatMoney(pounds, opts);
        const figure = tableFigure(tableMoneyValue(pounds, unit), unit);
        const fromWords = wordsValue(words);
        const fromTable = tableValue(figure, unit.scale);
        const wordsStep = moneyPrecision(pounds, opts);
        const tableStep = unit.scale / 10 ** unit.decimals;
        const slack = 1e-6 * Math.max(1, Math.abs(pounds));
        // Each is right to its own precision...
        expect(Math.abs(fromWords - pounds)).toBeLessThanOrEqual(wordsStep / 2 + slack);
        expect(Math.abs(fromTable - pounds)).toBeLessThanOrEqual(tableStep / 2 + slack);
        // ...so they agree to the precision shown, and never disagree on the sign.
        expect(Math.abs(fromWords - fromTable)).toBeLessThanOrEqual((wordsStep + tableStep) / 2 + slack);
        expect(fromWords * fromTable).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('never writes "£0k", "£1000k" or "£29,024k", and a table never shows "-0"', () => {
    fc.assert(
      fc.property(amount, options, (pounds, opts) => {
        const words = formatMoney(pounds, opts);
        expect(words).not.toMatch(/£0k|£\d{4,}k|£\d{1,3}(,\d{3})+k/);
        expect(words).not.toMatch(/^-£0(\.0+)?(m| million)?$/);
        const unit = moneyTableUnit([pounds]);
        expect(tableFigure(tableMoneyValue(pounds, unit), unit)).not.toMatch(/^-0(\.0+)?$/);
      }),
      { numRuns: RUNS },
    );
  });

  it("a sentence's amounts agree with the table: variance, volume and price effects", () => {
    const whole = fc.integer({ min: -50_000_000, max: 50_000_000 });
    fc.assert(
      fc.property(
        whole,
        whole,
        fc.constantFrom("short" as const, "long" as const),
        (volume, price, style) => {
          const variance = volume + price;
          fc.pre(Math.round(variance) !== 0);
          const sentence = varianceNarrative(
            {
              name: "Out of Area Placements",
              variance,
              direction: variance > 0 ? "underspend" : "overspend",
              isTotal: false,
              movement: null,
              covid: null,
              volumeEffect: volume,
              priceEffect: price,
              isIncome: false,
              isFunding: false,
            },
            { moneyStyle: style, directionWords: "ed" },
          );
          const unit = moneyTableUnit([variance, volume, price]);
          // Every amount in the sentence is within its precision of one of the table's figures.
          const phrases = sentence.match(/£[\d,]+(?:\.\d+)?(?:k|m| million)?/g) ?? [];
          expect(phrases.length).toBeGreaterThan(0);
          for (const phrase of phrases) {
            const said = wordsValue(phrase);
            const close = [variance, volume, price].some((p) => {
              const fromTable = Math.abs(tableValue(tableFigure(tableMoneyValue(p, unit), unit), unit.scale));
              const step = unit.scale / 10 ** unit.decimals;
              return Math.abs(said - fromTable) <= (10_000 + step) / 2 + 1e-6 * Math.abs(p);
            });
            expect(close).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
