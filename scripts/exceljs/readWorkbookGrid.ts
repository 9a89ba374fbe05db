import type ExcelJS from "exceljs";
import { OFFSET_1904 } from "../../src/engine/cells/to1900Serial";
import type { CellFill, CellValue, MergeArea, SheetGrid, WorkbookGrid } from "../../src/engine/Grid";

/** Number format given to a date cell that has none of its own. */
export const DEFAULT_DATE_FORMAT = "dd/mm/yyyy";

const MS_PER_DAY = 86_400_000;
/** Days from Excel's day 0 (1899-12-30 in the 1900 system, after the leap-year bug) to 1970-01-01. */
const EPOCH_1900 = 25_569;

/**
 * Reads every sheet of an ExcelJS workbook into the engine's grid, in tab order: the used range
 * (cells holding a value) with number formats, formulas' cached values (and the formulas
 * themselves, with their leading "="), merges, hidden rows/columns, visibility and protection.
 * Dates become Excel serial numbers; rich text and hyperlinks become their text; errors their code.
 * Cells covered by a merge (other than its top-left) read as blank, as in Excel.
 *
 * @example
 * const wb = new ExcelJS.Workbook(); await wb.xlsx.load(bytes);
 * const grid = readWorkbookGrid(wb); // grid.sheets[0].values[0][0] === "Measure"
 */
export function readWorkbookGrid(workbook: ExcelJS.Workbook): WorkbookGrid {
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  return { sheets: workbook.worksheets.map((ws) => readSheet(ws, date1904)) };
}

/**
 * Converts a JS Date as ExcelJS gives it (UTC-based) to an Excel serial number.
 * @example dateToSerial(new Date(Date.UTC(2015, 11, 1))) === 42339
 */
export function dateToSerial(date: Date, date1904 = false): number {
  const serial = EPOCH_1900 + date.getTime() / MS_PER_DAY - (date1904 ? OFFSET_1904 : 0);
  // Round to the millisecond to drop floating-point noise.
  return Math.round(serial * MS_PER_DAY) / MS_PER_DAY;
}

interface ReadCell {
  row: number;
  col: number;
  value: CellValue;
  format: string;
  formula: string | null;
}

function readSheet(ws: ExcelJS.Worksheet, date1904: boolean): SheetGrid {
  const merges = readMerges(ws);
  const covered = new Set<string>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
    }
  }

  const cells: ReadCell[] = [];
  const fills: CellFill[] = [];
  const hiddenRows: number[] = [];
  // findRow/columns read without creating rows or columns (getRow/getColumn would add them).
  for (let rowNumber = 1; rowNumber <= ws.rowCount; rowNumber++) {
    const row = ws.findRow(rowNumber);
    if (!row) continue;
    if (row.hidden) hiddenRows.push(rowNumber - 1);
    // Fills of blank cells too (a colour-only RAG column), read without creating cells.
    for (const cell of (row as unknown as { _cells?: (ExcelJS.Cell | undefined)[] })._cells ?? []) {
      const argb = cell ? solidFill(cell) : undefined;
      if (cell && argb) fills.push({ row: rowNumber - 1, col: Number(cell.col) - 1, argb });
    }
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const r = rowNumber - 1;
      const c = colNumber - 1;
      if (covered.has(`${r},${c}`)) return;

      const read = readCell(cell, date1904);
      if (read.value === null && read.formula === null) return;
      cells.push({ row: r, col: c, ...read });
    });
  }

  const hiddenCols: number[] = [];
  (ws.columns ?? []).forEach((column, i) => {
    if (column?.hidden) hiddenCols.push(i);
  });

  const grid: SheetGrid = {
    name: ws.name,
    originRow: 0,
    originCol: 0,
    values: [],
    formats: [],
    formulas: [],
    merges,
    ...(fills.length ? { fills } : {}),
    hiddenRows,
    hiddenCols,
    visibility: ws.state === "hidden" || ws.state === "veryHidden" ? ws.state : "visible",
    protected: Boolean(
      (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection?.sheet,
    ),
  };
  if (cells.length === 0) return grid;

  // One pass, not Math.min(...cells): spreading a sheet's cells as arguments fails past ~120,000.
  let [top, left, bottom, right] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const x of cells) {
    if (x.row < top) top = x.row;
    if (x.row > bottom) bottom = x.row;
    if (x.col < left) left = x.col;
    if (x.col > right) right = x.col;
  }
  const height = bottom - top + 1;
  const width = right - left + 1;
  grid.originRow = top;
  grid.originCol = left;
  grid.values = Array.from({ length: height }, () => Array<CellValue>(width).fill(null));
  grid.formats = Array.from({ length: height }, () => Array<string>(width).fill("General"));
  const formulas: (string | null)[][] = Array.from({ length: height }, () =>
    Array<string | null>(width).fill(null),
  );
  for (const x of cells) {
    grid.values[x.row - top][x.col - left] = x.value;
    grid.formats[x.row - top][x.col - left] = x.format;
    formulas[x.row - top][x.col - left] = x.formula;
  }
  grid.formulas = formulas;
  return grid;
}

function readMerges(ws: ExcelJS.Worksheet): MergeArea[] {
  const raw =
    (ws as unknown as { _merges?: Record<string, { model?: MergeModel } & MergeModel> })._merges ?? {};
  const out: MergeArea[] = [];
  for (const m of Object.values(raw)) {
    const model: MergeModel = m.model ?? m;
    if (typeof model.top !== "number") continue;
    out.push({ top: model.top - 1, left: model.left - 1, bottom: model.bottom - 1, right: model.right - 1 });
  }
  return out.sort((a, b) => a.top - b.top || a.left - b.left);
}

interface MergeModel {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function readCell(
  cell: ExcelJS.Cell,
  date1904: boolean,
): { value: CellValue; format: string; formula: string | null } {
  const raw = cell.value as unknown;
  let formula: string | null = null;
  let value: unknown = raw;
  if (isObject(raw) && ("formula" in raw || "sharedFormula" in raw)) {
    const f = cell.formula;
    formula = f ? `=${f}` : null;
    value = (raw as { result?: unknown }).result;
  }
  const isDate = value instanceof Date;
  const own = cell.numFmt;
  const format = own && own.length > 0 ? own : isDate ? DEFAULT_DATE_FORMAT : "General";
  return { value: toCellValue(value, date1904), format, formula };
}

/** Turns whatever ExcelJS holds in a cell (or a formula's result) into a plain cell value. */
function toCellValue(v: unknown, date1904: boolean): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateToSerial(v, date1904);
  if (isObject(v)) {
    if (typeof v.error === "string") return v.error;
    if (Array.isArray(v.richText))
      return v.richText.map((p: { text?: unknown }) => String(p.text ?? "")).join("");
    if ("text" in v) return toCellValue(v.text, date1904);
    if ("result" in v) return toCellValue(v.result, date1904);
  }
  return String(v);
}

/** A cell's solid fill colour as ARGB ("FF00B050"), when it has one given by RGB. */
function solidFill(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as { type?: string; pattern?: string; fgColor?: { argb?: string } } | undefined;
  if (fill?.type !== "pattern" || fill.pattern !== "solid") return undefined;
  const argb = fill.fgColor?.argb;
  return typeof argb === "string" && argb.length >= 6 ? argb : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}
