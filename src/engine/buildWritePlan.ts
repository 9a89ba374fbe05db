import type { FinanceTable } from "./FinanceTable";
import type { WorkbookGrid } from "./Grid";
import type { Issue } from "./Issue";
import type { KpiTable } from "./KpiTable";
import type { ScoreResult } from "./ScoreResult";
import type { Settings } from "./Settings";
import type { StoreState } from "./StoreState";
import type { WritePlan } from "./WritePlan";

/** Everything the write plan is built from. */
export interface WritePlanInput {
  result: ScoreResult;
  kpiTables: KpiTable[];
  financeTables: FinanceTable[];
  /** The whole workbook as read, including our own sheets from last time (for commentary). */
  workbook: WorkbookGrid;
  settings: Settings;
  state: StoreState;
}

/**
 * Builds the write plan: our summary, commentary and narrative sheets (carrying officer
 * commentary over), RAG conditional formatting on the user's cells, and the store.
 * STUB: owned by the write-back work.
 */
export function buildWritePlan(input: WritePlanInput): { plan: WritePlan; issues: Issue[] } {
  void input;
  return { plan: { sheets: [], cfSheets: [], conditionalFormats: [], store: { sheetName: "", rows: [] }, deleteSheets: [] }, issues: [] };
}
