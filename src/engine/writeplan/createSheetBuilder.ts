import { buildPageSetup } from "./buildPageSetup";
import { estimateRowHeights } from "./estimateRowHeights";
import type { CellStyle, OwnedSheetRole, PlanCell, SheetFont, SheetWrite } from "./WritePlan";

/** The font of every cell on our sheets; titles are larger (`STYLES.title`). */
export const OUR_FONT: SheetFont = { name: "Arial", size: 10 };

/** Size of our sheets' titles, in points. */
export const TITLE_SIZE = 12;

/** Styles shared by our sheets. */
export const STYLES = {
  title: { bold: true, fontSize: TITLE_SIZE } as CellStyle,
  header: { bold: true, wrap: true, borderBottom: true, fill: "#DDEBF7" } as CellStyle,
  label: { bold: true } as CellStyle,
  note: { italic: true, fontColor: "#595959" } as CellStyle,
  text: { wrap: true } as CellStyle,
  officer: { wrap: true, fill: "#FFF9E6" } as CellStyle,
};

/**
 * Column width (summed) every sheet of ours prints at least, so that a line of text written
 * across the columns (`paragraph`) is never cut at the page's edge.
 */
export const PARAGRAPH_WIDTH = 130;

/** Longest line of text a `paragraph` writes on one row: what `PARAGRAPH_WIDTH` holds. */
export const PARAGRAPH_CHARS = Math.floor(PARAGRAPH_WIDTH * 1.1);

/** How one of our sheets prints: what its page header says and what it repeats. */
export interface PrintSpec {
  /** For the page header, e.g. "KPI Commentary". */
  title: string;
  /** The period scored, for the page header. */
  period: string;
  /** Last column printed (0-based); columns to its right are for the screen. */
  lastCol: number;
  /** Header rows repeated on every page, or null. */
  titleRows: { first: number; last: number } | null;
}

/** Appends rows of cells to one of our sheets, keeping track of the next free row. */
export interface SheetBuilder {
  /** 0-based row the next `row()` call writes. */
  readonly next: number;
  /**
   * Writes one row from column A; `undefined` entries are skipped, `null` writes nothing either
   * (unless styled). `style` is one style for every cell, one per column, or a function of the column.
   */
  row(
    values: (PlanCell["value"] | undefined)[],
    style?: CellStyle | readonly (CellStyle | undefined)[] | ((col: number) => CellStyle | undefined),
  ): number;
  /**
   * Writes a sentence in column A across the empty columns to its right, going on to further
   * rows at word breaks where it is longer than `PARAGRAPH_CHARS`, so it never runs off the page.
   * Returns the first row written.
   */
  paragraph(text: string, style?: CellStyle): number;
  /** Writes one cell on an existing row. */
  cell(row: number, col: number, value: PlanCell["value"], style?: CellStyle): void;
  /** Leaves a blank row. */
  gap(): void;
  /**
   * The finished sheet, in `OUR_FONT`, with row heights for its wrapped text and its page setup
   * (`print`; by default titled with the sheet's name, every written column printed).
   */
  done(
    extra: Pick<SheetWrite, "columnWidths" | "freezeRows" | "editableCols"> & { print?: PrintSpec },
  ): SheetWrite;
}

/**
 * A small helper for laying out one of our sheets row by row. `expectedCells`, when given, sizes
 * the cell list up front (a list grown cell by cell leaves its outgrown copies as garbage; the
 * KPI Commentary sheet holds about a million cells).
 * @example const b = createSheetBuilder("summary", "Scorecard Summary"); b.row(["Scorecard Summary"], STYLES.title);
 */
export function createSheetBuilder(role: OwnedSheetRole, name: string, expectedCells = 0): SheetBuilder {
  const cells: PlanCell[] = expectedCells > 0 ? new Array<PlanCell>(expectedCells) : [];
  let count = 0;
  let next = 0;
  let lastCol = 0;
  const put = (row: number, col: number, value: PlanCell["value"], style?: CellStyle): void => {
    if (value === null && !style) return;
    if (col > lastCol) lastCol = col;
    cells[count++] = style ? { row, col, value, style } : { row, col, value };
  };
  const builder: SheetBuilder = {
    get next() {
      return next;
    },
    row(values, style) {
      const r = next++;
      for (let c = 0; c < values.length; c++) {
        const v = values[c];
        if (v === undefined) continue;
        put(r, c, v, typeof style === "function" ? style(c) : Array.isArray(style) ? style[c] : style);
      }
      return r;
    },
    paragraph(text, style) {
      const first = next;
      for (const line of splitLine(text, PARAGRAPH_CHARS)) builder.row([line], style);
      return first;
    },
    cell: put,
    gap() {
      next++;
    },
    done({ print, ...extra }) {
      if (cells.length > count) cells.length = count; // drop the unused end of the estimate
      let lastRow = 0;
      for (let i = 0; i < count; i++) if (cells[i].row > lastRow) lastRow = cells[i].row;
      const spec = print ?? { title: name, period: "", lastCol, titleRows: null };
      return {
        role,
        name,
        cells,
        ...extra,
        font: { ...OUR_FONT },
        rowHeights: estimateRowHeights(cells, extra.columnWidths, OUR_FONT),
        pageSetup: buildPageSetup({
          title: spec.title,
          period: spec.period,
          font: OUR_FONT,
          columnWidths: extra.columnWidths,
          lastRow,
          lastCol: spec.lastCol,
          titleRows: spec.titleRows,
        }),
      };
    },
  };
  return builder;
}

/**
 * Splits a line of text at spaces into pieces of at most `max` characters (a longer word is
 * its own piece).
 * @example splitLine("one two three", 8) // ["one two", "three"]
 */
export function splitLine(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
