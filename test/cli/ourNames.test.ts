import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ScoreResult } from "../../src/engine/ScoreResult";
import { loadWorkbook, sheetOrder, sheetText } from "../xlsx/workbookSnapshot";
import { runCliCollecting } from "./runCliCollecting";

// Issue 14, item 3: an officer's sheet called "QScorecard_Store" is never taken for our store.
jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecard-names-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCliCollecting(argv, { cwd: dir, sampleDir: dir });
const bytes = (name: string) => fs.readFileSync(path.join(dir, name));

async function writeInput(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("KPIs");
  ws.addRow(["Measure", "Target", "Tolerance", "Q4 Performance"]);
  ws.addRow(["Assessments within 45 days", 0.9, 0.75, 0.92]);
  ws.addRow(["Visits on time", 0.9, 0.75, 0.7]);
  for (const a of ["B2", "C2", "D2", "B3", "C3", "D3"]) ws.getCell(a).numFmt = "0%";
  wb.addWorksheet("QScorecard_Store").getCell("A1").value = "my own notes";
  await wb.xlsx.writeFile(path.join(dir, "in.xlsx"));
}

describe("scorecard score beside an officer's sheet called QScorecard_Store", () => {
  it("scores, keeps their sheet, says where the store went; a re-run and remove leave it too", async () => {
    await writeInput();
    const run = await cli("score", "in.xlsx", "--out", "one.xlsx", "--json", "one.json");
    expect(run.code).toBe(0);
    expect(run.out + run.err).not.toMatch(/not valid JSON/);
    const result = JSON.parse(fs.readFileSync(path.join(dir, "one.json"), "utf8")) as ScoreResult;
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        sheet: "QScorecard_Store",
        cell: "A1",
        message: expect.stringContaining('"QScorecard_Store (2)"') as unknown,
      }),
    );
    const one = await loadWorkbook(bytes("one.xlsx"));
    expect(sheetText(one.getWorksheet("QScorecard_Store")!)).toEqual([["my own notes"]]);
    expect(one.getWorksheet("QScorecard_Store (2)")?.state).toBe("veryHidden");

    expect((await cli("score", "one.xlsx", "--out", "two.xlsx")).code).toBe(0);
    expect(Buffer.compare(bytes("two.xlsx"), bytes("one.xlsx"))).toBe(0);

    const removed = await cli("remove", "two.xlsx", "--out", "clean.xlsx", "--force");
    expect(removed.code).toBe(0);
    const clean = await loadWorkbook(bytes("clean.xlsx"));
    expect(sheetOrder(clean)).toEqual(["KPIs", "QScorecard_Store"]);
    expect(sheetText(clean.getWorksheet("QScorecard_Store")!)).toEqual([["my own notes"]]);
  });
});
