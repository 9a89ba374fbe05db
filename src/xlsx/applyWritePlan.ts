import type ExcelJS from "exceljs";
import type { WritePlan } from "../engine/WritePlan";

/**
 * Applies a write plan to an ExcelJS workbook in place: our sheets, our conditional formats,
 * the very hidden store sheet. Never changes a user's cells.
 * STUB: owned by the xlsx-host work.
 */
export function applyWritePlan(workbook: ExcelJS.Workbook, plan: WritePlan): void {
  void workbook;
  void plan;
}
