import { columnLetters } from "../engine/cells/toA1";
import type { SelectedRange } from "./ScorecardHost";

const EXAMPLE = "KPIs!B4:H30";
/** Excel's last row and column (XFD). */
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/**
 * Reads a table range as the officer types it ("KPIs!B4:H30", "'Q3 data'!b4:h30") or as Excel
 * gives a selection's address ("'Q3 data'!$B$4:$H$30"). With `sheets`, the sheet must be one of
 * them (matched ignoring case; the workbook's spelling is returned). Returns the range, or a
 * sentence saying what is wrong and how to put it right. The cells come back top-left to
 * bottom-right, without "$" ("B4:H30").
 *
 * @example
 * parseTableRange("kpis!b4:h30", ["KPIs"]); // { sheet: "KPIs", address: "B4:H30" }
 * parseTableRange("KPIs!B4", ["KPIs"]); // "KPIs!B4 is one cell: a table needs ..."
 */
export function parseTableRange(text: string, sheets?: string[]): SelectedRange | string {
  const typed = text.trim();
  if (!typed)
    return `Type the table's range first: the sheet, "!", then the cells from its header row to its last row, such as ${EXAMPLE}.`;
  const bang = typed.lastIndexOf("!");
  if (bang < 0) {
    const first = sheets?.[0] ?? "KPIs";
    return `Say which sheet the table is on: the sheet's name, "!", then the cells, such as ${quoteSheet(first)}!${typed.toUpperCase()}.`;
  }
  const sheetPart = unquoteSheet(typed.slice(0, bang).trim());
  const cells = typed
    .slice(bang + 1)
    .trim()
    .replace(/\$/g, "")
    .toUpperCase();
  if (/[,;]/.test(cells))
    return `Choose one block of cells, not several: "${cells}" has more than one. Such as ${EXAMPLE}.`;
  if (!sheetPart) return `Type the sheet's name before "!", such as ${EXAMPLE}.`;
  let sheet = sheetPart;
  if (sheets) {
    const found = sheets.find((s) => s.toLowerCase() === sheetPart.toLowerCase());
    if (!found) {
      const listed = sheets.slice(0, 10).join(", ") + (sheets.length > 10 ? ", …" : "");
      return `There is no sheet called "${sheetPart}" in this workbook. Its sheets are: ${listed}.`;
    }
    sheet = found;
  }
  const where = `${quoteSheet(sheet)}!${cells}`;
  if (/^[A-Z]{1,3}:[A-Z]{1,3}$/.test(cells) || /^\d+:\d+$/.test(cells))
    return `${where} is whole ${/^\d/.test(cells) ? "rows" : "columns"}: choose the table's cells, from its header row to its last row, such as ${EXAMPLE}.`;
  const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(cells);
  const a = m && cell(m[1], m[2]);
  const b = m && (m[3] ? cell(m[3], m[4]) : a);
  if (!a || !b)
    return `"${cells}" is not a block of cells: type the top-left cell, ":", then the bottom-right cell, such as ${EXAMPLE}.`;
  if (!m?.[3])
    return `${where} is one cell: a table needs its header row, at least one row below it, and at least two columns, such as ${EXAMPLE}.`;
  const top = Math.min(a.row, b.row);
  const bottom = Math.max(a.row, b.row);
  const left = Math.min(a.col, b.col);
  const right = Math.max(a.col, b.col);
  if (bottom === top)
    return `${where} is one row: a table needs its header row and at least one row below it.`;
  if (right === left)
    return `${where} is one column: a table needs at least two columns (what is measured, and its figures).`;
  return { sheet, address: `${columnLetters(left)}${top}:${columnLetters(right)}${bottom}` };
}

/** A sheet name as Excel writes it in an address: quoted when it holds anything but letters, digits, "_" or ".". */
function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function unquoteSheet(part: string): string {
  const q = /^'(.*)'$/.exec(part);
  return q ? q[1].replace(/''/g, "'") : part;
}

/** A cell's 1-based row and 0-based column, or null when it lies outside the sheet. */
function cell(letters: string, digits: string): { row: number; col: number } | null {
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(digits);
  if (row < 1 || row > MAX_ROW || col > MAX_COL) return null;
  return { row, col: col - 1 };
}
