import * as fs from "fs";
import * as path from "path";
import { strFromU8, unzipSync } from "fflate";
import { parseXmlOutline, type XmlNode } from "../../src/xlsx/parseXmlOutline";
import { scoreXlsxBuffer } from "../../src/xlsx/scoreXlsxBuffer";

const ROOT = path.join(__dirname, "..", "..");
const WORKBOOKS = [
  "samples/dec-15.xlsx",
  "samples/q4-2021-22.xlsx",
  "test/fixtures/xlsx/libreoffice.xlsx",
  "test/fixtures/xlsx/openpyxl.xlsx",
  "test/fixtures/xlsx/excel-shaped.xlsm",
];

/** Every worksheet part of a package, named by file and part. */
function sheetsOf(file: string, bytes: Uint8Array): [string, string][] {
  return Object.entries(unzipSync(bytes))
    .filter(([name]) => /^xl\/worksheets\/[^/]+\.xml$/.test(name))
    .map(([name, part]) => [`${file} ${name}`, strFromU8(part)]);
}

/** Every node's name and offsets, depth first. */
function offsets(n: XmlNode): unknown[] {
  return [[n.name, n.start, n.openEnd, n.closeStart, n.end], ...n.children.flatMap(offsets)];
}

describe("parseXmlOutline", () => {
  it("skipping sheetData's content gives the same offsets, on every sheet of the samples (scored too) and fixtures", async () => {
    const sheets: [string, string][] = [];
    for (const file of WORKBOOKS) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, file)));
      sheets.push(...sheetsOf(file, bytes));
      // Scored: our rules, sheets and store in the package too.
      sheets.push(...sheetsOf(`${file} (scored)`, (await scoreXlsxBuffer(bytes)).output));
    }
    expect(sheets.length).toBeGreaterThan(20);
    const expand = (n: XmlNode) => n.local !== "sheetData";
    // The whole parse's sheetData children are the ones skipping leaves out.
    const strip = (n: XmlNode): XmlNode => ({
      ...n,
      children: n.local === "sheetData" ? [] : n.children.map(strip),
    });
    for (const [name, xml] of sheets) {
      const skipped = offsets(parseXmlOutline(xml, expand, { skipContentOf: "sheetData" }));
      expect([name, skipped]).toEqual([name, offsets(strip(parseXmlOutline(xml, expand)))]);
    }
  });

  it("parses the whole text when a comment could hide a look-alike", () => {
    const xml = "<w><sheetData><!-- </sheetData> --><row/></sheetData><tail/></w>";
    const root = parseXmlOutline(xml, () => true, { skipContentOf: "sheetData" });
    expect(root.children.map((c) => c.local)).toEqual(["sheetData", "tail"]);
    expect(root.children[0].children.map((c) => c.local)).toEqual(["row"]);
  });

  it("keeps prefixed names and a self-closed element as they are", () => {
    const xml = '<x:w xmlns:x="u"><x:sheetData/><x:tail a="1"/></x:w>';
    const root = parseXmlOutline(xml, () => true, { skipContentOf: "sheetData" });
    expect(xml.slice(root.children[1].start, root.children[1].end)).toBe('<x:tail a="1"/>');
  });
});
