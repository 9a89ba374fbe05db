import type { Period } from "../periods/Period";
import type { Polarity } from "../Settings";

/**
 * A column that holds one period's values, with the period's own target, tolerance, status and
 * trend columns where a band over sub-headers gives them ("Q2 2019/20" over "Value | Target | Status").
 */
export interface PeriodColumn {
  /** 0-based sheet column. */
  col: number;
  period: Period;
  target?: number;
  tolerance?: number;
  status?: number;
  trend?: number;
}

/** Column roles found in a KPI table's header (0-based sheet columns). */
export interface KpiColumns {
  measure: number;
  /** A short reference code column ("KPI ref": CS01), kept as the row's `ref`. */
  ref?: number;
  /** The officer's own RAG/status column ("Green", "A", "On track"), read into `statedStatus`. */
  status?: number;
  target?: number;
  tolerance?: number;
  polarity?: number;
  serviceArea?: number;
  group?: number;
  comment?: number;
  trend?: number;
  /** Period columns in left-to-right order. */
  periods: PeriodColumn[];
}

/** Where a row's polarity came from (the JSON contract's `polaritySource`). */
export type PolaritySource = "column" | "text" | "tolerance" | "words" | "setting" | "assumed";

/**
 * How a table's statuses are decided, in words and as data.
 * - "tolerance": a target and a tolerance value per measure (amber between them);
 * - "percent-of-target": amber within `fraction` of the target, from a legend or a setting;
 * - "met-not-met": two states only (no tolerance anywhere).
 *
 * @example { kind: "percent-of-target", fraction: 0.1, source: "legend", cell: "A2", words: "amber within 10% of target (key at A2)" }
 */
export interface RagRule {
  kind: "tolerance" | "percent-of-target" | "met-not-met";
  fraction?: number;
  source: "columns" | "legend" | "setting" | "default";
  /** The legend's cell, when a legend gave the rule. */
  cell?: string;
  words: string;
}

/**
 * One measure row of a KPI table, found but not yet scored. It holds what the table's layout
 * decides (name, group, polarity); the target, tolerance and period cells stay in the sheet's grid
 * and are read by `scoreKpis` (columns in `KpiColumns`), so no parsed cell is kept per row.
 */
export interface KpiRow {
  /** 0-based sheet row. */
  row: number;
  measure: string;
  /** Group from a section row, a Group/Type column, or the contract marker. */
  group: string;
  serviceArea: string;
  polarity: Polarity;
  polaritySource: PolaritySource;
  /** Extra text: comment column, or text merged into the next row(s). */
  comment?: string;
  /** True when the measure carries a contract marker (©, "(C)"). */
  contract: boolean;
  /** The short reference code ("CS01") from a ref column. */
  ref?: string;
  /** The phrase that decided a polarity taken from the measure's words. */
  polarityPhrase?: string;
}

/**
 * A KPI table found on a sheet.
 *
 * @example
 * // seed 001 "Contract Key Performance Indicators": header row 2, measure A, target B,
 * // tolerance C, one period column D ("Q4 Performance").
 */
export interface KpiTable {
  kind: "kpi";
  /** Stable id: `${sheet}!${headerRow}`. */
  id: string;
  sheet: string;
  /** Title above the header, if any (e.g. "Contract Key Performance Indicators"). */
  title?: string;
  /** 0-based sheet rows of the header (one or two: band row then label row). */
  headerRows: number[];
  columns: KpiColumns;
  rows: KpiRow[];
  /** 0-based first and last sheet rows the table covers (header included). */
  top: number;
  bottom: number;
  /** The rule that decides amber for rows with no tolerance value. */
  rule: RagRule;
  /** Where a relative period ("Current") took its name from (a title cell's A1 address). */
  periodFrom?: string;
}
