/** One entry of a zip package, its data still compressed. */
export interface ZipEntry {
  /** The name as stored (OPC part names are case-insensitive: compare lower-cased). */
  name: string;
  /** The name's bytes exactly as stored, written back unchanged when the entry is copied. */
  rawName: Uint8Array;
  /** 0 stored, 8 deflated. */
  method: number;
  /** General-purpose flags (bit 11: UTF-8 name). */
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** MS-DOS time and date words, kept when the entry is copied. */
  dosTime: number;
  dosDate: number;
  /** The compressed bytes (a view into the input). */
  data: Uint8Array;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;

/**
 * Lists a zip's entries from its central directory, each with a view of its compressed bytes.
 * Meant for packages `inspectPackage` has already checked (sizes, overlaps, zip bombs); it still
 * throws an `Error` naming the problem rather than read out of bounds. ZIP64 sizes are read where a
 * writer gives them (the checked limits keep every package far below 4 GB).
 *
 * @example
 * const entries = readZipEntries(bytes);
 * entries.find((e) => e.name === "xl/workbook.xml")?.size;
 */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("the zip directory is missing");
  let count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  if (
    (count === 0xffff || p === 0xffffffff) &&
    eocd >= 20 &&
    view.getUint32(eocd - 20, true) === 0x07064b50
  ) {
    // ZIP64: the locator before the directory's end points at the ZIP64 end record.
    const at = Number(view.getBigUint64(eocd - 12, true));
    if (at + 56 > bytes.length || view.getUint32(at, true) !== 0x06064b50)
      throw new Error("the ZIP64 directory is damaged");
    count = Number(view.getBigUint64(at + 32, true));
    p = Number(view.getBigUint64(at + 48, true));
  }
  const decoder = new TextDecoder("utf-8");
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== SIG_CENTRAL)
      throw new Error(`the zip directory is damaged at entry ${i + 1}`);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    let local = view.getUint32(p + 42, true);
    // Some writers always give ZIP64 sizes (0xFFFFFFFF here, the real ones in extra field 1).
    if (size === 0xffffffff || compressedSize === 0xffffffff || local === 0xffffffff) {
      let q = p + 46 + nameLen;
      const end = q + extraLen;
      while (q + 4 <= end) {
        const id = view.getUint16(q, true);
        const len = view.getUint16(q + 2, true);
        if (id === 1) {
          let r = q + 4;
          const take = () => Number(view.getBigUint64((r += 8) - 8, true));
          if (size === 0xffffffff) size = take();
          if (compressedSize === 0xffffffff) compressedSize = take();
          if (local === 0xffffffff) local = take();
        }
        q += 4 + len;
      }
    }
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== SIG_LOCAL)
      throw new Error(`the zip entry ${decoder.decode(rawName)} has no local header`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressedSize > bytes.length)
      throw new Error(`the zip entry ${decoder.decode(rawName)} runs past the end of the file`);
    entries.push({
      name: decoder.decode(rawName),
      rawName,
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      dosTime: view.getUint16(p + 12, true),
      dosDate: view.getUint16(p + 14, true),
      crc: view.getUint32(p + 16, true),
      compressedSize,
      size,
      data: bytes.subarray(start, start + compressedSize),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
