import { formatMoney } from "../finance/formatMoney";
import type { VarianceResult } from "../finance/VarianceResult";
import type { ScoreResult } from "../ScoreResult";
import { orderVariances } from "./buildNarrativeSheet";
import { financeTableNames } from "./financeTableNames";
import { RAG_PALETTE, type RagColours } from "./ragPalette";

/** What one finance table's chart of variances shows: for the committee report and the Scorecard Summary. */
export interface VarianceChartData {
  tableId: string;
  /** The table's name ("Finance Summary Dec 2019", or "Outturn (table 2)"). */
  table: string;
  title: string;
  /** Alt text: what the chart shows, with every amount (drawn as columns). */
  description: string;
  /** The same, for the chart drawn as horizontal bars. */
  barDescription: string;
  /** The lines drawn, in the Variance Narrative's order (`orderVariances`). */
  lines: VarianceResult[];
  /**
   * One bar per line: its variance in £000's (whole), and its colours (an underspend in the RAG
   * palette's green, an overspend in its red).
   */
  bars: { value: number; colours: RagColours }[];
}

/**
 * The data of the column charts of variances at or over the threshold, one per finance table that
 * has any (totals left out), in the tables' order (`financeTableNames`). Shared by the committee
 * report (images) and the Scorecard Summary (native charts). Positive variances are underspends.
 *
 * @example
 * varianceChartData(result, 100_000)[0].title
 * // "Finance Summary Dec 2019: variances over/under £100k"
 */
export function varianceChartData(
  result: Pick<ScoreResult, "variances" | "financeHeadlines">,
  threshold: number,
): VarianceChartData[] {
  const out: VarianceChartData[] = [];
  for (const [tableId, table] of financeTableNames(result)) {
    const lines = orderVariances(
      result.variances.filter((v) => v.tableId === tableId && v.overThreshold && !v.isTotal),
    );
    if (lines.length === 0) continue;
    const title = `${table}: variances over/under ${formatMoney(threshold)}`;
    const figures =
      lines.map((v) => `${v.name}: ${formatMoney(Math.abs(v.variance))} ${varianceWord(v)}`).join("; ") + ".";
    const description = `Column chart. ${title}, in £000's; underspends rise above zero, overspends fall below it. ${figures}`;
    // The same chart drawn as horizontal bars (many lines, on the Scorecard Summary).
    const barDescription = `Bar chart. ${title}, in £000's; underspends extend right of zero, overspends left of it. ${figures}`;
    const bars = lines.map((v) => ({
      value: Math.round(v.variance / 1000),
      colours: RAG_PALETTE[v.variance < 0 ? "outside" : "better"],
    }));
    out.push({ tableId, table, title, description, barDescription, lines, bars });
  }
  return out;
}

/**
 * A variance in one word.
 * @example varianceWord({ variance: -5 }) === "overspend"
 */
export function varianceWord(v: Pick<VarianceResult, "variance">): string {
  return v.variance > 0 ? "underspend" : v.variance < 0 ? "overspend" : "on budget";
}
