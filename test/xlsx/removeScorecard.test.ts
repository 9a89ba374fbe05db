import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { applyWritePlan } from "../../scripts/exceljs/applyWritePlan";
import { readWorkbookGrid } from "../../scripts/exceljs/readWorkbookGrid";
import { removeScorecard } from "../../src/xlsx/removeScorecard";
import { scoreXlsxBuffer } from "../../src/xlsx/scoreXlsxBuffer";
import { XlsxInputError } from "../../src/xlsx/XlsxInputError";
import { countRules, loadWorkbook, sheetOrder, snapshotSheets } from "./workbookSnapshot";

const USER = ["KPIs", "Notes"];

/** An officer's workbook (a KPI table with a rule of their own, and a notes sheet), unscored. */
function officerWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("KPIs");
  ws.addRow(["Measure", "Target", "Tolerance", "Q4 Performance"]);
  ws.addRow(["Percentage of assessments completed within 45 days", 0.9, 0.75, 0.92]);
  ws.addRow(["Percentage of re-referrals within 12 months (lower the better)", 0.2, 0.25, 0.22]);
  for (const a of ["B2", "C2", "D2", "B3", "C3", "D3"]) ws.getCell(a).numFmt = "0%";
  ws.addConditionalFormatting({
    ref: "B2:B3",
    rules: [{ type: "expression", priority: 1, formulae: ["B2>0.5"], style: {} }],
  });
  const notes = wb.addWorksheet("Notes");
  notes.getCell("C2").value = "Prepared by the performance team";
  return wb;
}

/** The officer's workbook scored by the engine and written by ExcelJS. */
async function scoredBytes(): Promise<Uint8Array> {
  const wb = officerWorkbook();
  const { plan } = scoreWorkbook(readWorkbookGrid(wb), {});
  applyWritePlan(wb, plan);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("removeScorecard (.xlsx, editing the package)", () => {
  test("takes out our rules, our sheets and the store; the officer's cells and rules stay as they were", async () => {
    const input = await scoredBytes();
    const before = await loadWorkbook(input);
    const ours = sheetOrder(before).filter((n) => !USER.includes(n) && n !== STORE_SHEET);
    expect(ours.length).toBeGreaterThan(0);
    expect(countRules(before).ours).toBeGreaterThan(0);

    const { output, report } = await removeScorecard(input);
    const after = await loadWorkbook(output);
    expect(sheetOrder(after)).toEqual(USER);
    expect(snapshotSheets(after, USER)).toEqual(snapshotSheets(before, USER));
    expect(countRules(after)).toEqual({ ours: 0, user: 1 });
    expect(report).toEqual({ sheets: ours, rules: countRules(before).ours, store: true, notRemoved: [] });
  });

  test("a workbook never scored comes back with nothing removed", async () => {
    const input = new Uint8Array(await officerWorkbook().xlsx.writeBuffer());
    const { output, report } = await removeScorecard(input);
    expect(report).toEqual({ sheets: [], rules: 0, store: false, notRemoved: [] });
    expect(sheetOrder(await loadWorkbook(output))).toEqual(USER);
  });

  test("everything of the officer's comes across byte for byte: macros, external links, custom XML", async () => {
    const fixture = new Uint8Array(
      fs.readFileSync(path.join(__dirname, "..", "fixtures", "xlsx", "excel-shaped.xlsm")),
    );
    const { output: scored } = await scoreXlsxBuffer(fixture);
    const { output, report } = await removeScorecard(scored);
    expect(report.store).toBe(true);
    expect(report.sheets.length).toBeGreaterThan(0);
    const before = unzipSync(fixture);
    const after = unzipSync(output);
    // Parts removal never needs to touch are the input's own bytes.
    for (const name of Object.keys(before).filter((n) =>
      /vbaProject|externalLink|customXml|theme|printerSettings|docProps|sharedStrings/.test(n),
    ))
      expect(Buffer.compare(Buffer.from(after[name]), Buffer.from(before[name]))).toBe(0);
    // No part of ours is left behind.
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  });

  test("a store that cannot be read is kept with our sheets, and the report says why", async () => {
    const wb = await loadWorkbook(await scoredBytes());
    const store = wb.getWorksheet(STORE_SHEET);
    if (!store) throw new Error("no store");
    store.getCell("B2").value = "{not json";
    const names = sheetOrder(wb);
    const { output, report } = await removeScorecard(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(report.store).toBe(false);
    expect(report.sheets).toEqual([]);
    expect(report.notRemoved).toEqual([expect.stringMatching(/store could not be read/)]);
    expect(sheetOrder(await loadWorkbook(output))).toEqual(names);
  });

  test("refuses a file that is not a workbook, with a one-line reason", async () => {
    const err = await removeScorecard(new TextEncoder().encode("Measure,Target\n")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxInputError);
    expect((err as Error).message).not.toMatch(/\n/);
  });
});
