/**
 * One budget heading or care-ladder line: the JSON contract's `variances[]` entry plus extras.
 * All money is whole pounds; variance = budget − forecast (positive = underspend).
 */
export interface VarianceResult {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  /** The heading or line as written. */
  name: string;
  /** For a line: the heading it sits under. */
  heading?: string;
  budget: number | null;
  forecast: number | null;
  variance: number;
  direction: "underspend" | "overspend" | "on budget";
  overThreshold: boolean;
  isTotal: boolean;
  /**
   * Change in variance since the previous quarter, £ (null when the sheet does not say); positive =
   * towards underspend. From "Change from Q3" columns (summed) or a previous quarter's column.
   */
  movement: number | null;
  /**
   * Care-ladder split, in the variance's own sign (positive = underspend), so volume + price = variance:
   * volume = −(actual − budgeted placements) × budgeted unit cost × 52 for a weekly cost (× 1 for an
   * annual one: budgets and forecasts are full-year); price = variance − volume.
   */
  volumeEffect: number | null;
  priceEffect: number | null;
  narrative: string;
  // ---- extra fields ----
  /** Variance as a fraction of budget (null when budget is 0 or missing). */
  variancePct: number | null;
  /** Part of the variance due to Covid, when a column says so. */
  covid: number | null;
  /** Label of the previous period for movement ("Q3", "Quarter 2"). */
  movementLabel?: string;
  /** Gross / income / net split when the sheet has it. */
  gross?: { budget: number | null; forecast: number | null; variance: number | null };
  income?: { budget: number | null; forecast: number | null; variance: number | null };
  /** Placements (activity) and unit costs for care-ladder lines. */
  activity?: { budgeted: number | null; actual: number | null };
  unitCost?: { budgeted: number | null; actual: number | null; per: "week" | "year" };
  tableId: string;
  /** A1 address of the net variance (or forecast) cell. */
  cell: string;
  /** An income line (less income than budgeted is an overspend). */
  isIncome?: boolean;
  /** A funding line such as "Contract Value": the income that pays for the headings, not a service. */
  isFunding?: boolean;
  /** Operating (non-Covid) part of the variance, when a column says so. */
  operating?: number | null;
}

/** A whole finance table's headline, e.g. "The forecast outturn at Quarter 3 is an underspend of £1.0m ...". */
export interface FinanceHeadline {
  tableId: string;
  sheet: string;
  budget: number | null;
  forecast: number | null;
  variance: number | null;
  sentence: string;
  /** Which budget the percentage is of: net, or gross where the net budget is nil (a contract-funded trust). */
  budgetBasis?: "net" | "gross";
  /** Change in the total's variance since the last quarter, £ (positive = towards underspend). */
  movement?: number | null;
  /** Period words used ("Quarter 3", "2021/22 Outturn"). */
  periodLabel?: string;
}
