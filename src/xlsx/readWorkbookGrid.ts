import type ExcelJS from "exceljs";
import type { WorkbookGrid } from "../engine/Grid";

/**
 * Reads every sheet of an ExcelJS workbook into the engine's grid (values, number formats,
 * formulas' cached values, merges, hidden rows/columns, visibility, protection).
 * STUB: owned by the xlsx-host work.
 */
export function readWorkbookGrid(workbook: ExcelJS.Workbook): WorkbookGrid {
  void workbook;
  return { sheets: [] };
}
