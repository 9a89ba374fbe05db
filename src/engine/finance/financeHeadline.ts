import type { FinanceTable } from "./FinanceTable";
import { formatMoney, type MoneyFormatOptions } from "./formatMoney";
import { movementWords } from "./movementWords";
import type { Settings } from "../Settings";
import type { FinanceHeadline, VarianceResult } from "./VarianceResult";

/**
 * The headline for a whole table, asserting only what the table shows. It uses the table's last
 * total row (else the sum of its lines), the period its header or title names, the net budget for
 * the percentage (the gross budget, said so, where the net budget is nil, as in a contract-funded
 * trust), the Covid part and the movement when columns give them.
 * @example "The forecast outturn at Quarter 3 is an underspend of £1.03m (1.8% of the £56.60m budget), a decrease of £0.10m since Quarter 2."
 */
export function financeHeadline(
  table: FinanceTable,
  results: VarianceResult[],
  settings: Pick<Settings, "moneyStyle">,
): FinanceHeadline | null {
  const mine = results.filter((r) => r.tableId === table.id);
  const totals = mine.filter((r) => r.isTotal);
  const total = totals[totals.length - 1];
  const lines = mine.filter((r) => !r.isTotal);
  if (!total && lines.length === 0) return null;
  const sum = (f: (r: VarianceResult) => number | null | undefined): number | null =>
    lines.every((r) => f(r) != null) ? lines.reduce((s, r) => s + (f(r) ?? 0), 0) : null;
  const variance = total ? total.variance : (sum((r) => r.variance) ?? 0);
  const budget = total ? total.budget : sum((r) => r.budget);
  const forecast = total ? total.forecast : sum((r) => r.forecast);
  const gross = total ? (total.gross?.budget ?? null) : sum((r) => r.gross?.budget);
  const covid = total ? total.covid : sum((r) => r.covid);
  const movement = total ? total.movement : sum((r) => r.movement);

  const style = settings.moneyStyle;
  const main = formatMoney(Math.abs(variance), { style });
  const sub: MoneyFormatOptions = { style, unit: style === "short" && /m$/.test(main) ? "m" : undefined };
  const p = table.period;
  const fyText = p?.fy != null ? `${p.fy}/${String((p.fy + 1) % 100).padStart(2, "0")}` : "";
  const subject =
    p?.kind === "outturn"
      ? `The ${fyText ? `${fyText} ` : ""}outturn`
      : p?.kind === "quarter"
        ? `The forecast outturn at Quarter ${p.quarter}`
        : p?.kind === "year" && fyText
          ? `The ${fyText} forecast outturn`
          : "The forecast outturn";
  const what =
    Math.round(variance) === 0
      ? "on budget"
      : `${variance > 0 ? "an underspend" : "an overspend"} of ${main}`;

  const notes: string[] = [];
  let budgetBasis: "net" | "gross" | undefined;
  let basis: number | null = null;
  if (budget !== null && Math.abs(budget) >= 0.5) {
    basis = Math.abs(budget);
    budgetBasis = "net";
  } else if (gross !== null && Math.abs(gross) >= 0.5) {
    basis = Math.abs(gross);
    budgetBasis = "gross";
  }
  if (basis !== null && Math.round(variance) !== 0) {
    const pct = ((Math.abs(variance) / basis) * 100).toFixed(1);
    notes.push(
      budgetBasis === "net"
        ? `${pct}% of the ${formatMoney(basis, { style })} budget`
        : `${pct}% of the ${formatMoney(basis, { style })} gross budget, as the net budget is nil`,
    );
  }
  if (covid !== null && Math.round(covid) !== 0) notes.push(`${formatMoney(Math.abs(covid), sub)} Covid`);
  let sentence = `${subject} is ${what}${notes.length ? ` (${notes.join("; ")})` : ""}`;
  if (movement !== null && movement !== undefined)
    sentence += `, ${movementWords(variance, movement, table.movementLabel, sub)}`;
  if (!total) sentence += ", by the sum of its lines (the table has no total row)";
  return {
    tableId: table.id,
    sheet: table.sheet,
    budget: budgetBasis === "gross" ? gross : budget,
    forecast,
    variance,
    sentence: `${sentence}.`,
    budgetBasis,
    movement: movement ?? null,
    periodLabel: p?.label,
  };
}
