import { crc32 as zlibCrc32, deflateRawSync, inflateRawSync } from "node:zlib";
import type { ZipCodec } from "./ZipCodec";

/** A Buffer seen as a plain Uint8Array, without copying. */
function view(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * A `ZipCodec` on Node's native zlib (the CLI's): faster than fflate on large parts.
 * Node only: the browser preview must never import it. Inflating stops at the size the zip
 * directory declares, so a lying directory cannot expand an entry further.
 *
 * @example await scoreXlsxBuffer(bytes, { codec: nodeZlibCodec });
 */
export const nodeZlibCodec: ZipCodec = {
  inflateRaw: (data, size) => view(inflateRawSync(data, { maxOutputLength: Math.max(size, 1) })),
  deflateRaw: (data) => view(deflateRawSync(data, { level: 6 })),
  crc32: (data) => zlibCrc32(data) >>> 0,
};
