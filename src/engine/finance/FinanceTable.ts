import type { Period } from "../periods/Period";

/** Money scale a table is written in: 1 (£), 1000 (£000's, £k) or 1,000,000 (£m). */
export type MoneyScale = 1 | 1000 | 1_000_000;

/** Column roles in a finance or care-ladder table (0-based sheet columns; absent = undefined). */
export interface FinanceColumns {
  name: number;
  budget: { gross?: number; income?: number; net?: number };
  forecast: { gross?: number; income?: number; net?: number };
  variance: { gross?: number; income?: number; net?: number };
  /** A split variance: "Overspend" and "Underspend" columns, both positive (variance = underspend − overspend). */
  overspend?: number;
  underspend?: number;
  covid?: number;
  operating?: number;
  /** "Change from Q3" style columns: movement in net variance. */
  change?: number;
  /** Every "change from" column (e.g. operating and Covid), summed for the movement; `change` is the first. */
  changes?: number[];
  /** A "Variance %" column (read-only: we compute our own percentage). */
  variancePct?: number;
  /** A previous quarter's forecast or variance column. */
  previousForecast?: number;
  previousVariance?: number;
  /** Care ladder activity and unit cost. */
  activityBudget?: number;
  activityActual?: number;
  unitCostBudget?: number;
  unitCostActual?: number;
}

/** One row of a finance table, before analysis. */
export interface FinanceLine {
  /** 0-based sheet row. */
  row: number;
  name: string;
  heading?: string;
  isTotal: boolean;
  isIncome: boolean;
  /** A funding line such as "Contract Value" (the income that pays for the headings), not a service. */
  isFunding?: boolean;
  /** For a total: the 0-based sheet rows of the lines it should add up. */
  totals?: number[];
}

/**
 * A budget-against-forecast table found on a sheet.
 * @example seed 000 §33: "2019/20 Budget | 2019/20 Forecast Outturn | 2019/20 Variance" over Gross/Income/Net, £000's.
 */
export interface FinanceTable {
  kind: "finance";
  /** Stable id: `${sheet}!${headerRow}`. */
  id: string;
  sheet: string;
  title?: string;
  headerRows: number[];
  columns: FinanceColumns;
  scale: MoneyScale;
  lines: FinanceLine[];
  /** The period the forecast is for, when the header says ("Quarter 3", "2019/20 Outturn"). */
  period?: Period;
  /** Label for movement ("Q3") from a "Change from Q3" header. */
  movementLabel?: string;
  /** True when the sheet's own variance column uses forecast − budget (+ = overspend). */
  invertedSign: boolean;
  /**
   * The variance column's sign convention in words, and what it was read from, e.g.
   * `variance = forecast − budget; + = overspend (from the header "over / (under)")`.
   */
  signConvention?: string;
  /**
   * The band whose columns were scored when others of the same kind were passed over
   * ("CURRENT YEAR 2003/4" beside "LAST YEAR 2002/3", "YEAR END FORECAST" beside "ACTUAL TO DATE").
   */
  scoredBand?: string;
  top: number;
  bottom: number;
  /** Unit cost basis for care-ladder tables. */
  unitCostPer?: "week" | "year";
  careLadder: boolean;
  /** Where `scale` came from. */
  scaleSource?: "header" | "title" | "format" | "assumed" | "setting";
  /** True when an Income sub-column holds income as positive amounts (net = gross − income). */
  incomePositive?: boolean;
  /** Multiplier to whole pounds for unit-cost columns ("£/week" = 1). */
  unitCostScale?: MoneyScale;
}
