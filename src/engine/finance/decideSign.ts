import type { FinanceTable } from "./FinanceTable";
import type { SheetGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import { incomeTurned, readFinanceRow, standardVariance, type Sub } from "./readFinanceRow";
import type { SignConvention } from "../Settings";
import type { SignWords } from "./readSignWords";
import { toA1 } from "../cells/toA1";

const FORECAST_FIRST = "variance = forecast − budget; + = overspend";
const BUDGET_FIRST = "variance = budget − forecast; + = underspend";

/**
 * Decides which way the table's variance column is signed and records it on the table
 * (`invertedSign`, `signConvention`); a table without one (split or computed) needs none. The sign
 * comes from, in order: the officer's confirmed sign; the figures
 * (every checkable line's variance is budget − forecast, or every one forecast − budget); the
 * header's (or a title's) words ("over / (under)", "(favourable) / adverse", "+ = overspend"); else budget −
 * forecast is assumed. Words the figures contradict, a forecast − budget column nothing announced,
 * and a sign nothing says (no forecast to check it against, no words) are warnings.
 * @example decideSign(grid, table, { positive: "overspend", phrase: "over / (under)" }) // table.invertedSign === true
 */
export function decideSign(
  sheet: SheetGrid,
  table: FinanceTable,
  words: SignWords | null,
  confirmed?: SignConvention,
  wordsFrom: "header" | "title" = "header",
): Issue[] {
  const cols = table.columns;
  const varianceCol = cols.variance.net ?? cols.variance.gross ?? cols.variance.income;
  const at = toA1(table.headerRows[table.headerRows.length - 1], varianceCol ?? cols.name);
  if (varianceCol === undefined) {
    table.invertedSign = false;
    table.signConvention =
      cols.overspend !== undefined || cols.underspend !== undefined
        ? "variance = underspend − overspend, from separate Overspend and Underspend columns (both positive)"
        : `${BUDGET_FIRST} (worked out: the table has no variance column)`;
    return [];
  }
  if (confirmed) {
    table.invertedSign = confirmed === "positive-overspend";
    table.signConvention = `${table.invertedSign ? FORECAST_FIRST : BUDGET_FIRST} (confirmed in the task pane)`;
    return [];
  }
  const figures = signFromFigures(sheet, table);
  const quoted = words ? ` "${words.phrase}"` : "";
  if (figures !== null) {
    table.invertedSign = figures;
    const agree = words !== null && (words.positive === "overspend") === figures;
    table.signConvention = `${figures ? FORECAST_FIRST : BUDGET_FIRST} (${agree ? `from the ${wordsFrom}${quoted}` : "from the figures"})`;
    if (words && !agree) {
      return [
        issue(
          "warning",
          "variance-sign",
          table.sheet,
          at,
          `The ${wordsFrom} says${quoted} (+ = ${words.positive}), but the figures are ${figures ? "forecast − budget (+ = overspend)" : "budget − forecast (+ = underspend)"}; followed the figures.`,
        ),
      ];
    }
    if (figures && !words) {
      return [
        issue(
          "warning",
          "variance-sign",
          table.sheet,
          at,
          "This variance column is forecast − budget (positive = overspend). Followed the sheet: its variances are read the other way round, so an underspend is positive in the results.",
        ),
      ];
    }
    return [];
  }
  if (words) {
    table.invertedSign = words.positive === "overspend";
    table.signConvention = `${table.invertedSign ? FORECAST_FIRST : BUDGET_FIRST} (from the ${wordsFrom}${quoted})`;
    return [];
  }
  table.invertedSign = false;
  const hasForecast = Object.keys(cols.forecast).length > 0;
  table.signConvention = `${BUDGET_FIRST} (assumed: neither the header nor the figures say)`;
  if (hasForecast) return [];
  return [
    issue(
      "warning",
      "variance-sign",
      table.sheet,
      at,
      'Nothing says which way this variance is signed (no forecast column to check it against, and no words such as "over / (under)" or "(favourable) / adverse"); read as budget − forecast, + = underspend. Confirm the sign in the task pane if it is the other way.',
    ),
  ];
}

/** True when every checkable variance is forecast − budget, false when every one is budget − forecast, else null. */
function signFromFigures(sheet: SheetGrid, table: FinanceTable): boolean | null {
  let agree = 0;
  let opposite = 0;
  for (const line of table.lines) {
    const v = readFinanceRow(sheet, table, line).values;
    for (const sub of ["gross", "income", "net"] as Sub[]) {
      const b = v.budget[sub];
      const f = v.forecast[sub];
      const given = v.variance[sub];
      if (!b || !f || !given) continue;
      // income held as positive amounts may be written either way round: it says nothing of the column's sign
      if (incomeTurned(line.isIncome, sub, b.pounds, f.pounds, table.incomePositive ?? false)) continue;
      const expected = standardVariance(
        line.isIncome,
        sub,
        b.pounds,
        f.pounds,
        table.incomePositive ?? false,
      );
      // Rounding to the figures' printed precision (£0.1m in a £m table), not the table's unit.
      const step = Math.min(
        printedStep(b.pounds, table.scale),
        printedStep(f.pounds, table.scale),
        printedStep(given.pounds, table.scale),
      );
      if (Math.abs(expected) <= step) continue;
      if (Math.abs(given.pounds - expected) <= step) agree++;
      else if (Math.abs(given.pounds + expected) <= step) opposite++;
    }
  }
  if (agree > 0 && opposite === 0) return false;
  if (opposite > 0 && agree === 0) return true;
  return null;
}

/**
 * The value of the last digit a figure was written to, in pounds, at most the table's unit:
 * 310,300,000 in a £m table → 100,000 (written 310.3); 805,000 in a £000 table → 1,000.
 * @example printedStep(200_000, 1_000_000) === 100_000
 */
export function printedStep(pounds: number, scale: number): number {
  for (let k = scale; k >= 0.01; k /= 10) {
    const q = pounds / k;
    if (Math.abs(q - Math.round(q)) < 1e-6) return k;
  }
  return 0.01;
}
