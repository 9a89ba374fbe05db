import type { SheetGrid } from "../Grid";

/**
 * The text of one cell of a sheet grid, by 0-based sheet coordinates ("" when blank or outside
 * the used range; numbers and booleans as `String(v)`).
 * @example gridText(sheet, 0, 0) === "Scorecard Summary"
 */
export function gridText(sheet: SheetGrid, row: number, col: number): string {
  const v = sheet.values[row - sheet.originRow]?.[col - sheet.originCol];
  return v === null || v === undefined ? "" : String(v);
}

/**
 * The raw value of one cell (`null` when blank or outside the used range).
 * @example gridValue(sheet, 3, 3) === 0.85
 */
export function gridValue(sheet: SheetGrid, row: number, col: number): string | number | boolean | null {
  const v = sheet.values[row - sheet.originRow]?.[col - sheet.originCol];
  return v === undefined ? null : v;
}
