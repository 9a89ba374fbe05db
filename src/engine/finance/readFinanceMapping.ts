import { EngineError } from "../EngineError";
import { FINANCE_ROLES, type FinanceRole, type TableMapping } from "../Settings";

/** A cell range in 0-based sheet coordinates, inclusive. @example { top: 3, left: 1, bottom: 29, right: 7 } // B4:H30 */
export interface SheetRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * A table mapping with its column letters and range turned into sheet coordinates.
 * @example { mapping, roles: { line: 0, budget: 2, variance: 4 }, range: { top: 3, left: 0, bottom: 19, right: 5 } }
 */
export interface FinanceMapping {
  mapping: TableMapping;
  /** 0-based sheet columns by finance role (roles of other kinds are left out). */
  roles: Partial<Record<FinanceRole, number>>;
  range?: SheetRange;
}

/**
 * Reads a saved table mapping's column letters and range ("B4:H30", "$B$4:$H$30", "Sheet!B4:H30").
 * A letter or range that cannot be read is misuse of the settings: throws `EngineError("bad-settings")`.
 * @example readFinanceMapping({ sheet: "Budget", headerRow: 4, kind: "finance", columns: { line: "A", budget: "C" }, range: "A4:F20" })
 * // → { roles: { line: 0, budget: 2 }, range: { top: 3, left: 0, bottom: 19, right: 5 }, mapping }
 */
export function readFinanceMapping(mapping: TableMapping): FinanceMapping {
  const roles: Partial<Record<FinanceRole, number>> = {};
  for (const [role, letters] of Object.entries(mapping.columns ?? {})) {
    const r = FINANCE_ROLES.find((x) => x === role);
    if (r) roles[r] = columnIndex(letters, mapping);
  }
  if (!Number.isInteger(mapping.headerRow) || mapping.headerRow < 1)
    throw new EngineError(
      "bad-settings",
      `table mapping on "${mapping.sheet}": headerRow ${mapping.headerRow} is not a 1-based row`,
    );
  return {
    mapping,
    roles,
    range: mapping.range === undefined ? undefined : readRange(mapping.range, mapping),
  };
}

function columnIndex(letters: string, mapping: TableMapping): number {
  const t = typeof letters === "string" ? letters.trim().replace(/^\$/, "").toUpperCase() : "";
  if (!/^[A-Z]{1,3}$/.test(t))
    throw new EngineError(
      "bad-settings",
      `table mapping on "${mapping.sheet}": "${String(letters)}" is not a column letter`,
    );
  let col = 0;
  for (const ch of t) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

function readRange(text: string, mapping: TableMapping): SheetRange {
  const m = /^(?:.*!)?\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(String(text).trim());
  if (!m || Number(m[2]) < 1 || Number(m[4]) < 1)
    throw new EngineError(
      "bad-settings",
      `table mapping on "${mapping.sheet}": "${text}" is not a range such as "B4:H30"`,
    );
  const a = { row: Number(m[2]) - 1, col: columnIndex(m[1], mapping) };
  const b = { row: Number(m[4]) - 1, col: columnIndex(m[3], mapping) };
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}
