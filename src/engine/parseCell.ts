import type { CellValue } from "./Grid";
import type { ParsedValue } from "./ParsedValue";

/**
 * Reads one cell into a `ParsedValue`. Never throws on user data.
 * STUB: owned by the KPI-engine work; replace with the full parser.
 * @example parseCell(0.85, "0%", "KPIs", "D4") => { kind: "number", value: 0.85, unit: { kind: "percent" }, ... }
 */
export function parseCell(value: CellValue, format: string, sheet: string, cell: string): ParsedValue {
  const text = value === null ? "" : String(value);
  if (value === null || text.trim() === "") return { kind: "blank", sheet, cell, text };
  if (typeof value === "number") {
    return { kind: "number", value, unit: /%/.test(format) ? { kind: "percent" } : { kind: "number" }, sheet, cell, text };
  }
  return { kind: "text", sheet, cell, text };
}
