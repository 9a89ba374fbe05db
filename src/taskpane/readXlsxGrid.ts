import type { WorkbookGrid } from "../engine/Grid";
import { fflateCodec } from "../xlsx/fflateCodec";
import { readPackageGrid } from "../xlsx/read/readPackageGrid";
import { XlsxPackage } from "../xlsx/XlsxPackage";

/**
 * Reads an .xlsx held in memory into the engine's grid (the preview's header texts and sheet
 * names), with the same streaming reader the scorer uses. Only the preview loads it, on demand,
 * in the same chunk as the xlsx host.
 *
 * @example
 * const grid = await readXlsxGrid(bytes); // grid.sheets.map((s) => s.name)
 */
export async function readXlsxGrid(bytes: Uint8Array): Promise<WorkbookGrid> {
  return readPackageGrid(XlsxPackage.open(bytes, fflateCodec));
}
