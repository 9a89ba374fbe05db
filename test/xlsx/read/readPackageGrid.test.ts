import * as fs from "fs";
import * as path from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { deflateRawSync } from "zlib";
import { fflateCodec } from "../../../src/xlsx/fflateCodec";
import { nodeZlibCodec } from "../../../src/xlsx/nodeZlibCodec";
import { readPackageGrid } from "../../../src/xlsx/read/readPackageGrid";
import { scoreXlsxBuffer } from "../../../src/xlsx/scoreXlsxBuffer";
import { XlsxInputError } from "../../../src/xlsx/XlsxInputError";
import { XlsxPackage } from "../../../src/xlsx/XlsxPackage";

const SAMPLE = path.join(__dirname, "..", "..", "..", "samples", "dec-15.xlsx");
const KPI_SHEET = "xl/worksheets/sheet1.xml";
type Parts = Record<string, Uint8Array>;

function sampleParts(): Parts {
  return unzipSync(new Uint8Array(fs.readFileSync(SAMPLE)));
}

/** The sample with one part's text changed. */
function edited(name: string, edit: (xml: string) => string, parts = sampleParts()): Uint8Array {
  parts[name] = strToU8(edit(strFromU8(parts[name])));
  return zipSync(parts);
}

async function refusal(p: Promise<unknown>): Promise<XlsxInputError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(XlsxInputError);
  const e = err as XlsxInputError;
  // One line in the officer's terms, never a JavaScript message.
  expect(e.message).not.toMatch(/\n|undefined|Cannot read|TypeError|properties of/);
  return e;
}

describe("readPackageGrid", () => {
  it("reads the sample's KPI sheet: strings, dates with their format, numbers and the store", () => {
    const grid = readPackageGrid(XlsxPackage.open(new Uint8Array(fs.readFileSync(SAMPLE)), fflateCodec));
    const kpis = grid.sheets[0];
    expect(kpis.name).toBe("Corporate Scorecard");
    expect(typeof kpis.values[0][0]).toBe("string");
    expect(kpis.values[0][1]).toBe(42339);
    expect(kpis.formats[0][1]).not.toBe("General");
    expect(grid.sheets[1]).toMatchObject({ name: "QScorecard_Store", visibility: "veryHidden" });
  });

  it("joins rich-text runs, reads inline strings, booleans, errors and Excel's _x000D_ escapes", () => {
    const bytes = edited(KPI_SHEET, (xml) =>
      xml.replace(
        '<c r="A3" s="2" t="s"><v>1</v></c>',
        '<c r="A3" t="inlineStr"><is><r><t>Rich</t></r><r><t xml:space="preserve"> text</t></r><rPh><t>ignored</t></rPh></is></c>' +
          '<c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3" t="str"><v>a_x000D_b</v></c>',
      ),
    );
    const sheet = readPackageGrid(XlsxPackage.open(bytes, fflateCodec)).sheets[0];
    const row = sheet.values[2 - sheet.originRow];
    expect(row.slice(0, 4)).toEqual(["Rich text", true, "#N/A", "a\rb"]);
  });

  it("a 1904-system workbook is scored for the same period with the same statuses (issue 14)", async () => {
    const plain = await scoreXlsxBuffer(new Uint8Array(fs.readFileSync(SAMPLE)));
    const parts = sampleParts();
    // Same dates, counted from 1904: every date serial (style 1, "mmm-yy") is 1,462 days smaller.
    const sheet = strFromU8(parts[KPI_SHEET]);
    const dates = sheet.match(/ s="1"><v>\d+<\/v>/g) ?? [];
    expect(dates.length).toBeGreaterThan(1);
    parts[KPI_SHEET] = strToU8(
      sheet.replace(/ s="1"><v>(\d+)<\/v>/g, (_m, n: string) => ` s="1"><v>${Number(n) - 1462}</v>`),
    );
    const wb = strFromU8(parts["xl/workbook.xml"]);
    parts["xl/workbook.xml"] = strToU8(
      /<workbookPr/.test(wb)
        ? wb.replace(/<workbookPr/, '<workbookPr date1904="1"')
        : wb.replace(/<bookViews|<sheets/, (m) => `<workbookPr date1904="1"/>${m}`),
    );
    const shifted = await scoreXlsxBuffer(zipSync(parts));
    expect(shifted.outcome.result.period).toEqual(plain.outcome.result.period);
    expect(shifted.outcome.result.kpis.map((k) => k.status)).toEqual(
      plain.outcome.result.kpis.map((k) => k.status),
    );
  });

  it("stray cells at XFD1 and A1048576 cost nothing: scored as without them, and named in a warning (issue 14)", async () => {
    const plain = await scoreXlsxBuffer(new Uint8Array(fs.readFileSync(SAMPLE)));
    const bytes = edited(KPI_SHEET, (xml) =>
      xml
        .replace(/(<row r="1"[^>]*>.*?)<\/row>/, '$1<c r="XFD1" t="inlineStr"><is><t>note</t></is></c></row>')
        .replace("</sheetData>", '<row r="1048576"><c r="A1048576"><v>7</v></c></row></sheetData>'),
    );
    const started = Date.now();
    const { outcome } = await scoreXlsxBuffer(bytes);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(outcome.result.kpis.map((k) => k.status)).toEqual(plain.outcome.result.kpis.map((k) => k.status));
    const stray = outcome.result.issues.find((i) => i.code === "stray-cells");
    expect(stray?.message).toMatch(/XFD1/);
    expect(stray?.message).toMatch(/A1048576/);
  });

  it("reads 150,000 filled cells on one sheet without running out of stack (issue 14)", () => {
    const rows: string[] = [];
    for (let r = 1; r <= 15_000; r++) {
      let cells = "";
      for (let c = 0; c < 10; c++) cells += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r + c}</v></c>`;
      rows.push(`<row r="${r}">${cells}</row>`);
    }
    const bytes = edited(KPI_SHEET, (xml) =>
      xml.replace(/<sheetData>.*<\/sheetData>/s, `<sheetData>${rows.join("")}</sheetData>`),
    );
    const sheet = readPackageGrid(XlsxPackage.open(bytes, fflateCodec)).sheets[0];
    expect(sheet.values.length).toBe(15_000);
    expect(sheet.values[14_999][9]).toBe(15_009);
  });

  it("refuses a row past Excel's last row at once, naming the sheet (issue 14)", async () => {
    const bytes = edited(KPI_SHEET, (xml) =>
      xml.replace("</sheetData>", '<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>'),
    );
    const started = Date.now();
    const e = await refusal(scoreXlsxBuffer(bytes));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(e.message).toMatch(/sheet "Corporate Scorecard".*1048577/);
  });

  it("refuses a shared-string index the workbook does not have, naming the sheet and cell (issue 14)", async () => {
    const bytes = edited(KPI_SHEET, (xml) =>
      xml.replace('<c r="A3" s="2" t="s"><v>1</v></c>', '<c r="A3" s="2" t="s"><v>99999</v></c>'),
    );
    const e = await refusal(scoreXlsxBuffer(bytes));
    expect(e.message).toMatch(/damaged.*sheet "Corporate Scorecard" cell A3.*shared string 99999/);
  });

  it("refuses XML nested absurdly deep, and XML that is not well-formed, naming the sheet", async () => {
    const deep = edited(KPI_SHEET, (xml) =>
      xml.replace("</worksheet>", `${"<x>".repeat(500)}${"</x>".repeat(500)}</worksheet>`),
    );
    expect((await refusal(scoreXlsxBuffer(deep))).message).toMatch(/sheet "Corporate Scorecard".*nested/);
    const broken = edited(KPI_SHEET, (xml) => xml.replace("</sheetData>", "<row></sheetData>"));
    expect((await refusal(scoreXlsxBuffer(broken))).message).toMatch(
      /sheet "Corporate Scorecard".*not well-formed/,
    );
  });

  it("refuses two sheets of the same name", async () => {
    const bytes = edited("xl/workbook.xml", (xml) =>
      xml.replace('name="QScorecard_Store"', 'name="Corporate Scorecard"'),
    );
    expect((await refusal(scoreXlsxBuffer(bytes))).message).toMatch(
      /two sheets are named "Corporate Scorecard"/,
    );
  });

  it.each([
    ["fflate", fflateCodec],
    ["Node's zlib", nodeZlibCodec],
  ])(
    "stops inflating a part that holds more than the zip directory declares (%s) (issue 14)",
    async (_n, codec) => {
      // A sheet that inflates to 64 MB, while the directory says 20,000 bytes.
      const big = new Uint8Array(64 * 1024 * 1024).fill(0x20);
      const zip = liarZip([
        { name: KPI_SHEET, data: big, declared: 20_000 },
        ...Object.entries(sampleParts())
          .filter(([n]) => n !== KPI_SHEET)
          .map(([name, data]) => ({ name, data, declared: data.length })),
      ]);
      const started = Date.now();
      const e = await refusal(scoreXlsxBuffer(zip, { codec }));
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(e.message).toMatch(/damaged.*xl\/worksheets\/sheet1\.xml.*more than the zip directory declares/);
    },
  );

  it("scores a budget line of 1e306 without an internal error: the amount is reported, not formatted (issue 14)", async () => {
    const file = path.join(path.dirname(SAMPLE), "q4-2021-22.xlsx");
    const parts = unzipSync(new Uint8Array(fs.readFileSync(file)));
    const bytes = edited(
      "xl/worksheets/sheet3.xml",
      (xml) => xml.replace(/(<c r="J5"[^>]*><v>)[-0-9.]+(<\/v>)/, "$11e306$2"),
      parts,
    );
    const { outcome } = await scoreXlsxBuffer(bytes);
    expect(outcome.result.variances.length).toBeGreaterThan(0);
    for (const v of outcome.result.variances) expect(Number.isFinite(v.variance)).toBe(true);
  });

  it("keeps the officer's hidden blank rows and a shared formula with no master as they were", async () => {
    const bytes = edited(KPI_SHEET, (xml) =>
      xml
        .replace(/<row r="3"/, '<row r="2" hidden="1"/><row r="3"')
        .replace(
          '<c r="B1" s="1"><v>42339</v></c>',
          '<c r="B1" s="1"><v>42339</v></c><c r="C1"><f t="shared" si="5"/><v>3</v></c>',
        ),
    );
    const { output } = await scoreXlsxBuffer(bytes);
    const sheet = strFromU8(unzipSync(output)[KPI_SHEET]);
    expect(sheet).toContain('<row r="2" hidden="1"/>');
    expect(sheet).toContain('<c r="C1"><f t="shared" si="5"/><v>3</v></c>');
  });
});

/** A zip (deflated entries) whose directory declares the sizes given, true or not. */
function liarZip(entries: { name: string; data: Uint8Array; declared: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}
