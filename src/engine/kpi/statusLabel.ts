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
 * A judged trend in words, for counts of measures by trend ("Improving", "Stable", "Declining").
 * @example trendLabel("improving") === "Improving"; trendLabel(null) === ""
 */
export function trendLabel(trend: Trend | null): string {
  if (trend === null) return "";
  return TREND_LABELS[trend];
}

const TREND_LABELS: Record<Trend, string> = {
  improving: "Improving",
  stable: "Stable",
  declining: "Declining",
};

/**
 * The key to the Trend column's one vocabulary: an arrow always gives the figure's direction, and
 * the words after it the judgement where the measure's better direction is known.
 */
export const TREND_KEY =
  "Trend, against the previous period: ↑ Up or ↓ Down is the figure's direction (→ Stable: a change under 1%); " +
  '"improving" or "declining" follows where the measure\'s better direction (polarity) is known.';

/**
 * The Trend column's words for one KPI, in one vocabulary (see `TREND_KEY`): the figure's
 * direction against the previous period with an arrow ("↑ Up", "↓ Down", "→ Stable"), followed by
 * the judgement where the polarity is known ("↓ Down, improving" for a lower-is-better measure that
 * fell); blank for a KPI with no data, not yet due, or nothing to compare.
 * @example directionLabel({ status: "no-target", trend: null, polarity: "higher", actual: 5, previous: 1, changeVsPrevious: 4 }) === "↑ Up"
 * @example directionLabel({ status: "better", trend: "improving", polarity: "lower", actual: 5, previous: 6, changeVsPrevious: -0.17 }) === "↓ Down, improving"
 */
export function directionLabel(
  k: Pick<KpiResult, "status" | "trend" | "polarity" | "actual" | "previous" | "changeVsPrevious">,
): string {
  if (k.status === "no-data" || k.status === "not-due") return "";
  const way = directionOf(k);
  if (way === null) return "";
  if (way === "stable") return "→ Stable";
  // Whole strings, not joined per KPI: 100,000s of rows share these few.
  if (k.trend === "improving") return way === "up" ? "↑ Up, improving" : "↓ Down, improving";
  if (k.trend === "declining") return way === "up" ? "↑ Up, declining" : "↓ Down, declining";
  return way === "up" ? "↑ Up" : "↓ Down";
}

/** Which way the figure moved: from its change, else from the judged trend and the polarity. */
function directionOf(
  k: Pick<KpiResult, "trend" | "polarity" | "actual" | "previous" | "changeVsPrevious">,
): "up" | "down" | "stable" | null {
  if (k.trend === "stable") return "stable";
  const change = k.changeVsPrevious;
  if (change !== null) return Math.abs(change) < STABLE_BAND ? "stable" : change > 0 ? "up" : "down";
  // From 0 (no base for a relative change) the direction alone decides.
  if (k.actual !== null && k.previous !== null)
    return k.actual === k.previous ? "stable" : k.actual > k.previous ? "up" : "down";
  if (k.trend === null) return null;
  return (k.trend === "improving") === (k.polarity === "higher") ? "up" : "down";
}

/** A status in the words of the change-of-status column. */
const CHANGE_WORDS: Record<KpiStatus, string> = {
  better: "better than target",
  within: "within tolerance",
  outside: "outside tolerance",
  "no-data": "without data",
  "target-tbc": "awaiting a target",
  "not-due": "not yet due",
  "no-target": "without a target",
};

/** Statuses compared with a target, from worst to best. */
const SCORED: KpiStatus[] = ["outside", "within", "better"];

/**
 * How a KPI's status changed since the previous period, both scored by the same rules:
 * "Worsened: was within tolerance, now outside", "Improved: was outside tolerance, now better than
 * target", "Still outside tolerance", "Was without data, now within tolerance"; blank when there is
 * no previous period, or nothing to say (no target in either period).
 * @example statusChangeWords("within", "outside") === "Worsened: was within tolerance, now outside"
 */
export function statusChangeWords(previous: KpiStatus | null | undefined, now: KpiStatus): string {
  if (!previous) return "";
  if (previous === now) {
    return SCORED.includes(now) || now === "no-data" ? `Still ${CHANGE_WORDS[now]}` : "";
  }
  const was = CHANGE_WORDS[previous];
  // "was within tolerance, now outside": the second "tolerance" goes without saying.
  const is =
    was.endsWith(" tolerance") && CHANGE_WORDS[now].endsWith(" tolerance")
      ? CHANGE_WORDS[now].replace(/ tolerance$/, "")
      : CHANGE_WORDS[now];
  const from = SCORED.indexOf(previous);
  const to = SCORED.indexOf(now);
  const judged = from >= 0 && to >= 0 ? (to > from ? "Improved: was" : "Worsened: was") : "Was";
  return `${judged} ${was}, now ${is}`;
}

/**
 * The status change's key, for the sheet's notes.
 */
export const STATUS_CHANGE_KEY =
  "Change of status: the previous period's figures scored by the same rules, against this period's status.";
