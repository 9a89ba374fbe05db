import { directionWord } from "./directionWord";
import { formatMoney, type MoneyFormatOptions } from "./formatMoney";
import { movementWords } from "./movementWords";
import type { Settings } from "../Settings";
import type { VarianceResult } from "./VarianceResult";

/**
 * The sentence for one heading or line, in the seeds' style: heading and line, amount and
 * direction, Covid part, income or funding note, movement, and the volume/price split.
 * Smaller amounts in the sentence use £m when the main amount does, as the seeds write
 * ("£4.64m overspend (£0.76m Covid), an increase of £0.68m since Q3").
 * @example varianceNarrative(outOfArea, DEFAULT_SETTINGS) ===
 *   "Looked After Children: Out of Area Placements – £840k overspent; volume £546k overspent (38 placements against 35 budgeted), price £294k overspent."
 */
export function varianceNarrative(
  r: Pick<
    VarianceResult,
    | "name"
    | "heading"
    | "variance"
    | "direction"
    | "isTotal"
    | "movement"
    | "movementLabel"
    | "covid"
    | "volumeEffect"
    | "priceEffect"
    | "activity"
    | "isIncome"
    | "isFunding"
  > &
    Partial<Pick<VarianceResult, "budget" | "forecast">>,
  settings: Pick<Settings, "moneyStyle" | "directionWords">,
): string {
  const label = r.heading ? `${r.heading}: ${r.name}` : r.name;
  if (r.direction === "on budget") return `${label} – on budget.`;
  const style = settings.moneyStyle;
  const main = formatMoney(Math.abs(r.variance), { style });
  const sub: MoneyFormatOptions = { style, unit: style === "short" && /m$/.test(main) ? "m" : undefined };
  const money = (v: number): string => formatMoney(Math.abs(v), sub);
  const word = (v: number): string =>
    directionWord(v > 0 ? "underspend" : "overspend", settings.directionWords);

  const notes: string[] = [];
  if (r.covid !== null && Math.round(r.covid) !== 0) {
    notes.push(
      Math.sign(r.covid) === Math.sign(r.variance)
        ? `${money(r.covid)} Covid`
        : `${money(r.covid)} Covid ${word(r.covid)}`,
    );
  }
  if (r.isIncome && !r.isTotal) notes.push(`income ${money(r.variance)} ${incomeSide(r)} budget`);
  if (r.isFunding) notes.push("a funding line, not a service heading");
  if (r.isTotal) notes.push("total");
  let s = `${label} – ${main} ${word(r.variance)}${notes.length ? ` (${notes.join("; ")})` : ""}`;
  if (r.movement !== null) s += `, ${movementWords(r.variance, r.movement, r.movementLabel, sub)}`;
  if (r.volumeEffect !== null && r.priceEffect !== null) {
    const a = r.activity;
    const count =
      a && a.actual !== null && a.budgeted !== null
        ? ` (${num(a.actual)} placements against ${num(a.budgeted)} budgeted)`
        : "";
    const vol =
      Math.round(r.volumeEffect) === 0
        ? `no volume effect${count}`
        : `volume ${money(r.volumeEffect)} ${word(r.volumeEffect)}${count}`;
    const price =
      Math.round(r.priceEffect) === 0
        ? "no price effect"
        : `price ${money(r.priceEffect)} ${word(r.priceEffect)}`;
    s += `; ${vol}, ${price}`;
  }
  return `${s}.`;
}

/**
 * "above" or "below": forecast income against budgeted income, read from the amounts (positive, or
 * negative credits), not from the variance's sign; the variance's sign only when they are missing or equal.
 */
function incomeSide(
  r: Pick<VarianceResult, "variance"> & Partial<Pick<VarianceResult, "budget" | "forecast">>,
): string {
  const b = r.budget ?? null;
  const f = r.forecast ?? null;
  if (b !== null && f !== null && Math.round(b) !== Math.round(f)) {
    const credits = b <= 0 && f <= 0;
    return (credits ? f < b : f > b) ? "above" : "below";
  }
  return r.variance < 0 ? "below" : "above";
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
