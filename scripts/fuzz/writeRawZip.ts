import { crc32, deflateRawSync } from "node:zlib";

/** One entry for `writeRawZip`: its content, or content already deflated, and optional lies. */
export interface RawZipEntry {
  name: string;
  /** The content, deflated by the writer. */
  data?: Uint8Array;
  /** Content already deflated (raw deflate), with its true CRC-32 and size. */
  deflated?: { bytes: Uint8Array; crc: number; size: number };
  /** The uncompressed size the headers declare, when it should differ from the truth. */
  declaredSize?: number;
}

/** The fixed DOS date and time of every entry (1 Jan 2024, 00:00), so output is deterministic. */
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;

/**
 * Writes a zip by hand, allowing what zip libraries refuse to write: duplicate names and headers
 * that lie about the uncompressed size.
 * @example const bytes = writeRawZip([{ name: "a.xml", data: utf8("<a/>") }, { name: "a.xml", data: utf8("<b/>") }]);
 */
export function writeRawZip(entries: RawZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    let body: Uint8Array;
    let crc: number;
    let size: number;
    if (e.deflated) {
      ({ bytes: body, crc, size } = e.deflated);
    } else if (e.data) {
      body = deflateRawSync(e.data);
      crc = crc32(e.data);
      size = e.data.length;
    } else {
      throw new Error(`writeRawZip: entry ${e.name} has neither data nor deflated bytes`);
    }
    const declared = e.declaredSize ?? size;
    if (declared > 0xffffffff || body.length > 0xffffffff)
      throw new Error(`writeRawZip: entry ${e.name} needs zip64, which this writer does not write`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(body.buffer, body.byteOffset, body.length));
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const centralBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, centralBytes, end]));
}
