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
  /** Change in variance since the previous quarter, £ (null when the sheet does not say). */
  movement: number | null;
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
}

/** A whole finance table's headline, e.g. "The forecast outturn at Quarter 3 is an underspend of £1.0m ...". */
export interface FinanceHeadline {
  tableId: string;
  sheet: string;
  budget: number | null;
  forecast: number | null;
  variance: number | null;
  sentence: string;
}
