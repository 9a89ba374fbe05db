import type { Period } from "../periods/Period";
import type { Polarity } from "../Settings";

/** A column that holds one period's values. */
export interface PeriodColumn {
  /** 0-based sheet column. */
  col: number;
  period: Period;
}

/** Column roles found in a KPI table's header (0-based sheet columns). */
export interface KpiColumns {
  measure: number;
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
export type PolaritySource = "column" | "text" | "tolerance" | "setting" | "assumed";

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
}
