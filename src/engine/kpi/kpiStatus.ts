import { issue, type Issue } from "../Issue";
import type { KpiStatus } from "./KpiResult";
import type { PolaritySource } from "./KpiTable";
import type { ParsedValue, Unit } from "../cells/ParsedValue";
import type { Polarity } from "../Settings";
import { formatValue } from "./kpiSentence";

/** Statuses that compare an actual with a target. */
export type ScoredStatus = "better" | "within" | "outside";

/** What `kpiStatus` needs for one measure in one period. */
export interface StatusInput {
  actual: ParsedValue;
  target: ParsedValue;
  tolerance: ParsedValue;
  polarity: Polarity;
  polaritySource?: PolaritySource;
  /** For messages. */
  measure?: string;
  periodLabel?: string;
  /** True when the actual cell holds text (such as "0.96"), so a number format would not convert it. */
  actualIsText?: boolean;
  /**
   * Amber band as a fraction of the target where the row has no tolerance (0.1 = within 10% of
   * the target), from a key in the sheet or the officer's setting.
   */
  amberWithin?: number;
  /** Where `amberWithin` came from, for the rule's words ("key at A2"). */
  amberFrom?: string;
  /** Only the status is wanted: the rule's words are not made (`rule` is left out). */
  statusOnly?: boolean;
}

/** The status plus the numbers it was decided on (in the target's unit) and any issues. */
export interface StatusOutcome {
  status: KpiStatus;
  actual: number | null;
  target: number | null;
  /**
   * The tolerance, whatever the status (null when blank, N/A, not a number, equal to the target,
   * or ignored as on the wrong side or in another unit).
   */
  tolerance: number | null;
  unit: Unit;
  /** Why there is no status: the cell's own text, or our explanation. */
  reason?: string;
  /** The rule that decided a compared status, in words ("within tolerance: 95.4% is within 10% of the 100% target"). */
  rule?: string;
  issues: Issue[];
}

const NUMBER_UNIT: Unit = { kind: "number" };

/** a ≥ b, allowing for floating-point noise (0.1 + 0.2 meets a 0.3 target). */
function atLeast(a: number, b: number): boolean {
  return a >= b - 1e-9 * Math.max(1, Math.abs(b));
}

/**
 * The tolerance that makes an amber band, or null: none when absent, equal to the target, or
 * on the wrong side of it (above the target when higher is better, below when lower is better).
 * @example effectiveTolerance(0.9, 0.75, "higher") === 0.75; effectiveTolerance(0.09, 0.05, "lower") === null
 */
export function effectiveTolerance(
  target: number,
  tolerance: number | null,
  polarity: Polarity,
): number | null {
  if (tolerance === null || !Number.isFinite(tolerance)) return null;
  if (atLeast(tolerance, target) && atLeast(target, tolerance)) return null;
  if (polarity === "higher" ? tolerance > target : tolerance < target) return null;
  return tolerance;
}

/**
 * The pure rule. Higher is better: actual ≥ target → "better" (meeting the target counts as
 * better); tolerance ≤ actual < target → "within"; otherwise "outside". Lower is better mirrors.
 * A tolerance that is null, equal to the target, or on the wrong side gives no "within" band.
 * @example compareWithTarget(0.85, 0.9, 0.75, "higher") === "within"
 * @example compareWithTarget(0.06, 0.09, 0.15, "lower") === "better"
 */
export function compareWithTarget(
  actual: number,
  target: number,
  tolerance: number | null,
  polarity: Polarity,
): ScoredStatus {
  const tol = effectiveTolerance(target, tolerance, polarity);
  if (polarity === "higher") {
    if (atLeast(actual, target)) return "better";
    return tol !== null && atLeast(actual, tol) ? "within" : "outside";
  }
  if (atLeast(target, actual)) return "better";
  return tol !== null && atLeast(tol, actual) ? "within" : "outside";
}

/**
 * True when two units can be compared: the same unit, days with weeks, or a plain number with
 * days, weeks, a rate or money. A percentage only agrees with a percentage, and rates only
 * with rates per the same population size.
 * @example unitsAgree({ kind: "percent" }, { kind: "number" }) === false
 */
export function unitsAgree(a: Unit, b: Unit): boolean {
  if (a.kind === "percent" || b.kind === "percent") return a.kind === b.kind;
  if (a.kind === "rate" && b.kind === "rate") return a.per === b.per;
  if (a.kind === "number" || b.kind === "number") return true;
  const duration = (u: Unit) => u.kind === "days" || u.kind === "weeks";
  if (duration(a) && duration(b)) return true;
  return a.kind === b.kind;
}

/** Converts a value between agreeing units (only weeks ↔ days change the number). */
export function convertUnit(value: number, from: Unit, to: Unit): number {
  if (from.kind === "weeks" && to.kind === "days") return value * 7;
  if (from.kind === "days" && to.kind === "weeks") return value / 7;
  return value;
}

/** Describes a unit for messages: "a percentage", "a plain number", "a rate per 100,000". */
export function describeUnit(u: Unit): string {
  switch (u.kind) {
    case "percent":
      return "a percentage";
    case "rate":
      return `a rate per ${u.per.toLocaleString("en-GB")}`;
    case "days":
      return "a number of days";
    case "weeks":
      return "a number of weeks";
    case "money":
      return "an amount of money";
    default:
      return "a plain number";
  }
}

function quoted(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return `"${t.length > 80 ? `${t.slice(0, 77)}...` : t}"`;
}

/**
 * Scores one measure for one period (see "Scoring rules" in the README):
 * 1. the target decides first: blank/N/A → "no-target", "TBC"/"new measure" → "target-tbc",
 *    "annual"/"not yet due" → "not-due";
 * 2. a non-numeric actual → "no-data" with its text as `reason` ("annual" actual → "not-due");
 * 3. units must agree, else "unit-mismatch" warning and "no-data" (never a guess);
 * 4. tolerance blank, N/A, equal to the target or on the wrong side → no amber band
 *    (wrong side also warns "tolerance-wrong-side");
 * 5. qualified actuals compare conservatively: "<1%" with lower-is-better compares as 1%, ">95%"
 *    with higher-is-better as 95%; a bound pointing the other way ("<5%" when higher is better)
 *    is scored only when even its best case is outside, else "no-data" with a reason.
 * Never throws on user data.
 * @example kpiStatus({ actual: parseCell("<1%", ...), target: parseCell(0.03, "0%", ...), tolerance: parseCell(0.05, "0%", ...), polarity: "lower" }).status === "better"
 */
export function kpiStatus(input: StatusInput): StatusOutcome {
  const { actual, target, tolerance, polarity } = input;
  const measure = input.measure ? `"${input.measure}"` : "this measure";
  const issues: Issue[] = [];
  // 1. The target decides the statuses that need no comparison.
  switch (target.kind) {
    case "blank":
    case "na":
      return outcomeOf(actual, target, issues, "no-target", undefined, tolerance);
    case "tbc":
    case "new-measure":
      return outcomeOf(actual, target, issues, "target-tbc", target.text.trim() || undefined, tolerance);
    case "not-due":
      return outcomeOf(actual, target, issues, "not-due", target.text.trim(), tolerance);
    case "error":
    case "text":
    case "date":
    case "month": {
      const what =
        target.kind === "error"
          ? `shows the Excel error ${target.code}. Fix the formula or type the target`
          : `is ${quoted(target.text)}, which is not a number. Type a number such as 85% or 426, "TBC", or leave it blank`;
      const message = `The target for ${measure} ${what}; until then the measure is reported with no target.`;
      issues.push(issue("warning", "unparsed-value", target.sheet, target.cell, message));
      return outcomeOf(actual, target, issues, "no-target", undefined, tolerance);
    }
    case "number":
      break;
  }
  const t = target.value;
  // The tolerance is read (and warned about) whatever the actual holds: an officer can put it
  // right before the data comes in, and the commentary shows it beside the target.
  // A tolerance given as a share of the target ("±5%", "5% of target") makes a band below, not a value.
  const tolShare = toleranceShare(tolerance);
  const tol =
    tolShare !== undefined
      ? null
      : readTolerance(target, tolerance, polarity, measure, input.polaritySource, issues);

  // 2. The actual must be a number.
  if (actual.kind !== "number") {
    const period = input.periodLabel ? ` for ${input.periodLabel}` : "";
    if (actual.kind === "not-due")
      return withTolerance(actual, target, issues, tol, "not-due", actual.text.trim());
    if (actual.kind === "blank")
      return withTolerance(actual, target, issues, tol, "no-data", `No value${period}`);
    if (actual.kind === "error") {
      issues.push(
        issue(
          "warning",
          "unparsed-value",
          actual.sheet,
          actual.cell,
          `The value of ${measure}${period} shows the Excel error ${actual.code}. Fix the formula or type the value; until then it is reported as no data.`,
        ),
      );
      return withTolerance(actual, target, issues, tol, "no-data", `Excel error ${actual.code}`);
    }
    if (actual.kind === "date" || actual.kind === "month") {
      issues.push(
        issue(
          "warning",
          "unparsed-value",
          actual.sheet,
          actual.cell,
          `The value of ${measure}${period} reads as a date, not a number. Check the cell's number format; until then it is reported as no data.`,
        ),
      );
      return withTolerance(actual, target, issues, tol, "no-data", actual.text.trim());
    }
    const said = actual.kind === "text" ? statusFromWords(actual.text) : null;
    if (said) {
      const outcome = withTolerance(actual, target, issues, tol, said, undefined);
      outcome.rule = `${said === "better" ? "better than target" : said === "within" ? "within tolerance" : "outside tolerance"}: from the officer's words "${actual.text.replace(/\s+/g, " ").trim().slice(0, 60)}"`;
      return outcome;
    }
    if (actual.kind === "text") {
      issues.push(
        issue(
          "info",
          "unparsed-value",
          actual.sheet,
          actual.cell,
          `The value of ${measure}${period} is text, so it is reported as no data: ${quoted(actual.text)}.`,
        ),
      );
    }
    return withTolerance(actual, target, issues, tol, "no-data", actual.text.trim());
  }

  // 3. Units must agree.
  if (!unitsAgree(target.unit, actual.unit)) {
    const asPercent = `${Math.round(actual.value * 1000) / 10}%`;
    const hint =
      target.unit.kind === "percent" && actual.value > 1 && actual.value <= 100
        ? ` If ${actual.value} means ${actual.value}%, type it as "${actual.value}%".`
        : target.unit.kind === "percent" && Math.abs(actual.value) <= 1
          ? input.actualIsText // a number format does not turn text into a number
            ? ` If ${actual.text.trim()} means ${asPercent}, type it as "${asPercent}".`
            : ` If ${actual.value} means ${asPercent}, give ${actual.cell} a percentage number format.`
          : " Make the two cells use the same unit.";
    issues.push(
      issue(
        "warning",
        "unit-mismatch",
        actual.sheet,
        actual.cell,
        `Units disagree for ${measure}: the target (${target.cell}) is ${describeUnit(target.unit)} but the value ${quoted(actual.text)} is ${describeUnit(actual.unit)}.${hint} Until then it is reported as no data.`,
      ),
    );
    return withTolerance(
      actual,
      target,
      issues,
      tol,
      "no-data",
      `Unit mismatch: target is ${describeUnit(target.unit)}, value is ${describeUnit(actual.unit)}`,
    );
  }
  const a = convertUnit(actual.value, actual.unit, target.unit);

  // 5. Qualified values compare conservatively.
  const q = actual.qualifier;
  const favourable =
    q === undefined ||
    q === "approx" ||
    (polarity === "lower" ? q === "<" || q === "<=" : q === ">" || q === ">=");
  // No tolerance value: a band as a share of the target, from the tolerance cell ("±5%") or a key.
  let band = tol;
  let bandWords: string | undefined;
  const share = tol === null ? (tolShare ?? input.amberWithin) : undefined;
  if (share !== undefined && share > 0 && t !== 0) {
    band = polarity === "higher" ? t - Math.abs(t) * share : t + Math.abs(t) * share;
    bandWords = `within ${formatShare(share)} of the ${formatValue(t, target.unit)} target${
      tolShare !== undefined
        ? ` (tolerance ${tolerance.text.trim()})`
        : input.amberFrom
          ? ` (${input.amberFrom})`
          : ""
    }`;
  }
  if (favourable) {
    const status = compareWithTarget(a, t, band, polarity);
    const outcome = scoredOf(actual, target, issues, a, tol, status);
    if (!input.statusOnly) outcome.rule = ruleWords(status, a, t, band, bandWords, polarity, target.unit);
    return outcome;
  }
  // "<5%" when higher is better: the value could be anywhere below 5%. Score it only when even
  // the best case (just short of the bound) is outside.
  const best = compareWithTarget(q === "<" || q === ">" ? nudge(a, polarity) : a, t, band, polarity);
  if (best === "outside") {
    const outcome = scoredOf(actual, target, issues, a, tol, "outside");
    if (!input.statusOnly) outcome.rule = ruleWords("outside", a, t, band, bandWords, polarity, target.unit);
    return outcome;
  }
  issues.push(
    issue(
      "info",
      "unparsed-value",
      actual.sheet,
      actual.cell,
      `${quoted(actual.text)} for ${measure} gives only a bound on the wrong side for a measure where ${polarity} is better, so it cannot be compared with the target; reported as no data. Type the figure itself.`,
    ),
  );
  return scoredOf(
    actual,
    target,
    issues,
    a,
    tol,
    "no-data",
    `${actual.text.trim()} cannot be compared with the target`,
  );
}

/**
 * Step 4: the tolerance in the target's unit when it makes an amber band, else null, with a
 * warning for one in another unit, on the wrong side of the target, or not a number.
 */
function readTolerance(
  target: ParsedValue & { kind: "number" },
  tolerance: ParsedValue,
  polarity: Polarity,
  measure: string,
  polaritySource: PolaritySource | undefined,
  issues: Issue[],
): number | null {
  const t = target.value;
  let tol: number | null = null;
  if (tolerance.kind === "number") {
    if (!unitsAgree(target.unit, tolerance.unit)) {
      issues.push(
        issue(
          "warning",
          "unit-mismatch",
          tolerance.sheet,
          tolerance.cell,
          `The tolerance for ${measure} is ${describeUnit(tolerance.unit)} but the target (${target.cell}) is ${describeUnit(target.unit)}, so the tolerance is ignored. Give both the same unit.`,
        ),
      );
    } else {
      let raw = convertUnit(tolerance.value, tolerance.unit, target.unit);
      // A small tolerance is a width either side of the target (2% against 100%), not a value.
      if (isToleranceWidth(t, raw)) raw = polarity === "higher" ? t - raw : t + raw;
      tol = effectiveTolerance(t, raw, polarity);
      const equal = atLeast(raw, t) && atLeast(t, raw);
      if (tol === null && !equal) {
        const side = polarity === "higher" ? "above" : "below";
        issues.push(
          issue(
            "warning",
            "tolerance-wrong-side",
            tolerance.sheet,
            tolerance.cell,
            `The tolerance ${quoted(tolerance.text)} for ${measure} is ${side} the target ${quoted(target.text)}, but ${polarity} is better` +
              ` (polarity ${polaritySource ?? "given"}). It is ignored, so there is no "within tolerance" band. Correct the tolerance or the measure's polarity.`,
          ),
        );
      }
    }
  } else if (
    tolerance.kind === "text" ||
    tolerance.kind === "error" ||
    tolerance.kind === "date" ||
    tolerance.kind === "month"
  ) {
    issues.push(
      issue(
        "warning",
        "unparsed-value",
        tolerance.sheet,
        tolerance.cell,
        `The tolerance for ${measure} is ${quoted(tolerance.text)}, which is not a number, so it is ignored. Type a number, "N/A", or leave it blank.`,
      ),
    );
  }
  return tol;
}

/** An outcome without a comparison (hoisted, not a closure: this runs once per KPI row). */
function outcomeOf(
  actual: ParsedValue,
  target: ParsedValue,
  issues: Issue[],
  status: KpiStatus,
  reason?: string,
  tolerance?: ParsedValue,
): StatusOutcome {
  const value = actual.kind === "number" ? actual.value : null;
  const goal = target.kind === "number" ? target.value : null;
  const unit =
    target.kind === "number"
      ? target.unit
      : actual.kind === "number"
        ? actual.unit
        : tolerance?.kind === "number"
          ? tolerance.unit
          : NUMBER_UNIT;
  // With no numeric target there is no side to check: a tolerance in the result's unit is shown as it is.
  const tol =
    tolerance?.kind === "number" && unitsAgree(tolerance.unit, unit)
      ? convertUnit(tolerance.value, tolerance.unit, unit)
      : null;
  return reason
    ? { status, actual: value, target: goal, tolerance: tol, unit, reason, issues }
    : { status, actual: value, target: goal, tolerance: tol, unit, issues };
}

/** An outcome without a comparison, keeping the tolerance read against the target. */
function withTolerance(
  actual: ParsedValue,
  target: ParsedValue,
  issues: Issue[],
  tol: number | null,
  status: KpiStatus,
  reason?: string,
): StatusOutcome {
  const outcome = outcomeOf(actual, target, issues, status, reason);
  outcome.tolerance = tol;
  return outcome;
}

/** An outcome compared in the target's unit. */
function scoredOf(
  actual: ParsedValue,
  target: ParsedValue,
  issues: Issue[],
  a: number,
  tol: number | null,
  status: KpiStatus,
  reason?: string,
): StatusOutcome {
  const outcome = outcomeOf(actual, target, issues, status, reason);
  outcome.actual = a;
  outcome.tolerance = tol;
  return outcome;
}

/**
 * True when a tolerance reads as a width either side of the target rather than a value: positive
 * and at most a quarter of a positive target (1.00% against 7.50%, 2% against 100%). A tolerance
 * value that far from the target would make almost any figure amber.
 * @example isToleranceWidth(0.075, 0.01) === true; isToleranceWidth(0.9, 0.75) === false
 */
export function isToleranceWidth(target: number, tolerance: number): boolean {
  return target > 0 && tolerance > 0 && tolerance <= target * 0.25;
}

/** A tolerance cell given as a share of the target ("±5%", "+/-10%", "5% of target"), as a fraction. */
function toleranceShare(tolerance: ParsedValue): number | undefined {
  if (tolerance.text.indexOf("%") < 0) return undefined; // both forms name a percentage
  const text = tolerance.text.replace(/\s+/g, " ").trim().toLowerCase();
  const m =
    /^(?:±|\+\/-|\+-|plus or minus )\s*(\d+(?:\.\d+)?)\s*%$|^(\d+(?:\.\d+)?)\s*% (?:of|either side of|from) (?:the )?target$/.exec(
      text,
    );
  if (!m) return undefined;
  const pct = Number(m[1] ?? m[2]);
  return pct > 0 && pct < 100 ? pct / 100 : undefined;
}

function formatShare(f: number): string {
  return `${Math.round(f * 1000) / 10}%`;
}

/**
 * The rule that decided a compared status, in words: "better than target: 92% meets the 90%
 * target", "within tolerance: 85% is short of the 90% target but within the 75% tolerance",
 * "outside tolerance: 70% misses the 80% target (met / not met: no tolerance)".
 */
function ruleWords(
  status: KpiStatus,
  a: number,
  t: number,
  band: number | null,
  bandWords: string | undefined,
  polarity: Polarity,
  unit: Unit,
): string {
  // Each sentence is made by one join: a flat string, kept by 100,000s of results and searched
  // by `kpiSentence` (template literals would leave a tree of pieces to flatten).
  const v = formatValue(a, unit);
  const target = formatValue(t, unit);
  const how = polarity === "lower" ? " (lower is better)" : "";
  if (status === "better") return ["better than target: ", v, " meets the ", target, " target", how].join("");
  const within = bandWords ?? (band !== null ? `within the ${formatValue(band, unit)} tolerance` : "");
  if (status === "within")
    return ["within tolerance: ", v, " misses the ", target, " target but is ", within, how].join("");
  if (band === null)
    return [
      "outside tolerance: ",
      v,
      " misses the ",
      target,
      " target",
      how,
      " (met / not met: no tolerance or amber band)",
    ].join("");
  return ["outside tolerance: ", v, " misses the ", target, " target and is not ", within, how].join("");
}

/** "Target not met", "not achieved" → outside; "met", "achieved", "on target" → better; else null. */
function statusFromWords(text: string): KpiStatus | null {
  const t = text.replace(/\s+/g, " ").trim().toLowerCase();
  if (/^(target )?(not (met|achieved)|missed)\b|\btarget (was )?not (met|achieved)\b|^off target\b/.test(t))
    return "outside";
  if (/^(target )?(met|achieved|on target|exceeded)\b|\btarget (was )?(met|achieved|exceeded)\b/.test(t))
    return "better";
  if (/\bslightly (short|below|under|missed|behind)\b|\bjust (short|missed|below)\b/.test(t)) return "within";
  return null;
}

/** A value just short of a strict bound, toward the good side ("<5%" when higher is better → 4.999…%). */
function nudge(bound: number, polarity: Polarity): number {
  const step = 1e-6 * Math.max(1, Math.abs(bound));
  return polarity === "higher" ? bound - step : bound + step;
}
