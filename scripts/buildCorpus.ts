/**
 * Builds a corpus of awkward workbooks for the hardening tests (issue 6), into a directory.
 *
 *   node bin/run-ts.js scripts/buildCorpus.ts <dir>
 *
 * Tests call `buildCorpus(tmpDir)` so no binary is committed. Most files are made with ExcelJS;
 * the hostile and lossy ones are finished by hand with JSZip or raw bytes.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { PackageLimits } from "../src/xlsx/inspectPackage";

/** One file of the corpus. */
export interface CorpusFile {
  /** File name inside the corpus directory. */
  name: string;
  /** What is awkward about it. */
  description: string;
  /** Limits to inspect it with, when the point is a small injected limit. */
  limits?: Partial<PackageLimits>;
}

/** The corpus files by key, as `buildCorpus` wrote them (absolute paths in `path`). */
export type Corpus = Record<CorpusKey, CorpusFile & { path: string }>;

/** Every corpus file's key. */
export type CorpusKey =
  | "hidden"
  | "filtered"
  | "listObject"
  | "formulas"
  | "dates"
  | "protected"
  | "wide"
  | "empty"
  | "textRenamed"
  | "encrypted"
  | "legacyXls"
  | "tooLarge"
  | "zipBombRatio"
  | "zipBombDeclared"
  | "chart"
  | "pivot"
  | "customXml"
  | "image"
  | "sensitivityLabel";

/** Columns of every corpus KPI table (row 2, under a title in row 1). */
export const KPI_HEADER = ["Measure", "Target", "Tolerance", "Q1", "Q2", "Q3", "Q4"];

/**
 * The KPI rows every scoring corpus file holds, with the Q4 status issue 2's rules give.
 * Percentages are fractions shown with a "0%" format.
 */
export const KPI_ROWS: {
  measure: string;
  target: number | null;
  tolerance: number | null;
  values: number[];
  q4: string;
}[] = [
  {
    measure: "% of re-referrals within 12 months (lower the better)",
    target: 0.22,
    tolerance: 0.25,
    values: [0.21, 0.23, 0.24, 0.26],
    q4: "outside",
  },
  {
    measure: "% of assessments completed within 45 days (higher is better)",
    target: 0.9,
    tolerance: 0.8,
    values: [0.88, 0.91, 0.86, 0.85],
    q4: "within",
  },
  {
    measure: "% of care leavers in education, employment or training (higher is better)",
    target: 0.6,
    tolerance: 0.55,
    values: [0.58, 0.6, 0.61, 0.64],
    q4: "better",
  },
  {
    measure: "% of child protection plans lasting 2 years or more (lower the better)",
    target: 0.05,
    tolerance: null,
    values: [0.04, 0.06, 0.05, 0.05],
    q4: "better",
  },
  {
    measure: "% of children in care with 3 or more placements (lower the better)",
    target: 0.1,
    tolerance: 0.12,
    values: [0.09, 0.11, 0.13, 0.11],
    q4: "within",
  },
];

/** Title, header and KPI rows on `ws` from row 1; returns the 1-based first data row. */
function addKpiTable(ws: ExcelJS.Worksheet, title = "Contract Key Performance Indicators"): number {
  ws.addRow([title]);
  ws.addRow(KPI_HEADER);
  for (const k of KPI_ROWS) {
    const row = ws.addRow([k.measure, k.target, k.tolerance, ...k.values]);
    for (let c = 2; c <= KPI_HEADER.length; c++) row.getCell(c).numFmt = "0%";
  }
  ws.getColumn(1).width = 60;
  return 3;
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "quarterly-scorecard corpus";
  wb.created = new Date(Date.UTC(2022, 3, 1));
  wb.modified = wb.created;
  return wb;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A KPI sheet with KPI row 2 (sheet row 4) and column E (Q2) hidden. */
async function hidden(): Promise<Uint8Array> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet("KPIs");
  addKpiTable(ws);
  ws.getRow(4).hidden = true;
  ws.getColumn(5).hidden = true;
  return bytesOf(wb);
}

/** A KPI table under an AutoFilter that hides the rows not "better" in Q4 (as Excel leaves them). */
async function filtered(): Promise<Uint8Array> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet("KPIs");
  const first = addKpiTable(ws);
  ws.autoFilter = `A2:G${first + KPI_ROWS.length - 1}`;
  KPI_ROWS.forEach((k, i) => {
    if (k.q4 !== "better") ws.getRow(first + i).hidden = true;
  });
  return bytesOf(wb);
}

/** The KPI table as an Excel table (ListObject), with a title row above it. */
async function listObject(): Promise<Uint8Array> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet("KPIs");
  ws.addRow(["Partnership Performance Indicators"]);
  ws.addTable({
    name: "PartnershipKPIs",
    ref: "A2",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: KPI_HEADER.map((name) => ({ name })),
    rows: KPI_ROWS.map((k) => [k.measure, k.target, k.tolerance, ...k.values]),
  });
  for (let r = 3; r < 3 + KPI_ROWS.length; r++) for (let c = 2; c <= 7; c++) ws.getCell(r, c).numFmt = "0%";
  return bytesOf(wb);
}

/** Targets and Q4 actuals as formulas with cached values (Q4 = Q3 + a change in column I). */
async function formulas(): Promise<Uint8Array> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet("KPIs");
  const first = addKpiTable(ws);
  ws.getCell("I2").value = "Change in Q4";
  KPI_ROWS.forEach((k, i) => {
    const r = first + i;
    const change = Math.round((k.values[3] - k.values[2]) * 100) / 100;
    ws.getCell(`I${r}`).value = change;
    ws.getCell(`G${r}`).value = { formula: `F${r}+I${r}`, result: k.values[3] };
    if (k.target !== null) ws.getCell(`B${r}`).value = { formula: `ROUND(${k.target},2)`, result: k.target };
  });
  return bytesOf(wb);
}

/** Monthly columns headed by real dates (serial numbers, "mmm-yy"), Jan-22 to Mar-22 (Q4 2021/22). */
async function dates(): Promise<Uint8Array> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet("Monthly");
  ws.addRow(["Corporate Scorecard"]);
  const months = [
    new Date(Date.UTC(2022, 0, 1)),
    new Date(Date.UTC(2022, 1, 1)),
    new Date(Date.UTC(2022, 2, 1)),
  ];
  const header = ws.addRow(["Measure", "Target", "Tolerance", ...months, "Date reported"]);
  for (let c = 4; c <= 6; c++) header.getCell(c).numFmt = "mmm-yy";
  for (const k of KPI_ROWS) {
    const row = ws.addRow([
      k.measure,
      k.target,
      k.tolerance,
      k.values[1],
      k.values[2],
      k.values[3],
      new Date(Date.UTC(2022, 3, 12)),
    ]);
    for (let c = 2; c <= 6; c++) row.getCell(c).numFmt = "0%";
    row.getCell(7).numFmt = "dd/mm/yyyy";
  }
  return bytesOf(wb);
}

/** The KPI sheet protected with a password (cells locked; the workbook itself is not encrypted). */
async function protectedSheet(): Promise<Uint8Array> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet("KPIs");
  addKpiTable(ws);
  await ws.protect("corpus", { selectLockedCells: true, selectUnlockedCells: true });
  return bytesOf(wb);
}

/** A KPI sheet plus a 2,000-column by 30-row data sheet. */
async function wide(): Promise<Uint8Array> {
  const wb = newWorkbook();
  addKpiTable(wb.addWorksheet("KPIs"));
  const ws = wb.addWorksheet("Wide data");
  for (let r = 0; r < 30; r++) {
    ws.addRow(Array.from({ length: 2000 }, (_, c) => (r === 0 ? `Col ${c + 1}` : (r * 2000 + c) % 997)));
  }
  return bytesOf(wb);
}

/** One blank sheet and nothing else. */
async function empty(): Promise<Uint8Array> {
  const wb = newWorkbook();
  wb.addWorksheet("Sheet1");
  return bytesOf(wb);
}

/** A CSV export renamed .xlsx. */
function textRenamed(): Uint8Array {
  const lines = [
    "Measure,Target,Tolerance,Q4",
    ...KPI_ROWS.map((k) => `"${k.measure}",${k.target ?? ""},${k.tolerance ?? ""},${k.values[3]}`),
  ];
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

/**
 * A minimal OLE compound file (CFB v3: header, one FAT sector, one directory sector) whose
 * directory names the given empty streams. With "EncryptionInfo" and "EncryptedPackage" it
 * stands in for a password-protected .xlsx (a real one holds the encrypted package in those
 * streams); with "Workbook" it stands in for a legacy .xls. Neither can be opened by Excel.
 */
export function compoundFile(streams: string[]): Uint8Array {
  const SECTOR = 512;
  const out = new Uint8Array(SECTOR * 3);
  const v = new DataView(out.buffer);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((b, i) => (out[i] = b));
  v.setUint16(24, 0x003e, true); // minor version
  v.setUint16(26, 0x0003, true); // major version 3
  v.setUint16(28, 0xfffe, true); // byte order
  v.setUint16(30, 9, true); // 512-byte sectors
  v.setUint16(32, 6, true); // 64-byte mini sectors
  v.setUint32(44, 1, true); // FAT sectors
  v.setUint32(48, 1, true); // first directory sector
  v.setUint32(56, 4096, true); // mini stream cutoff
  v.setUint32(60, 0xfffffffe, true); // no mini FAT
  v.setUint32(68, 0xfffffffe, true); // no DIFAT sectors
  for (let i = 76; i < 512; i += 4) v.setUint32(i, 0xffffffff, true);
  v.setUint32(76, 0, true); // DIFAT[0]: the FAT is sector 0
  // Sector 0 (file offset 512): the FAT.
  for (let i = 0; i < 128; i++) v.setUint32(SECTOR + i * 4, 0xffffffff, true);
  v.setUint32(SECTOR, 0xfffffffd, true); // FAT sector
  v.setUint32(SECTOR + 4, 0xfffffffe, true); // directory: end of chain
  // Sector 1 (file offset 1024): four 128-byte directory entries.
  const names = ["Root Entry", ...streams].slice(0, 4);
  for (let e = 0; e < 4; e++) {
    const at = SECTOR * 2 + e * 128;
    for (const off of [68, 72, 76]) v.setUint32(at + off, 0xffffffff, true);
    if (e >= names.length) continue;
    const name = names[e];
    for (let i = 0; i < name.length; i++) v.setUint16(at + i * 2, name.charCodeAt(i), true);
    v.setUint16(at + 64, (name.length + 1) * 2, true);
    out[at + 66] = e === 0 ? 5 : 2; // root storage / stream
    out[at + 67] = 1; // black
    if (e === 0 && names.length > 1) v.setUint32(at + 76, 1, true); // root's child
    if (e > 0 && e + 1 < names.length) v.setUint32(at + 72, e + 1, true); // right sibling
    v.setUint32(at + 116, 0xfffffffe, true); // empty stream
  }
  return out;
}

/** A real workbook with incompressible filler: larger than the limit its corpus entry states. */
async function tooLarge(): Promise<Uint8Array> {
  const wb = newWorkbook();
  addKpiTable(wb.addWorksheet("KPIs"));
  const ws = wb.addWorksheet("Past figures");
  let seed = 12345;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let r = 0; r < 2000; r++) ws.addRow(Array.from({ length: 10 }, () => Math.round(next() * 1e9) / 1e3));
  return bytesOf(wb);
}

/** A valid workbook whose sheet XML is padded with 24 MB of spaces: about 1,000 : 1 when deflated. */
async function zipBombRatio(): Promise<Uint8Array> {
  const wb = newWorkbook();
  addKpiTable(wb.addWorksheet("KPIs"));
  const zip = await JSZip.loadAsync(await bytesOf(wb));
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  zip.file(
    "xl/worksheets/sheet1.xml",
    sheet.replace("<sheetData>", "<sheetData>" + " ".repeat(24 * 1024 * 1024)),
  );
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/** A workbook whose zip directory declares that sheet1.xml expands to 4,000,000,000 bytes. */
async function zipBombDeclared(): Promise<Uint8Array> {
  const wb = newWorkbook();
  addKpiTable(wb.addWorksheet("KPIs"));
  return patchDeclaredSize(await bytesOf(wb), "xl/worksheets/sheet1.xml", 4_000_000_000);
}

/** Rewrites one entry's uncompressed size in the central directory (the data are unchanged). */
export function patchDeclaredSize(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  let eocd = out.length - 22;
  while (eocd >= 0 && v.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("patchDeclaredSize: no end of central directory");
  let p = v.getUint32(eocd + 16, true);
  for (let i = 0; i < v.getUint16(eocd + 10, true); i++) {
    const nameLen = v.getUint16(p + 28, true);
    const name = new TextDecoder().decode(out.subarray(p + 46, p + 46 + nameLen));
    if (name === entry) {
      v.setUint32(p + 24, size, true);
      return out;
    }
    p += 46 + nameLen + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  throw new Error(`patchDeclaredSize: no entry ${entry}`);
}

/** Options for `storedZip`. */
export interface StoredZipOptions {
  /** Write ZIP64 sizes (extra field and ZIP64 end records) for every entry. */
  zip64?: boolean;
  /** Uncompressed sizes to declare instead of the real ones, by entry name. */
  declare?: Record<string, number>;
  /** Point the last entry's directory record at the first entry's data (overlapping entries). */
  overlapLast?: boolean;
}

/**
 * A zip of stored (uncompressed) entries, written byte by byte so tests can make ZIP64 and
 * deliberately malformed directories that zip libraries refuse to write.
 * @example storedZip([{ name: "[Content_Types].xml", data: "<Types/>" }], { zip64: true })
 */
export function storedZip(
  entries: { name: string; data: string }[],
  opts: StoredZipOptions = {},
): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const offsets: number[] = [];
  for (const e of entries) {
    const name = enc.encode(e.name);
    const data = enc.encode(e.data);
    const crc = crc32(data);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, opts.zip64 ? 45 : 20, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    offsets.push(offset);
    chunks.push(local, data);
    const declared = opts.declare?.[e.name] ?? data.length;
    const at = opts.overlapLast && e === entries[entries.length - 1] ? offsets[0] : offset;
    const extra = opts.zip64 ? 28 : 0;
    const cd = new Uint8Array(46 + name.length + extra);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, opts.zip64 ? 45 : 20, true);
    cv.setUint16(6, opts.zip64 ? 45 : 20, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, opts.zip64 ? 0xffffffff : data.length, true);
    cv.setUint32(24, opts.zip64 ? 0xffffffff : declared, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extra, true);
    cv.setUint32(42, opts.zip64 ? 0xffffffff : at, true);
    cd.set(name, 46);
    if (opts.zip64) {
      const x = 46 + name.length;
      cv.setUint16(x, 0x0001, true);
      cv.setUint16(x + 2, 24, true);
      cv.setBigUint64(x + 4, BigInt(declared), true);
      cv.setBigUint64(x + 12, BigInt(data.length), true);
      cv.setBigUint64(x + 20, BigInt(at), true);
    }
    central.push(cd);
    offset += local.length + data.length;
  }
  const cdOffset = offset;
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const tail: Uint8Array[] = [];
  if (opts.zip64) {
    const rec = new Uint8Array(56 + 20);
    const rv = new DataView(rec.buffer);
    rv.setUint32(0, 0x06064b50, true);
    rv.setBigUint64(4, 44n, true);
    rv.setUint16(12, 45, true);
    rv.setUint16(14, 45, true);
    rv.setBigUint64(24, BigInt(entries.length), true);
    rv.setBigUint64(32, BigInt(entries.length), true);
    rv.setBigUint64(40, BigInt(cdSize), true);
    rv.setBigUint64(48, BigInt(cdOffset), true);
    rv.setUint32(56, 0x07064b50, true); // locator
    rv.setBigUint64(56 + 8, BigInt(cdOffset + cdSize), true);
    rv.setUint32(56 + 16, 1, true);
    tail.push(rec);
  }
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, opts.zip64 ? 0xffff : entries.length, true);
  ev.setUint16(10, opts.zip64 ? 0xffff : entries.length, true);
  ev.setUint32(12, opts.zip64 ? 0xffffffff : cdSize, true);
  ev.setUint32(16, opts.zip64 ? 0xffffffff : cdOffset, true);
  tail.push(eocd);
  const all = [...chunks, ...central, ...tail];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of all) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/** CRC-32 (IEEE), as zip headers carry it. */
function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const CT = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  pivotTable: "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml",
  pivotCache: "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml",
  pivotRecords: "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml",
  itemProps: "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
  custom: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
};
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Adds parts, content-type overrides and relationships to a workbook made by ExcelJS. */
class PackageEditor {
  private constructor(readonly zip: JSZip) {}

  static async open(bytes: Uint8Array): Promise<PackageEditor> {
    return new PackageEditor(await JSZip.loadAsync(bytes));
  }

  async edit(part: string, change: (xml: string) => string): Promise<void> {
    const file = this.zip.file(part);
    if (!file) throw new Error(`PackageEditor: no part ${part}`);
    this.zip.file(part, change(await file.async("string")));
  }

  async add(part: string, xml: string, contentType?: string): Promise<void> {
    this.zip.file(part, XML_DECL + xml);
    if (contentType) {
      await this.edit("[Content_Types].xml", (x) =>
        x.replace("</Types>", `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`),
      );
    }
  }

  /** Adds a relationship from `source` (e.g. "xl/workbook.xml"; "" for the package) to a target relative to it. */
  async relate(source: string, id: string, type: string, target: string): Promise<void> {
    const rels =
      source === ""
        ? "_rels/.rels"
        : `${path.posix.dirname(source)}/_rels/${path.posix.basename(source)}.rels`;
    const rel = `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`;
    if (this.zip.file(rels))
      await this.edit(rels, (x) => x.replace("</Relationships>", rel + "</Relationships>"));
    else
      this.zip.file(
        rels,
        `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
      );
  }

  bytes(): Promise<Uint8Array> {
    return this.zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }
}

async function kpiPackage(): Promise<PackageEditor> {
  const wb = newWorkbook();
  addKpiTable(wb.addWorksheet("KPIs"));
  return PackageEditor.open(await bytesOf(wb));
}

/** A bar chart of Q4 on the KPI sheet (drawing + chart parts added by hand). */
async function chart(): Promise<Uint8Array> {
  const pkg = await kpiPackage();
  await pkg.edit("xl/worksheets/sheet1.xml", (x) =>
    x.replace("</worksheet>", '<drawing r:id="rIdQsDrawing1"/></worksheet>'),
  );
  await pkg.relate("xl/worksheets/sheet1.xml", "rIdQsDrawing1", "drawing", "../drawings/drawing1.xml");
  await pkg.add(
    "xl/drawings/drawing1.xml",
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ' +
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
      "<xdr:twoCellAnchor><xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
      "<xdr:to><xdr:col>15</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>" +
      '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Q4 chart"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
      `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="rId1"/>` +
      "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>",
    CT.drawing,
  );
  await pkg.relate("xl/drawings/drawing1.xml", "rId1", "chart", "../charts/chart1.xml");
  await pkg.add(
    "xl/charts/chart1.xml",
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ' +
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:layout/>' +
      '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/>' +
      "<c:cat><c:strRef><c:f>KPIs!$A$3:$A$7</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>KPIs!$G$3:$G$7</c:f></c:numRef></c:val>" +
      '</c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart>' +
      '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="2"/></c:catAx>' +
      '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="1"/></c:valAx>' +
      "</c:plotArea></c:chart></c:chartSpace>",
    CT.chart,
  );
  return pkg.bytes();
}

/** A pivot table over the KPI table (cache definition, records and table parts added by hand). */
async function pivot(): Promise<Uint8Array> {
  const pkg = await kpiPackage();
  const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"`;
  await pkg.edit("xl/workbook.xml", (x) =>
    x.replace(
      "</workbook>",
      '<pivotCaches><pivotCache cacheId="1" r:id="rIdQsPivotCache1"/></pivotCaches></workbook>',
    ),
  );
  await pkg.relate(
    "xl/workbook.xml",
    "rIdQsPivotCache1",
    "pivotCacheDefinition",
    "pivotCache/pivotCacheDefinition1.xml",
  );
  await pkg.add(
    "xl/pivotCache/pivotCacheDefinition1.xml",
    `<pivotCacheDefinition ${ns} r:id="rId1" recordCount="0"><cacheSource type="worksheet">` +
      '<worksheetSource ref="A2:G7" sheet="KPIs"/></cacheSource><cacheFields count="1">' +
      '<cacheField name="Measure" numFmtId="0"><sharedItems/></cacheField></cacheFields></pivotCacheDefinition>',
    CT.pivotCache,
  );
  await pkg.relate(
    "xl/pivotCache/pivotCacheDefinition1.xml",
    "rId1",
    "pivotCacheRecords",
    "pivotCacheRecords1.xml",
  );
  await pkg.add(
    "xl/pivotCache/pivotCacheRecords1.xml",
    `<pivotCacheRecords ${ns} count="0"/>`,
    CT.pivotRecords,
  );
  await pkg.relate("xl/worksheets/sheet1.xml", "rIdQsPivot1", "pivotTable", "../pivotTables/pivotTable1.xml");
  await pkg.add(
    "xl/pivotTables/pivotTable1.xml",
    `<pivotTableDefinition ${ns} name="KPI pivot" cacheId="1" dataCaption="Values"><location ref="J2:J3" firstHeaderRow="1" ` +
      'firstDataRow="1" firstDataCol="0"/><pivotFields count="1"><pivotField showAll="0"/></pivotFields></pivotTableDefinition>',
    CT.pivotTable,
  );
  await pkg.relate(
    "xl/pivotTables/pivotTable1.xml",
    "rId1",
    "pivotCacheDefinition",
    "../pivotCache/pivotCacheDefinition1.xml",
  );
  return pkg.bytes();
}

/** A custom XML data part (as SharePoint and records systems add) linked from the workbook. */
async function customXml(): Promise<Uint8Array> {
  const pkg = await kpiPackage();
  await pkg.add(
    "customXml/item1.xml",
    '<records xmlns="urn:example:council-records"><retention>7 years</retention></records>',
  );
  await pkg.add(
    "customXml/itemProps1.xml",
    '<ds:datastoreItem ds:itemID="{6D1B5C1E-7A55-4F0B-9E55-3C1D2B9A0F11}" ' +
      'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>',
    CT.itemProps,
  );
  await pkg.relate("customXml/item1.xml", "rId1", "customXmlProps", "itemProps1.xml");
  await pkg.relate("xl/workbook.xml", "rIdQsCustomXml1", "customXml", "../customXml/item1.xml");
  return pkg.bytes();
}

/** A picture added with ExcelJS itself (a 1×1 PNG): ExcelJS keeps some images, so it is listed, not trusted. */
async function image(): Promise<Uint8Array> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet("KPIs");
  addKpiTable(ws);
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  );
  const id = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" });
  ws.addImage(id, "I2:J3");
  return bytesOf(wb);
}

/** A Microsoft Purview-style sensitivity label in the custom document properties. */
async function sensitivityLabel(): Promise<Uint8Array> {
  const pkg = await kpiPackage();
  await pkg.add(
    "docProps/custom.xml",
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
      'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_00000000-0000-0000-0000-000000000000_Name">' +
      "<vt:lpwstr>OFFICIAL-SENSITIVE</vt:lpwstr></property></Properties>",
    CT.custom,
  );
  await pkg.relate("", "rIdQsCustom", "custom-properties", "docProps/custom.xml");
  return pkg.bytes();
}

/**
 * Writes every corpus file into `dir` and describes them. `tooLarge` states the small file-size
 * limit to test it with (half its size), so no test writes a 50 MB file.
 *
 * @example
 * const corpus = await buildCorpus(await mkdtemp(join(tmpdir(), "corpus-")));
 * await inspectPackage(await readFile(corpus.encrypted.path));
 */
export async function buildCorpus(dir: string): Promise<Corpus> {
  await mkdir(dir, { recursive: true });
  const makers: Record<CorpusKey, [string, string, () => Promise<Uint8Array> | Uint8Array]> = {
    hidden: ["hidden-rows-cols.xlsx", "a KPI row and a period column hidden", hidden],
    filtered: ["filtered.xlsx", "an AutoFilter hiding the KPI rows not better than target", filtered],
    listObject: ["list-object.xlsx", "the KPI table as an Excel table (ListObject)", listObject],
    formulas: ["formulas.xlsx", "targets and Q4 actuals as formulas with cached values", formulas],
    dates: ["dates.xlsx", "month columns headed by date serial numbers", dates],
    protected: ["protected-sheet.xlsx", "the KPI sheet protected with a password", protectedSheet],
    wide: ["wide.xlsx", "a 2,000-column sheet beside the KPI sheet", wide],
    empty: ["empty.xlsx", "one blank sheet", empty],
    textRenamed: ["text-renamed.xlsx", "a CSV file renamed .xlsx", textRenamed],
    encrypted: [
      "password-protected.xlsx",
      "stand-in for a password-protected .xlsx: an OLE compound file with EncryptionInfo and EncryptedPackage streams",
      () => compoundFile(["EncryptionInfo", "EncryptedPackage"]),
    ],
    legacyXls: [
      "legacy.xlsx",
      "stand-in for an old .xls renamed .xlsx: an OLE compound file with a Workbook stream",
      () => compoundFile(["Workbook"]),
    ],
    tooLarge: ["too-large.xlsx", "a real workbook larger than its stated limit", tooLarge],
    zipBombRatio: [
      "zip-bomb-ratio.xlsx",
      "sheet XML padded to 24 MB that deflates about 1,000 : 1",
      zipBombRatio,
    ],
    zipBombDeclared: ["zip-bomb-declared.xlsx", "a zip directory declaring a 4 GB sheet", zipBombDeclared],
    chart: ["chart.xlsx", "a chart on the KPI sheet", chart],
    pivot: ["pivot.xlsx", "a pivot table and its cache", pivot],
    customXml: ["custom-xml.xlsx", "a custom XML data part", customXml],
    image: ["image.xlsx", "a picture on the KPI sheet", image],
    sensitivityLabel: [
      "sensitivity-label.xlsx",
      "an OFFICIAL-SENSITIVE label in the custom properties",
      sensitivityLabel,
    ],
  };
  const corpus = {} as Corpus;
  for (const [key, [name, description, make]] of Object.entries(makers) as [
    CorpusKey,
    (typeof makers)[CorpusKey],
  ][]) {
    const bytes = await make();
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    corpus[key] = { name, description, path: file };
    if (key === "tooLarge") corpus[key].limits = { maxFileBytes: Math.floor(bytes.length / 2) };
  }
  return corpus;
}

if (path.resolve(process.argv[1] ?? "") === __filename) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node bin/run-ts.js scripts/buildCorpus.ts <dir>");
    process.exit(2);
  }
  buildCorpus(path.resolve(dir)).then(
    (corpus) => {
      for (const f of Object.values(corpus)) console.log(`${f.name.padEnd(26)} ${f.description}`);
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exit(1);
    },
  );
}
