import type { WorkbookGrid } from "./Grid";
import type { Issue } from "./Issue";
import type { StoreState } from "./StoreState";

/**
 * Reads our store sheet (STORE_SHEET) from the workbook grid; an empty state when absent.
 * STUB: owned by the write-back work.
 */
export function readStore(workbook: WorkbookGrid): { state: StoreState; issues: Issue[] } {
  void workbook;
  return { state: { version: 1, owned: [], settings: {}, cf: [] }, issues: [] };
}
