import { fromA1 } from "../cells/toA1";
import type { SheetGrid } from "../Grid";

/** One of the officer's cells as their sheet holds it: its value and its own number format. */
export interface OfficerFigure {
  /** A number, or the cell's text trimmed. */
  value: number | string | boolean;
  /** The cell's number format, for a number ("0%", "0.0%", '#,##0" days"', "General"). */
  numberFormat?: string;
}

/**
 * The officer's cell at `a1` on `grid`, to show as their sheet shows it: a number with the cell's
 * own number format (so 25% stays "25%", not "25.0%"), or the cell's text; null for a blank cell,
 * or when the grid or address is not given.
 *
 * @example officerFigure(kpiSheet, "C4") // { value: 0.25, numberFormat: "0%" }
 */
export function officerFigure(grid: SheetGrid | undefined, a1: string | undefined): OfficerFigure | null {
  if (!grid || !a1) return null;
  const { row, col } = fromA1(a1);
  const r = row - grid.originRow;
  const c = col - grid.originCol;
  const value = grid.values[r]?.[c];
  if (value === undefined || value === null) return null;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    return { value, numberFormat: grid.formats[r]?.[c] || "General" };
  }
  if (typeof value === "boolean") return { value };
  const text = value.replace(/\s+/g, " ").trim();
  return text ? { value: text } : null;
}
