import { newZipEntry, writeZip } from "./writeZip";
import { readZipEntries, type ZipEntry } from "./readZipEntries";
import type { ZipCodec } from "./ZipCodec";
import { damaged } from "./XlsxInputError";

/** Parts' text longer than this (characters) is not kept once written. */
const CACHE_LIMIT = 1 << 20;

const MORE_THAN_DECLARED = "it holds more than the zip directory declares; it was not expanded further";

/**
 * An .xlsx (OPC) package opened for editing: parts are read on demand, and every part not set or
 * removed is written back with its compressed bytes untouched, in its original order.
 * Part names are compared case-insensitively, as OPC requires, without a leading "/".
 *
 * @example
 * const pkg = XlsxPackage.open(bytes, fflateCodec);
 * pkg.setText("xl/styles.xml", pkg.text("xl/styles.xml")!.replace("<dxfs/>", "<dxfs count=\"0\"/>"));
 * const out = pkg.toBytes();
 */
export class XlsxPackage {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly order: string[] = [];
  private readonly cache = new Map<string, string>();
  private readonly decoder = new TextDecoder("utf-8");
  private readonly encoder = new TextEncoder();
  /** Names of the parts set or removed, lower-cased. */
  readonly changed = new Set<string>();

  private constructor(
    entries: ZipEntry[],
    private readonly codec: ZipCodec,
  ) {
    for (const e of entries) {
      const key = XlsxPackage.key(e.name);
      this.entries.set(key, e);
      this.order.push(key);
    }
  }

  /** Opens a package already checked by `inspectPackage`. */
  static open(bytes: Uint8Array, codec: ZipCodec): XlsxPackage {
    return new XlsxPackage(readZipEntries(bytes), codec);
  }

  /** "/xl/Workbook.xml" → "xl/workbook.xml". */
  static key(name: string): string {
    return name.replace(/^\/+/, "").toLowerCase();
  }

  /** Every part name as stored, in package order. */
  names(): string[] {
    return this.order.filter((k) => this.entries.has(k)).map((k) => this.entries.get(k)!.name);
  }

  has(name: string): boolean {
    return this.entries.has(XlsxPackage.key(name));
  }

  /** The part's name as stored ("xl/Workbook.xml"), or undefined. */
  storedName(name: string): string | undefined {
    return this.entries.get(XlsxPackage.key(name))?.name;
  }

  /**
   * A part's bytes, inflated, or undefined when absent. Inflating stops one byte past the size the
   * zip directory declares: a part that holds more (a zip bomb lying about its sizes), or whose
   * compressed data is broken, is refused with an `XlsxInputError` naming the part.
   */
  bytes(name: string): Uint8Array | undefined {
    const e = this.entries.get(XlsxPackage.key(name));
    if (!e) return undefined;
    if (e.method === 0) return e.data;
    if (e.method !== 8)
      throw damaged(
        `the part ${e.name}`,
        `it is compressed by method ${e.method}, which .xlsx files do not use`,
      );
    let out: Uint8Array;
    try {
      out = this.codec.inflateRaw(e.data, e.size + 1);
    } catch (err) {
      const tooLong = (err as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE";
      // zlib's and fflate's own words mean nothing to an officer: say what they mean.
      throw damaged(`the part ${e.name}`, tooLong ? MORE_THAN_DECLARED : "its compressed data is broken");
    }
    if (out.length > e.size) throw damaged(`the part ${e.name}`, MORE_THAN_DECLARED);
    return out;
  }

  /** A part as UTF-8 text (a leading byte-order mark dropped), or undefined when absent. */
  text(name: string): string | undefined {
    const key = XlsxPackage.key(name);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const b = this.bytes(name);
    if (!b) return undefined;
    const s = this.decoder.decode(b).replace(/^\uFEFF/, "");
    this.cache.set(key, s);
    return s;
  }

  /**
   * Sets a part's text (a new part goes at the end); unchanged text leaves the part as it was. The
   * text may come in pieces (a large sheet's XML): they are encoded one by one, never joined into
   * one string.
   */
  setText(name: string, text: string | readonly string[]): void {
    const key = XlsxPackage.key(name);
    const bytes = typeof text === "string" ? this.encoder.encode(text) : encodePieces(text, this.encoder);
    // Same text leaves the part as it was; a part of another size is not inflated to be compared.
    if (this.entries.get(key)?.size === bytes.length && sameBytes(this.bytes(name), bytes)) return;
    const stored = this.entries.get(key)?.name ?? name.replace(/^\/+/, "");
    this.entries.set(key, newZipEntry(stored, bytes, this.codec));
    // A large part is kept compressed only (read back on demand): a scored sheet's old and new text
    // would otherwise both stay in memory.
    if (typeof text === "string" && text.length <= CACHE_LIMIT) this.cache.set(key, text);
    else this.cache.delete(key);
    if (!this.order.includes(key)) this.order.push(key);
    this.changed.add(key);
  }

  /** Removes a part (nothing when absent). */
  remove(name: string): void {
    const key = XlsxPackage.key(name);
    if (!this.entries.delete(key)) return;
    this.cache.delete(key);
    this.changed.add(key);
  }

  /** The package as zip bytes. */
  toBytes(): Uint8Array {
    return writeZip(this.order.filter((k) => this.entries.has(k)).map((k) => this.entries.get(k)!));
  }
}

/** UTF-8 of text given in pieces, into one buffer grown as needed. */
function encodePieces(pieces: readonly string[], encoder: TextEncoder): Uint8Array {
  let out = new Uint8Array(1 << 16);
  let used = 0;
  for (const piece of pieces) {
    // A UTF-16 unit takes at most 3 bytes of UTF-8.
    if (out.length - used < piece.length * 3) {
      const grown = new Uint8Array(Math.max(out.length * 2, used + piece.length * 3));
      grown.set(out.subarray(0, used));
      out = grown;
    }
    used += encoder.encodeInto(piece, out.subarray(used)).written;
  }
  return out.subarray(0, used);
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
