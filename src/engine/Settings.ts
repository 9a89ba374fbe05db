/** Which way is good for a measure. */
export type Polarity = "higher" | "lower";

/**
 * Column roles an officer can confirm for a KPI table, in the order the task pane lists them.
 * @example KPI_ROLES.includes("target") // true
 */
export const KPI_ROLES = [
  "measure",
  "ref",
  "target",
  "tolerance",
  "polarity",
  "status",
  "comment",
  "trend",
  "serviceArea",
  "group",
] as const;

/** Column roles an officer can confirm for a KPI table. */
export type KpiRole = (typeof KPI_ROLES)[number];

/**
 * Column roles an officer can confirm for a finance table, in the order the task pane lists them.
 * @example FINANCE_ROLES[0] // "line"
 */
export const FINANCE_ROLES = ["line", "budget", "forecast", "variance", "overspend", "underspend"] as const;

/** Column roles an officer can confirm for a finance table. */
export type FinanceRole = (typeof FINANCE_ROLES)[number];

/**
 * How a finance table's variance column is signed, as the officer confirms it (or the header says).
 * "positive-overspend": + = overspend (forecast − budget); "positive-underspend": + = underspend.
 */
export type SignConvention = "positive-overspend" | "positive-underspend";

/**
 * A confirmed or corrected mapping of one table, saved in the workbook (set by the task pane,
 * honoured by the CLI).
 *
 * @example
 * { sheet: "KPIs", headerRow: 4, kind: "kpi", columns: { measure: "B", ref: "A", target: "F" }, periods: ["D", "E"] }
 */
export interface TableMapping {
  sheet: string;
  /** 1-based header row (the last header row when there are several). */
  headerRow: number;
  kind: "kpi" | "finance" | "ignore";
  /** Column letters by role (`KpiRole` or `FinanceRole`), e.g. { measure: "A", target: "B", tolerance: "C" }. */
  columns?: Record<string, string>;
  /** KPI tables: the column letters that hold periods, left to right (replaces detection). */
  periods?: string[];
  /** A table the officer selected by hand ("B4:H30"): its first row is the header. */
  range?: string;
  /** Finance tables: the variance column's sign, as confirmed. */
  sign?: SignConvention;
  /** Finance tables: the money unit, as confirmed. */
  scale?: 1 | 1000 | 1_000_000;
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
  /** "short": £805k / £4.64m; "long": £0.81 million (the same precision in words). */
  moneyStyle: "short" | "long";
  /** "ed": underspent/overspent; "noun": underspend/overspend. */
  directionWords: "ed" | "noun";
  /** Names of the sheets we write. */
  sheetNames: { summary: string; commentary: string; narrative: string };
  /** Per-measure polarity, keyed by `measureKey(measure)`. */
  polarityOverrides: Record<string, Polarity>;
  /** Confirmed table mappings. */
  tables: TableMapping[];
  /**
   * Amber band as a fraction of the target where a table has no tolerance column (0.1 = "within
   * 10% of target"). A legend in the sheet sets it per table when this is not given.
   */
  amberWithin?: number;
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
