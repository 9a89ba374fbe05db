import * as fs from "fs";
import * as path from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { WritePlan } from "../../src/engine/writeplan/WritePlan";
import { applyWritePlanToPackage } from "../../src/xlsx/applyWritePlanToPackage";
import { crc32 } from "../../src/xlsx/crc32";
import { fflateCodec } from "../../src/xlsx/fflateCodec";
import { nodeZlibCodec } from "../../src/xlsx/nodeZlibCodec";
import { readZipEntries } from "../../src/xlsx/readZipEntries";
import { storedZip } from "../../scripts/buildCorpus";
import { scoreXlsxBuffer } from "../../src/xlsx/scoreXlsxBuffer";
import { newZipEntry, writeZip } from "../../src/xlsx/writeZip";
import { XlsxPackage } from "../../src/xlsx/XlsxPackage";

const FIXTURE = path.join(__dirname, "..", "fixtures", "xlsx", "excel-shaped.xlsm");

/** A plan that writes nothing of ours and deletes the sheets named. */
function deletePlan(deleteSheets: string[]): WritePlan {
  return {
    sheets: [],
    cfSheets: [],
    conditionalFormats: [],
    store: { sheetName: "", rows: [] },
    deleteSheets,
  };
}

const text = (parts: Record<string, Uint8Array>, name: string) => strFromU8(parts[name]);

describe("the zip layer", () => {
  it("crc32 gives the standard check value", () => {
    expect(crc32(strToU8("123456789"))).toBe(0xcbf43926);
    expect(nodeZlibCodec.crc32(strToU8("123456789"))).toBe(0xcbf43926);
  });

  it("copies entries byte for byte and reads new ones back, with either codec", () => {
    const input = fs.readFileSync(FIXTURE);
    for (const codec of [fflateCodec, nodeZlibCodec]) {
      const entries = readZipEntries(input);
      const out = writeZip([...entries, newZipEntry("extra/note.xml", strToU8("<note>£5</note>"), codec)]);
      const back = unzipSync(out);
      const orig = unzipSync(new Uint8Array(input));
      for (const name of Object.keys(orig))
        expect(Buffer.compare(Buffer.from(back[name]), Buffer.from(orig[name]))).toBe(0);
      expect(strFromU8(back["extra/note.xml"])).toBe("<note>£5</note>");
      // Copied entries keep their compressed bytes exactly.
      const again = readZipEntries(out);
      expect(Buffer.compare(Buffer.from(again[0].data), Buffer.from(entries[0].data))).toBe(0);
    }
  });
});

describe("readZipEntries", () => {
  it("reads the sizes a ZIP64 writer puts in the extra field", () => {
    const zip = storedZip([{ name: "xl/workbook.xml", data: "<workbook/>" }], { zip64: true });
    const [entry] = readZipEntries(zip);
    expect({ name: entry.name, size: entry.size, data: strFromU8(entry.data) }).toEqual({
      name: "xl/workbook.xml",
      size: 11,
      data: "<workbook/>",
    });
  });
});

describe("applyWritePlanToPackage", () => {
  it("deleting one of our sheets removes its part, relationship and content type, and renumbers what points past it", async () => {
    const { output } = await scoreXlsxBuffer(new Uint8Array(fs.readFileSync(FIXTURE)));
    const scored = unzipSync(output);
    // The officer left "KPI Commentary" (the fourth tab) active.
    scored["xl/workbook.xml"] = strToU8(
      text(scored, "xl/workbook.xml").replace('activeTab="1"', 'activeTab="3"'),
    );
    const pkg = XlsxPackage.open(zipSync(scored), fflateCodec);
    const commentaryPart = /<sheet name="KPI Commentary" sheetId="\d+" r:id="(rId\d+)"/.exec(
      text(scored, "xl/workbook.xml"),
    )![1];
    const target = new RegExp(`Id="${commentaryPart}"[^>]*Target="([^"]+)"`).exec(
      text(scored, "xl/_rels/workbook.xml.rels"),
    )![1];
    applyWritePlanToPackage(pkg, deletePlan(["KPI Commentary"]));
    const after = unzipSync(pkg.toBytes());
    const wb = text(after, "xl/workbook.xml");
    expect(wb).not.toContain('name="KPI Commentary"');
    expect(after[`xl/${target}`]).toBeUndefined();
    expect(text(after, "xl/_rels/workbook.xml.rels")).not.toContain(`Target="${target}"`);
    expect(text(after, "[Content_Types].xml")).not.toContain(`/xl/${target}`);
    // Names scoped to later tabs move up one; the commentary's own print names go with it.
    expect(wb).toContain(`localSheetId="3">'Variance Narrative'!`);
    expect(wb).not.toContain("'KPI Commentary'!");
    expect(wb).toContain('<definedName name="Threshold" localSheetId="1">0.1</definedName>');
    // The active tab pointed at the deleted sheet: now the first visible one.
    expect(wb).toContain('activeTab="0"');
  });

  it("drops the calculation chain's entries for our old sheets and keeps the officer's, sheet ids made explicit", async () => {
    const { output } = await scoreXlsxBuffer(new Uint8Array(fs.readFileSync(FIXTURE)));
    const scored = unzipSync(output);
    const summaryId = /<sheet name="Scorecard Summary" sheetId="(\d+)"/.exec(
      text(scored, "xl/workbook.xml"),
    )![1];
    // As Excel would after a save: our summary's formulas, then the officer's, whose sheet id is inherited.
    scored["xl/calcChain.xml"] = strToU8(
      '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        `<c r="B5" i="${summaryId}"/><c r="B6"/><c r="F3" i="1"/><c r="F4"/>` +
        `<c r="C7" i="${summaryId}"/><c r="F5" i="1"/><c r="F6"/></calcChain>`,
    );
    const rescored = unzipSync((await scoreXlsxBuffer(zipSync(scored))).output);
    expect(text(rescored, "xl/calcChain.xml")).toBe(
      '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<c r="F3" i="1"/><c r="F4"/><c r="F5" i="1"/><c r="F6"/></calcChain>',
    );
  });

  it("refuses a damaged scored sheet in one line, naming the part", async () => {
    const parts = unzipSync(new Uint8Array(fs.readFileSync(FIXTURE)));
    const pkg = XlsxPackage.open(
      zipSync({ ...parts, "xl/styles.xml": strToU8("<styleSheet><fonts>") }),
      fflateCodec,
    );
    expect(() => applyWritePlanToPackage(pkg, deletePlan([]))).toThrow(
      /xl\/styles\.xml is not well-formed XML/,
    );
  });

  it("an officer's link or merge added inside our Summary sheet stops the run unless forced, naming it", async () => {
    const { output } = await scoreXlsxBuffer(new Uint8Array(fs.readFileSync(FIXTURE)));
    const scored = unzipSync(output);
    const wb = text(scored, "xl/workbook.xml");
    const rid = /<sheet name="Scorecard Summary" sheetId="\d+" r:id="(rId\d+)"/.exec(wb)![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(
      text(scored, "xl/_rels/workbook.xml.rels"),
    )![1];
    const part = `xl/${target.replace(/^\/?xl\//, "")}`;
    // A link to another sheet lives in the sheet's own XML (no relationship), after the page setup's place.
    scored[part] = strToU8(
      text(scored, part).replace(
        "<pageMargins",
        '<hyperlinks><hyperlink ref="A2" location="\'KPIs\'!A1"/></hyperlinks><pageMargins',
      ),
    );
    const edited = zipSync(scored);
    const refused = await scoreXlsxBuffer(edited).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(refused?.message).toMatch(/"Scorecard Summary" holds links added since it was written.*--force/);
    const forced = unzipSync((await scoreXlsxBuffer(edited, { force: true })).output);
    expect(text(forced, part)).not.toContain("<hyperlinks>");
  });
});
