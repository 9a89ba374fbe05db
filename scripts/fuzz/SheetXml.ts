import { attr } from "./ZipParts";

/** A cell address split into a 1-based column and row. */
interface Address {
  col: number;
  row: number;
}

/** A numeric constant cell found in a sheet (no formula, no type other than number). */
export interface NumberCell {
  ref: string;
  value: string;
  /** The cell's style index, when it has one. */
  style?: number;
}

const ROW_RE = /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g;
const CELL_RE = /<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;

/**
 * A worksheet part's XML, edited as text the way Excel would leave it after a slip: rows and
 * columns deleted or inserted (addresses below or right of the edit shift), cells set, merges
 * added. Regular expressions suffice for the writers our bases come from (ExcelJS, Excel,
 * LibreOffice, openpyxl).
 * @example const s = new SheetXml(xml); s.deleteRow(8); s.setCell("B9", '<c r="B9" t="inlineStr"><is><t>tbc</t></is></c>'); s.toString();
 */
export class SheetXml {
  constructor(private xml: string) {}

  toString(): string {
    return this.xml;
  }

  /** The row numbers that hold at least one cell with a value, ascending. */
  filledRows(): number[] {
    const rows: number[] = [];
    for (const m of this.xml.matchAll(ROW_RE)) if (/<v>|<is>/.test(m[0])) rows.push(Number(attr(m[0], "r")));
    return rows;
  }

  /** The highest column (1-based) that holds a cell. */
  lastColumn(): number {
    let last = 0;
    for (const m of this.xml.matchAll(CELL_RE)) {
      const ref = attr(m[0], "r");
      if (ref) last = Math.max(last, parseAddress(ref).col);
    }
    return last;
  }

  /** Numeric constants (no formula), in sheet order. */
  numberCells(): NumberCell[] {
    const out: NumberCell[] = [];
    for (const m of this.xml.matchAll(CELL_RE)) {
      const tag = /^<c\b[^>]*>/.exec(m[0])?.[0] ?? m[0];
      const t = attr(tag, "t");
      const v = /<v>([^<]*)<\/v>/.exec(m[0]);
      if ((t === undefined || t === "n") && v && !/<f[\s>/]/.test(m[0])) {
        const s = attr(tag, "s");
        out.push({ ref: attr(tag, "r") ?? "", value: v[1], style: s === undefined ? undefined : Number(s) });
      }
    }
    return out;
  }

  /** Deletes row `r`; rows below move up one, as Excel's Delete Row does. */
  deleteRow(r: number): void {
    this.xml = this.xml.replace(ROW_RE, (row) => (Number(attr(row, "r")) === r ? "" : row));
    this.shift((a) => (a.row > r ? { ...a, row: a.row - 1 } : a), { row: r });
  }

  /** Inserts `count` rows before row `r` (each `rowXml(n)` for row number n, else blank). */
  insertRows(r: number, count: number, rowXml?: (n: number) => string): void {
    this.shift((a) => (a.row >= r ? { ...a, row: a.row + count } : a), {});
    const added = Array.from({ length: count }, (_, i) => (rowXml ? rowXml(r + i) : ""));
    this.insertRowXml(r, added.join(""));
  }

  /** Deletes column `c` (1-based); columns to its right move left one. */
  deleteColumn(c: number): void {
    this.xml = this.xml.replace(CELL_RE, (cell) => {
      const ref = attr(cell, "r");
      return ref && parseAddress(ref).col === c ? "" : cell;
    });
    this.shift((a) => (a.col > c ? { ...a, col: a.col - 1 } : a), { col: c });
  }

  /** Inserts a blank column before column `c`. */
  insertColumn(c: number): void {
    this.shift((a) => (a.col >= c ? { ...a, col: a.col + 1 } : a), {});
  }

  /** Puts `cellXml` at `ref`, replacing a cell there, adding the row when needed. */
  setCell(ref: string, cellXml: string): void {
    const { row, col } = parseAddress(ref);
    let done = false;
    this.xml = this.xml.replace(ROW_RE, (rowXml) => {
      if (Number(attr(rowXml, "r")) !== row) return rowXml;
      done = true;
      const open = /^<row\b[^>]*?(\/?)>/.exec(rowXml);
      if (!open) throw new Error(`SheetXml: odd row ${rowXml.slice(0, 80)}`);
      const head = open[0].replace(/\/>$/, ">").replace(/\sspans="[^"]*"/, "");
      const cells = open[1]
        ? []
        : [...rowXml.slice(open[0].length, -"</row>".length).matchAll(CELL_RE)].map((m) => m[0]);
      const kept = cells.filter((x) => attr(x, "r") !== ref);
      const at = kept.findIndex((x) => parseAddress(attr(x, "r") ?? "A1").col > col);
      kept.splice(at < 0 ? kept.length : at, 0, cellXml);
      return `${head}${kept.join("")}</row>`;
    });
    if (!done) this.insertRowXml(row, `<row r="${row}">${cellXml}</row>`);
    this.widenDimension(ref);
  }

  /** Adds a merged range. */
  addMerge(range: string): void {
    if (/<mergeCells\b/.test(this.xml)) {
      this.xml = this.xml.replace(
        /<mergeCells\b[^>]*>/,
        (m) => `${m.replace(/\scount="\d+"/, "")}<mergeCell ref="${range}"/>`,
      );
    } else {
      this.xml = this.xml.replace(/<\/sheetData>|<sheetData\/>/, (m) =>
        m === "<sheetData/>"
          ? `<sheetData/><mergeCells><mergeCell ref="${range}"/></mergeCells>`
          : `${m}<mergeCells><mergeCell ref="${range}"/></mergeCells>`,
      );
    }
  }

  /** Marks row `r` hidden (adding it, blank, when absent). */
  hideRow(r: number): void {
    let found = false;
    this.xml = this.xml.replace(/<row\b[^>]*?\/?>/g, (tag) => {
      if (Number(attr(tag, "r")) !== r) return tag;
      found = true;
      return tag.replace(/\shidden="[^"]*"/, "").replace(/^<row\b/, '<row hidden="1"');
    });
    if (!found) this.insertRowXml(r, `<row r="${r}" hidden="1"/>`);
  }

  /** Replaces every match of `re` in the XML (for edits this class has no method for). */
  replace(re: RegExp, by: string): void {
    this.xml = this.xml.replace(re, by);
  }

  /** Puts row XML before the first row numbered at least `r` (or at the end of sheetData). */
  private insertRowXml(r: number, rowXml: string): void {
    if (rowXml === "") return;
    if (/<sheetData\/>/.test(this.xml)) {
      this.xml = this.xml.replace("<sheetData/>", `<sheetData>${rowXml}</sheetData>`);
      return;
    }
    let inserted = false;
    this.xml = this.xml.replace(ROW_RE, (row) => {
      if (inserted || Number(attr(row, "r")) < r) return row;
      inserted = true;
      return rowXml + row;
    });
    if (!inserted) this.xml = this.xml.replace("</sheetData>", `${rowXml}</sheetData>`);
  }

  private widenDimension(ref: string): void {
    const { row, col } = parseAddress(ref);
    this.xml = this.xml.replace(/<dimension ref="([^"]*)"\/>/, (_, range: string) => {
      const [a, b = a] = range.split(":");
      const start = parseAddress(a);
      const end = parseAddress(b);
      return `<dimension ref="${formatAddress(start)}:${formatAddress({ row: Math.max(end.row, row), col: Math.max(end.col, col) })}"/>`;
    });
  }

  /**
   * Moves every address in the sheet by `move`: cells and rows, the dimension, merges, conditional
   * formats, data validations and hyperlinks. A merge over the removed row or column is dropped; a
   * range loses the removed line, and goes when nothing is left.
   */
  private shift(move: (a: Address) => Address, removed: { row?: number; col?: number }): void {
    const moveRange = (range: string): string | null => {
      const [a, b = a] = range.split(":");
      const s = parseAddress(a);
      const e = parseAddress(b);
      if (removed.row !== undefined && s.row === removed.row && e.row === removed.row) return null;
      if (removed.col !== undefined && s.col === removed.col && e.col === removed.col) return null;
      const ns = move(s);
      const ne = move(e);
      // A start on the removed line stays put (the next line moves into it); an end pulls back.
      if (removed.row === s.row) ns.row = s.row;
      if (removed.col === s.col) ns.col = s.col;
      return range.includes(":") ? `${formatAddress(ns)}:${formatAddress(ne)}` : formatAddress(ns);
    };
    const crosses = (range: string): boolean => {
      const [a, b = a] = range.split(":");
      const s = parseAddress(a);
      const e = parseAddress(b);
      return (
        (removed.row !== undefined && s.row <= removed.row && removed.row <= e.row) ||
        (removed.col !== undefined && s.col <= removed.col && removed.col <= e.col)
      );
    };
    this.xml = this.xml
      .replace(
        /(<row\b[^>]*?\sr=")(\d+)"/g,
        (_, pre: string, r: string) => `${pre}${move({ row: Number(r), col: 1 }).row}"`,
      )
      .replace(/(<row\b[^>]*?)\sspans="[^"]*"/g, "$1")
      .replace(
        /(<c\b[^>]*?\sr=")([A-Z]+\d+)"/g,
        (_, pre: string, ref: string) => `${pre}${formatAddress(move(parseAddress(ref)))}"`,
      )
      .replace(
        /(<dimension ref=")([^"]*)"/,
        (_, pre: string, range: string) => `${pre}${moveRange(range) ?? "A1"}"`,
      )
      .replace(/<mergeCell ref="([^"]*)"\/>/g, (_, range: string) =>
        crosses(range) ? "" : `<mergeCell ref="${moveRange(range)}"/>`,
      )
      .replace(
        /(<(?:conditionalFormatting|dataValidation|hyperlink)\b[^>]*?\s(?:sqref|ref)=")([^"]*)"/g,
        (_, pre: string, list: string) => {
          const kept = list
            .split(/\s+/)
            .map(moveRange)
            .filter((x): x is string => x !== null);
          return `${pre}${kept.join(" ") || "A1"}"`;
        },
      )
      .replace(/<mergeCells count="\d+">/, "<mergeCells>")
      .replace(/<mergeCells><\/mergeCells>/, "");
  }
}

/**
 * "C12" → { col: 3, row: 12 }.
 * @example parseAddress("AB3") // { col: 28, row: 3 }
 */
export function parseAddress(ref: string): Address {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a cell address: ${ref}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

/**
 * { col: 3, row: 12 } → "C12".
 * @example formatAddress({ col: 16384, row: 1 }) === "XFD1"
 */
export function formatAddress(a: Address): string {
  let n = a.col;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${a.row}`;
}
