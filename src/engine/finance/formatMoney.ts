import { EngineError } from "../EngineError";

/** How `formatMoney` writes an amount. */
export interface MoneyFormatOptions {
  /** "short" (default): £805k / £4.64m; "long": £0.8 million. */
  style?: "short" | "long";
  /**
   * Force the short style's unit, so that two amounts in one sentence match
   * ("£4.64m …, an increase of £0.71m"). Without it the unit follows the amount's size.
   */
  unit?: "k" | "m";
}

/**
 * Writes whole pounds the way UK council finance reports do. Rules (short style):
 * - under £1k (after rounding to the pound): whole pounds, "£640";
 * - £1k up to £1m: rounded to the nearest £1k, "£805k" (anything that would round to £1,000k is £1m);
 * - £1m and over: three significant figures, "£4.64m", "£54.8m", "£123m", with one trailing zero
 *   of a two-decimal figure dropped ("£1.00m" → "£1.0m", "£2.50m" → "£2.5m");
 * - `unit: "m"` writes smaller amounts in millions too: two decimals, the same zero dropped
 *   ("£0.71m", "£0.1m"), falling back to £k when that would read "£0.0m".
 * Long style: millions to one decimal, "£0.8 million"; under £50k (which would read "£0.0 million")
 * whole pounds with separators, "£45,000".
 * Negative amounts get a leading minus, "-£805k"; anything that rounds to zero reads "£0".
 *
 * @example formatMoney(805_000) === "£805k"; formatMoney(4_638_000) === "£4.64m";
 * formatMoney(999_600) === "£1.0m"; formatMoney(805_000, { style: "long" }) === "£0.8 million"
 */
export function formatMoney(pounds: number, options: MoneyFormatOptions = {}): string {
  if (!Number.isFinite(pounds))
    throw new EngineError("bad-argument", `formatMoney needs a finite number, got ${pounds}`);
  const abs = Math.abs(pounds);
  const body = options.style === "long" ? longBody(abs) : shortBody(abs, options.unit);
  return pounds < 0 && body !== "£0" ? `-${body}` : body;
}

function shortBody(abs: number, unit: "k" | "m" | undefined): string {
  if (unit === "m") {
    const m = millions(abs, abs < 1_000_000 ? 2 : undefined);
    if (m !== "0.0" && m !== "0") return `£${m}m`;
  }
  const whole = Math.round(abs);
  if (unit !== "k" && whole < 1000) return `£${whole}`;
  const k = Math.round(abs / 1000);
  if (unit === "k" || k < 1000) return `£${group(k)}k`;
  return `£${millions(abs)}m`;
}

/** Millions with `decimals` (default: three significant figures), dropping one trailing zero of two decimals. */
function millions(abs: number, decimals?: number): string {
  let d = decimals ?? (abs < 10_000_000 ? 2 : abs < 100_000_000 ? 1 : 0);
  let units = Math.round(abs / 10 ** (6 - d));
  // 9,995,000 at two decimals is 10.00: step down so it reads "£10.0m" (three figures).
  if (decimals === undefined && d > 0 && units >= 1000) {
    d -= 1;
    units = Math.round(abs / 10 ** (6 - d));
  }
  let text =
    d === 0
      ? group(units)
      : `${group(Math.floor(units / 10 ** d))}.${String(units % 10 ** d).padStart(d, "0")}`;
  if (d === 2 && text.endsWith("0")) text = text.slice(0, -1);
  return text;
}

function longBody(abs: number): string {
  const tenths = Math.round(abs / 100_000);
  if (tenths < 1) return `£${group(Math.round(abs))}`;
  return `£${group(Math.floor(tenths / 10))}.${tenths % 10} million`;
}

function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
