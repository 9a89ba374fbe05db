import ExcelJS from "exceljs";
import type { SheetGrid } from "../../../src/engine/Grid";
import {
  dateToSerial,
  DEFAULT_DATE_FORMAT,
  readWorkbookGrid,
} from "../../../scripts/exceljs/readWorkbookGrid";
import { loadWorkbook } from "../../xlsx/workbookSnapshot";

/** Writes the workbook to bytes and reads it back, so the tests go through ExcelJS's real reader. */
async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  return loadWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
}

function at(g: SheetGrid, address: string): { value: unknown; format: string; formula: string | null } {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(address);
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r = Number(m[2]) - 1 - g.originRow;
  const c = col - g.originCol;
  const inside = r >= 0 && c >= 0 && r < g.values.length && c < (g.values[0]?.length ?? 0);
  return {
    value: inside ? g.values[r][c] : null,
    format: inside ? g.formats[r][c] : "General",
    formula: inside ? (g.formulas?.[r][c] ?? null) : null,
  };
}

describe("dateToSerial", () => {
  it.each([
    [Date.UTC(1900, 2, 1), 61],
    [Date.UTC(2015, 11, 1), 42339],
    [Date.UTC(2022, 2, 31), 44651],
    [Date.UTC(2022, 2, 31, 12), 44651.5],
  ])("%s → %s (1900 system)", (ms, serial) => {
    expect(dateToSerial(new Date(ms))).toBe(serial);
  });

  it("uses the 1904 system when asked", () => {
    expect(dateToSerial(new Date(Date.UTC(2015, 11, 1)), true)).toBe(42339 - 1462);
  });
});

describe("readWorkbookGrid", () => {
  it("reads sheets in tab order with the used range positioned by its origin", async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet("First");
    a.getCell("C4").value = "Measure";
    a.getCell("D5").value = 0.85;
    a.getCell("D5").numFmt = "0%";
    wb.addWorksheet("Empty");
    wb.addWorksheet("Third").getCell("A1").value = "x";
    const grid = readWorkbookGrid(await roundTrip(wb));

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

  it("turns dates into serial numbers, keeping the date format or giving dd/mm/yyyy", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Dates");
    ws.getCell("A1").value = new Date(Date.UTC(2015, 11, 1));
    ws.getCell("A1").numFmt = "mmm-yy";
    ws.getCell("B1").value = new Date(Date.UTC(2022, 2, 31));
    const loaded = await roundTrip(wb);
    // A date with no format of its own, as another tool might leave it.
    loaded.getWorksheet("Dates")!.getCell("C1").value = new Date(Date.UTC(2019, 11, 31));
    const g = readWorkbookGrid(loaded).sheets[0];

    expect(at(g, "A1")).toMatchObject({ value: 42339, format: "mmm-yy" });
    expect(at(g, "B1").value).toBe(44651);
    expect(at(g, "B1").format).not.toBe("General");
    expect(at(g, "C1")).toMatchObject({ value: 43830, format: DEFAULT_DATE_FORMAT });
  });

  it("gives formulas' cached results as values and the formulas in `formulas`, shared ones too", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("F");
    ws.getCell("A1").value = 2;
    ws.getCell("A2").value = 3;
    ws.getCell("A3").value = 4;
    ws.getCell("B1").value = {
      formula: "A1*10",
      result: 20,
      shareType: "shared",
      ref: "B1:B3",
    } as ExcelJS.CellFormulaValue;
    ws.getCell("B2").value = { sharedFormula: "B1", result: 30 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("B3").value = { sharedFormula: "B1", result: 40 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("C1").value = { formula: "A1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
    ws.getCell("D1").value = {
      formula: "TODAY()",
      result: new Date(Date.UTC(2022, 2, 31)),
    } as ExcelJS.CellFormulaValue;
    ws.getCell("D1").numFmt = "dd/mm/yyyy";
    ws.getCell("E1").value = { formula: "A1+1" } as ExcelJS.CellFormulaValue;
    const g = readWorkbookGrid(await roundTrip(wb)).sheets[0];

    expect(at(g, "B1")).toMatchObject({ value: 20, formula: "=A1*10" });
    expect(at(g, "B2")).toMatchObject({ value: 30, formula: "=A2*10" });
    expect(at(g, "B3")).toMatchObject({ value: 40, formula: "=A3*10" });
    expect(at(g, "C1")).toMatchObject({ value: "#DIV/0!", formula: "=A1/0" });
    expect(at(g, "D1")).toMatchObject({ value: 44651, format: "dd/mm/yyyy", formula: "=TODAY()" });
    expect(at(g, "E1")).toMatchObject({ value: null, formula: "=A1+1" });
    expect(at(g, "A1").formula).toBeNull();
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
    const g = readWorkbookGrid(await roundTrip(wb)).sheets[0];
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
    const g = readWorkbookGrid(await roundTrip(wb)).sheets[0];
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
    const grid = readWorkbookGrid(await roundTrip(wb));
    const [h, away, gone] = grid.sheets;
    expect(h.hiddenRows).toEqual([1]);
    expect(h.hiddenCols).toEqual([1]);
    expect(h.protected).toBe(true);
    expect(h.visibility).toBe("visible");
    expect(away.visibility).toBe("hidden");
    expect(gone.visibility).toBe("veryHidden");
    expect(away.protected).toBe(false);
  });

  it("does not add rows or columns to the workbook it reads", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = "a";
    ws.getCell("A10").value = "b";
    const loaded = await roundTrip(wb);
    const sheet = loaded.getWorksheet("S")!;
    const before = [sheet.rowCount, sheet.columns?.length ?? 0, sheet.actualRowCount];
    readWorkbookGrid(loaded);
    expect([sheet.rowCount, sheet.columns?.length ?? 0, sheet.actualRowCount]).toEqual(before);
  });

  it("gives rectangular values, formats and formulas of one shape", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Ragged");
    ws.getCell("A1").value = "a";
    ws.getCell("E2").value = 5;
    ws.getCell("B7").value = { formula: "E2", result: 5 } as ExcelJS.CellFormulaValue;
    const g = readWorkbookGrid(await roundTrip(wb)).sheets[0];
    expect(g.values).toHaveLength(7);
    for (const grid of [g.values, g.formats, g.formulas!]) {
      expect(grid).toHaveLength(7);
      for (const row of grid) expect(row).toHaveLength(5);
    }
  });
});
