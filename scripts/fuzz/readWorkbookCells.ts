import { crc32, inflateRawSync } from "node:zlib";
import { SaxesParser } from "saxes";

/** One worksheet's content as the fuzz checker compares it. */
export interface SheetCells {
  /** "A1" → "s:text" / "n:42" / "b:1" / "e:#REF!", plus " f(t,si,ref):text" when it has a formula. */
  cells: Map<string, string>;
  /** The numbers of the rows marked hidden. */
  hiddenRows: Set<number>;
}

/** A workbook's sheets by name, and every XML part's well-formedness. */
export interface WorkbookCells {
  sheets: Map<string, SheetCells>;
  /** Each XML part (by path) that is not well-formed, with why. */
  malformed: Map<string, string>;
  /** Entry names, in zip order (duplicates included). */
  entries: string[];
}

/** Options for `readWorkbookCells`. */
export interface ReadCellsOptions {
  /** Refuse an entry whose CRC-32 is wrong (default true). */
  checkCrc?: boolean;
  /** Largest entry inflated, bytes (default 600 MB): whatever its headers say. */
  maxEntryBytes?: number;
}

interface Entry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  localOffset: number;
}

/**
 * The fuzz corpus's own, independent reader: the values, formulas and hidden rows of every sheet,
 * read straight from the package's XML (no ExcelJS, nothing of src/), so the scored copy can be
 * checked against its input. Throws, with the reason, when the zip or a needed part cannot be read.
 * @example const { sheets } = readWorkbookCells(bytes); sheets.get("KPIs")?.cells.get("B3") // "n:0.9"
 */
export function readWorkbookCells(bytes: Uint8Array, options: ReadCellsOptions = {}): WorkbookCells {
  const entries = readDirectory(bytes);
  const byName = new Map<string, Entry>();
  for (const e of entries) if (!byName.has(e.name)) byName.set(e.name, e);
  const texts = new Map<string, string>();
  const text = (name: string): string | undefined => {
    if (texts.has(name)) return texts.get(name);
    const e = byName.get(name);
    if (!e) return undefined;
    const t = new TextDecoder("utf-8", { fatal: false }).decode(inflateEntry(bytes, e, options));
    texts.set(name, t);
    return t;
  };
  const malformed = new Map<string, string>();
  for (const e of byName.values()) {
    if (!/\.(xml|rels|vml)$/i.test(e.name)) continue;
    const why = wellFormedError(text(e.name) ?? "");
    if (why) malformed.set(e.name, why);
  }
  const workbook = text("xl/workbook.xml");
  if (workbook === undefined) throw new Error("no xl/workbook.xml");
  const targets = new Map<string, string>();
  walk(text("xl/_rels/workbook.xml.rels") ?? "", (name, attrs) => {
    if (name === "Relationship" && attrs.Id && attrs.Target)
      targets.set(attrs.Id, attrs.Target.startsWith("/") ? attrs.Target.slice(1) : `xl/${attrs.Target}`);
  });
  const shared = readSharedStrings(text("xl/sharedStrings.xml"));
  const sheets = new Map<string, SheetCells>();
  walk(workbook, (name, attrs) => {
    if (name !== "sheet") return;
    const part = targets.get(attrs["r:id"] ?? "");
    const xml = part === undefined ? undefined : text(part);
    if (xml === undefined) throw new Error(`sheet "${attrs.name}" has no part`);
    if (!sheets.has(attrs.name)) sheets.set(attrs.name, readSheet(xml, shared));
  });
  return { sheets, malformed, entries: entries.map((e) => e.name) };
}

/** Calls `onOpen` for every element (local name, attributes); throws on XML that is not well-formed. */
function walk(
  xml: string,
  onOpen: (name: string, attrs: Record<string, string>) => void,
  onText?: (t: string) => void,
  onClose?: (name: string) => void,
): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on("opentag", (tag) => onOpen(local(tag.name), tag.attributes as Record<string, string>));
  if (onText) {
    parser.on("text", onText);
    parser.on("cdata", onText);
  }
  if (onClose) parser.on("closetag", (tag) => onClose(local(tag.name)));
  parser.on("error", (e) => {
    throw new Error(e.message.replace(/\s+/g, " "));
  });
  parser.write(xml).close();
}

function wellFormedError(xml: string): string | null {
  try {
    walk(xml, () => undefined);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function local(name: string): string {
  const colon = name.indexOf(":");
  return colon >= 0 ? name.slice(colon + 1) : name;
}

function readSharedStrings(xml: string | undefined): string[] {
  const out: string[] = [];
  if (xml === undefined) return out;
  let inT = false;
  let phonetic = 0;
  let current = "";
  walk(
    xml,
    (name) => {
      if (name === "si") current = "";
      else if (name === "rPh") phonetic++;
      else if (name === "t" && phonetic === 0) inT = true;
    },
    (t) => {
      if (inT) current += t;
    },
    (name) => {
      if (name === "t") inT = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si") out.push(current);
    },
  );
  return out;
}

function readSheet(xml: string, shared: string[]): SheetCells {
  const cells = new Map<string, string>();
  const hiddenRows = new Set<number>();
  let cell: {
    ref: string;
    t: string;
    v: string;
    f?: string;
    inV: boolean;
    inF: boolean;
    inT: boolean;
    phonetic: number;
  } | null = null;
  walk(
    xml,
    (name, attrs) => {
      if (name === "row") {
        if (attrs.hidden === "1" || attrs.hidden === "true") hiddenRows.add(Number(attrs.r));
      } else if (name === "c") {
        cell = {
          ref: attrs.r ?? "",
          t: attrs.t ?? "n",
          v: "",
          inV: false,
          inF: false,
          inT: false,
          phonetic: 0,
        };
      } else if (cell) {
        if (name === "v") cell.inV = true;
        else if (name === "f") {
          cell.inF = true;
          cell.f = `f(${attrs.t ?? ""},${attrs.si ?? ""},${attrs.ref ?? ""}):`;
        } else if (name === "rPh") cell.phonetic++;
        else if (name === "t" && cell.phonetic === 0) cell.inT = true;
      }
    },
    (t) => {
      if (!cell) return;
      if (cell.inV || cell.inT) cell.v += t;
      else if (cell.inF) cell.f += t;
    },
    (name) => {
      if (!cell) return;
      if (name === "v") cell.inV = false;
      else if (name === "f") cell.inF = false;
      else if (name === "t") cell.inT = false;
      else if (name === "rPh") cell.phonetic--;
      else if (name === "c") {
        const c = cell;
        cell = null;
        let value: string;
        if (c.t === "s") value = `s:${shared[Number(c.v)] ?? `<shared string ${c.v}>`}`;
        else if (c.t === "inlineStr" || c.t === "str") value = `s:${c.v}`;
        else value = `${c.t}:${c.v}`;
        if (c.v === "" && c.f === undefined) return; // a styled blank
        cells.set(c.ref, c.f === undefined ? value : `${value} ${c.f}`);
      }
    },
  );
  return { cells, hiddenRows };
}

function readDirectory(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip (no end record)");
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50)
      throw new Error("zip directory damaged");
    const nameLength = view.getUint16(p + 28, true);
    const extra = view.getUint16(p + 30, true);
    const comment = view.getUint16(p + 32, true);
    out.push({
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      localOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + extra + comment;
  }
  return out;
}

function inflateEntry(bytes: Uint8Array, e: Entry, options: ReadCellsOptions): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = e.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50)
    throw new Error(`${e.name}: local header damaged`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + e.compressedSize);
  const max = options.maxEntryBytes ?? 600 * 1024 * 1024;
  let out: Uint8Array;
  if (e.method === 0) out = data;
  else if (e.method === 8) out = inflateRawSync(data, { maxOutputLength: max });
  else throw new Error(`${e.name}: compression method ${e.method}`);
  if ((options.checkCrc ?? true) && crc32(out) >>> 0 !== e.crc >>> 0)
    throw new Error(`${e.name}: CRC mismatch`);
  return out;
}
