import { EngineError } from "../EngineError";

/** How `formatMoney` writes an amount. */
export interface MoneyFormatOptions {
  /** "short" (default): £805k / £4.64m; "long": £0.81 million / £4.64 million. */
  style?: "short" | "long";
  /**
   * "m" writes an amount under £1m in millions too, so that two amounts in one sentence match
   * ("£4.64m …, an increase of £0.71m"). Without it the unit follows the amount's size.
   */
  unit?: "m";
}

/**
 * Writes whole pounds the way UK council finance reports do. Rules (short style):
 * - under £1k (after rounding to the pound): whole pounds, "£640";
 * - £1k up to £1m: rounded to the nearest £1k, "£805k" (anything that would round to £1,000k is
 *   "£1.00m", so never "£1000k", and never "£0k");
 * - £1m and over: millions with two decimals, "£1.05m", "£4.64m", "£29.02m" (never "£29,024k");
 * - `unit: "m"` writes smaller amounts in millions with two decimals too ("£0.71m"), falling
 *   back to the rules above when that would read "£0.00m" (under £5k).
 * Long style keeps the same precision in words: "£0.13 million", "£1.05 million"; under £5k
 * (which would read "£0.00 million") whole pounds with separators, "£4,500".
 * Negative amounts get a leading minus, "-£805k"; anything that rounds to zero reads "£0".
 * `moneyPrecision` gives the precision of each form, for checking figures against tables.
 *
 * @example formatMoney(805_000) === "£805k"; formatMoney(4_638_000) === "£4.64m";
 * formatMoney(999_600) === "£1.00m"; formatMoney(133_000, { style: "long" }) === "£0.13 million"
 */
export function formatMoney(pounds: number, options: MoneyFormatOptions = {}): string {
  if (!Number.isFinite(pounds))
    throw new EngineError("bad-argument", `formatMoney needs a finite number, got ${pounds}`);
  const abs = Math.abs(pounds);
  const body = options.style === "long" ? longBody(abs) : shortBody(abs, options.unit);
  return pounds < 0 && body !== "£0" ? `-${body}` : body;
}

/** Pounds per hundredth of a million: millions are written to two decimals. */
const HUNDREDTH = 10_000;

/**
 * The precision, in pounds, of what `formatMoney` writes for an amount: 1 for whole pounds, 1,000
 * for £k, 10,000 for millions with two decimals.
 * @example moneyPrecision(805_000) === 1_000; moneyPrecision(4_638_000) === 10_000
 */
export function moneyPrecision(pounds: number, options: MoneyFormatOptions = {}): number {
  const abs = Math.abs(pounds);
  if (options.style === "long") return inMillions(abs) ? HUNDREDTH : 1;
  if (options.unit === "m" && inMillions(abs)) return HUNDREDTH;
  if (Math.round(abs) < 1000) return 1;
  return Math.round(abs / 1000) < 1000 ? 1000 : HUNDREDTH;
}

/** True when the amount reads as at least £0.01m. */
function inMillions(abs: number): boolean {
  return Math.round(abs / HUNDREDTH) >= 1;
}

function shortBody(abs: number, unit: "m" | undefined): string {
  if (unit === "m" && inMillions(abs)) return `£${millions(abs)}m`;
  const whole = Math.round(abs);
  if (whole < 1000) return `£${whole}`;
  const k = Math.round(abs / 1000);
  if (k < 1000) return `£${k}k`;
  return `£${millions(abs)}m`;
}

/** Millions to two decimals, with thousands separators: 4,638,000 → "4.64". */
function millions(abs: number): string {
  const hundredths = Math.round(abs / HUNDREDTH);
  return `${group(Math.floor(hundredths / 100))}.${String(hundredths % 100).padStart(2, "0")}`;
}

function longBody(abs: number): string {
  if (!inMillions(abs)) return `£${group(Math.round(abs))}`;
  return `£${millions(abs)} million`;
}

function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
