import type { HeaderFooterText, PageSetup, SheetFont } from "./WritePlan";

/** A4 landscape, in points. */
export const A4_LANDSCAPE = { width: 841.9, height: 595.3 } as const;

/** Our margins in inches: narrow at the sides, room for the header and footer above and below. */
export const PRINT_MARGINS: PageSetup["margins"] = {
  left: 0.25,
  right: 0.25,
  top: 0.75,
  bottom: 0.75,
  header: 0.3,
  footer: 0.3,
};

/**
 * The smallest print scale, in percent, our column widths allow: 10 pt text prints at 8.5 pt, so
 * the body stays at 8 pt or more even where a renderer measures columns a little wider.
 */
export const MIN_PRINT_SCALE = 85;

/**
 * Points one unit of column width takes: 7 pixels of the default font's digit at 96 dpi in Excel
 * (5.25 pt); LibreOffice measures Calibri's metric twin a little wider (about 5.6 pt), so this
 * budgets for the wider.
 */
export const POINTS_PER_WIDTH = 5.6;

/** Width of the printable part of the page, in points. */
const PRINTABLE_WIDTH = A4_LANDSCAPE.width - (PRINT_MARGINS.left + PRINT_MARGINS.right) * 72;

/**
 * The most column width (in characters, summed over the printed columns) that fits one page wide
 * at `MIN_PRINT_SCALE`: about 180.
 */
export const PRINT_WIDTH_BUDGET = Math.floor(PRINTABLE_WIDTH / POINTS_PER_WIDTH / (MIN_PRINT_SCALE / 100));

/**
 * The scale, in percent (at most 100, rounded down), at which columns of these widths fit one
 * A4 landscape page wide.
 * @example printScale([30, 30]) === 100; printScale(new Array(17).fill(10)) === 84
 */
export function printScale(widths: readonly number[]): number {
  const points = widths.reduce((sum, w) => sum + Math.max(0, w) * POINTS_PER_WIDTH, 0);
  if (points <= PRINTABLE_WIDTH) return 100;
  return Math.floor((PRINTABLE_WIDTH / points) * 100);
}

/** What a sheet's page setup is made from. */
export interface PageSetupInput {
  /** The sheet's title, for the page header ("KPI Commentary"). */
  title: string;
  /** The period scored, for the page header ("" when none). */
  period: string;
  font: SheetFont;
  columnWidths: readonly number[];
  /** The last row and column (0-based) printed. */
  lastRow: number;
  lastCol: number;
  /** The table's header rows, repeated on every page, or null. */
  titleRows: { first: number; last: number } | null;
}

/**
 * The page setup of one of our sheets: A4 landscape, the print area fitted one page wide and as
 * many pages tall as needed, the table's header rows on every page, the sheet's title and period
 * in the page header and "Page 3 of 7" in the footer, in the sheet's font.
 *
 * @example
 * buildPageSetup({ title: "KPI Commentary", period: "Q3", font: { name: "Arial", size: 10 },
 *   columnWidths: [20, 40], lastRow: 30, lastCol: 1, titleRows: { first: 4, last: 4 } }).footer.center
 * // '&"Arial,Regular"&10Page &P of &N'
 */
export function buildPageSetup(input: PageSetupInput): PageSetup {
  const { font } = input;
  const header: HeaderFooterText = { left: codeText(font.name, "Bold", font.size, input.title) };
  if (input.period.trim())
    header.right = codeText(font.name, "Regular", font.size, `Period scored: ${input.period.trim()}`);
  return {
    orientation: "landscape",
    paperSize: "A4",
    fitToWidth: 1,
    fitToHeight: 0,
    scale: printScale(input.columnWidths.slice(0, input.lastCol + 1)),
    printArea: { lastRow: Math.max(0, input.lastRow), lastCol: Math.max(0, input.lastCol) },
    printTitleRows: input.titleRows,
    margins: { ...PRINT_MARGINS },
    header,
    footer: { center: `${fontCode(font.name, "Regular", font.size)}Page &P of &N` },
  };
}

/** Excel's codes for a font and size at the start of a header section. */
function fontCode(name: string, style: string, size: number): string {
  return `&"${name.replace(/"/g, "")},${style}"&${size}`;
}

/**
 * Text in a header section, in a font: its "&" doubled, and a space kept between the size code
 * and text that starts with a digit (else "&10" and "2019/20" would read as size 102019).
 */
function codeText(name: string, style: string, size: number, text: string): string {
  const safe = text.replace(/&/g, "&&");
  return `${fontCode(name, style, size)}${/^\d/.test(safe) ? " " : ""}${safe}`;
}
