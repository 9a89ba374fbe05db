import type { PlanCell, SheetFont } from "./WritePlan";

/** Height of one line of text, as a multiple of the font size (10 pt text: 13 pt lines). */
export const LINE_HEIGHT_PER_POINT = 1.3;
/**
 * Characters of 10 pt text one unit of column width holds, on the safe side (Arial's average
 * letter is narrower than the digit a width unit measures).
 */
const CHARS_PER_WIDTH_AT_10PT = 1.1;
/** Column width Excel uses where none is set. */
const DEFAULT_WIDTH = 8.43;
/** Excel's default row height, which a one-line row of 10 pt text fits. */
const DEFAULT_ROW_HEIGHT = 15;

/**
 * Heights (in points) of the rows that need more than the default: rows whose wrapped text takes
 * more than one line at its column's width (lines counted by wrapping at spaces, as Excel does),
 * and rows with a larger font. For writers of .xlsx files, as neither Excel nor LibreOffice fits
 * row heights to wrapped text on opening a file.
 *
 * @example
 * estimateRowHeights([{ row: 3, col: 0, value: "a long sentence ...", style: { wrap: true } }], [10], { name: "Arial", size: 10 })
 * // [[3, 39]] for three lines
 */
export function estimateRowHeights(
  cells: readonly PlanCell[],
  widths: readonly number[],
  font: SheetFont,
): [number, number][] {
  // Height needed by row: rows are array indexes (an array, not a map of 100,000s of entries);
  // any other row number (never one of ours) goes in `odd`.
  const need: number[] = [];
  const odd = new Map<number, number>();
  // Characters per line by column, for the sheet's font size (most cells).
  const perLineAt: number[] = [];
  const perLine = (col: number, size: number): number => {
    if (size === font.size && perLineAt[col] !== undefined) return perLineAt[col];
    // A unit of width goes to the cell's padding.
    const n = Math.max(
      1,
      Math.floor((((widths[col] || DEFAULT_WIDTH) - 1) * CHARS_PER_WIDTH_AT_10PT * 10) / size),
    );
    if (size === font.size) perLineAt[col] = n;
    return n;
  };
  const oneLine = Math.ceil(font.size * LINE_HEIGHT_PER_POINT * 4) / 4;
  const raise = (row: number, height: number): void => {
    if (height <= DEFAULT_ROW_HEIGHT) return;
    if (Number.isInteger(row) && row >= 0 && row < MAX_INDEX) {
      if (height > (need[row] ?? 0)) need[row] = height;
    } else if (height > (odd.get(row) ?? 0)) odd.set(row, height);
  };
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const style = c.style;
    if (!style) {
      raise(c.row, oneLine);
      continue;
    }
    const size = style.fontSize ?? font.size;
    const v = c.value;
    const lines = style.wrap && typeof v === "string" && v !== "" ? countLines(v, perLine(c.col, size)) : 1;
    raise(c.row, Math.ceil(lines * size * LINE_HEIGHT_PER_POINT * 4) / 4);
  }
  const out: [number, number][] = [];
  need.forEach((h, row) => out.push([row, h])); // ascending rows; holes skipped
  if (odd.size === 0) return out;
  for (const entry of odd) out.push(entry);
  return out.sort((a, b) => a[0] - b[0]);
}

/** Rows below this are array indexes (2^32 − 1 is not one). */
const MAX_INDEX = 2 ** 32 - 1;

/**
 * Lines a text takes when wrapped at spaces to `perLine` characters (a word longer than a line is
 * broken, as Excel does); a line break starts a new line.
 * @example countLines("one two three", 7) === 2
 */
export function countLines(text: string, perLine: number): number {
  const n = text.length;
  if (n <= perLine && text.indexOf("\n") < 0) return 1;
  // One pass over the text by native searches, no pieces made (100,000s of sentences).
  let lines = 1;
  let used = 0; // characters on the current line
  let start = 0;
  let nextBreak = text.indexOf("\n");
  if (nextBreak < 0) nextBreak = n;
  while (start <= n) {
    let space = text.indexOf(" ", start);
    if (space < 0 || space > nextBreak) space = nextBreak;
    const word = space - start;
    if (used > 0 && used + 1 + word > perLine) {
      lines++;
      used = 0;
    }
    if (word > perLine) {
      // A word longer than a line is broken over several.
      lines += Math.ceil(word / perLine) - 1;
      used = word % perLine || perLine;
    } else used += (used > 0 ? 1 : 0) + word;
    if (space === nextBreak && space < n) {
      lines++;
      used = 0;
      nextBreak = text.indexOf("\n", space + 1);
      if (nextBreak < 0) nextBreak = n;
    }
    start = space + 1;
  }
  return lines;
}
