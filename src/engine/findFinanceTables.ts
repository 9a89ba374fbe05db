import type { SheetGrid } from "./Grid";
import type { Issue } from "./Issue";
import type { FinanceTable } from "./FinanceTable";
import type { Settings } from "./Settings";

/**
 * Finds budget-against-forecast and care-ladder tables on one sheet.
 * STUB: owned by the finance-engine work.
 */
export function findFinanceTables(sheet: SheetGrid, settings: Settings): { tables: FinanceTable[]; issues: Issue[] } {
  void sheet;
  void settings;
  return { tables: [], issues: [] };
}
