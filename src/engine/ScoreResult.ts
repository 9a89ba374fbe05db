import type { KpiResult, SkippedTable, StatusCounts } from "./kpi/KpiResult";
import type { VarianceResult, FinanceHeadline } from "./finance/VarianceResult";
import type { Issue } from "./Issue";
import type { TableDescription } from "./inspect/describeTables";

/**
 * The whole result of scoring a workbook: the CLI's `--json` contract plus extra fields.
 *
 * @example
 * { period: "Q4", kpis: [...], counts: [{ group: "Contract", better: 4, ... }], variances: [],
 *   warnings: [{ sheet: "KPIs", cell: "D7", message: "..." }] }
 */
export interface ScoreResult {
  period: string;
  kpis: KpiResult[];
  counts: StatusCounts[];
  variances: VarianceResult[];
  warnings: { sheet: string; cell: string; message: string }[];
  // ---- extra fields ----
  /** Every issue with its severity and code (warnings above is the contract's flat view). */
  issues: Issue[];
  /** Counts by service area (`counts` holds the groups and the total). */
  serviceAreaCounts: StatusCounts[];
  /** Headline sentence per finance table. */
  financeHeadlines: FinanceHeadline[];
  /** "Contract measures: 4 better than target, 3 within tolerance, 2 outside, 2 no data", one per group. */
  summaryLines: string[];
  /** Every table read: range, column roles, periods, the amber `rule` or the sign convention, in words. */
  tables: TableDescription[];
  /** KPI tables without the period asked for: listed, not scored, not counted. */
  skipped: SkippedTable[];
}
