// The committee report's part of `npm run check:libreoffice`: builds each bundled sample's report
// (the pictured one with officer commentary typed in its KPI Commentary and Variance Narrative, in
// the seed report's own words), converts every report to PDF with headless LibreOffice Writer
// (Debian: apt-get install libreoffice-writer), fails on any error or missing PDF, and renders two
// pages of the pictured report to PNG for the README (docs/images/report-*.png).
import { convertToPdf, pageCount, pageTexts, runTool } from "./runTool";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { rasterizeSvg } from "../src/cli/rasterizeSvg";
import { reportXlsxBuffer } from "../src/xlsx/reportXlsxBuffer";
import { scoreXlsxBuffer } from "../src/xlsx/scoreXlsxBuffer";
import { typeCommentary } from "../test/report/docxParts";
import { SAMPLES, SAMPLES_DIR } from "./buildSample";

const ROOT = path.join(__dirname, "..");
const IMAGES = path.join(ROOT, "docs", "images");
/** The sample whose report the README pictures: KPIs with targets, and a finance outturn. */
const PICTURED = "q4-2021-22.xlsx";

/**
 * Commentary an officer would type for the pictured sample, from seed 001's own paragraphs
 * (§55 on audits, §118 on Safeguarding's overspend).
 */
const PICTURED_COMMENTARY = {
  kpi: {
    measure: "% of cases audited graded as 'good' or better",
    text: "All audits graded as requires improvement or inadequate are re-audited after 3 months to ensure that remedial action has addressed the issues identified.",
  },
  variance: {
    heading: "Safeguarding Children and Young People's Services",
    text: "The overspend is due to increased staffing costs, mainly agency cover for vacancies, maternity leave and the retention of some agency social workers for longer, as caseloads in Assessments have increased.",
  },
};

/**
 * Builds every sample's committee report in `tmp`, converts them to PDF with LibreOffice in one
 * run (failing on an error it reports or a PDF it does not write), prints the page counts, and
 * writes the README's two pictures of the pictured report.
 *
 * @example await checkReports(fs.mkdtempSync(path.join(os.tmpdir(), "reports-")));
 */
export async function checkReports(tmp: string): Promise<void> {
  const dir = path.join(tmp, "reports");
  fs.mkdirSync(dir, { recursive: true });
  const docs: string[] = [];
  for (const { file } of SAMPLES) {
    const { outcome, output } = await scoreXlsxBuffer(
      new Uint8Array(fs.readFileSync(path.join(SAMPLES_DIR, file))),
    );
    let workbook = output;
    if (file === PICTURED) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(output as unknown as ArrayBuffer);
      const names = Object.fromEntries(outcome.plan.sheets.map((s) => [s.role, s.name]));
      const { kpi, variance } = PICTURED_COMMENTARY;
      typeCommentary(wb, names.commentary, "Measure", kpi.measure, kpi.text);
      typeCommentary(wb, names.narrative, "Heading", variance.heading, variance.text);
      workbook = new Uint8Array(await wb.xlsx.writeBuffer());
    }
    const { report } = await reportXlsxBuffer(workbook, { svgToPng: rasterizeSvg, source: file });
    const target = path.join(dir, file.replace(/\.xlsx$/, ".report.docx"));
    fs.writeFileSync(target, report);
    docs.push(target);
  }

  const started = Date.now();
  const said = convertToPdf(docs, dir, tmp);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const doc of docs) {
    const pdf = doc.replace(/\.docx$/, ".pdf");
    if (!fs.existsSync(pdf) || fs.statSync(pdf).size === 0)
      throw new Error(`LibreOffice wrote no PDF for ${path.basename(doc)}: ${said.trim()}`);
    process.stdout.write(
      `LibreOffice converted ${path.basename(doc)} to a ${pageCount(pdf, tmp)}-page PDF\n`,
    );
  }
  process.stdout.write(`(${docs.length} reports in ${seconds} s)\n`);

  const pdf = path.join(dir, PICTURED.replace(/\.xlsx$/, ".report.pdf"));
  const texts = pageTexts(pdf, pageCount(pdf, tmp), tmp);
  const financePage = texts.findIndex((t) => t.includes("Key variances over/under")) + 1;
  if (financePage === 0) throw new Error("no page of the pictured report shows the key variances");
  fs.mkdirSync(IMAGES, { recursive: true });
  for (const [page, name] of [
    [1, "report-summary"],
    [financePage, "report-finance"],
  ] as const) {
    const target = path.join(IMAGES, name);
    runTool(
      "pdftoppm",
      ["-png", "-r", "110", "-f", String(page), "-l", String(page), "-singlefile", pdf, target],
      tmp,
    );
    process.stdout.write(`Wrote ${path.relative(ROOT, target)}.png (${PICTURED} report, page ${page})\n`);
  }
}
