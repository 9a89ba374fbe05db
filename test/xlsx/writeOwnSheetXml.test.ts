import * as fs from "fs";
import * as path from "path";
import { strFromU8, unzipSync } from "fflate";
import { buildPageSetup } from "../../src/engine/writeplan/buildPageSetup";
import { WORKSHEET_ORDER } from "../../src/xlsx/patchWorksheetXml";
import { scoreXlsxBuffer } from "../../src/xlsx/scoreXlsxBuffer";
import { writeOwnSheetXml, type OwnSheet } from "../../src/xlsx/writeOwnSheetXml";

// Manual page breaks in the .xlsx host: `<rowBreaks>` where the schema puts it, `<brk id>` the
// 0-based row each printed page starts at (ISO/IEC 29500-1 §18.3.1.3: "Zero-based row ... Breaks
// occur above the specified row"; Excel and ExcelJS write the 1-based row the break follows, the
// same number).

const SAMPLE = path.join(__dirname, "..", "..", "samples", "q4-2021-22.xlsx");

/** The worksheet's child elements, in document order. */
function children(xml: string): string[] {
  const body = xml.replace(/^[\s\S]*?<worksheet\b[^>]*>/, "").replace(/<\/worksheet>\s*$/, "");
  const names: string[] = [];
  let depth = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z:]+)[^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 0) names.push(m[2]);
      if (!m[3]) depth++;
    }
  }
  return names;
}

function sheet(rowBreaks?: number[]): OwnSheet {
  const setup = buildPageSetup({
    title: "Scorecard Summary",
    period: "Q4",
    font: { name: "Arial", size: 10 },
    columnWidths: [36, 11],
    lastRow: 90,
    lastCol: 1,
    titleRows: null,
  });
  return {
    cells: [{ row: 0, col: 0, value: "Scorecard Summary" }],
    columnWidths: [36, 11],
    freezeRows: 0,
    font: { name: "Arial", size: 10 },
    pageSetup: rowBreaks ? { ...setup, rowBreaks } : setup,
  };
}

describe("writeOwnSheetXml: the plan's manual page breaks", () => {
  it("writes <rowBreaks> after the header and footer and before the drawing, ids the rows that start a page", () => {
    const xml = writeOwnSheetXml(sheet([52, 89]), null, { print: true, drawingRelId: "rId1" }).join("");
    expect(xml).toContain(
      '<rowBreaks count="2" manualBreakCount="2"><brk id="52" max="16383" man="1"/><brk id="89" max="16383" man="1"/></rowBreaks>',
    );
    const names = children(xml);
    expect(names.slice(-4)).toEqual(["pageSetup", "headerFooter", "rowBreaks", "drawing"]);
    const at = names.map((n) => WORKSHEET_ORDER.indexOf(n));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it("writes none without breaks, and never a break above row 1 or the same row twice", () => {
    expect(writeOwnSheetXml(sheet(), null, { print: true }).join("")).not.toContain("rowBreaks");
    expect(writeOwnSheetXml(sheet([]), null, { print: true }).join("")).not.toContain("rowBreaks");
    const xml = writeOwnSheetXml(sheet([40, 0, 12, 40]), null, { print: true }).join("");
    expect(xml).toContain('<rowBreaks count="2" manualBreakCount="2"><brk id="12" ');
    expect([...xml.matchAll(/<brk /g)]).toHaveLength(2);
  });
});

describe("the scored sample's Scorecard Summary", () => {
  it("carries the plan's breaks (Charts, a chart, Chart data), and a second run gives the same bytes", async () => {
    const first = await scoreXlsxBuffer(new Uint8Array(fs.readFileSync(SAMPLE)));
    const again = await scoreXlsxBuffer(first.output);
    const summary = first.outcome.plan.sheets.find((s) => s.role === "summary")!;
    const breaks = summary.pageSetup!.rowBreaks!;
    expect(breaks).toHaveLength(3);
    const rowOf = (text: string) => summary.cells.find((c) => c.col === 0 && c.value === text)!.row;
    expect(breaks[0]).toBe(rowOf("Charts"));
    expect(breaks[2]).toBe(rowOf("Chart data"));

    const parts = unzipSync(first.output);
    const sheets = Object.keys(parts).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
    const withBreaks = sheets.filter((p) => strFromU8(parts[p]).includes("<rowBreaks"));
    expect(withBreaks).toHaveLength(1);
    const xml = strFromU8(parts[withBreaks[0]]);
    expect(xml).toContain(">Chart data<");
    const ids = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toEqual(breaks);
    // The 1-based row after each break's id is the row written with the title.
    expect(xml).toMatch(
      new RegExp(`<row r="${breaks[0] + 1}"[^>]*><c r="A${breaks[0] + 1}"[^>]*><is><t>Charts</t>`),
    );
    expect(Buffer.compare(Buffer.from(again.output), Buffer.from(first.output))).toBe(0);
  }, 60_000);
});

describe("writeOwnSheetXml in a 1904-system workbook", () => {
  it("writes the plan's date-formatted numbers 1,462 less, and other numbers as they are", () => {
    const sheet: OwnSheet = {
      cells: [
        { row: 0, col: 0, value: 42339, style: { numberFormat: "mmm-yy" } },
        { row: 0, col: 1, value: 0.25, style: { numberFormat: "0%" } },
      ],
      columnWidths: [],
      freezeRows: 0,
    };
    const in1904 = writeOwnSheetXml(sheet, null, { print: false, date1904: true }).join("");
    expect(in1904).toContain('<c r="A1"><v>40877</v></c>');
    expect(in1904).toContain('<c r="B1"><v>0.25</v></c>');
    expect(writeOwnSheetXml(sheet, null, { print: false }).join("")).toContain('<c r="A1"><v>42339</v></c>');
  });
});
