import * as fs from "fs";
import * as path from "path";
import { strFromU8, unzipSync } from "fflate";
import { parseXmlOutline, type XmlNode } from "../../src/xlsx/parseXmlOutline";

const ROOT = path.join(__dirname, "..", "..");
const WORKBOOKS = [
  "samples/dec-15.scored.xlsx",
  "samples/q4-2021-22.scored.xlsx",
  "test/fixtures/xlsx/libreoffice.xlsx",
  "test/fixtures/xlsx/openpyxl.xlsx",
  "test/fixtures/xlsx/excel-shaped.xlsm",
];

/** Every node's name and offsets, depth first. */
function offsets(n: XmlNode): unknown[] {
  return [[n.name, n.start, n.openEnd, n.closeStart, n.end], ...n.children.flatMap(offsets)];
}

describe("parseXmlOutline", () => {
  const sheets = WORKBOOKS.flatMap((file) =>
    Object.entries(unzipSync(new Uint8Array(fs.readFileSync(path.join(ROOT, file)))))
      .filter(([name]) => /^xl\/worksheets\/[^/]+\.xml$/.test(name))
      .map(([name, bytes]) => [`${file} ${name}`, strFromU8(bytes)] as const),
  );

  it.each(sheets)("skipping sheetData's content gives the same offsets (%s)", (_name, xml) => {
    const expand = (n: XmlNode) => n.local !== "sheetData";
    const whole = parseXmlOutline(xml, expand);
    // The whole parse's sheetData children are the ones skipping leaves out.
    const strip = (n: XmlNode): XmlNode => ({
      ...n,
      children: n.local === "sheetData" ? [] : n.children.map(strip),
    });
    expect(offsets(parseXmlOutline(xml, expand, { skipContentOf: "sheetData" }))).toEqual(
      offsets(strip(whole)),
    );
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
