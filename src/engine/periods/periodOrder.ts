import type { Period } from "./Period";
import { parsePeriodLabel } from "./parsePeriodLabel";

/** Keys of periods with no financial year sit far below real ones, so the two never mix. */
const RELATIVE_BASE = -1_000_000;
/** Period kinds that stand for one quarter or month (preferred when choosing the latest). */
const TIMED: Period["kind"][] = ["quarter", "month", "relative"];

/** Month of the financial year a period ends in: Apr = 1 … Mar = 12 (whole years, ytd and outturn: 12.5). */
function fyMonthIndex(p: Period): number {
  if (p.kind === "month" && p.month) return ((p.month + 8) % 12) + 1;
  if (p.kind === "quarter" && p.quarter) return p.quarter * 3;
  return 12.5;
}

/**
 * A sortable key per period, in months: `fy * 12 + month of the financial year` for periods
 * with a year; periods without one ("Q1 … Q4", "Q4 Performance") are numbered by column order,
 * a new year starting whenever a quarter or month number goes back (Qtr1 Qtr2 Qtr3 Qtr4 Qtr1 …).
 * @example periodSortKeys([{kind:"quarter",fy:2019,quarter:2,label:""},{kind:"quarter",fy:2019,quarter:3,label:""}]) => [24234, 24237]
 */
export function periodSortKeys(periods: Period[]): number[] {
  let relFy = 0;
  let prevIdx = -1;
  return periods.map((p) => {
    // "Current" / "Previous": a quarter apart, so "same quarter last year" (−4) is a year back.
    if (p.kind === "relative") return RELATIVE_BASE + 600 + (p.offset ?? 0) * 3;
    const idx = fyMonthIndex(p);
    if (p.fy !== null) return p.fy * 12 + idx;
    if (idx <= prevIdx) relFy += 1;
    prevIdx = idx;
    return RELATIVE_BASE + relFy * 12 + idx;
  });
}

function sameClass(a: number, b: number): boolean {
  return a < RELATIVE_BASE / 2 === b < RELATIVE_BASE / 2;
}

/**
 * Finds, among a table's period columns, the previous period and the same period a year
 * earlier for the period at `index` (indexes into `periods`, or null).
 * - previous: the latest earlier period of the same kind, else the latest earlier quarter or
 *   month (so "Dec-15" compares with "2015/16 Qtr2");
 * - year ago: a period ending 12 months earlier, same kind preferred ("Dec-15" → "2014/15 Qtr3").
 * @example findComparisons(demandPeriods, 6) => { previous: 5, yearAgo: 2 } // 2019/20 Qtr3 → Qtr2, 2018/19 Qtr3
 */
export function findComparisons(
  periods: Period[],
  index: number,
): { previous: number | null; yearAgo: number | null } {
  const keys = periodSortKeys(periods);
  const cur = periods[index];
  const k = keys[index];
  if (!cur) return { previous: null, yearAgo: null };
  const pick = (ok: (i: number) => boolean): number | null => {
    let best: number | null = null;
    keys.forEach((key, i) => {
      if (i === index || !sameClass(key, k) || !ok(i)) return;
      if (best === null || key > keys[best] || (key === keys[best] && i > best)) best = i;
    });
    return best;
  };
  const timed = (i: number) => TIMED.includes(periods[i].kind);
  const previous =
    pick((i) => periods[i].kind === cur.kind && keys[i] < k) ??
    (timed(index) ? pick((i) => timed(i) && keys[i] < k) : null);
  const yearAgo =
    pick((i) => periods[i].kind === cur.kind && keys[i] === k - 12) ??
    pick((i) => timed(i) && keys[i] === k - 12);
  return { previous, yearAgo };
}

/**
 * The latest period that holds data: quarters and months first, year-to-date, outturn and
 * whole-year columns only when no quarter or month has data. Null when no column has data.
 * @example latestPeriodWithData(periods, [true, true, false]) === 1
 */
export function latestPeriodWithData(periods: Period[], hasData: boolean[]): number | null {
  const keys = periodSortKeys(periods);
  const best = (ok: (i: number) => boolean): number | null => {
    let b: number | null = null;
    periods.forEach((_, i) => {
      if (!hasData[i] || !ok(i)) return;
      if (b === null || keys[i] > keys[b] || (keys[i] === keys[b] && i > b)) b = i;
    });
    return b;
  };
  return best((i) => TIMED.includes(periods[i].kind)) ?? best(() => true);
}

/**
 * Finds the period a user asked for ("Q4", "2019/20 Qtr3", "dec-15"): first by label,
 * ignoring case and spaces; then by meaning (same kind, quarter or month, and year when the
 * request names one), taking the latest if several match. Null when none does.
 * @example matchPeriod(periods, "q4") // matches "Q4 Performance"
 */
export function matchPeriod(periods: Period[], requested: string): number | null {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, "");
  const want = norm(requested);
  const exact = periods.findIndex((p) => norm(p.label) === want);
  if (exact >= 0) return exact;
  const byHeader = periods.findIndex((p) => p.header !== undefined && norm(p.header) === want);
  if (byHeader >= 0) return byHeader;
  const parsed = parsePeriodLabel(requested.trim(), "General");
  if (!parsed) return null;
  const keys = periodSortKeys(periods);
  let best: number | null = null;
  periods.forEach((p, i) => {
    const same =
      p.kind === parsed.kind &&
      p.quarter === parsed.quarter &&
      (parsed.kind !== "month" || p.month === parsed.month) &&
      (parsed.fy === null || p.fy === parsed.fy);
    if (same && (best === null || keys[i] > keys[best])) best = i;
  });
  return best;
}
