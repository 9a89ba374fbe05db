import ExcelJS from "exceljs";
import JSZip from "jszip";
import { scoreWorkbook } from "../../../src/engine/scoreWorkbook";
import { applyWritePlan } from "../../../scripts/exceljs/applyWritePlan";
import { readWorkbookGrid } from "../../../scripts/exceljs/readWorkbookGrid";
import { loadWorkbook } from "../../xlsx/workbookSnapshot";

// Issue 12: our sheets print A4 landscape, one page wide at 8 pt or more, with header rows on
// every page, a page header and a numbered footer, and every font named and sized in styles.xml.
function officerWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const kpis = wb.addWorksheet("KPIs");
  kpis.addRow(["Measure", "Target", "Tolerance", "Q3", "Q4"]);
  for (let i = 0; i < 60; i++) {
    kpis.addRow([`Timeliness of assessments in area ${i + 1}`, 0.9, 0.75, 0.8, i % 3 === 0 ? 0.7 : 0.95]);
    for (const c of ["B", "C", "D", "E"]) kpis.getCell(`${c}${i + 2}`).numFmt = "0%";
  }
  return wb;
}

describe("applyWritePlan prints our sheets well", () => {
  it("writes the plan's page setup, header and footer, print area and titles, and named fonts", async () => {
    const wb = officerWorkbook();
    const { plan } = scoreWorkbook(readWorkbookGrid(wb));
    applyWritePlan(wb, plan);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const reloaded = await loadWorkbook(bytes);

    const commentary = plan.sheets.find((s) => s.role === "commentary")!;
    const setup = commentary.pageSetup!;
    const ws = reloaded.getWorksheet(commentary.name)!;
    expect(ws.pageSetup).toMatchObject({
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    });
    expect(ws.headerFooter.oddFooter).toBe('&C&"Arial,Regular"&10Page &P of &N');
    expect(ws.headerFooter.oddHeader).toMatch(
      /^&L&"Arial,Bold"&10KPI Commentary&R&"Arial,Regular"&10Period scored: /,
    );

    // The print area stops at the officer's column; the header row repeats on every page.
    const zip = await JSZip.loadAsync(bytes);
    const workbookXml = (await zip.file("xl/workbook.xml")!.async("string")).replace(/&apos;/g, "'");
    const header = setup.printTitleRows!.first + 1;
    expect(workbookXml).toContain(`'KPI Commentary'!$${header}:$${header}`);
    expect(workbookXml).toMatch(/'KPI Commentary'!\$A\$1:\$[A-Z]+\$\d+/);

    // Every cell font in styles.xml has a name and a size (conditional formats' fonts, in <dxfs>,
    // change only the colour).
    const styles = await zip.file("xl/styles.xml")!.async("string");
    const cellFonts = /<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? "";
    const fonts = cellFonts.match(/<font>[\s\S]*?<\/font>|<font\/>/g) ?? [];
    expect(fonts.length).toBeGreaterThan(1);
    for (const f of fonts) {
      expect(f).toMatch(/<name val="/);
      expect(f).toMatch(/<sz val="/);
    }
    // Our cells are Arial; the title 12 pt, the rest 10 pt.
    expect(ws.getCell("A1").font).toMatchObject({ name: "Arial", size: 12, bold: true });
    expect(ws.getCell("A2").font).toMatchObject({ name: "Arial", size: 10 });
    // Rows of wrapped text get the plan's heights.
    for (const [row, points] of commentary.rowHeights!.slice(0, 5))
      expect(ws.getRow(row + 1).height).toBe(points);
  });

  it("writes the plan's manual page breaks: each <brk id> the 0-based row a page starts at", async () => {
    const wb = officerWorkbook();
    const { plan } = scoreWorkbook(readWorkbookGrid(wb));
    const summary = plan.sheets.find((s) => s.role === "summary")!;
    summary.pageSetup = { ...summary.pageSetup!, rowBreaks: [30, 45] };
    applyWritePlan(wb, plan);
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    const xmls = await Promise.all(
      Object.keys(zip.files)
        .filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))
        .map((p) => zip.file(p)!.async("string")),
    );
    const withBreaks = xmls.filter((x) => x.includes("<rowBreaks"));
    expect(withBreaks).toHaveLength(1);
    expect(
      [...withBreaks[0].matchAll(/<brk id="(\d+)"[^>]*max="16383"[^>]*man="1"/g)].map((m) => m[1]),
    ).toEqual(["30", "45"]);
    expect(withBreaks[0]).toMatch(/<\/headerFooter><rowBreaks /);
  });
});
