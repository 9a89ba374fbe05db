import type { KpiResult } from "./KpiResult";
import type { Qualifier, Unit } from "../cells/ParsedValue";
import { groupThousands } from "../cells/unitNumberFormat";

/** The fields of a scored KPI that its sentence uses. */
export type KpiSentenceInput = Pick<
  KpiResult,
  | "status"
  | "actual"
  | "target"
  | "tolerance"
  | "unit"
  | "period"
  | "reason"
  | "previous"
  | "yearAgo"
  | "previousLabel"
  | "yearAgoLabel"
  | "qualifier"
  | "rule"
>;

/** A qualifier in words: "<1%" is "less than 1%". */
const QUALIFIER_WORDS: Record<Qualifier, string> = {
  "<": "less than ",
  "<=": "at most ",
  ">": "more than ",
  ">=": "at least ",
  approx: "about ",
};

/**
 * The automatic, factual sentence for one KPI, with its units right: percentage points for
 * percentages, days, weeks, rates "per 100,000", £ for money.
 *
 * @example
 * kpiSentence({ status: "within", actual: 0.85, target: 0.9, tolerance: 0.75, unit: { kind: "percent" },
 *   period: "Q4", previous: 0.83, previousLabel: "Q3", yearAgo: 0.86, yearAgoLabel: "Q4" })
 * // "85% against a target of 90% (tolerance 75%); up 2 percentage points on Q3; 1 point below Q4 last year."
 * // A qualified actual keeps its qualifier: "less than 1% against a target of 2%".
 * // A count's change gives its percentage, to one decimal place under 1%: "down 1.7 on Feb-24 (-0.4%)".
 * // With the rule that decided the status, the sentence gives it in place of the bare figures:
 * // "85% misses the 90% target but is within the 75% tolerance; up 2 percentage points on Q3; …".
 */
export function kpiSentence(k: KpiSentenceInput): string {
  // A blank cell's reason ("No value for Mar-24") would only repeat "No data for Mar-24".
  const said = k.reason?.trim() ?? "";
  const reason = said && !/^no value\b/i.test(said) ? ` ("${said}")` : "";
  if (k.status === "not-due") return `Not yet due at ${k.period || "this period"}${reason}.`;
  const why = ruleReason(k);
  if (why && k.actual === null) {
    // Decided by the officer's words: 'Outside tolerance, from the officer's words "Target not met"'.
    const target = k.target !== null ? `; target ${formatValue(k.target, k.unit)}` : "";
    return `${why.status.charAt(0).toUpperCase()}${why.status.slice(1)}, ${why.body}${target}.`;
  }
  if (k.status === "no-data" || k.actual === null) {
    const target = k.target !== null ? `; target ${formatValue(k.target, k.unit)}` : "";
    return `No data for ${k.period || "this period"}${reason}${target}.`;
  }

  const clauses: string[] = [];
  const figure = formatValue(k.actual, k.unit);
  const actual = k.qualifier ? QUALIFIER_WORDS[k.qualifier] + figure : figure;
  if (why) {
    // The rule's words begin with the figure compared, which keeps the officer's qualifier.
    clauses.push(why.body.startsWith(figure) ? actual + why.body.slice(figure.length) : why.body);
  } else if (k.status === "no-target") clauses.push(`${actual}; no target`);
  else if (k.status === "target-tbc") clauses.push(`${actual}; target to be confirmed`);
  else if (k.target === null) clauses.push(actual);
  else {
    const tolerance = k.tolerance !== null ? ` (tolerance ${formatValue(k.tolerance, k.unit)})` : "";
    clauses.push(`${actual} against a target of ${formatValue(k.target, k.unit)}${tolerance}`);
  }
  if (k.previous !== null) clauses.push(previousClause(k.actual, k.previous, k.unit, k.previousLabel));
  if (k.yearAgo !== null) clauses.push(yearAgoClause(k.actual, k.yearAgo, k.unit, k.yearAgoLabel));
  clauses[clauses.length - 1] += "."; // then one join: one flat string, not a rope of pieces
  return clauses.join("; ");
}

/** A compared status's rule split into its status words and its reasoning, or null. */
function ruleReason(k: KpiSentenceInput): { status: string; body: string } | null {
  if (!k.rule || (k.status !== "better" && k.status !== "within" && k.status !== "outside")) return null;
  const colon = k.rule.indexOf(": ");
  if (colon < 0) return null;
  return { status: k.rule.slice(0, colon), body: k.rule.slice(colon + 2).trim() };
}

function previousClause(actual: number, previous: number, unit: Unit, label: string | undefined): string {
  const on = label?.trim() || "the previous period";
  const d = roundDelta(actual - previous, unit);
  if (d === 0) return `unchanged on ${on}`;
  const pct = unit.kind === "number" && previous !== 0 ? changePercent((actual - previous) / previous) : "";
  return `${d > 0 ? "up" : "down"} ${formatDelta(Math.abs(d), unit, true)} on ${on}${pct}`;
}

function yearAgoClause(actual: number, yearAgo: number, unit: Unit, label: string | undefined): string {
  const than = yearAgoName(label);
  const d = roundDelta(actual - yearAgo, unit);
  if (d === 0) return `the same as ${than}`;
  return `${formatDelta(Math.abs(d), unit, false)} ${d > 0 ? "above" : "below"} ${than}`;
}

/** "Q4" → "Q4 last year"; a label that names its year ("2018/19 Qtr3", "Dec-18") is left as it is. */
function yearAgoName(label: string | undefined): string {
  const l = label?.trim();
  if (!l) return "the same period last year";
  return /\d{2}/.test(l) ? l : `${l} last year`;
}

/** A change in the unit's own terms, rounded as it will be shown (percent: points to 0.1). */
function roundDelta(delta: number, unit: Unit): number {
  const shown = unit.kind === "percent" ? delta * 100 : delta;
  return Math.round(shown * 10) / 10;
}

/** A rounded change with its unit: "2 percentage points", "1 point", "3 days", "12 per 100,000". */
function formatDelta(shown: number, unit: Unit, long: boolean): string {
  const n = formatNumber(shown, 1);
  const plural = shown === 1 ? "" : "s";
  switch (unit.kind) {
    case "percent":
      return `${n} ${long ? "percentage point" : "point"}${plural}`;
    case "days":
      return `${n} day${plural}`;
    case "weeks":
      return `${n} week${plural}`;
    case "rate":
      return `${n} per ${groupThousands(unit.per)}`;
    case "money":
      return `£${n}`;
    default:
      return n;
  }
}

/**
 * A value as an officer would write it in a sentence.
 * @example formatValue(0.855, { kind: "percent" }) === "85.5%"; formatValue(124, { kind: "rate", per: 100000 }) === "124 per 100,000"
 */
export function formatValue(value: number, unit: Unit): string {
  switch (unit.kind) {
    case "percent":
      return `${formatNumber(value * 100, 1)}%`;
    case "days":
      return `${formatNumber(value, 1)} day${value === 1 ? "" : "s"}`;
    case "weeks":
      return `${formatNumber(value, 1)} week${value === 1 ? "" : "s"}`;
    case "rate":
      return `${formatNumber(value, 1)} per ${groupThousands(unit.per)}`;
    case "money":
      return value < 0 ? `-£${formatNumber(-value, 0)}` : `£${formatNumber(value, 0)}`;
    default:
      return formatNumber(value, Math.abs(value) < 10 ? 2 : 1);
  }
}

/**
 * A number with thousands separators and at most `dp` decimals (trailing zeros dropped).
 * @example formatNumber(5262, 1) === "5,262"; formatNumber(2.50, 1) === "2.5"
 */
export function formatNumber(value: number, dp: number): string {
  const fixed = Math.abs(value).toFixed(dp);
  const dot = fixed.indexOf(".");
  const int = dot < 0 ? fixed : fixed.slice(0, dot);
  let end = fixed.length;
  while (dot >= 0 && end > dot + 1 && fixed.charCodeAt(end - 1) === 48) end--; // trailing "0"s
  const trimmed = dot < 0 ? "" : fixed.slice(dot + 1, end);
  // Three digits or fewer need no separator.
  const body = (int.length <= 3 ? int : groupThousands(Number(int))) + (trimmed ? `.${trimmed}` : "");
  return (value < 0 && Number(fixed) !== 0 ? "-" : "") + body;
}

/**
 * A count's change as a percentage in brackets: whole percentages from 1% up, one decimal place
 * below that (so a small change never reads "0%"), and nothing when it rounds to 0.0%.
 * @example changePercent(0.031) === " (+3%)"; changePercent(-0.0036) === " (-0.4%)"; changePercent(0.0001) === ""
 */
export function changePercent(fraction: number): string {
  if (Math.round(Math.abs(fraction) * 100) >= 1) return ` (${signedPercent(fraction)})`;
  const p = Math.round(fraction * 1000) / 10;
  if (p === 0) return "";
  return ` (${p > 0 ? "+" : "-"}${Math.abs(p).toFixed(1)}%)`;
}

/**
 * A fraction as a signed whole percentage, as the seeds' demand table writes it.
 * @example signedPercent(0.031) === "+3%"; signedPercent(-0.14) === "-14%"; signedPercent(0.001) === "0%"
 */
export function signedPercent(fraction: number): string {
  const p = Math.round(fraction * 100);
  return p > 0 ? `+${p}%` : p < 0 ? `-${Math.abs(p)}%` : "0%";
}
