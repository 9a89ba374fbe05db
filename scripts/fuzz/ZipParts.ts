import { strFromU8, strToU8, unzipSync } from "fflate";
import { writeRawZip, type RawZipEntry } from "./writeRawZip";

/** A worksheet as the workbook lists it. */
export interface SheetRef {
  name: string;
  /** The part's path in the zip, e.g. "xl/worksheets/sheet1.xml". */
  path: string;
  /** "visible", "hidden" or "veryHidden". */
  state: string;
  rId: string;
}

/**
 * A workbook's zip parts in their order, edited as text or bytes and written back by hand (no
 * ExcelJS round trip, so nothing but the edit changes). For the fuzz generator's honest bases only.
 * @example const parts = ZipParts.open(bytes); parts.setText("xl/workbook.xml", "<bad"); parts.toBytes();
 */
export class ZipParts {
  private constructor(private readonly entries: RawZipEntry[]) {}

  /** Reads every entry of an honest zip. */
  static open(bytes: Uint8Array): ZipParts {
    const files = unzipSync(bytes);
    return new ZipParts(Object.entries(files).map(([name, data]) => ({ name, data })));
  }

  /** A copy that can be edited without changing this one. */
  clone(): ZipParts {
    return new ZipParts(this.entries.map((e) => ({ ...e })));
  }

  names(): string[] {
    return this.entries.map((e) => e.name);
  }

  has(name: string): boolean {
    return this.entries.some((e) => e.name === name);
  }

  bytes(name: string): Uint8Array {
    const e = this.entries.find((x) => x.name === name);
    if (!e?.data) throw new Error(`ZipParts: no part ${name}`);
    return e.data;
  }

  text(name: string): string {
    return strFromU8(this.bytes(name));
  }

  /** Replaces a part's bytes, or adds the part at the end. */
  set(name: string, data: Uint8Array): void {
    const e = this.entries.find((x) => x.name === name);
    if (e) {
      e.data = data;
      delete e.deflated;
    } else this.entries.push({ name, data });
  }

  setText(name: string, text: string): void {
    this.set(name, strToU8(text));
  }

  remove(name: string): void {
    const i = this.entries.findIndex((e) => e.name === name);
    if (i < 0) throw new Error(`ZipParts: no part ${name} to remove`);
    this.entries.splice(i, 1);
  }

  /** Adds an entry as is (a duplicate name, or one with lying headers). */
  addRaw(entry: RawZipEntry): void {
    this.entries.push(entry);
  }

  /** The workbook's sheets in tab order, with their parts resolved through the relationships. */
  sheets(): SheetRef[] {
    const wb = this.text("xl/workbook.xml");
    const rels = this.text("xl/_rels/workbook.xml.rels");
    const targets = new Map<string, string>();
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = attr(m[0], "Id");
      const target = attr(m[0], "Target");
      if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    }
    const out: SheetRef[] = [];
    for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
      const rId = attr(m[0], "r:id") ?? "";
      const target = targets.get(rId);
      if (!target) throw new Error(`ZipParts: sheet element without a target: ${m[0]}`);
      out.push({
        name: unescapeXml(attr(m[0], "name") ?? ""),
        path: target,
        state: attr(m[0], "state") ?? "visible",
        rId,
      });
    }
    return out;
  }

  /** Adds a worksheet at the end of the tab order: its part, relationship and content type. */
  addSheet(name: string, xml: string, state = "visible"): void {
    const used = this.names().filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    let n = used.length + 1;
    while (this.has(`xl/worksheets/sheet${n}.xml`)) n++;
    const part = `xl/worksheets/sheet${n}.xml`;
    const rels = this.text("xl/_rels/workbook.xml.rels");
    let id = 1;
    while (rels.includes(`Id="rIdF${id}"`)) id++;
    const rId = `rIdF${id}`;
    this.setText(
      "xl/_rels/workbook.xml.rels",
      rels.replace(
        "</Relationships>",
        `<Relationship Id="${rId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/></Relationships>`,
      ),
    );
    const wb = this.text("xl/workbook.xml");
    const ids = [...wb.matchAll(/<sheet\b[^>]*\ssheetId="(\d+)"/g)].map((m) => Number(m[1]));
    const sheetId = Math.max(0, ...ids) + 1;
    const visible = state === "visible" ? "" : ` state="${state}"`;
    this.setText(
      "xl/workbook.xml",
      wb.replace(
        "</sheets>",
        `<sheet name="${escapeAttr(name)}" sheetId="${sheetId}"${visible} r:id="${rId}"/></sheets>`,
      ),
    );
    const types = this.text("[Content_Types].xml");
    this.setText(
      "[Content_Types].xml",
      types.replace(
        "</Types>",
        `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    );
    this.setText(part, xml);
  }

  /** Renames a sheet in workbook.xml (and in its defined names' references). */
  renameSheet(from: string, to: string): void {
    const wb = this.text("xl/workbook.xml");
    const quoted = (s: string): string => `'${s.replace(/'/g, "''")}'!`;
    const renamed = wb
      .replace(/<sheet\b[^>]*>/g, (tag) =>
        unescapeXml(attr(tag, "name") ?? "") === from
          ? tag.replace(/\sname="[^"]*"/, ` name="${escapeAttr(to)}"`)
          : tag,
      )
      .replace(/(<definedName\b[^>]*>)([^<]*)</g, (_, open: string, ref: string) => {
        const plain = `${from}!`;
        const fixed = ref
          .split(escapeAttr(quoted(from)))
          .join(escapeAttr(quoted(to)))
          .split(plain)
          .join(escapeAttr(quoted(to)));
        return `${open}${fixed}<`;
      });
    if (renamed === wb) throw new Error(`ZipParts: no sheet ${from} to rename`);
    this.setText("xl/workbook.xml", renamed);
  }

  toBytes(): Uint8Array {
    return writeRawZip(this.entries);
  }
}

/**
 * An attribute's raw value from one start tag, or undefined.
 * @example attr('<c r="A1" t="s">', "t") === "s"
 */
export function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}="([^"]*)"`).exec(tag);
  return m ? m[1] : undefined;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

/**
 * A minimal worksheet part holding `rowsXml` in its sheetData.
 * @example worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>notes</t></is></c></row>')
 */
export function worksheetXml(rowsXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>${rowsXml}</sheetData></worksheet>`;
}

/**
 * An inline-string cell.
 * @example inlineCell("A1", "my own notes") // <c r="A1" t="inlineStr"><is><t xml:space="preserve">my own notes</t></is></c>
 */
export function inlineCell(ref: string, text: string): string {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escaped}</t></is></c>`;
}
