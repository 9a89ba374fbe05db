/**
 * How zip entries are compressed and checked: raw DEFLATE both ways, and CRC-32. The browser
 * build uses `fflateCodec`; the CLI passes `nodeZlibCodec` (Node's native zlib, faster).
 *
 * @example
 * const data = codec.inflateRaw(entry.compressed, entry.size);
 * const packed = codec.deflateRaw(new TextEncoder().encode("<x/>"));
 */
export interface ZipCodec {
  /** Inflates raw DEFLATE data whose size is known from the zip directory. */
  inflateRaw(data: Uint8Array, size: number): Uint8Array;
  /** Deflates to raw DEFLATE (no zlib header), as zip entries hold it. */
  deflateRaw(data: Uint8Array): Uint8Array;
  /** CRC-32 of the bytes. */
  crc32(data: Uint8Array): number;
}
