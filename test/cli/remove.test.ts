import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { applyWritePlan } from "../../scripts/exceljs/applyWritePlan";
import { readWorkbookGrid } from "../../scripts/exceljs/readWorkbookGrid";
import { countRules, loadWorkbook, sheetOrder, snapshotSheets } from "../xlsx/workbookSnapshot";
import { runCliCollecting } from "./runCliCollecting";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecard-remove-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in the temp dir and collects what it prints. */
const cli = (...argv: string[]) => runCliCollecting(argv, { cwd: dir });

/** A KPI workbook scored by the engine (written by ExcelJS), saved in the temp dir as `name`. */
async function scoredFile(name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("KPIs");
  ws.addRow(["Measure", "Target", "Tolerance", "Q4 Performance"]);
  ws.addRow(["Percentage of assessments completed within 45 days", 0.9, 0.75, 0.92]);
  ws.addRow(["Percentage of re-referrals within 12 months (lower the better)", 0.2, 0.25, 0.22]);
  for (const a of ["B2", "C2", "D2", "B3", "C3", "D3"]) ws.getCell(a).numFmt = "0%";
  applyWritePlan(wb, scoreWorkbook(readWorkbookGrid(wb), {}).plan);
  const file = path.join(dir, name);
  fs.writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  return file;
}

describe("scorecard remove", () => {
  test("writes a copy without our rules, sheets and store; the input and the officer's cells are unchanged", async () => {
    const input = await scoredFile("q4.xlsx");
    const before = fs.readFileSync(input);
    const { code, out, err } = await cli("remove", "q4.xlsx", "--out", "q4-to-send.xlsx");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(
      /^Removed from q4\.xlsx: \d+ sheets \(Scorecard Summary, .*\), \d+ RAG rules, the saved settings\nWrote q4-to-send\.xlsx\n$/,
    );
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    const original = await loadWorkbook(before);
    const copy = await loadWorkbook(fs.readFileSync(path.join(dir, "q4-to-send.xlsx")));
    expect(sheetOrder(copy)).toEqual(["KPIs"]);
    expect(sheetOrder(original)).toContain(STORE_SHEET);
    expect(snapshotSheets(copy, ["KPIs"])).toEqual(snapshotSheets(original, ["KPIs"]));
    expect(countRules(copy).ours).toBe(0);
  });

  test("usage errors exit 2 with one line: no --out, --out the input, an unknown option", async () => {
    await scoredFile("q4.xlsx");
    for (const argv of [
      ["remove", "q4.xlsx"],
      ["remove", "q4.xlsx", "--out", "q4.xlsx"],
      ["remove", "q4.xlsx", "--out", "x.xlsx", "--period", "Q3"],
      ["remove", "--out", "x.xlsx"],
    ]) {
      const { code, err } = await cli(...argv);
      expect([argv.join(" "), code]).toEqual([argv.join(" "), 2]);
      expect(err).toMatch(/^scorecard: [^\n]+\n$/);
    }
  });

  test("a missing or unreadable input exits 1 with one line, and writes nothing", async () => {
    expect(await cli("remove", "nope.xlsx", "--out", "x.xlsx")).toMatchObject({
      code: 1,
      err: "scorecard: cannot find nope.xlsx\n",
    });
    fs.writeFileSync(path.join(dir, "text.xlsx"), "Measure,Target\n");
    const { code, err } = await cli("remove", "text.xlsx", "--out", "x.xlsx");
    expect(code).toBe(1);
    expect(err).toMatch(/^scorecard: text\.xlsx: [^\n]+\n$/);
    expect(fs.existsSync(path.join(dir, "x.xlsx"))).toBe(false);
  });

  test("--help prints the command's help", async () => {
    const { code, out } = await cli("remove", "--help");
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: scorecard remove <in\.xlsx> --out <out\.xlsx> \[--force\]/);
    expect((await cli("--help")).out).toContain("scorecard remove <in.xlsx> --out <out.xlsx>");
  });
});
