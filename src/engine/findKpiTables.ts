import type { SheetGrid } from "./Grid";
import type { Issue } from "./Issue";
import type { KpiTable } from "./KpiTable";
import type { Settings } from "./Settings";

/**
 * Finds every KPI table on one sheet with no configuration (title rows, two-row headers,
 * section rows, blank separators), honouring confirmed mappings in `settings.tables`.
 * STUB: owned by the KPI-engine work.
 */
export function findKpiTables(sheet: SheetGrid, settings: Settings): { tables: KpiTable[]; issues: Issue[] } {
  void sheet;
  void settings;
  return { tables: [], issues: [] };
}
