import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { readStore } from "../../src/engine/writeplan/readStore";
import { readWorkbookGrid } from "../../scripts/exceljs/readWorkbookGrid";
import { removeScorecard } from "../../src/xlsx/removeScorecard";
import { scoreXlsxBuffer } from "../../src/xlsx/scoreXlsxBuffer";
import { loadWorkbook, sheetOrder, sheetText } from "./workbookSnapshot";

// Issue 14, item 3: our names never take the officer's. Scoring runs ExcelJS read + write.
jest.setTimeout(60_000);

const MEASURES = [
  "Assessments within 45 days",
  "Re-referrals within 12 months (lower the better)",
  "Visits on time",
];

/** A KPI sheet, plus a sheet of the officer's with one of our names. */
async function workbookWith(theirs: string, text = "my own notes"): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("KPIs");
  ws.addRow(["Measure", "Target", "Tolerance", "Q4 Performance"]);
  MEASURES.forEach((m, i) => ws.addRow([m, 0.9, 0.75, 0.7 + i * 0.1]));
  for (const c of ["B", "C", "D"]) for (let r = 2; r <= 4; r++) ws.getCell(`${c}${r}`).numFmt = "0%";
  wb.addWorksheet(theirs).getCell("A1").value = text;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The XML of a sheet's part, found by the sheet's name through workbook.xml and its rels. */
function sheetXml(bytes: Uint8Array, name: string): string {
  const parts = unzipSync(bytes);
  const wb = strFromU8(parts["xl/workbook.xml"]);
  const tag = [...wb.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`name="${name}"`));
  if (!tag) throw new Error(`no sheet "${name}" in workbook.xml`);
  const id = /r:id="([^"]+)"/.exec(tag)![1];
  const rels = strFromU8(parts["xl/_rels/workbook.xml.rels"]);
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(`Id="${id}"`))!;
  const target = /Target="([^"]+)"/.exec(rel)![1];
  return strFromU8(parts[target.startsWith("/") ? target.slice(1) : `xl/${target}`]);
}

/** The store found by content in a scored package, and its state. */
async function storeOf(bytes: Uint8Array) {
  const grid = readWorkbookGrid(await loadWorkbook(bytes));
  return readStore(grid);
}

/** Types officer commentary against each measure on our commentary sheet (as Excel would save it). */
async function typeCommentary(bytes: Uint8Array, sheet: string): Promise<Uint8Array> {
  const wb = await loadWorkbook(bytes);
  const ws = wb.getWorksheet(sheet)!;
  const rows = sheetText(ws);
  const header = rows.findIndex((r) => r.some((t) => /^officer commentary$/i.test(t.trim())));
  const col = rows[header].findIndex((t) => /^officer commentary$/i.test(t.trim())) + 1;
  const measureCol = rows[header].findIndex((t) => /^measure$/i.test(t.trim())) + 1;
  for (let r = header + 2; r <= ws.rowCount; r++) {
    const measure = ws.getCell(r, measureCol).text;
    if (MEASURES.includes(measure)) ws.getCell(r, col).value = `Note on ${measure}`;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe.each([
  [STORE_SHEET, "store-name-taken", "QScorecard_Store (2)"],
  ["Scorecard Summary", "sheet-name-taken", "Scorecard Summary (2)"],
])("an officer's sheet called %s", (theirs, code, oursGoesTo) => {
  it("stays byte for byte; ours moves, a warning names theirs, and the next run finds ours and changes nothing", async () => {
    const input = await workbookWith(theirs);
    const first = await scoreXlsxBuffer(input, { overrides: { threshold: 250_000 } });
    expect(sheetXml(first.output, theirs)).toBe(sheetXml(input, theirs));
    const names = sheetOrder(await loadWorkbook(first.output));
    expect(names).toContain(oursGoesTo);
    expect(first.outcome.result.warnings).toContainEqual(
      expect.objectContaining({ sheet: theirs, cell: "A1" }),
    );
    expect(first.outcome.result.issues.find((i) => i.code === code)?.message).toContain(`"${oursGoesTo}"`);
    expect(first.outcome.result.issues.map((i) => i.code)).not.toContain("store-corrupt");
    const storeName = first.outcome.plan.store.sheetName;
    expect(storeName).toBe(theirs === STORE_SHEET ? "QScorecard_Store (2)" : STORE_SHEET);
    expect((await storeOf(first.output)).issues).toEqual([]);

    // The officer types commentary into our commentary sheet and saves; the next run finds our store.
    const typed = await typeCommentary(first.output, "KPI Commentary");
    const second = await scoreXlsxBuffer(typed);
    expect(second.outcome.settings.threshold).toBe(250_000); // remembered in the moved store
    expect(second.outcome.plan.store.sheetName).toBe(storeName);
    expect(second.outcome.plan.deleteSheets).toEqual([]);
    expect(sheetXml(second.output, theirs)).toBe(sheetXml(typed, theirs));
    const commentary = sheetText((await loadWorkbook(second.output)).getWorksheet("KPI Commentary")!).flat();
    for (const m of MEASURES) expect(commentary).toContain(`Note on ${m}`);
    expect(sheetOrder(await loadWorkbook(second.output))).toEqual(sheetOrder(await loadWorkbook(typed)));

    // Nothing further: the scored copy scored again is the same bytes.
    const third = await scoreXlsxBuffer(second.output);
    expect(Buffer.compare(Buffer.from(third.output), Buffer.from(second.output))).toBe(0);
  });

  it("Remove scorecard takes ours away and leaves theirs", async () => {
    const { output } = await scoreXlsxBuffer(await workbookWith(theirs));
    // force: the only parts ExcelJS would drop are our own sheets' (charts), which go anyway.
    const { output: removed, report } = await removeScorecard(output, { force: true });
    expect(report.store).toBe(true);
    expect(report.notRemoved).toEqual([]);
    const wb = await loadWorkbook(removed);
    expect(sheetOrder(wb)).toEqual(["KPIs", theirs]);
    expect(sheetText(wb.getWorksheet(theirs)!)).toEqual([["my own notes"]]);
  });
});

describe("defined names", () => {
  it("ours are only print areas and titles scoped to our own sheets, so none can take an officer's name", async () => {
    // The officer has workbook-wide names of their own, one of them spelt like a print area.
    const wb = await loadWorkbook(await workbookWith("Notes"));
    wb.definedNames.add("KPIs!$A$1:$D$4", "Scorecard_Summary");
    wb.definedNames.add("KPIs!$A$1:$A$4", "Print_Area");
    const input = new Uint8Array(await wb.xlsx.writeBuffer());
    const names = (bytes: Uint8Array) =>
      [
        ...strFromU8(unzipSync(bytes)["xl/workbook.xml"]).matchAll(
          /<definedName\b[^>]*>[^<]*<\/definedName>/g,
        ),
      ].map((m) => m[0]);
    const { output, outcome } = await scoreXlsxBuffer(input);
    const before = names(input);
    const after = names(output);
    for (const n of before) expect(after).toContain(n);
    const added = after.filter((n) => !before.includes(n));
    expect(added.length).toBeGreaterThan(0);
    const order = sheetOrder(await loadWorkbook(output));
    const ours = new Set(outcome.plan.sheets.map((s) => s.name));
    for (const n of added) {
      expect(n).toMatch(/name="_xlnm\.Print_(Area|Titles)" localSheetId="\d+"/);
      expect(ours.has(order[Number(/localSheetId="(\d+)"/.exec(n)![1])])).toBe(true);
    }
  });
});
