import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { buildCorpus, patchDeclaredSize, storedZip, type Corpus } from "../../scripts/buildCorpus";
import { DEFAULT_PACKAGE_LIMITS, inspectPackage, type PackageReport } from "../../src/xlsx/inspectPackage";

// Every corpus file through inspectPackage: the checks made before ExcelJS reads a byte.

let dir: string;
let corpus: Corpus;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "qs-corpus-"));
  corpus = await buildCorpus(dir);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function inspect(key: keyof Corpus): Promise<PackageReport> {
  const f = corpus[key];
  return inspectPackage(new Uint8Array(await readFile(f.path)), f.limits);
}

const CONTENT_TYPES = { name: "[Content_Types].xml", data: "<Types/>" };
const WORKBOOK = { name: "xl/workbook.xml", data: "<workbook/>" };

describe("inspectPackage on the corpus", () => {
  it.each(["hidden", "filtered", "listObject", "formulas", "dates", "protected", "wide", "empty"] as const)(
    "accepts %s with nothing to lose",
    async (key) => {
      expect(await inspect(key)).toEqual({ problems: [] });
    },
  );

  it("refuses a text file renamed .xlsx, saying it looks like text", async () => {
    const r = await inspect("textRenamed");
    expect(r.problems).toEqual([{ code: "not-xlsx", message: expect.stringMatching(/text or CSV/) }]);
  });

  it("refuses a password-protected workbook, saying how to remove the password", async () => {
    const r = await inspect("encrypted");
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].code).toBe("encrypted");
    expect(r.problems[0].message).toMatch(/password-protected/);
    expect(r.problems[0].message).toMatch(/remove the password/);
  });

  it("refuses a legacy .xls renamed .xlsx, asking for Save As .xlsx", async () => {
    const r = await inspect("legacyXls");
    expect(r.problems).toEqual([{ code: "not-xlsx", message: expect.stringMatching(/old-format \.xls/) }]);
  });

  it("refuses a file over the stated size limit without reading it", async () => {
    const f = corpus.tooLarge;
    const bytes = new Uint8Array(await readFile(f.path));
    expect(f.limits?.maxFileBytes).toBeLessThan(bytes.length);
    const r = await inspect("tooLarge");
    expect(r.problems).toEqual([{ code: "too-large", message: expect.stringMatching(/over the .* limit/) }]);
    // The same file passes at the default limit (50 MB), so the limit alone refused it.
    expect((await inspectPackage(bytes)).problems).toEqual([]);
    expect(DEFAULT_PACKAGE_LIMITS.maxFileBytes).toBe(50 * 1024 * 1024);
  });

  it("refuses a sheet that deflates about 1,000 : 1, from the zip directory alone", async () => {
    const r = await inspect("zipBombRatio");
    expect(r.problems).toEqual([
      { code: "zip-bomb", message: expect.stringMatching(/sheet1\.xml.*more than 500 times/) },
    ]);
  });

  it("refuses a zip directory declaring a 4 GB sheet (over the 500 MB total)", async () => {
    const bytes = new Uint8Array(await readFile(corpus.zipBombDeclared.path));
    const r = await inspectPackage(bytes, { maxCompressionRatio: Number.POSITIVE_INFINITY });
    expect(r.problems).toEqual([
      { code: "zip-bomb", message: expect.stringMatching(/more than 500 MB when unzipped/) },
    ]);
    expect((await inspect("zipBombDeclared")).problems[0].code).toBe("zip-bomb");
  });

  it("refuses a small workbook under a small injected uncompressed limit, and accepts it under the default", async () => {
    const bytes = new Uint8Array(await readFile(corpus.hidden.path));
    expect((await inspectPackage(bytes, { maxUncompressedBytes: 4096 })).problems.map((p) => p.code)).toEqual(
      ["zip-bomb"],
    );
    expect((await inspectPackage(bytes)).problems).toEqual([]);
  });

  // The package writer carries every part across, so none of these is a reason to stop.
  it.each(["chart", "pivot", "customXml", "image", "sensitivityLabel"] as const)(
    "accepts %s: its parts are carried across byte for byte",
    async (key) => {
      expect(await inspect(key)).toEqual({ problems: [] });
    },
  );
});

describe("inspectPackage on hand-made zips", () => {
  it("reads a ZIP64 directory", async () => {
    const ok = storedZip([CONTENT_TYPES, WORKBOOK, { name: "xl/charts/chart1.xml", data: "<c/>" }], {
      zip64: true,
    });
    const r = await inspectPackage(ok);
    expect(r.problems).toEqual([]);
  });

  it("adds ZIP64 sizes beyond 4 GB without inflating", async () => {
    const bomb = storedZip([CONTENT_TYPES, WORKBOOK], {
      zip64: true,
      declare: { "xl/workbook.xml": 2 ** 40 },
    });
    const r = await inspectPackage(bomb, { maxCompressionRatio: Number.POSITIVE_INFINITY });
    expect(r.problems.map((p) => p.code)).toEqual(["zip-bomb"]);
  });

  it("refuses overlapping entries (the 'better zip bomb' construction)", async () => {
    const z = storedZip([CONTENT_TYPES, WORKBOOK, { name: "xl/styles.xml", data: "<styleSheet/>" }], {
      overlapLast: true,
    });
    const r = await inspectPackage(z);
    expect(r.problems).toEqual([{ code: "zip-bomb", message: expect.stringMatching(/overlap/) }]);
  });

  it("refuses a zip without [Content_Types].xml or xl/workbook.xml", async () => {
    const r = await inspectPackage(storedZip([{ name: "readme.txt", data: "hello" }]));
    expect(r.problems).toEqual([
      { code: "not-xlsx", message: expect.stringMatching(/\[Content_Types\]\.xml or xl\/workbook\.xml/) },
    ]);
    const r2 = await inspectPackage(storedZip([CONTENT_TYPES]));
    expect(r2.problems[0].message).toMatch(/no xl\/workbook\.xml/);
  });

  it("names a Word document and a binary .xlsb", async () => {
    const docx = await inspectPackage(
      storedZip([CONTENT_TYPES, { name: "word/document.xml", data: "<w/>" }]),
    );
    expect(docx.problems[0].message).toMatch(/Word document/);
    const xlsb = await inspectPackage(storedZip([CONTENT_TYPES, { name: "xl/workbook.bin", data: "x" }]));
    expect(xlsb.problems[0].message).toMatch(/\.xlsb/);
  });

  it("says a truncated workbook is damaged", async () => {
    const bytes = new Uint8Array(await readFile(corpus.hidden.path));
    const r = await inspectPackage(bytes.subarray(0, bytes.length - 30));
    expect(r.problems.map((p) => p.code)).toEqual(["corrupt"]);
  });

  it("refuses an empty file and an empty zip as not workbooks", async () => {
    expect((await inspectPackage(new Uint8Array(0))).problems[0]).toEqual({
      code: "not-xlsx",
      message: expect.stringMatching(/empty/),
    });
    const emptyZip = new Uint8Array(22);
    new DataView(emptyZip.buffer).setUint32(0, 0x06054b50, true);
    expect((await inspectPackage(emptyZip)).problems[0].code).toBe("not-xlsx");
  });

  it("refuses a directory with more entries than the limit", async () => {
    const r = await inspectPackage(storedZip([CONTENT_TYPES, WORKBOOK]), { maxEntries: 1 });
    expect(r.problems.map((p) => p.code)).toEqual(["zip-bomb"]);
  });

  it("never throws on random bytes or on a real workbook cut anywhere", async () => {
    const whole = new Uint8Array(await readFile(corpus.chart.path));
    for (let cut = 0; cut < whole.length; cut += 97) {
      const r = await inspectPackage(whole.subarray(0, cut));
      expect(r.problems.length).toBeGreaterThan(0);
    }
    let seed = 7;
    for (let i = 0; i < 200; i++) {
      const junk = whole.slice();
      for (let k = 0; k < 8; k++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        junk[seed % junk.length] ^= 0xff;
      }
      await expect(inspectPackage(junk)).resolves.toBeDefined();
    }
  });

  it("patchDeclaredSize changes only what the directory declares", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A").getCell("A1").value = 1;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const patched = patchDeclaredSize(bytes, "xl/worksheets/sheet1.xml", 900 * 1024 * 1024);
    expect(patched.length).toBe(bytes.length);
    expect((await inspectPackage(bytes)).problems).toEqual([]);
    expect((await inspectPackage(patched)).problems.map((p) => p.code)).toEqual(["zip-bomb"]);
  });
});
