import type { Polarity } from "../Settings";
import type { PolaritySource } from "./KpiTable";
import type { Qualifier, Unit } from "../cells/ParsedValue";

/** A KPI's status for the scored period. */
export type KpiStatus = "better" | "within" | "outside" | "no-data" | "no-target" | "target-tbc" | "not-due";

/** Direction of travel against the previous period, polarity-aware. */
export type Trend = "improving" | "stable" | "declining";

/**
 * One scored KPI: the JSON contract's `kpis[]` entry plus extra fields.
 * Numbers are plain (fractions for percentages).
 */
export interface KpiResult {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  measure: string;
  group: string;
  serviceArea: string;
  polarity: Polarity;
  polaritySource: PolaritySource;
  target: number | null;
  tolerance: number | null;
  actual: number | null;
  status: KpiStatus;
  trend: Trend | null;
  changeVsPrevious: number | null;
  changeVsYearAgo: number | null;
  // ---- extra fields ----
  /** Label of the period scored for this row. */
  period: string;
  unit: Unit;
  /** Why there is no status (the cell's text), for no-data / not-due rows. */
  reason?: string;
  /** A1 addresses of the cells involved (actual, target, tolerance); `actualCell` is "" when the
   * row's table has no column for the period scored. */
  actualCell: string;
  targetCell?: string;
  toleranceCell?: string;
  /** Values for the previous period and the same period a year ago (null if unknown). */
  previous: number | null;
  yearAgo: number | null;
  previousLabel?: string;
  yearAgoLabel?: string;
  /**
   * The status of the previous period (`previousLabel`), its cells scored by the same rules
   * (`kpiStatus`, with the previous period's own target and tolerance where the table gives a
   * period its own); absent when the table has no previous period.
   */
  previousStatus?: KpiStatus;
  /**
   * Recent period values, oldest first, for demand tables. Entries are read-only: results share
   * one entry per label and value (100,000 KPIs × 8 periods repeat few of them).
   */
  recent: Readonly<{ label: string; value: number | null }>[];
  tableId: string;
  contract: boolean;
  /** The actual cell's own text when it is not a plain number ("<1%", "approx. 8%", "N/A"); absent when blank. */
  actualText?: string;
  /** The qualifier typed before the actual ("<1%" → "<"), which the sentence puts in words. */
  qualifier?: Qualifier;
  /** The target cell's own text when it is not a number ("Annual", "TBC"). */
  targetText?: string;
  /** The short reference code ("CS01"), when the table has a ref column. */
  ref?: string;
  /** The rule that decided the status, in words ("amber: 95.4% is within 10% of the 100% target"). */
  rule?: string;
  /** The officer's own status for the row, read from their status/RAG column (null when blank or unread). */
  statedStatus?: StatedStatus | null;
  /** The officer's status cell's text and address. */
  statedText?: string;
  statedCell?: string;
}

/**
 * A KPI table left out because it has no column for the period asked for: listed, not scored,
 * and not counted (the JSON's `skipped[]`).
 * @example { tableId: "Contract KPIs!2", sheet: "Contract KPIs", cell: "A2", measures: 11,
 *   periods: ["Q4 Performance"], message: "Contract KPIs has no 2015/16 Qtr2 column: not scored" }
 */
export interface SkippedTable {
  tableId: string;
  sheet: string;
  title?: string;
  /** A1 address of the table's header cell over its measures. */
  cell: string;
  /** How many measures the table holds. */
  measures: number;
  /** The table's own period columns, as labelled. */
  periods: string[];
  /** "Contract KPIs has no 2015/16 Qtr2 column: not scored". */
  message: string;
}

/** An officer's own status, in the engine's words. */
export type StatedStatus = "better" | "within" | "outside" | "no-target" | "no-data";

/** Counts of statuses for one group or service area (the JSON contract's `counts[]`). */
export interface StatusCounts {
  group: string;
  better: number;
  within: number;
  outside: number;
  noData: number;
  noTarget: number;
  targetTbc: number;
  notDue: number;
  // ---- extra fields ----
  /** Which dimension this row counts: a group, a service area, or the total. */
  dimension: "group" | "serviceArea" | "total";
  /** better + within + outside. */
  reported: number;
  /** Percentages of `reported`, as fractions (null when nothing is reported). */
  pctBetter: number | null;
  pctWithin: number | null;
  pctOutside: number | null;
  /** "17 of the 21 reported (81%) are within or better than target". */
  sentence: string;
}
