import ExcelJS from "exceljs";
import { readWorkbookGrid } from "../../../scripts/exceljs/readWorkbookGrid";
import { loadWorkbook } from "../../xlsx/workbookSnapshot";

describe("readWorkbookGrid: fill colours", () => {
  it("reads solid fills, of blank cells too, without adding a cell to the sheet", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("KPIs");
    ws.addRow(["Measure", "Target", "Q1", "RAG"]);
    ws.addRow(["Visits on time", 0.9, 0.95]);
    ws.getCell("D2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } };
    ws.getCell("A1").fill = { type: "pattern", pattern: "gray125" };
    const read = await loadWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    const grid = readWorkbookGrid(read).sheets[0];
    expect(grid.fills).toEqual([{ row: 1, col: 3, argb: "FF00B050" }]);
    // The blank coloured cell holds no value.
    expect(grid.values[0]).toHaveLength(4);
    expect(grid.values[1][3]).toBeNull();
  });
});
