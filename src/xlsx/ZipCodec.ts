/**
 * How zip entries are compressed and checked: raw DEFLATE both ways, and CRC-32. The browser
 * build uses `fflateCodec`; the CLI passes `nodeZlibCodec` (Node's native zlib, faster).
 *
 * @example
 * const data = codec.inflateRaw(entry.compressed, entry.size + 1);
 * const packed = codec.deflateRaw(new TextEncoder().encode("<x/>"));
 */
export interface ZipCodec {
  /**
   * Inflates raw DEFLATE data, stopping at `limit` bytes whatever the data holds: it returns at
   * most `limit` bytes, or throws once the output would pass it. Callers pass one byte more than
   * the zip directory declares, so a lying directory shows up as an entry too long.
   */
  inflateRaw(data: Uint8Array, limit: number): Uint8Array;
  /** Deflates to raw DEFLATE (no zlib header), as zip entries hold it. */
  deflateRaw(data: Uint8Array): Uint8Array;
  /** CRC-32 of the bytes. */
  crc32(data: Uint8Array): number;
}
