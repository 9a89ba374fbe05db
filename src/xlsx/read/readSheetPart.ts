import type { CellFill, CellValue, MergeArea } from "../../engine/Grid";
import { parseA1, toA1 } from "../../engine/cells/toA1";
import type { CellStyles } from "./readCellStyles";
import { streamXml } from "./streamXml";
import { damaged, XlsxInputError } from "../XlsxInputError";

/** Excel's last row and column (1-based). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** One sheet's non-empty cells, in parallel arrays (a million cells cost no million objects). */
export interface SheetCells {
  /** 0-based rows and columns, in the order the part gives them. */
  rows: number[];
  cols: number[];
  values: CellValue[];
  /** Index into `CellStyles.formats` (0 when the cell names none). */
  styles: number[];
  merges: MergeArea[];
  hiddenRows: number[];
  hiddenCols: number[];
  fills: CellFill[];
  protected: boolean;
}

/** What reading a sheet part needs from the rest of the workbook. */
export interface SheetPartContext {
  /** The sheet's name, for refusals. */
  name: string;
  strings: string[];
  styles: CellStyles;
  /** Non-empty cells still allowed in the workbook; a refusal comes past it. */
  cellBudget: { left: number };
}

/**
 * Reads one worksheet part with saxes, keeping only what the engine needs: each non-empty cell's
 * value (shared, inline and rich strings as text; booleans; errors as their code; numbers;
 * formulas' cached values; ISO dates as serials), its style index, merged areas, hidden rows and
 * columns, solid fills (blank cells too) and protection. Formulas themselves are not kept: the
 * engine reads cached values. Cells past Excel's limits, or a shared-string index the workbook does
 * not have, are refused with an `XlsxInputError` naming the sheet and cell.
 *
 * @example
 * const cells = readSheetPart(pkg.bytes("xl/worksheets/sheet1.xml")!, { name: "KPIs", strings, styles, cellBudget: { left: 5e6 } });
 * cells.values[0]; // "Measure"
 */
export function readSheetPart(bytes: Uint8Array, ctx: SheetPartContext): SheetCells {
  const out: SheetCells = {
    rows: [],
    cols: [],
    values: [],
    styles: [],
    merges: [],
    hiddenRows: [],
    hiddenCols: [],
    fills: [],
    protected: false,
  };
  const what = `sheet "${ctx.name}"`;
  let row = -1;
  let col = -1;
  // The open cell: its type, style, and the text of its <v> or inline string.
  let type = "";
  let style = 0;
  let inCell = false;
  let text: string[] = [];
  let collect = 0; // depth of the element whose text is the value (<v>, or <t> of <is>)
  let phonetic = 0;
  let inSheetData = false;

  const refuse = (why: string): never => {
    throw new XlsxInputError("corrupt", `The workbook is damaged: ${what} ${why}.`);
  };

  streamXml(bytes, what, {
    open(name, a, depth) {
      if (inCell) {
        if (name === "v") collect = depth;
        else if (name === "rPh") phonetic = depth;
        else if (name === "t" && type === "inlineStr" && !phonetic) collect = depth;
        return;
      }
      switch (name) {
        case "sheetData":
          inSheetData = true;
          return;
        case "row": {
          if (!inSheetData) return;
          const r = a.r === undefined ? row + 2 : Number(a.r);
          if (!Number.isInteger(r) || r < 1) refuse(`has a row numbered "${a.r}"`);
          if (r > MAX_ROWS)
            refuse(`has a row numbered ${r}, past Excel's last row (${MAX_ROWS.toLocaleString("en-GB")})`);
          row = r - 1;
          col = -1;
          if (a.hidden === "1" || a.hidden === "true") out.hiddenRows.push(row);
          return;
        }
        case "c": {
          if (!inSheetData) return;
          if (a.r !== undefined) {
            const at = parseA1(a.r);
            if (!at) refuse(`has a cell with the address "${a.r}"`);
            if (at!.row >= MAX_ROWS || at!.col >= MAX_COLS)
              refuse(`has a cell at ${a.r}, past Excel's last row or column`);
            row = at!.row;
            col = at!.col;
          } else {
            col++;
            if (row < 0) row = 0;
            if (col >= MAX_COLS)
              refuse(`has more than ${MAX_COLS.toLocaleString("en-GB")} cells in row ${row + 1}`);
          }
          type = a.t ?? "n";
          const s = a.s === undefined ? 0 : Number(a.s);
          style = Number.isInteger(s) && s >= 0 ? s : 0;
          inCell = true;
          text = [];
          return;
        }
        case "mergeCell": {
          const area = parseArea(a.ref ?? "");
          if (area) out.merges.push(area);
          return;
        }
        case "col": {
          if (a.hidden !== "1" && a.hidden !== "true") return;
          const min = Number(a.min);
          const max = Math.min(Number(a.max), MAX_COLS);
          if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1) return;
          for (let c = min; c <= max; c++) out.hiddenCols.push(c - 1);
          return;
        }
        case "sheetProtection":
          out.protected = a.sheet === "1" || a.sheet === "true";
          return;
      }
    },
    text(t, depth) {
      if (collect && depth === collect) text.push(t);
    },
    close(name, depth) {
      if (!inCell) {
        if (name === "sheetData") inSheetData = false;
        return;
      }
      if (depth === collect) collect = 0;
      else if (name === "rPh" && depth === phonetic) phonetic = 0;
      else if (name === "c") {
        inCell = false;
        const value = cellValue(type, text.join(""), ctx, () => `${what} cell ${toA1(row, col)}`);
        const fill = ctx.styles.fills[style];
        if (fill) out.fills.push({ row, col, argb: fill });
        if (value === null) return;
        if (--ctx.cellBudget.left < 0)
          throw new XlsxInputError(
            "too-large",
            `The workbook is too large to score: it has over ${CELL_LIMIT_TEXT} filled cells (${what}).`,
          );
        out.rows.push(row);
        out.cols.push(col);
        out.values.push(value);
        out.styles.push(type === "d" && style === 0 ? -1 : style);
      }
    },
  });
  return out;
}

/** The workbook-wide limit on filled cells, as the refusal words it. */
export const MAX_FILLED_CELLS = 5_000_000;
const CELL_LIMIT_TEXT = MAX_FILLED_CELLS.toLocaleString("en-GB");

/** A cell's value from its type and text; blank (null) for an empty string. */
function cellValue(type: string, raw: string, ctx: SheetPartContext, where: () => string): CellValue {
  switch (type) {
    case "s": {
      if (raw === "") return null;
      const i = Number(raw);
      if (!Number.isInteger(i) || i < 0 || i >= ctx.strings.length)
        throw damaged(where(), `it points at shared string ${raw}, which the workbook does not have`);
      return blankIfEmpty(decodeEscapes(ctx.strings[i]));
    }
    case "str":
    case "inlineStr":
      return blankIfEmpty(decodeEscapes(raw));
    case "b":
      return raw === "" ? null : raw.trim() === "1" || raw.trim() === "true";
    case "e":
      return blankIfEmpty(raw.trim());
    case "d":
      return raw === "" ? null : isoToSerial(raw);
    default: {
      if (raw.trim() === "") return null;
      const n = Number(raw);
      // NaN, ±Infinity and numbers past a double ("1e999") read as blank: nothing non-finite goes on.
      return Number.isFinite(n) ? n : null;
    }
  }
}

function blankIfEmpty(s: string): string | null {
  return s === "" ? null : s;
}

/** Excel's escapes for characters XML cannot hold: "_x000D_" is a carriage return. */
function decodeEscapes(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** An ISO 8601 date cell (`t="d"`) as a 1900-system serial, or null when it is not a date. */
function isoToSerial(iso: string): number | null {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) || !iso.includes("T") ? iso : `${iso}Z`);
  if (!Number.isFinite(ms)) return null;
  return Math.round((ms / 86_400_000 + 25_569) * 86_400_000) / 86_400_000;
}

/** "A1:C3" (or "B2") → a 0-based area; null when it is not one, or lies past Excel's limits. */
function parseArea(ref: string): MergeArea | null {
  const [a, b = a] = ref.split(":");
  const from = parseA1(a ?? "");
  const to = parseA1(b ?? "");
  if (!from || !to) return null;
  const area = {
    top: Math.min(from.row, to.row),
    left: Math.min(from.col, to.col),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.col, to.col),
  };
  return area.bottom < MAX_ROWS && area.right < MAX_COLS ? area : null;
}
