import ExcelJS from "exceljs";
import type { WorkbookGrid } from "../engine/Grid";
import { readWorkbookGrid } from "../xlsx/readWorkbookGrid";

/**
 * Reads an .xlsx held in memory into the engine's grid (the preview's header texts and sheet
 * names). Only the preview loads it, on demand, in the same chunk as the xlsx host.
 *
 * @example
 * const grid = await readXlsxGrid(bytes); // grid.sheets.map((s) => s.name)
 */
export async function readXlsxGrid(bytes: Uint8Array): Promise<WorkbookGrid> {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS's types ask for a Node Buffer; JSZip (underneath) takes any Uint8Array.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return readWorkbookGrid(workbook);
}
