import type { KpiResult, KpiStatus, Trend } from "./KpiResult";
import { STABLE_BAND } from "./scoreKpis";

/** Statuses in the order the seeds report them: exceptions first, the unscored last. */
export const STATUS_ORDER: KpiStatus[] = [
  "outside",
  "within",
  "better",
  "no-data",
  "target-tbc",
  "not-due",
  "no-target",
];

const LABELS: Record<KpiStatus, string> = {
  outside: "✖ Outside tolerance",
  within: "▲ Within tolerance",
  better: "✔ Better than target",
  "no-data": "○ No data",
  "target-tbc": "? Target to be confirmed",
  "not-due": "… Not yet due",
  "no-target": "– No target",
};

/**
 * A status in words with a symbol, so that colour is never the only signal.
 * @example statusLabel("outside") === "✖ Outside tolerance"
 */
export function statusLabel(status: KpiStatus): string {
  return LABELS[status];
}

/**
 * Direction of travel in words with an arrow (↑ always means better, whatever the polarity).
 * @example trendLabel("improving") === "↑ Improving"; trendLabel(null) === ""
 */
export function trendLabel(trend: Trend | null): string {
  if (trend === null) return "";
  return TREND_LABELS[trend];
}

const TREND_LABELS: Record<Trend, string> = {
  improving: "↑ Improving",
  stable: "→ Stable",
  declining: "↓ Declining",
};

/**
 * The Trend column's words for one KPI: the polarity-aware trend when the polarity is known;
 * otherwise the neutral direction of the change vs the previous period ("↑ Up", "↓ Down",
 * "→ Stable"); blank for a KPI with no data, not yet due, or nothing to compare.
 * @example directionLabel({ status: "no-target", trend: null, actual: 5, previous: 1, changeVsPrevious: 4 }) === "↑ Up"
 */
export function directionLabel(
  k: Pick<KpiResult, "status" | "trend" | "actual" | "previous" | "changeVsPrevious">,
): string {
  if (k.status === "no-data" || k.status === "not-due") return "";
  if (k.trend !== null) return trendLabel(k.trend);
  const change = k.changeVsPrevious;
  if (change !== null) return Math.abs(change) < STABLE_BAND ? "→ Stable" : change > 0 ? "↑ Up" : "↓ Down";
  // From 0 (no base for a relative change) the direction alone decides.
  if (k.actual === null || k.previous === null) return "";
  return k.actual === k.previous ? "→ Stable" : k.actual > k.previous ? "↑ Up" : "↓ Down";
}
