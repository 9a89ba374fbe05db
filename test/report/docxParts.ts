import ExcelJS from "exceljs";
import JSZip from "jszip";
import { OFFICER_HEADER } from "../../src/engine/writeplan/readCommentarySheet";

/** A .docx's text parts by path (word/document.xml, word/styles.xml, docProps/core.xml, ...). */
export interface DocxParts {
  files: string[];
  text(path: string): Promise<string>;
}

/**
 * Opens a .docx with JSZip.
 * @example (await openDocx(bytes)).text("word/document.xml")
 */
export async function openDocx(bytes: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  return {
    files: Object.keys(zip.files),
    async text(path) {
      const f = zip.file(path);
      if (!f) throw new Error(`no ${path} in the .docx`);
      return f.async("string");
    },
  };
}

/** One paragraph of document.xml: its style id ("" for Normal) and its text. */
export interface DocParagraph {
  style: string;
  text: string;
  /** The paragraph's XML. */
  xml: string;
}

/**
 * The paragraphs of a document.xml written by docx (each `<w:p>`, in order, table cells included).
 * @example paragraphs(xml).filter((p) => p.style === "Heading1").map((p) => p.text)
 */
export function paragraphs(documentXml: string): DocParagraph[] {
  return [...documentXml.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)].map(([xml]) => ({
    xml,
    style: /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1] ?? "",
    text: [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join(""),
  }));
}

/** Every `<w:tbl>` of a document.xml (tables are not nested in the report). */
export function tables(documentXml: string): string[] {
  return [...documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
}

/** The attributes of every picture's `wp:docPr` (its name, title and description: the alt text). */
export function pictures(documentXml: string): Record<string, string>[] {
  return [...documentXml.matchAll(/<wp:docPr\s([^>]*?)\/?>/g)].map((m) =>
    Object.fromEntries([...m[1].matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1], decode(a[2])])),
  );
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * Types officer commentary into one of our commentary sheets of a scored workbook, as an officer
 * would in Excel: in the "Officer commentary" column of the row whose `keyHeader` cell is `key`.
 * Throws when the sheet, column or row is not there.
 * @example await typeCommentary(wb, "KPI Commentary", "Measure", "Referrals", "Up with the new school year.")
 */
export function typeCommentary(
  wb: ExcelJS.Workbook,
  sheetName: string,
  keyHeader: string,
  key: string,
  text: string,
): void {
  const ws = wb.getWorksheet(sheetName);
  if (!ws) throw new Error(`no sheet ${sheetName}`);
  let headerRow = 0;
  let keyCol = 0;
  let officerCol = 0;
  ws.eachRow((row, r) => {
    if (headerRow) return;
    row.eachCell((cell, c) => {
      if (cell.text === OFFICER_HEADER) officerCol = c;
      if (cell.text === keyHeader) keyCol = c;
    });
    if (officerCol) headerRow = r;
  });
  if (!headerRow || !keyCol)
    throw new Error(`no "${OFFICER_HEADER}" / "${keyHeader}" header on ${sheetName}`);
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    if (ws.getCell(r, keyCol).text === key) {
      ws.getCell(r, officerCol).value = text;
      return;
    }
  }
  throw new Error(`no row "${key}" under ${keyHeader} on ${sheetName}`);
}
