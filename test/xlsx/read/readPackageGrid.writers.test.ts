import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import type { SheetGrid, WorkbookGrid } from "../../../src/engine/Grid";
import { fflateCodec } from "../../../src/xlsx/fflateCodec";
import { DEFAULT_DATE_FORMAT, readPackageGrid } from "../../../src/xlsx/read/readPackageGrid";
import { XlsxPackage } from "../../../src/xlsx/XlsxPackage";

/** Writes the workbook with ExcelJS (an outside writer) and reads the bytes with our reader. */
async function readBack(wb: ExcelJS.Workbook): Promise<WorkbookGrid> {
  return readPackageGrid(XlsxPackage.open(new Uint8Array(await wb.xlsx.writeBuffer()), fflateCodec));
}

/** A one-sheet package whose sheet holds the cells' XML in row 1. */
function workbookXml(cells: string): Uint8Array {
  const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zipSync({
    "_rels/.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheets><sheet name="S" sheetId="1" r:id="r1"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cells}</row></sheetData></worksheet>`,
    ),
  });
}

function at(g: SheetGrid, address: string): { value: unknown; format: string } {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(address);
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r = Number(m[2]) - 1 - g.originRow;
  const c = col - g.originCol;
  const inside = r >= 0 && c >= 0 && r < g.values.length && c < (g.values[0]?.length ?? 0);
  return { value: inside ? g.values[r][c] : null, format: inside ? g.formats[r][c] : "General" };
}

describe("readPackageGrid on workbooks ExcelJS wrote", () => {
  it("reads sheets in tab order with the used range positioned by its origin", async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet("First");
    a.getCell("C4").value = "Measure";
    a.getCell("D5").value = 0.85;
    a.getCell("D5").numFmt = "0%";
    wb.addWorksheet("Empty");
    wb.addWorksheet("Third").getCell("A1").value = "x";
    const grid = await readBack(wb);

    expect(grid.sheets.map((s) => s.name)).toEqual(["First", "Empty", "Third"]);
    const first = grid.sheets[0];
    expect([first.originRow, first.originCol]).toEqual([3, 2]);
    expect(first.values).toEqual([
      ["Measure", null],
      [null, 0.85],
    ]);
    expect(first.formats).toEqual([
      ["General", "General"],
      ["General", "0%"],
    ]);
    expect(grid.sheets[1].values).toEqual([]);
    expect(grid.sheets[1].formats).toEqual([]);
  });

  it("reads rich text, hyperlinks, errors and booleans as plain values", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Text");
    ws.getCell("A1").value = {
      richText: [{ text: "Looked After " }, { font: { bold: true }, text: "Children" }],
    };
    ws.getCell("A2").value = { text: "Report", hyperlink: "https://example.org/report" };
    ws.getCell("A3").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("A4").value = true;
    const g = (await readBack(wb)).sheets[0];
    expect(g.values.map((r) => r[0])).toEqual(["Looked After Children", "Report", "#N/A", true]);
  });

  it("reads merges in sheet coordinates and blanks the cells a merge covers", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("M");
    ws.getCell("B3").value = "2019/20";
    ws.mergeCells("B3:D3");
    ws.getCell("B4").value = "Q1";
    ws.getCell("C4").value = "Q2";
    ws.getCell("D4").value = "Q3";
    const g = (await readBack(wb)).sheets[0];
    expect(g.merges).toEqual([{ top: 2, left: 1, bottom: 2, right: 3 }]);
    expect(at(g, "B3").value).toBe("2019/20");
    expect(at(g, "C3").value).toBeNull();
    expect(at(g, "D3").value).toBeNull();
  });

  it("reads hidden rows and columns, visibility and protection", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Hidden bits");
    ws.getCell("A1").value = 1;
    ws.getCell("A2").value = 2;
    ws.getCell("C3").value = 3;
    ws.getRow(2).hidden = true;
    ws.getColumn(2).hidden = true;
    await ws.protect("", {});
    wb.addWorksheet("Away", { state: "hidden" }).getCell("A1").value = 1;
    wb.addWorksheet("Gone", { state: "veryHidden" }).getCell("A1").value = 1;
    const grid = await readBack(wb);
    const [h, away, gone] = grid.sheets;
    expect(h.hiddenRows).toEqual([1]);
    expect(h.hiddenCols).toEqual([1]);
    expect(h.protected).toBe(true);
    expect(h.visibility).toBe("visible");
    expect(away.visibility).toBe("hidden");
    expect(gone.visibility).toBe("veryHidden");
    expect(away.protected).toBe(false);
  });

  it("gives rectangular values, formats and formulas of one shape", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Ragged");
    ws.getCell("A1").value = "a";
    ws.getCell("E2").value = 5;
    ws.getCell("B7").value = { formula: "E2", result: 5 } as ExcelJS.CellFormulaValue;
    const g = (await readBack(wb)).sheets[0];
    expect(g.values).toHaveLength(7);
    for (const grid of [g.values, g.formats]) {
      expect(grid).toHaveLength(7);
      for (const row of grid) expect(row).toHaveLength(5);
    }
  });

  it("turns dates into serial numbers with their format, and gives cached formula results", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Dates");
    ws.getCell("A1").value = new Date(Date.UTC(2015, 11, 1));
    ws.getCell("A1").numFmt = "mmm-yy";
    ws.getCell("B1").value = new Date(Date.UTC(2022, 2, 31));
    ws.getCell("A2").value = 2;
    ws.getCell("B2").value = {
      formula: "A2*10",
      result: 20,
      shareType: "shared",
      ref: "B2:B3",
    } as ExcelJS.CellFormulaValue;
    ws.getCell("B3").value = { sharedFormula: "B2", result: 30 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("C2").value = { formula: "A2/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
    ws.getCell("D2").value = { formula: "A2+1" } as ExcelJS.CellFormulaValue;
    const g = (await readBack(wb)).sheets[0];
    expect(at(g, "A1")).toEqual({ value: 42339, format: "mmm-yy" });
    expect(at(g, "B1").value).toBe(44651);
    expect(at(g, "B1").format).not.toBe("General");
    expect([at(g, "B2").value, at(g, "B3").value, at(g, "C2").value, at(g, "D2").value]).toEqual([
      20,
      30,
      "#DIV/0!",
      null,
    ]);
  });

  it('reads an ISO date cell (t="d") as a serial with dd/mm/yyyy', () => {
    const wb = workbookXml('<c r="A1" t="d"><v>2019-12-31T00:00:00</v></c>');
    const g = readPackageGrid(XlsxPackage.open(wb, fflateCodec)).sheets[0];
    expect(at(g, "A1")).toEqual({ value: 43830, format: DEFAULT_DATE_FORMAT });
  });
});

describe("readPackageGrid: fill colours", () => {
  it("reads solid fills, of blank cells too, without adding a cell to the sheet", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("KPIs");
    ws.addRow(["Measure", "Target", "Q1", "RAG"]);
    ws.addRow(["Visits on time", 0.9, 0.95]);
    ws.getCell("D2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } };
    ws.getCell("A1").fill = { type: "pattern", pattern: "gray125" };
    const grid = (await readBack(wb)).sheets[0];
    expect(grid.fills).toEqual([{ row: 1, col: 3, argb: "FF00B050" }]);
    // The blank coloured cell holds no value.
    expect(grid.values[0]).toHaveLength(4);
    expect(grid.values[1][3]).toBeNull();
  });
});
