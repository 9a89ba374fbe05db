import { columnLetters } from "../engine/cells/toA1";
import type { HeaderFooterText, PageSetup, SheetWrite } from "../engine/writeplan/WritePlan";
import type { WriteOp } from "./planWriteOps";
import { jsonBytes, RequestBytes } from "./RequestBytes";

/** The six sections of a page's header and footer, as `Excel.HeaderFooter` names them. */
const SECTIONS = [
  ["leftHeader", "header", "left"],
  ["centerHeader", "header", "center"],
  ["rightHeader", "header", "right"],
  ["leftFooter", "footer", "left"],
  ["centerFooter", "footer", "center"],
  ["rightFooter", "footer", "right"],
] as const;

/**
 * The op that gives one of our sheets its font and print setup, queued after everything else is
 * written (so a host that refuses part of it loses only this, reported as `print setup of sheet
 * "…"`). It sets the sheet's font name and size on every written cell, then the larger size of its
 * titles; lets Excel fit the rows' heights to the wrapped text; and, through `Worksheet.pageLayout`
 * (ExcelApi 1.9): landscape A4, the plan's margins, its `scale` (which fits the print area one
 * page wide: a set `zoom.horizontalFitToPages` is not always kept by Excel), the page header and
 * footer, the print area, the header rows repeated on every page, and the plan's manual page
 * breaks (`horizontalPageBreaks`, ExcelApi 1.9: the sheet's old ones removed first, as a sheet
 * cleared for a re-run keeps them). It only queues; one op, whatever the number of rows.
 *
 * @example
 * for (const sheet of plan.sheets) ops.push(...printSetupOps(sheet));
 */
export function printSetupOps(sheet: SheetWrite): WriteOp[] {
  const { font, pageSetup: setup } = sheet;
  if (!font && !setup) return [];
  const name = sheet.name;
  let lastRow = -1;
  let lastCol = -1;
  for (const c of sheet.cells) {
    if (c.row > lastRow) lastRow = c.row;
    if (c.col > lastCol) lastCol = c.col;
  }
  const sized = font && lastRow >= 0 ? sizeRuns(sheet, font.size) : [];
  const bytes = new RequestBytes().sheet(name);
  if (font && lastRow >= 0) {
    const used = new RequestBytes()
      .method("getRangeByIndexes", [0, 0, lastRow + 1, lastCol + 1], true)
      .prop("format")
      .call("autofitRows")
      .prop("font")
      .set("name", jsonBytes(font.name))
      .set("size", jsonBytes(font.size));
    bytes.bytes += used.bytes;
    for (const run of sized)
      bytes.bytes += new RequestBytes()
        .method("getRange", [run.address], true)
        .prop("format")
        .prop("font")
        .set("size", jsonBytes(run.size)).bytes;
  }
  const area = setup ? printAreaAddress(setup) : "";
  const titles = setup?.printTitleRows
    ? `$${setup.printTitleRows.first + 1}:$${setup.printTitleRows.last + 1}`
    : null;
  if (setup) {
    bytes
      .prop("pageLayout")
      .set("orientation", jsonBytes("Landscape"))
      .set("paperSize", jsonBytes("A4"))
      .call("setPrintMargins", ["Inches", setup.margins])
      .set("zoom", jsonBytes({ scale: setup.scale }))
      .call("setPrintArea", [area]);
    if (titles) bytes.call("setPrintTitleRows", [titles]);
    bytes.prop("headersFooters").prop("defaultForAllPages");
    for (const [prop, part, side] of SECTIONS) bytes.set(prop, jsonBytes(sectionText(setup[part], side)));
    // On the worksheet: its break collection, the removal, and one `add` (an object) per break.
    bytes.prop("horizontalPageBreaks").call("removePageBreaks");
    for (const cell of breakCells(setup)) bytes.method("add", [cell]);
  }
  return [
    {
      group: `print setup of sheet "${name}"`,
      kind: "sheet",
      bytes: bytes.bytes,
      apply: (context) => {
        const ws = context.workbook.worksheets.getItem(name);
        if (font && lastRow >= 0) setFonts(ws, lastRow, lastCol, font, sized);
        if (setup) setPageLayout(ws, setup, area, titles);
      },
    },
  ];
}

/** Every written cell in the sheet's font (a cleared sheet keeps the workbook's default), then titles' sizes. */
function setFonts(
  ws: Excel.Worksheet,
  lastRow: number,
  lastCol: number,
  font: { name: string; size: number },
  sized: { address: string; size: number }[],
): void {
  const used = ws.getRangeByIndexes(0, 0, lastRow + 1, lastCol + 1).format;
  used.font.name = font.name;
  used.font.size = font.size;
  for (const run of sized) ws.getRange(run.address).format.font.size = run.size;
  used.autofitRows();
}

/** Queues the plan's page setup on `Worksheet.pageLayout` (ExcelApi 1.9). */
function setPageLayout(ws: Excel.Worksheet, setup: PageSetup, area: string, titles: string | null): void {
  const layout = ws.pageLayout;
  layout.orientation = setup.orientation === "portrait" ? "Portrait" : "Landscape";
  layout.paperSize = "A4";
  layout.setPrintMargins("Inches", setup.margins);
  layout.zoom = { scale: setup.scale };
  layout.setPrintArea(area);
  if (titles) layout.setPrintTitleRows(titles);
  const page = layout.headersFooters.defaultForAllPages;
  for (const [prop, part, side] of SECTIONS) page[prop] = sectionText(setup[part], side);
  // Ours only: the last run's go first (clearing the sheet leaves them).
  const breaks = ws.horizontalPageBreaks;
  breaks.removePageBreaks();
  for (const cell of breakCells(setup)) breaks.add(cell);
}

/** The first cell of each row that starts a page ("A53"): `add` breaks above it. */
function breakCells(setup: PageSetup): string[] {
  return (setup.rowBreaks ?? []).filter((r) => r > 0).map((r) => `A${r + 1}`);
}

/** A header or footer section's text ("" clears one left from before). */
function sectionText(text: HeaderFooterText, side: keyof HeaderFooterText): string {
  return text[side] ?? "";
}

/** The print area as an address, "A1:K80". */
function printAreaAddress(setup: PageSetup): string {
  return `A1:${columnLetters(setup.printArea.lastCol)}${setup.printArea.lastRow + 1}`;
}

/** Runs of cells along a row whose style sets a font size other than the sheet's, with the size. */
function sizeRuns(sheet: SheetWrite, base: number): { address: string; size: number }[] {
  const cells = sheet.cells
    .filter((c) => c.style?.fontSize !== undefined && c.style.fontSize !== base)
    .sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: { row: number; left: number; right: number; size: number }[] = [];
  for (const c of cells) {
    const size = c.style!.fontSize!;
    const last = runs[runs.length - 1];
    if (last && last.row === c.row && last.right === c.col - 1 && last.size === size) last.right = c.col;
    else runs.push({ row: c.row, left: c.col, right: c.col, size });
  }
  return runs.map((r) => ({
    address:
      r.left === r.right
        ? `${columnLetters(r.left)}${r.row + 1}`
        : `${columnLetters(r.left)}${r.row + 1}:${columnLetters(r.right)}${r.row + 1}`,
    size: r.size,
  }));
}
