/** The one unit a money table of ours is shown in, stated in its header. */
export interface MoneyTableUnit {
  /** The unit as the header states it: "£000's" (as the seeds' tables) or "£m". */
  label: "£000's" | "£m";
  /** Pounds per unit: 1,000 or 1,000,000. */
  scale: number;
  /** Decimals shown: none in £000's, two in £m (the same precision as "£4.64m" in words). */
  decimals: number;
  /**
   * Excel number format that shows whole pounds in the unit: each trailing comma divides by 1,000,
   * so the cell keeps the amount in pounds ("#,##0," shows 805,000 as "805").
   */
  numberFormat: string;
}

/** From this size (£100m) a table's amounts are shown in £m rather than £000's. */
export const MILLIONS_FROM = 100_000_000;

const THOUSANDS: MoneyTableUnit = {
  label: "£000's",
  scale: 1_000,
  decimals: 0,
  numberFormat: "#,##0,;-#,##0,;0",
};

const MILLIONS: MoneyTableUnit = {
  label: "£m",
  scale: 1_000_000,
  decimals: 2,
  numberFormat: "#,##0.00,,;-#,##0.00,,;0.00",
};

/**
 * The unit for a table of amounts in pounds: £000's, as the seeds write their finance tables,
 * or £m when the largest amount is £100m or more (where £000's would need seven digits or more).
 * One unit per table: every money column of the table uses it.
 *
 * @example moneyTableUnit([29_024_000, -370_000]).label === "£000's"
 * @example moneyTableUnit([250_000_000]).label === "£m"
 */
export function moneyTableUnit(amounts: readonly (number | null | undefined)[]): MoneyTableUnit {
  let largest = 0;
  for (const a of amounts)
    if (typeof a === "number" && Number.isFinite(a)) largest = Math.max(largest, Math.abs(a));
  return largest >= MILLIONS_FROM ? MILLIONS : THOUSANDS;
}

/**
 * The value to write for an amount in a table of this unit: the amount in pounds, except that an
 * amount shown as zero is written as 0, so it never reads "-0".
 * @example tableMoneyValue(-400, moneyTableUnit([])) === 0; tableMoneyValue(805_000, unit) === 805_000
 */
export function tableMoneyValue(pounds: number, unit: MoneyTableUnit): number {
  return Number(tableFigure(pounds, unit).replace(/,/g, "")) === 0 ? 0 : pounds;
}

/**
 * The text a table cell of this unit shows for an amount in pounds (what its number format gives,
 * rounding halves away from zero as Excel does; a small negative amount shows "-0", as the
 * format's negative section would, which is why `tableMoneyValue` writes such an amount as 0).
 * @example tableFigure(29_024_000, moneyTableUnit([])) === "29,024"; tableFigure(-370_400, moneyTableUnit([])) === "-370"
 */
export function tableFigure(pounds: number, unit: MoneyTableUnit): string {
  const steps = 10 ** unit.decimals;
  const units = Math.round((Math.abs(pounds) / unit.scale) * steps);
  if (units === 0) return `${pounds < 0 ? "-" : ""}${unit.decimals ? `0.${"0".repeat(unit.decimals)}` : "0"}`;
  const whole = String(Math.floor(units / steps)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = unit.decimals ? `${whole}.${String(units % steps).padStart(unit.decimals, "0")}` : whole;
  return pounds < 0 ? `-${text}` : text;
}
