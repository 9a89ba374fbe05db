import ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import * as inspect from "../../src/xlsx/inspectPackage";
import { scoreXlsxBuffer } from "../../src/xlsx/scoreXlsxBuffer";
import { XlsxInputError } from "../../src/xlsx/XlsxInputError";
import { loadWorkbook, sheetOrder, snapshotSheets } from "./workbookSnapshot";

// The bundled sample with KPI and finance tables and saved settings in its store.
const SAMPLE = path.join(__dirname, "..", "..", "samples", "q4-2021-22.xlsx");

async function kpiWorkbookBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("KPIs");
  ws.addRow(["Measure", "Target", "Tolerance", "Q4 Performance"]);
  ws.addRow(["Percentage of assessments completed within 45 days", 0.9, 0.75, 0.92]);
  ws.addRow(["Percentage of re-referrals within 12 months (lower the better)", 0.2, 0.25, 0.22]);
  for (const a of ["B2", "C2", "D2", "B3", "C3", "D3"]) ws.getCell(a).numFmt = "0%";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function rejection(p: Promise<unknown>): Promise<XlsxInputError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof XlsxInputError) return err;
    throw err;
  }
  throw new Error("expected an XlsxInputError, but the promise resolved");
}

afterEach(() => jest.restoreAllMocks());

describe("scoreXlsxBuffer: refusing input", () => {
  it("refuses a text file renamed .xlsx with a one-line message", async () => {
    const err = await rejection(scoreXlsxBuffer(new TextEncoder().encode("Measure,Target\nA,1\n")));
    expect(["not-xlsx", "corrupt", "unreadable"]).toContain(err.code);
    expect(err.message).not.toMatch(/\n/);
  });

  it("refuses a zip that is not a workbook", async () => {
    const zip = new JSZip();
    zip.file("readme.txt", "not a workbook");
    const err = await rejection(scoreXlsxBuffer(await zip.generateAsync({ type: "uint8array" })));
    expect(["not-xlsx", "corrupt", "unreadable"]).toContain(err.code);
    expect(err.message).not.toMatch(/\n/);
  });

  it("refuses what inspectPackage finds fatal, with its code and message", async () => {
    jest.spyOn(inspect, "inspectPackage").mockResolvedValue({
      problems: [{ code: "zip-bomb", message: "xl/worksheets/sheet1.xml would expand to 4 GB" }],
    });
    const err = await rejection(scoreXlsxBuffer(await kpiWorkbookBytes()));
    expect(err.code).toBe("zip-bomb");
    expect(err.message).toContain("would expand to 4 GB");
  });

  it("passes the caller's limits to inspectPackage", async () => {
    const spy = jest.spyOn(inspect, "inspectPackage").mockResolvedValue({
      problems: [{ code: "too-large", message: "too big" }],
    });
    await rejection(scoreXlsxBuffer(await kpiWorkbookBytes(), { limits: { maxFileBytes: 10 } }));
    expect(spy.mock.calls[0][1]).toEqual({ maxFileBytes: 10 });
  });

  it("refuses a workbook with no KPI or finance table", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").getCell("A1").value = "Minutes of the meeting held on 3 March";
    const err = await rejection(scoreXlsxBuffer(new Uint8Array(await wb.xlsx.writeBuffer())));
    expect(err.code).toBe("no-tables");
    expect(err.message).toContain('"Notes"');
  });
});

describe("scoreXlsxBuffer: scoring", () => {
  it("scores the bundled sample and leaves every user sheet as it was", async () => {
    const input = fs.readFileSync(SAMPLE);
    const before = await loadWorkbook(input);
    // The sample carries our store of saved settings, which scoring rewrites: not a user sheet.
    const userSheets = sheetOrder(before).filter((n) => n !== STORE_SHEET);
    const { outcome, output } = await scoreXlsxBuffer(new Uint8Array(input));
    const after = await loadWorkbook(output);
    expect(sheetOrder(after).slice(0, userSheets.length)).toEqual(userSheets);
    expect(snapshotSheets(after, userSheets)).toEqual(snapshotSheets(before, userSheets));
    for (const s of outcome.plan.sheets) expect(sheetOrder(after)).toContain(s.name);
  });

  it("applies the overrides (threshold) to the scoring", async () => {
    const input = new Uint8Array(fs.readFileSync(SAMPLE));
    const { outcome } = await scoreXlsxBuffer(input, { overrides: { threshold: 1_000_000 } });
    expect(outcome.settings.threshold).toBe(1_000_000);
    expect(
      outcome.result.variances.filter((v) => v.overThreshold).every((v) => Math.abs(v.variance) >= 1_000_000),
    ).toBe(true);
  });
});

describe("browser safety", () => {
  const xlsxDir = path.join(__dirname, "..", "..", "src", "xlsx");
  // Everything the preview loads: all of src/xlsx but the Node codec the CLI passes in.
  const browserFiles = fs
    .readdirSync(xlsxDir)
    .filter((f) => f.endsWith(".ts") && f !== "nodeZlibCodec.ts" && f !== "applyWritePlan.ts");

  it.each(browserFiles)("src/xlsx/%s imports no Node module and uses no Node global", (file) => {
    const text = fs.readFileSync(path.join(xlsxDir, file), "utf8");
    const imports = [...text.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    for (const spec of imports)
      expect(["exceljs", "fflate", "saxes"].includes(spec) || spec.startsWith(".")).toBe(true);
    expect(text).not.toMatch(/\b(require\(|process\.|Buffer\.|__dirname)/);
  });

  it("the preview's modules never import the Node codec", () => {
    for (const file of browserFiles) {
      expect(fs.readFileSync(path.join(xlsxDir, file), "utf8")).not.toMatch(/from\s+"\.\/nodeZlibCodec"/);
    }
  });
});
