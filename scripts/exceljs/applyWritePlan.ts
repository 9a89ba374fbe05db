import type ExcelJS from "exceljs";
import { columnLetters } from "../../src/engine/cells/toA1";
import { OUR_FONT } from "../../src/engine/writeplan/createSheetBuilder";
import { estimateRowHeights } from "../../src/engine/writeplan/estimateRowHeights";
import {
  CF_MARKER,
  type CellStyle,
  type CfWrite,
  type HeaderFooterText,
  type PageSetup,
  type PlanCell,
  type SheetFont,
  type SheetWrite,
  type WritePlan,
} from "../../src/engine/writeplan/WritePlan";

/**
 * Applies a write plan to an ExcelJS workbook in place, in the plan's order: removes our old
 * conditional-format rules (only those whose formula holds `CF_MARKER`) on `plan.cfSheets`,
 * deletes `plan.deleteSheets`, rewrites our sheets (an existing one keeps its tab position, a new
 * one goes at the end; each in the plan's font, row heights and page setup), adds our conditional
 * formats, and writes the very hidden store sheet.
 * Never changes a user's cells, rules, merges, widths or sheet order.
 *
 * A multi-area `CfWrite.range` ("D4:D6 D9") is written as the rule's `ref`, which ExcelJS puts
 * verbatim into the `sqref` attribute (OOXML separates areas with spaces there) and reads back the
 * same; so one range's rules cover all its areas. ExcelJS cannot write `stopIfTrue`; our rules are
 * written in priority order instead.
 *
 * @example
 * const { plan } = scoreWorkbook(readWorkbookGrid(wb));
 * applyWritePlan(wb, plan);
 * await wb.xlsx.writeBuffer();
 */
export function applyWritePlan(workbook: ExcelJS.Workbook, plan: WritePlan): void {
  for (const name of plan.cfSheets) {
    const ws = workbook.getWorksheet(name);
    if (ws) removeOurRules(ws);
  }
  for (const name of plan.deleteSheets) {
    const ws = workbook.getWorksheet(name);
    if (ws) workbook.removeWorksheet(ws.id);
  }
  for (const sheet of plan.sheets) writeSheet(workbook, sheet);
  const priorities = new Map<ExcelJS.Worksheet, number>();
  for (const cf of plan.conditionalFormats) addRules(workbook, cf, priorities);
  if (plan.store.sheetName) writeStore(workbook, plan.store.sheetName, plan.store.rows);
  keepActiveTabValid(workbook);
}

/**
 * Counts our conditional-format rules on a worksheet (those whose formula holds `CF_MARKER`).
 * @example countOurRules(wb.getWorksheet("KPIs")!) === 3
 */
export function countOurRules(ws: ExcelJS.Worksheet): number {
  return cfList(ws).reduce((n, cf) => n + cf.rules.filter(isOurs).length, 0);
}

interface CfEntry {
  ref: string;
  rules: ExcelJS.ConditionalFormattingRule[];
}

function cfList(ws: ExcelJS.Worksheet): CfEntry[] {
  const holder = ws as unknown as { conditionalFormattings?: CfEntry[] };
  if (!Array.isArray(holder.conditionalFormattings)) holder.conditionalFormattings = [];
  return holder.conditionalFormattings;
}

function isOurs(rule: ExcelJS.ConditionalFormattingRule): boolean {
  const formulae = (rule as { formulae?: unknown[] }).formulae ?? [];
  return formulae.some((f) => typeof f === "string" && f.includes(CF_MARKER));
}

/** Drops our rules; a range left with none of the user's rules is dropped with them. */
function removeOurRules(ws: ExcelJS.Worksheet): void {
  const before = cfList(ws);
  const holder = ws as unknown as { conditionalFormattings: CfEntry[] };
  holder.conditionalFormattings = before
    .map((cf) => ({ ...cf, rules: cf.rules.filter((r) => !isOurs(r)) }))
    .filter((cf, i) => cf.rules.length > 0 || before[i].rules.length === 0);
}

function writeSheet(workbook: ExcelJS.Workbook, sheet: SheetWrite): void {
  const old = workbook.getWorksheet(sheet.name);
  const orderNo = old ? (old as unknown as { orderNo: number }).orderNo : undefined;
  if (old) workbook.removeWorksheet(old.id);
  const ws = workbook.addWorksheet(sheet.name);
  if (orderNo !== undefined) (ws as unknown as { orderNo: number }).orderNo = orderNo;

  sheet.columnWidths.forEach((w, c) => {
    if (w > 0) ws.getColumn(c + 1).width = w;
  });
  for (const cell of sheet.cells) writeCell(ws, cell, sheet.font);
  const heights =
    sheet.rowHeights ?? estimateRowHeights(sheet.cells, sheet.columnWidths, sheet.font ?? OUR_FONT);
  for (const [row, points] of heights) ws.getRow(row + 1).height = points;
  if (sheet.pageSetup) applyPageSetup(ws, sheet.pageSetup);
  else {
    // A plan without a page setup (hand-made in tests): landscape, one page wide.
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    };
  }
  if (sheet.freezeRows > 0) {
    ws.views = [
      { state: "frozen", xSplit: 0, ySplit: sheet.freezeRows, topLeftCell: `A${sheet.freezeRows + 1}` },
    ];
  }
}

/** OOXML's paper size code for A4. */
const PAPER_A4 = 9;

/**
 * The plan's page setup as ExcelJS writes it: `<pageSetup>`, `<pageMargins>`, `<headerFooter>`
 * (sections joined with &L / &C / &R), `<rowBreaks>` and the print area and title rows as
 * defined names.
 */
function applyPageSetup(ws: ExcelJS.Worksheet, setup: PageSetup): void {
  const { printArea, printTitleRows: titles } = setup;
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: setup.orientation,
    paperSize: PAPER_A4,
    fitToPage: true,
    fitToWidth: setup.fitToWidth,
    fitToHeight: setup.fitToHeight,
    scale: setup.scale,
    margins: { ...setup.margins },
    // ExcelJS puts "$" before each end as given: "A$1" makes the "$A$1" Excel and LibreOffice read.
    printArea: `A$1:${columnLetters(printArea.lastCol)}$${printArea.lastRow + 1}`,
    ...(titles ? { printTitlesRow: `${titles.first + 1}:${titles.last + 1}` } : {}),
  };
  const sections = (t: HeaderFooterText): string =>
    (t.left ? `&L${t.left}` : "") + (t.center ? `&C${t.center}` : "") + (t.right ? `&R${t.right}` : "");
  ws.headerFooter = {
    ...ws.headerFooter,
    oddHeader: sections(setup.header),
    oddFooter: sections(setup.footer),
  };
  // A break after 1-based row r starts the page at 0-based row r; across every column.
  for (const r of setup.rowBreaks ?? []) if (r > 0) ws.getRow(r).addPageBreak(1, 16_384);
}

function writeCell(ws: ExcelJS.Worksheet, pc: PlanCell, font: SheetFont | undefined): void {
  const cell = ws.getCell(pc.row + 1, pc.col + 1);
  if (pc.formula) {
    const result = pc.value === null ? undefined : pc.value;
    cell.value = { formula: pc.formula, result } as ExcelJS.CellFormulaValue;
  } else {
    cell.value = pc.value;
  }
  applyStyle(cell, pc.style ?? {}, font);
}

/** "#RRGGBB" → ExcelJS ARGB ("FFRRGGBB"). */
function argb(hex: string): string {
  return `FF${hex.replace(/^#/, "").toUpperCase()}`;
}

function applyStyle(cell: ExcelJS.Cell, style: CellStyle, font: SheetFont | undefined): void {
  if (style.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  // Every font carries the sheet's name and a size, so no cell falls back to another face.
  if (font || style.bold || style.italic || style.fontColor || style.fontSize) {
    cell.font = {
      ...(font ? { name: font.name, size: style.fontSize ?? font.size } : {}),
      ...(!font && style.fontSize ? { size: style.fontSize } : {}),
      ...(style.bold ? { bold: true } : {}),
      ...(style.italic ? { italic: true } : {}),
      ...(style.fontColor ? { color: { argb: argb(style.fontColor) } } : {}),
    };
  }
  if (style.numberFormat) cell.numFmt = style.numberFormat;
  // Top-aligned throughout, so a row made tall by wrapped text still reads across.
  cell.alignment = {
    vertical: "top",
    ...(style.wrap ? { wrapText: true } : {}),
    ...(style.horizontal ? { horizontal: style.horizontal } : {}),
  };
  if (style.borderBottom) cell.border = { bottom: { style: "thin", color: { argb: "FF808080" } } };
}

/**
 * Adds one (possibly multi-area) range's rules, with priorities after every rule already on the
 * sheet, in the plan's order. `priorities` keeps each sheet's next free priority, so the sheet's
 * rules are scanned once, not once per range.
 */
function addRules(workbook: ExcelJS.Workbook, cf: CfWrite, priorities: Map<ExcelJS.Worksheet, number>): void {
  const ws = workbook.getWorksheet(cf.sheet);
  if (!ws || cf.rules.length === 0) return;
  let next = priorities.get(ws) ?? nextPriority(ws);
  const rules: ExcelJS.ConditionalFormattingRule[] = cf.rules.map((r) => ({
    type: "expression",
    priority: next++,
    formulae: [r.formula.replace(/^=/, "")],
    style: {
      fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(r.fill) } },
      font: { color: { argb: argb(r.fontColor) } },
    },
  }));
  ws.addConditionalFormatting({ ref: cf.range, rules });
  priorities.set(ws, next);
}

/** One more than the highest priority of the sheet's rules (1 when it has none). */
function nextPriority(ws: ExcelJS.Worksheet): number {
  let max = 0;
  for (const e of cfList(ws)) for (const r of e.rules) max = Math.max(max, r.priority ?? 0);
  return max + 1;
}

function writeStore(workbook: ExcelJS.Workbook, name: string, rows: [string, string][]): void {
  const old = workbook.getWorksheet(name);
  if (old) workbook.removeWorksheet(old.id);
  const ws = workbook.addWorksheet(name, { state: "veryHidden" });
  rows.forEach(([key, json], i) => {
    ws.getCell(i + 1, 1).value = key;
    ws.getCell(i + 1, 2).value = json;
  });
}

/** After sheets come and go, point the workbook's active tab at a visible sheet that exists. */
function keepActiveTabValid(workbook: ExcelJS.Workbook): void {
  const sheets = workbook.worksheets;
  const views = workbook.views ?? [];
  for (const view of views) {
    const v = view as { activeTab?: number; firstSheet?: number };
    const active = v.activeTab ?? 0;
    if (active >= sheets.length || sheets[active]?.state !== "visible") {
      const firstVisible = sheets.findIndex((s) => s.state === "visible");
      v.activeTab = Math.max(0, firstVisible);
    }
    if ((v.firstSheet ?? 0) >= sheets.length) v.firstSheet = 0;
  }
}
