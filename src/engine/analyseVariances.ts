import type { FinanceTable } from "./FinanceTable";
import type { SheetGrid } from "./Grid";
import type { Issue } from "./Issue";
import type { Settings } from "./Settings";
import type { FinanceHeadline, VarianceResult } from "./VarianceResult";

/**
 * Computes variances, tie-out checks, movement, volume/price split and narrative for finance tables.
 * `sheets` maps sheet name to its grid, for reading the tables' cells.
 * STUB: owned by the finance-engine work.
 */
export function analyseVariances(
  tables: FinanceTable[],
  sheets: Map<string, SheetGrid>,
  settings: Settings,
): { variances: VarianceResult[]; headlines: FinanceHeadline[]; issues: Issue[] } {
  void tables;
  void sheets;
  void settings;
  return { variances: [], headlines: [], issues: [] };
}
