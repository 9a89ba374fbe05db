import { parseXmlOutline } from "./parseXmlOutline";
import { readZipEntries, type ZipEntry } from "./readZipEntries";
import { spliceText } from "./spliceText";
import { writeZip } from "./writeZip";
import type { ZipCodec } from "./ZipCodec";

/** Parts the grid reader (ExcelJS) needs: the workbook, its sheets, strings, styles and tables. */
const KEEP =
  /^(\[content_types\]\.xml|_rels\/\.rels|docprops\/(core|app)\.xml|xl\/[^/]+\.xml|xl\/_rels\/[^/]+\.rels|xl\/theme\/.*|xl\/worksheets\/.*|xl\/tables\/.*|xl\/drawings\/(_rels\/)?drawing[^/]*)$/i;

/** A drawing ExcelJS reads as empty. */
const EMPTY_DRAWING =
  '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/>';

/**
 * The package as the grid reader should see it: only the parts a grid is read from, every drawing
 * emptied, the sheets' links to comments dropped and their other links made relative. ExcelJS then never loads pictures, charts,
 * pivots, notes or macros it would only drop, and never fails on a drawing written with a default
 * namespace or comments kept in a folder (openpyxl's, which ExcelJS 4 cannot read). Other kept
 * entries are copied compressed, without inflating them.
 *
 * @example await new ExcelJS.Workbook().xlsx.load(gridReaderPackage(bytes, fflateCodec));
 */
export function gridReaderPackage(bytes: Uint8Array, codec: ZipCodec): Uint8Array {
  const entries = readZipEntries(bytes)
    .filter((e) => KEEP.test(e.name.replace(/^\/+/, "")))
    .map((e) => {
      const name = e.name.replace(/^\/+/, "");
      if (/^xl\/drawings\/drawing[^/]*\.xml$/i.test(name)) return stored(e, EMPTY_DRAWING, codec);
      if (/^xl\/worksheets\/_rels\/[^/]+\.rels$/i.test(name)) {
        const xml = new TextDecoder().decode(e.method === 0 ? e.data : codec.inflateRaw(e.data, e.size));
        const root = parseXmlOutline(xml, (n) => n.local === "Relationships");
        // Notes are not read; a target written from the package root ("/xl/tables/table1.xml",
        // as openpyxl does) is given relative to the sheet, as ExcelJS expects.
        const edits = root.children.flatMap((r) => {
          if (/\/(comments|vmlDrawing)$/.test(r.attrs.Type ?? ""))
            return [{ start: r.start, end: r.end, text: "" }];
          const target = r.attrs.Target ?? "";
          if (r.attrs.TargetMode === "External" || !/^\/xl\//i.test(target)) return [];
          const tag = xml.slice(r.start, r.end).replace(/(\sTarget\s*=\s*["'])\/xl\//i, "$1../");
          return [{ start: r.start, end: r.end, text: tag }];
        });
        if (edits.length) return stored(e, spliceText(xml, edits), codec);
      }
      return e;
    });
  return writeZip(entries);
}

/** The entry with new text, stored uncompressed. */
function stored(e: ZipEntry, text: string, codec: ZipCodec): ZipEntry {
  const data = new TextEncoder().encode(text);
  return { ...e, method: 0, crc: codec.crc32(data), size: data.length, compressedSize: data.length, data };
}
