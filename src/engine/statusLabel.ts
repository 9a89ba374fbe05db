import type { KpiStatus, Trend } from "./KpiResult";

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
