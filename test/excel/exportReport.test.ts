import { rasterizeSvg } from "../../src/cli/rasterizeSvg";
import { createExcelHost } from "../../src/excel/createExcelHost";
import { REPORT_SECTIONS } from "../../src/report/buildCommitteeReport";
import { openDocx, paragraphs } from "../report/docxParts";
import { FakeExcel } from "./FakeExcel";
import { excelBackends } from "./excelBackends";
import { kpiWorkbook } from "./kpiWorkbook";

jest.setTimeout(60_000);

describe.each(excelBackends)("on %s", (_name, backend) => {
  test("exportReport builds the report from the open workbook, with the commentary typed there, writing nothing", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(6));
    const host = createExcelHost(backend.deps(fake), rasterizeSvg);
    const run = await host.score();
    const commentary = run.written.sheets.find((s) => s.includes("Commentary"))!;
    // The officer types on the KPI Commentary row of an exception, as in Excel.
    const sheet = fake.sheet(commentary);
    const b = sheet.usedBounds()!;
    const find = (text: string): [number, number] => {
      for (let r = 0; r <= b.bottom; r++)
        for (let c = 0; c <= b.right; c++) if (sheet.at(r, c).value === text) return [r, c];
      throw new Error(`no "${text}" on ${commentary}`);
    };
    const [headerRow, officerCol] = find("Officer commentary");
    const exception = run.result.kpis.find((k) => k.status === "outside")!;
    const [row] = find(exception.measure);
    expect(row).toBeGreaterThan(headerRow);
    sheet.edit(row, officerCol, { value: "Agency social workers start in April." });
    const syncs = fake.syncCount;

    const docx = await host.exportReport!({ overrides: { threshold: 250_000 } });
    const text = paragraphs(await (await openDocx(docx)).text("word/document.xml"));
    expect(text.filter((p) => p.style === "Heading1").map((p) => p.text)).toEqual(
      Object.values(REPORT_SECTIONS),
    );
    expect(text.map((p) => p.text)).toContain("Officer commentary: Agency social workers start in April.");
    // A dry run: read, never written.
    expect(fake.syncCount - syncs).toBeLessThanOrEqual(2);
    expect(sheet.at(row, officerCol).value).toBe("Agency social workers start in April.");
  });
});
