import { columnLetters, toA1 } from "../engine/cells/toA1";
import { from1900Serial } from "../engine/cells/to1900Serial";
import { OUR_FONT } from "../engine/writeplan/createSheetBuilder";
import { estimateRowHeights } from "../engine/writeplan/estimateRowHeights";
import type {
  CellStyle,
  HeaderFooterText,
  PageSetup,
  PlanCell,
  SheetFont,
  SheetWrite,
} from "../engine/writeplan/WritePlan";
import { escapeXml } from "./escapeXml";
import type { StylesEditor } from "./StylesEditor";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Excel's default row height, in points, for a sheet with no font of its own. */
const LINE_HEIGHT = 15;

/** What to write besides the cells: our sheets print landscape, one page wide; the store is bare. */
export interface OwnSheetOptions {
  /** Print landscape, fitted to one page wide (our three sheets); the plan's `pageSetup` when given. */
  print: boolean;
  /** The relationship id of the sheet's drawing (its charts: `writeChartParts`), when it has one. */
  drawingRelId?: string;
  /** The workbook counts dates in the 1904 system: date-formatted numbers are written 1,462 less. */
  date1904?: boolean;
}

/** The parts of a sheet of the plan this writer reads. */
export type OwnSheet = Pick<SheetWrite, "cells" | "columnWidths" | "freezeRows"> &
  Partial<Pick<SheetWrite, "font" | "rowHeights" | "pageSetup">>;

/**
 * The worksheet XML of one of our own sheets, straight from the write plan: values (strings
 * inline, so the shared-strings part is never touched), live formulas with their cached values,
 * cell formats from `styles` (top-aligned, the sheet's font and the plan's fonts, fills, borders,
 * number formats and wrapping), column widths, the plan's row heights for wrapped text, frozen
 * header rows, the page setup (margins, A4 landscape fitted one page wide, header and footer;
 * the print area and titles are workbook names, written by the caller), and the `<drawing>` of
 * its charts when `drawingRelId` is given. The same plan always gives the same text. It comes in
 * pieces (a row's cells each a piece), which `XlsxPackage.setText` encodes without joining: a sheet
 * of a million cells never becomes one string.
 *
 * @example
 * const xml = writeOwnSheetXml(plan.sheets[0], styles, { print: true });
 * pkg.setText("xl/worksheets/sheet9.xml", xml); // xml.join("") is the part's text
 */
export function writeOwnSheetXml(
  sheet: OwnSheet,
  styles: StylesEditor | null,
  options: OwnSheetOptions,
): string[] {
  // The last write to a cell wins, as it did when cells were set one by one.
  const byAddress = new Map<number, PlanCell>();
  let maxCol = 0;
  let maxRow = 0;
  for (const c of sheet.cells) {
    byAddress.set(c.row * 16_384 + c.col, c);
    maxRow = Math.max(maxRow, c.row);
    maxCol = Math.max(maxCol, c.col);
  }
  const cells = [...byAddress.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  const font = sheet.font;
  // The plan gives the heights; a hand-made plan (tests, the store) gets the engine's estimate.
  const heights = new Map(
    sheet.rowHeights ?? estimateRowHeights(sheet.cells, sheet.columnWidths, font ?? OUR_FONT),
  );

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
  ];
  if (options.print) out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  out.push(`<dimension ref="${cells.length ? `A1:${toA1(maxRow, maxCol)}` : "A1"}"/>`);
  out.push("<sheetViews>");
  if (sheet.freezeRows > 0) {
    const n = sheet.freezeRows;
    out.push(
      `<sheetView workbookViewId="0"><pane ySplit="${n}" topLeftCell="A${n + 1}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="A${n + 1}" sqref="A${n + 1}"/></sheetView>`,
    );
  } else {
    out.push('<sheetView workbookViewId="0"/>');
  }
  const defaultHeight = font ? Math.round(font.size * 1.275 * 4) / 4 : LINE_HEIGHT;
  out.push(`</sheetViews><sheetFormatPr defaultRowHeight="${defaultHeight}"/>`);
  const cols = sheet.columnWidths
    .map((w, c) => (w > 0 ? `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>` : ""))
    .join("");
  if (cols) out.push(`<cols>${cols}</cols>`);
  out.push("<sheetData>");
  let row = -1;
  for (const c of cells) {
    if (c.row !== row) {
      if (row >= 0) out.push("</row>");
      row = c.row;
      const ht = heights.get(row);
      out.push(ht ? `<row r="${row + 1}" ht="${ht}" customHeight="1">` : `<row r="${row + 1}">`);
    }
    out.push(cellXml(c, styles, font, options.date1904 === true));
  }
  if (row >= 0) out.push("</row>");
  out.push("</sheetData>");
  if (options.print) out.push(printXml(sheet.pageSetup));
  // After the header and footer and the row breaks, as the schema orders a worksheet's children.
  if (options.drawingRelId) out.push(`<drawing r:id="${escapeXml(options.drawingRelId)}"/>`);
  out.push("</worksheet>");
  return out;
}

/**
 * Margins, page setup, header/footer and manual row breaks: the plan's, else landscape fitted
 * one page wide.
 */
function printXml(setup: PageSetup | undefined): string {
  if (!setup) {
    return (
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
    );
  }
  const m = setup.margins;
  const paper = setup.paperSize === "A4" ? ' paperSize="9"' : "";
  const header = headerFooterText(setup.header);
  const footer = headerFooterText(setup.footer);
  return (
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    `<pageSetup${paper} scale="${setup.scale}" fitToWidth="${setup.fitToWidth}" fitToHeight="${setup.fitToHeight}" orientation="${setup.orientation}"/>` +
    (header || footer
      ? `<headerFooter>${header ? `<oddHeader>${escapeXml(header)}</oddHeader>` : ""}${footer ? `<oddFooter>${escapeXml(footer)}</oddFooter>` : ""}</headerFooter>`
      : "") +
    rowBreaksXml(setup.rowBreaks ?? [])
  );
}

/**
 * `<rowBreaks>` for rows that start a page (0-based): a `<brk>`'s `id` is the 0-based row the
 * break is above (ISO/IEC 29500-1 §18.3.1.3), i.e. the 1-based row it follows; across every
 * column (`max` 16383), manual. Empty for none.
 */
function rowBreaksXml(rows: readonly number[]): string {
  const ids = [...new Set(rows)].filter((r) => Number.isInteger(r) && r > 0).sort((a, b) => a - b);
  if (ids.length === 0) return "";
  const brks = ids.map((id) => `<brk id="${id}" max="16383" man="1"/>`).join("");
  return `<rowBreaks count="${ids.length}" manualBreakCount="${ids.length}">${brks}</rowBreaks>`;
}

/** A header or footer's three sections in Excel's codes: "&L…&C…&R…". */
function headerFooterText(t: HeaderFooterText): string {
  return (t.left ? `&L${t.left}` : "") + (t.center ? `&C${t.center}` : "") + (t.right ? `&R${t.right}` : "");
}

/** The style of a cell the plan gives none: top-aligned only. */
const NO_STYLE: CellStyle = {};

/** One `<c>`: inline string, number, boolean or formula with its cached value. */
function cellXml(
  c: PlanCell,
  styles: StylesEditor | null,
  font: SheetFont | undefined,
  date1904: boolean,
): string {
  const ref = columnLetters(c.col) + String(c.row + 1);
  const s = styles ? ` s="${styles.cellXf(c.style ?? NO_STYLE, font)}"` : "";
  // The plan's dates are 1900-system serials.
  const v = typeof c.value === "number" ? from1900Serial(c.value, c.style?.numberFormat, date1904) : c.value;
  if (c.formula) {
    const f = `<f>${escapeXml(c.formula.replace(/^=/, ""))}</f>`;
    if (typeof v === "string") return `<c r="${ref}"${s} t="str">${f}<v>${escapeXml(v)}</v></c>`;
    if (typeof v === "boolean") return `<c r="${ref}"${s} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    if (typeof v === "number" && Number.isFinite(v)) return `<c r="${ref}"${s}>${f}<v>${v}</v></c>`;
    return `<c r="${ref}"${s}>${f}</c>`;
  }
  if (typeof v === "string" && v !== "") {
    const space = /^\s|\s$|\n/.test(v) ? ' xml:space="preserve"' : "";
    return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeXml(v)}</t></is></c>`;
  }
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === "number" && Number.isFinite(v)) return `<c r="${ref}"${s}><v>${v}</v></c>`;
  return `<c r="${ref}"${s}/>`;
}
