import type { ZipEntry } from "./readZipEntries";
import type { ZipCodec } from "./ZipCodec";

/** Time and date words of new entries: 1980-01-01 00:00, so the same input gives the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * A new zip entry from uncompressed bytes: deflated (stored when deflating does not help).
 * @example const e = newZipEntry("xl/styles.xml", bytes, fflateCodec);
 */
export function newZipEntry(name: string, content: Uint8Array, codec: ZipCodec): ZipEntry {
  const deflated = codec.deflateRaw(content);
  const stored = deflated.length >= content.length;
  return {
    name,
    rawName: new TextEncoder().encode(name),
    method: stored ? 0 : 8,
    flags: /[^\x20-\x7e]/.test(name) ? 0x800 : 0,
    crc: codec.crc32(content),
    compressedSize: stored ? content.length : deflated.length,
    size: content.length,
    dosTime: DOS_TIME,
    dosDate: DOS_DATE,
    data: stored ? content : deflated,
  };
}

/**
 * Writes entries as a zip, in the order given. Copied entries keep their compressed bytes, CRC,
 * name bytes and time exactly; sizes always go in the local header (no data descriptors).
 *
 * @example
 * const out = writeZip([...readZipEntries(bytes).filter(keep), newZipEntry("a.xml", data, codec)]);
 */
export function writeZip(entries: ZipEntry[]): Uint8Array {
  let size = 22;
  for (const e of entries) size += 30 + 46 + 2 * e.rawName.length + e.data.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  const flagsOf = (e: ZipEntry) => e.flags & ~0x0009; // no data descriptor, never encrypted
  for (const e of entries) {
    offsets.push(p);
    view.setUint32(p, 0x04034b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, flagsOf(e), true);
    view.setUint16(p + 8, e.method, true);
    view.setUint16(p + 10, e.dosTime, true);
    view.setUint16(p + 12, e.dosDate, true);
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, e.data.length, true);
    view.setUint32(p + 22, e.size, true);
    view.setUint16(p + 26, e.rawName.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(e.rawName, p + 30);
    out.set(e.data, p + 30 + e.rawName.length);
    p += 30 + e.rawName.length + e.data.length;
  }
  const cd = p;
  entries.forEach((e, i) => {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint16(p + 8, flagsOf(e), true);
    view.setUint16(p + 10, e.method, true);
    view.setUint16(p + 12, e.dosTime, true);
    view.setUint16(p + 14, e.dosDate, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, e.data.length, true);
    view.setUint32(p + 24, e.size, true);
    view.setUint16(p + 28, e.rawName.length, true);
    // extra, comment, disk, internal and external attributes: all zero (bytes 30-41)
    view.setUint32(p + 42, offsets[i], true);
    out.set(e.rawName, p + 46);
    p += 46 + e.rawName.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - cd, true);
  view.setUint32(p + 16, cd, true);
  return out.subarray(0, p + 22);
}
