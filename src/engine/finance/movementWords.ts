import { formatMoney, type MoneyFormatOptions } from "./formatMoney";

/**
 * Says how a variance moved since the last quarter, as the seeds do. "Increase" and "decrease" are
 * about the size of the current under- or overspend: an overspend that grew is "an increase".
 * When the variance crossed zero the words say which way it moved.
 * `variance` and `movement` are whole pounds, positive = towards underspend; `since` is "Q3", "Quarter 2".
 * @example movementWords(-4_638_000, -683_000, "Q3", { unit: "m" }) === "an increase of £0.68m since Q3"
 * @example movementWords(1_000_000, -100_000, "Quarter 2", { unit: "m" }) === "a decrease of £0.10m since Quarter 2"
 */
export function movementWords(
  variance: number,
  movement: number,
  since: string | undefined,
  money: MoneyFormatOptions = {},
): string {
  const when = since ? `since ${since}` : "since the last quarter";
  const amount = formatMoney(Math.abs(movement), money);
  if (Math.round(movement) === 0) return `no change ${when}`;
  const previous = variance - movement;
  if (Math.sign(previous) === Math.sign(variance) && variance !== 0) {
    return `${Math.abs(variance) > Math.abs(previous) ? "an increase" : "a decrease"} of ${amount} ${when}`;
  }
  return `a movement of ${amount} towards ${movement > 0 ? "underspend" : "overspend"} ${when}`;
}
