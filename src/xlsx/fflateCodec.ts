import { deflateSync, inflateSync } from "fflate";
import { crc32 } from "./crc32";
import type { ZipCodec } from "./ZipCodec";

/**
 * A `ZipCodec` on fflate (pure JavaScript): works in Node and in the browser preview.
 * Level 6, as Excel and zlib default to.
 *
 * @example const bytes = fflateCodec.deflateRaw(new TextEncoder().encode("<worksheet/>"));
 */
export const fflateCodec: ZipCodec = {
  // fflate stops when the output buffer is full: the limit holds whatever the data holds.
  inflateRaw: (data, limit) => inflateSync(data, { out: new Uint8Array(limit) }),
  deflateRaw: (data) => deflateSync(data, { level: 6 }),
  crc32,
};
