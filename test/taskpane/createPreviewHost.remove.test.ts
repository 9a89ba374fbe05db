import ExcelJS from "exceljs";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { applyWritePlan } from "../../scripts/exceljs/applyWritePlan";
import { readWorkbookGrid } from "../../scripts/exceljs/readWorkbookGrid";
import { createPreviewHost, type XlsxRemover } from "../../src/taskpane/createPreviewHost";
import { loadWorkbook, sheetOrder } from "../xlsx/workbookSnapshot";

describe("createPreviewHost: Remove scorecard", () => {
  test("removes through the .xlsx remover, and the download is then the workbook without the scorecard", async () => {
    const calls: { input: Uint8Array; force?: boolean }[] = [];
    const remover: XlsxRemover = async (input, options) => {
      calls.push({ input, force: options?.force });
      return {
        output: new Uint8Array([9]),
        report: { sheets: ["Scorecard Summary"], rules: 2, store: true, notRemoved: [] },
      };
    };
    const host = createPreviewHost(new Uint8Array([1, 2]), { force: true, loadRemover: async () => remover });
    expect(await host.removeScorecard()).toEqual({
      sheets: ["Scorecard Summary"],
      rules: 2,
      store: true,
      notRemoved: [],
    });
    expect(calls).toEqual([{ input: new Uint8Array([1, 2]), force: true }]);
    expect(host.scoredWorkbook()).toEqual(new Uint8Array([9]));
  });

  test("with the real remover (loaded on demand), a scored workbook loses our sheets", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("KPIs");
    ws.addRow(["Measure", "Target", "Tolerance", "Q4 Performance"]);
    ws.addRow(["Percentage of assessments completed within 45 days", 0.9, 0.75, 0.92]);
    applyWritePlan(wb, scoreWorkbook(readWorkbookGrid(wb), {}).plan);
    const host = createPreviewHost(new Uint8Array(await wb.xlsx.writeBuffer()));
    const report = await host.removeScorecard();
    expect(report.store).toBe(true);
    expect(sheetOrder(await loadWorkbook(host.scoredWorkbook() as Uint8Array))).toEqual(["KPIs"]);
  });
});
