import { issue, type Issue } from "./Issue";
import type { KpiResult, Trend } from "./KpiResult";
import type { KpiRow, KpiTable } from "./KpiTable";
import { convertUnit, kpiStatus, unitsAgree } from "./kpiStatus";
import type { ParsedValue } from "./ParsedValue";
import { findComparisons, latestPeriodWithData, matchPeriod } from "./periodOrder";
import type { Polarity, Settings } from "./Settings";
import { toA1 } from "./toA1";

/** A change smaller than this fraction of the old value (1%) counts as "stable". */
export const STABLE_BAND = 0.01;

/** How many recent period values a result keeps. */
const RECENT = 8;

/**
 * Change from `old` to `now` as a fraction of |old|: (now − old) / |old|. Null when either is
 * missing or `old` is 0 (no base to divide by).
 * @example relativeChange(949, 924) ≈ 0.027; relativeChange(5, 0) === null
 */
export function relativeChange(now: number | null, old: number | null): number | null {
  if (now === null || old === null || old === 0) return null;
  return (now - old) / Math.abs(old);
}

/**
 * Direction of travel against the previous period, polarity-aware: "stable" when equal or when
 * the relative change is under `STABLE_BAND` (1%); otherwise "improving" when the value moved the
 * good way. From 0 to a non-zero value the direction alone decides. Null when either is missing.
 * @example trendOf(0.23, 0.24, "lower") === "improving"; trendOf(100, 100.5, "higher") === "stable"
 */
export function trendOf(now: number | null, previous: number | null, polarity: Polarity): Trend | null {
  if (now === null || previous === null) return null;
  if (now === previous) return "stable";
  const change = relativeChange(now, previous);
  if (change !== null && Math.abs(change) < STABLE_BAND) return "stable";
  const up = now > previous;
  return up === (polarity === "higher") ? "improving" : "declining";
}

/**
 * Scores every row of the given tables for one period, with trend against the previous period
 * and the same period a year ago.
 * - Period: `settings.period` (matched by label ignoring case and spaces, then by meaning, so
 *   "Q4" finds "Q4 Performance"); a table without it gets a "period-not-found" warning and its
 *   rows are "no-data". Otherwise each table's latest period column holding data (quarters and
 *   months before year-to-date/outturn). The returned `period` is that label, or the distinct
 *   labels joined by " / " when tables differ (e.g. a seed's "Q4 Performance" and "Dec-15").
 * - Changes are fractions ((new − old) / |old|); `previous`/`yearAgo` keep the values for
 *   percentage-point wording.
 * @example scoreKpis([contractTable], DEFAULT_SETTINGS).kpis[0].status === "within"
 */
export function scoreKpis(
  tables: KpiTable[],
  settings: Settings,
): { period: string; kpis: KpiResult[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const kpis: KpiResult[] = [];
  const labels: string[] = [];
  for (const table of tables) {
    const periods = table.columns.periods.map((p) => p.period);
    let index: number | null;
    let missing: string | undefined;
    const headerCell = toA1(table.headerRows[table.headerRows.length - 1], table.columns.measure);
    if (settings.period && settings.period.trim()) {
      index = matchPeriod(periods, settings.period);
      if (index === null) {
        missing = settings.period.trim();
        const found = periods.map((p) => `"${p.label}"`).join(", ") || "none";
        issues.push(
          issue(
            "warning",
            "period-not-found",
            table.sheet,
            headerCell,
            `The period "${missing}" is not a column of this table${table.title ? ` ("${table.title}")` : ""}; its ${table.rows.length} measures are reported as no data. Period columns found: ${found}. Choose one of these, or add the column.`,
          ),
        );
      }
    } else {
      const hasData = table.columns.periods.map((_, i) =>
        table.rows.some((r) => r.values[i]?.kind === "number"),
      );
      index = latestPeriodWithData(periods, hasData);
      if (index === null && periods.length > 0) index = periods.length - 1;
      if (periods.length === 0) {
        issues.push(
          issue(
            "warning",
            "period-not-found",
            table.sheet,
            headerCell,
            `This table${table.title ? ` ("${table.title}")` : ""} has no period column (such as "Q4", "Qtr3" or "Dec-15"), so its measures are reported as no data. Name the column of results after its period.`,
          ),
        );
      }
    }
    const label = index !== null ? periods[index].label : (missing ?? "");
    if (index !== null) {
      labels.push(label);
    }
    const shape = tableShape(table, index);
    for (const row of table.rows) kpis.push(scoreRow(table, shape, row, index, label, issues));
  }
  return { period: periodName(settings, labels), kpis, issues };
}

function periodName(settings: Settings, labels: string[]): string {
  const distinct = [...new Set(labels)];
  if (distinct.length === 0) return settings.period?.trim() ?? "";
  return distinct.join(" / ");
}

function numberOf(v: ParsedValue | undefined, like: ParsedValue | undefined): number | null {
  if (!v || v.kind !== "number") return null;
  if (like && like.kind === "number") {
    if (!unitsAgree(v.unit, like.unit)) return null;
    return convertUnit(v.value, v.unit, like.unit);
  }
  return v.value;
}

/** What every row of a table shares for the scored period: comparison and recent columns. */
interface TableShape {
  previous: number | null;
  yearAgo: number | null;
  /** Period indexes of the recent values, oldest first. */
  recent: number[];
}

function tableShape(table: KpiTable, index: number | null): TableShape {
  const periods = table.columns.periods;
  const cmp =
    index !== null
      ? findComparisons(
          periods.map((p) => p.period),
          index,
        )
      : { previous: null, yearAgo: null };
  const last = index ?? -1;
  const recent = periods
    .map((_, i) => i)
    .filter((i) => i <= last && RECENT_KINDS.includes(periods[i].period.kind))
    .slice(-RECENT);
  return { previous: cmp.previous, yearAgo: cmp.yearAgo, recent };
}

/** Period kinds a result's recent values are taken from. */
const RECENT_KINDS = ["quarter", "month", "year"];

function scoreRow(
  table: KpiTable,
  cmp: TableShape,
  row: KpiRow,
  index: number | null,
  label: string,
  issues: Issue[],
): KpiResult {
  const periods = table.columns.periods;
  const actualCol = index !== null ? periods[index].col : table.columns.measure;
  const actual: ParsedValue =
    index !== null && row.values[index]
      ? row.values[index]
      : { kind: "blank", sheet: table.sheet, cell: toA1(row.row, actualCol), text: "" };
  const outcome = kpiStatus({
    actual,
    target: row.target,
    tolerance: row.tolerance,
    polarity: row.polarity,
    polaritySource: row.polaritySource,
    measure: row.measure,
    periodLabel: label || undefined,
  });
  if (outcome.issues.length > 0) issues.push(...outcome.issues);
  let status = outcome.status;
  let reason = outcome.reason;
  if (index === null) {
    status = "no-data";
    reason = label ? `No "${label}" column in this table` : "No period column in this table";
  }

  const now = index !== null ? numberOf(actual, undefined) : null;
  const previous = cmp.previous !== null ? numberOf(row.values[cmp.previous], actual) : null;
  const yearAgo = cmp.yearAgo !== null ? numberOf(row.values[cmp.yearAgo], actual) : null;
  const like = actual.kind === "number" ? actual : undefined;
  const recent = cmp.recent.map((i) => ({
    label: periods[i].period.label,
    value: numberOf(row.values[i], like),
  }));

  // Built field by field so that optional fields keep their place in the JSON contract's order.
  const result: KpiResult = {
    sheet: table.sheet,
    row: row.row + 1,
    measure: row.measure,
    group: row.group,
    serviceArea: row.serviceArea,
    polarity: row.polarity,
    polaritySource: row.polaritySource,
    target: outcome.target,
    tolerance: outcome.tolerance,
    actual: index !== null ? outcome.actual : null,
    status,
    trend: trendOf(now, previous, row.polarity),
    changeVsPrevious: relativeChange(now, previous),
    changeVsYearAgo: relativeChange(now, yearAgo),
    period: label,
    unit: outcome.unit,
  } as KpiResult;
  if (reason) result.reason = reason;
  result.actualCell = toA1(row.row, actualCol);
  if (table.columns.target !== undefined) result.targetCell = toA1(row.row, table.columns.target);
  if (table.columns.tolerance !== undefined) result.toleranceCell = toA1(row.row, table.columns.tolerance);
  result.previous = previous;
  result.yearAgo = yearAgo;
  if (cmp.previous !== null) result.previousLabel = periods[cmp.previous].period.label;
  if (cmp.yearAgo !== null) result.yearAgoLabel = periods[cmp.yearAgo].period.label;
  result.recent = recent;
  result.tableId = table.id;
  result.contract = row.contract;
  return result;
}
