/** Which way is good for a measure. */
export type Polarity = "higher" | "lower";

/** A confirmed or corrected mapping of one table, saved in the workbook (set by the task pane). */
export interface TableMapping {
  sheet: string;
  /** 1-based header row (the last header row when there are two). */
  headerRow: number;
  kind: "kpi" | "finance" | "ignore";
  /** Column letters by role, e.g. { measure: "A", target: "B", tolerance: "C" }. */
  columns?: Record<string, string>;
}

/**
 * Everything that changes how a workbook is scored. Saved in the workbook's store sheet so
 * the add-in and the CLI agree.
 */
export interface Settings {
  /** Period label to score; default: the latest period column that holds data. */
  period?: string;
  /** Variance threshold in whole pounds (default 100,000). */
  threshold: number;
  /** "short": £805k / £4.64m; "long": £0.8 million. */
  moneyStyle: "short" | "long";
  /** "ed": underspent/overspent; "noun": underspend/overspend. */
  directionWords: "ed" | "noun";
  /** Names of the sheets we write. */
  sheetNames: { summary: string; commentary: string; narrative: string };
  /** Per-measure polarity, keyed by `measureKey(measure)`. */
  polarityOverrides: Record<string, Polarity>;
  /** Confirmed table mappings. */
  tables: TableMapping[];
}

/** Defaults a fresh workbook is scored with. */
export const DEFAULT_SETTINGS: Settings = {
  threshold: 100_000,
  moneyStyle: "short",
  directionWords: "ed",
  sheetNames: { summary: "Scorecard Summary", commentary: "KPI Commentary", narrative: "Variance Narrative" },
  polarityOverrides: {},
  tables: [],
};
