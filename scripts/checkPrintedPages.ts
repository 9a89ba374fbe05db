// Part of `npm run check:libreoffice`: reads the PDF LibreOffice printed of a scored workbook with
// `pdftotext -bbox` and checks our sheets' pages as a committee reader would see them.
import { convertToPdf, runTool } from "./runTool";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import type { SheetWrite } from "../src/engine/writeplan/WritePlan";

/** The smallest body text we accept on paper, in points. */
export const MIN_PRINTED_POINTS = 8;

/** One word of a PDF page, with its box in points from the page's top left. */
interface PdfWord {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

/** One PDF page's size and words. */
interface PdfPage {
  number: number;
  height: number;
  words: PdfWord[];
}

/** What was measured on one of our sheets. */
export interface PrintedSheet {
  sheet: string;
  pages: number[];
  /** Body text sizes in points: the smallest and the most common. */
  smallest: number;
  usual: number;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** Every page of a PDF with its words' boxes (`pdftotext -bbox`). */
function readPdfPages(pdf: string, cwd: string): PdfPage[] {
  const html = runTool("pdftotext", ["-bbox", pdf, "-"], cwd).stdout;
  const pages: PdfPage[] = [];
  for (const [i, chunk] of html.split("<page ").slice(1).entries()) {
    const height = Number(/height="([\d.]+)"/.exec(chunk)?.[1]);
    const words = [
      ...chunk.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: unescape(m[5]) }));
    pages.push({ number: i + 1, height, words });
  }
  return pages;
}

/** The text of a header or footer section without Excel's codes (fonts, sizes, "&&"). */
function plainHeaderText(coded: string | undefined): string {
  return (coded ?? "")
    .replace(/&"[^"]*"/g, "")
    .replace(/&\d+ ?/g, "")
    .replace(/&&/g, "&")
    .trim();
}

/** Words of the page's header band, its footer band, and its body between them. */
function bands(page: PdfPage, setup: NonNullable<SheetWrite["pageSetup"]>) {
  // The header sits from its margin down; the body starts at the top margin (likewise below).
  const top = ((setup.margins.header + setup.margins.top) / 2) * 72;
  const bottom = page.height - ((setup.margins.footer + setup.margins.bottom) / 2) * 72;
  return {
    header: page.words.filter((w) => w.y0 < top),
    footer: page.words.filter((w) => w.y0 > bottom),
    body: page.words.filter((w) => w.y0 >= top && w.y0 <= bottom),
  };
}

const join = (words: PdfWord[]) => words.map((w) => w.text).join(" ");

let cachedRatio: number | undefined;

/**
 * How tall `pdftotext` reports a word's box per point of font size, measured on this machine's
 * fonts: LibreOffice prints a one-cell workbook in our font at 100%, and its word is measured.
 */
async function boxPerPoint(tmp: string, font: { name: string; size: number }): Promise<number> {
  if (cachedRatio !== undefined) return cachedRatio;
  const dir = path.join(tmp, "calibration");
  fs.mkdirSync(dir, { recursive: true });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Calibration");
  ws.getCell("A1").value = "Calibration";
  ws.getCell("A1").font = { name: font.name, size: font.size };
  ws.pageSetup = { ...ws.pageSetup, scale: 100, fitToPage: false, paperSize: 9 };
  const file = path.join(dir, "calibration.xlsx");
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  convertToPdf([file], dir, tmp);
  const word = readPdfPages(path.join(dir, "calibration.pdf"), dir)[0]?.words.find(
    (w) => w.text === "Calibration",
  );
  if (!word) throw new Error("the calibration PDF has no word to measure");
  cachedRatio = (word.y1 - word.y0) / font.size;
  return cachedRatio;
}

/**
 * Checks every printed page of our sheets in a PDF of a scored workbook: each carries its sheet's
 * page header and a "Page n of m" footer, repeats the table's header row where the sheet asks for
 * it, and has no body text under `MIN_PRINTED_POINTS` (sizes from `pdftotext -bbox`, calibrated on
 * this machine's fonts). Our pages are found by their header. Throws on the first failure; returns
 * what was measured.
 *
 * @example
 * for (const m of await checkPrintedPages(pdf, outcome.plan.sheets, tmp)) console.log(m.sheet, m.smallest);
 */
export async function checkPrintedPages(
  pdf: string,
  sheets: SheetWrite[],
  tmp: string,
): Promise<PrintedSheet[]> {
  const pages = readPdfPages(pdf, tmp);
  const out: PrintedSheet[] = [];
  for (const sheet of sheets) {
    const setup = sheet.pageSetup;
    if (!setup || !sheet.font) throw new Error(`the plan gives "${sheet.name}" no font or page setup`);
    const ratio = await boxPerPoint(tmp, sheet.font);
    const title = plainHeaderText(setup.header.left);
    const mine = pages.filter((p) => join(bands(p, setup).header).startsWith(title));
    if (mine.length === 0) throw new Error(`${path.basename(pdf)}: no page carries the header "${title}"`);
    const titleRow = setup.printTitleRows
      ? String(sheet.cells.find((c) => c.row === setup.printTitleRows!.first && c.col === 0)?.value ?? "")
      : "";
    const sizes: number[] = [];
    for (const page of mine) {
      const where = `${path.basename(pdf)} page ${page.number} ("${sheet.name}")`;
      const { footer, body } = bands(page, setup);
      if (!/Page \d+ of \d+/.test(join(footer))) throw new Error(`${where} has no page number`);
      if (titleRow && !body.some((w) => w.text === titleRow.split(" ")[0]))
        throw new Error(`${where} does not repeat the header row ("${titleRow}")`);
      // Letters and digits only: symbols (✔ ▲ ✖) may come from another font with other metrics.
      for (const w of body) if (/[A-Za-z0-9]/.test(w.text)) sizes.push((w.y1 - w.y0) / ratio);
    }
    sizes.sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    const counts = new Map<number, number>();
    for (const s of sizes) counts.set(round(s), (counts.get(round(s)) ?? 0) + 1);
    const usual = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
    const smallest = round(sizes[0] ?? 0);
    if (sizes[0] < MIN_PRINTED_POINTS - 0.05)
      throw new Error(
        `${path.basename(pdf)}: "${sheet.name}" prints body text at ${smallest} pt (under ${MIN_PRINTED_POINTS} pt).` +
          " Column widths are measured in the workbook's default font: is Calibri's metric twin installed" +
          " (`fc-match Calibri` should name Carlito; Debian: fonts-crosextra-carlito)?",
      );
    out.push({ sheet: sheet.name, pages: mine.map((p) => p.number), smallest, usual });
  }
  return out;
}
