/** Limits applied to an .xlsx before it is read into memory. */
export interface PackageLimits {
  /** Largest file accepted, bytes. */
  maxFileBytes: number;
  /** Largest total uncompressed size of all zip entries, bytes. */
  maxUncompressedBytes: number;
  /** Largest uncompressed ÷ compressed ratio of one entry of 1 MB or more (deflate tops out near 1,032). */
  maxCompressionRatio?: number;
  /** Most zip entries accepted (a workbook of 100 sheets has a few hundred). */
  maxEntries?: number;
}

/** What `inspectPackage` found. */
export interface PackageReport {
  /** Fatal problems: the file must not be read. */
  problems: { code: "too-large" | "zip-bomb" | "not-xlsx" | "encrypted" | "corrupt"; message: string }[];
}

const MB = 1024 * 1024;

/**
 * Limits used when the caller gives none: a 50 MB file, 500 MB uncompressed in all, a
 * compression ratio of 500:1 for any entry of 1 MB or more, and 10,000 entries.
 */
export const DEFAULT_PACKAGE_LIMITS: Required<PackageLimits> = {
  maxFileBytes: 50 * MB,
  maxUncompressedBytes: 500 * MB,
  maxCompressionRatio: 500,
  maxEntries: 10_000,
};

/** Entries below this uncompressed size are never judged on their ratio. */
const RATIO_FLOOR = MB;

/** One entry of the zip's central directory. */
interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

type Problem = PackageReport["problems"][number];

/** Thrown inside this module only, turned into a problem by `inspectPackage`. */
class PackageProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;

/**
 * Checks an .xlsx's bytes before anything reads them: size, zip-bomb expansion (from the zip
 * directory, without inflating), not-a-zip, .xls, .xlsb, OpenDocument and password protection.
 * Every part of a real workbook is carried across by the package writer, so no part is a reason
 * to refuse. Runs in Node and in the browser (no Node imports). Never throws on bad input.
 *
 * @example
 * const report = await inspectPackage(bytes, { maxFileBytes: 10 * 1024 * 1024 });
 * if (report.problems.length) throw new Error(report.problems[0].message);
 */
export async function inspectPackage(
  bytes: Uint8Array,
  limits?: Partial<PackageLimits>,
): Promise<PackageReport> {
  const lim = { ...DEFAULT_PACKAGE_LIMITS, ...definedOnly(limits ?? {}) };
  const report: PackageReport = { problems: [] };
  if (bytes.length > lim.maxFileBytes) {
    report.problems.push({
      code: "too-large",
      message: `The file is ${formatBytes(bytes.length)}, over the ${formatBytes(lim.maxFileBytes)} limit; it was not opened.`,
    });
    return report;
  }
  try {
    const entries = readZipDirectory(bytes, lim);
    const names = new Set(entries.map((e) => normalise(e.name)));
    checkIsWorkbook(names);
  } catch (e) {
    if (e instanceof PackageProblem) report.problems.push(e.problem);
    else throw e;
  }
  return report;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function fail(code: Problem["code"], message: string): never {
  throw new PackageProblem({ code, message });
}

/** Zip part names are case-insensitive in OPC and may start with "/". */
function normalise(name: string): string {
  return name.replace(/^\/+/, "").toLowerCase();
}

/** Human size: "50 MB", "812 KB", "17 bytes". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return "an unknown size";
  if (n >= 1024 * MB) return `${+(n / 1024 / MB).toFixed(1)} GB`;
  if (n >= MB) return `${+(n / MB).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Reads the central directory (EOCD, ZIP64 if needed) and checks sizes, without inflating. */
function readZipDirectory(bytes: Uint8Array, lim: Required<PackageLimits>): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 8 && CFB_MAGIC.every((b, i) => bytes[i] === b)) failCompoundFile(bytes);
  if (bytes.length < 4 || view.getUint32(0, true) !== SIG_LOCAL) {
    if (bytes.length >= 4 && view.getUint32(0, true) === SIG_EOCD)
      fail("not-xlsx", "The file is an empty zip archive, not an Excel workbook.");
    fail("not-xlsx", `The file is not an Excel .xlsx workbook (${sniff(bytes)}).`);
  }
  const eocd = findEocd(view);
  if (eocd < 0)
    fail("corrupt", "The file starts like an .xlsx but its zip directory is missing: it may be truncated.");

  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  const disk = view.getUint16(eocd + 4, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const z = readZip64Eocd(view, eocd);
    count = z.count;
    cdSize = z.cdSize;
    cdOffset = z.cdOffset;
  } else if (disk !== 0) {
    fail("corrupt", "The file is one part of a split zip archive, not a whole workbook.");
  }
  if (count > lim.maxEntries) {
    fail(
      "zip-bomb",
      `The file holds ${count} zip entries, over the ${lim.maxEntries} limit; it was not opened.`,
    );
  }
  if (cdOffset + cdSize > bytes.length)
    fail("corrupt", "The file's zip directory points past its end: it may be truncated.");

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== SIG_CENTRAL) {
      fail("corrupt", `The file's zip directory is damaged at entry ${i + 1}.`);
    }
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen + extraLen + commentLen > cdOffset + cdSize) {
      fail("corrupt", `The file's zip directory is damaged at entry ${i + 1}.`);
    }
    const entry: ZipEntry = {
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      name: decodeName(bytes.subarray(p + 46, p + 46 + nameLen)),
    };
    applyZip64Extra(entry, view, p + 46 + nameLen, extraLen);
    checkExpansion(entry, lim);
    total += entry.uncompressedSize;
    if (total > lim.maxUncompressedBytes) {
      fail(
        "zip-bomb",
        `The file would expand to more than ${formatBytes(lim.maxUncompressedBytes)} when unzipped ` +
          `(its zip directory declares at least ${formatBytes(total)}); it was not opened.`,
      );
    }
    checkMethod(entry);
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  checkLayout(entries, view, cdOffset);
  return entries;
}

/** An OLE compound file: an encrypted OOXML package, or a legacy .xls. */
function failCompoundFile(bytes: Uint8Array): never {
  if (hasUtf16(bytes, "EncryptionInfo") || hasUtf16(bytes, "EncryptedPackage")) {
    fail(
      "encrypted",
      "The workbook is password-protected (encrypted), so it cannot be read. Open it in Excel, remove the " +
        "password (File > Info > Protect Workbook > Encrypt with Password), save, and try again.",
    );
  }
  if (hasUtf16(bytes, "Workbook") || hasUtf16(bytes, "Book")) {
    fail(
      "not-xlsx",
      "This is an old-format .xls workbook. Open it in Excel and save it as .xlsx, then try again.",
    );
  }
  fail(
    "encrypted",
    "This is an .xls or a password-protected workbook (an OLE compound file), not an .xlsx. Save it as an " +
      "unprotected .xlsx in Excel and try again.",
  );
}

function hasUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** A few words on what a non-zip file looks like, for the message. */
function sniff(bytes: Uint8Array): string {
  if (bytes.length === 0) return "it is empty";
  const head = bytes.subarray(0, 512);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head);
  if (/^\s*<(\?xml|html|!doctype)/i.test(text)) return "it looks like an XML or HTML file";
  if (/^%PDF/.test(text)) return "it looks like a PDF";
  const printable = [...head].filter((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127)).length;
  if (printable / head.length > 0.95) return "it looks like a text or CSV file renamed .xlsx";
  return "it is not a zip package";
}

/** End Of Central Directory: searched backwards over the 64 KB comment window. */
function findEocd(view: DataView): number {
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (view.getUint32(i, true) === SIG_EOCD && i + 22 + view.getUint16(i + 20, true) <= view.byteLength)
      return i;
  }
  return -1;
}

function readZip64Eocd(view: DataView, eocd: number): { count: number; cdSize: number; cdOffset: number } {
  const loc = eocd - 20;
  if (loc < 0 || view.getUint32(loc, true) !== SIG_ZIP64_LOCATOR) {
    fail("corrupt", "The file's ZIP64 directory locator is missing: it may be damaged.");
  }
  if (view.getUint32(loc + 16, true) > 1)
    fail("corrupt", "The file is one part of a split zip archive, not a whole workbook.");
  const at = big(view, loc + 8);
  if (at + 56 > view.byteLength || view.getUint32(at, true) !== SIG_ZIP64_EOCD) {
    fail("corrupt", "The file's ZIP64 directory is damaged.");
  }
  return { count: big(view, at + 32), cdSize: big(view, at + 40), cdOffset: big(view, at + 48) };
}

/** A 64-bit little-endian size; beyond 2^53 it is as good as infinite for our limits. */
function big(view: DataView, at: number): number {
  const v = view.getBigUint64(at, true);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(v);
}

/** The ZIP64 extra field (id 1) holds, in order, the sizes and offset that read 0xFFFFFFFF. */
function applyZip64Extra(entry: ZipEntry, view: DataView, start: number, len: number): void {
  let p = start;
  while (p + 4 <= start + len) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      const take = (): number => {
        if (q + 8 > p + 4 + size || q + 8 > start + len)
          fail("corrupt", `The zip entry "${entry.name}" has a damaged ZIP64 field.`);
        const v = big(view, q);
        q += 8;
        return v;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.localOffset === 0xffffffff) entry.localOffset = take();
    }
    p += 4 + size;
  }
}

/** Encryption and expansion ratio, decided before the sizes are added up. */
function checkExpansion(e: ZipEntry, lim: Required<PackageLimits>): void {
  if (e.flags & 0x1) {
    fail(
      "encrypted",
      `The zip entry "${e.name}" is encrypted, so the workbook cannot be read. Save an unencrypted copy.`,
    );
  }
  if (e.uncompressedSize >= RATIO_FLOOR && e.uncompressedSize > e.compressedSize * lim.maxCompressionRatio) {
    fail(
      "zip-bomb",
      `The zip entry "${e.name}" would expand from ${formatBytes(e.compressedSize)} to ${formatBytes(e.uncompressedSize)}, ` +
        `more than ${lim.maxCompressionRatio} times; the file was not opened.`,
    );
  }
}

function checkMethod(e: ZipEntry): void {
  if (e.method !== 0 && e.method !== 8) {
    fail(
      "corrupt",
      `The zip entry "${e.name}" uses compression method ${e.method}, which Excel does not write.`,
    );
  }
  if (e.method === 0 && e.compressedSize !== e.uncompressedSize) {
    fail("corrupt", `The zip entry "${e.name}" is stored uncompressed but its sizes disagree.`);
  }
}

/** Entries must not overlap (a known zip-bomb construction) nor run into the directory. */
function checkLayout(entries: ZipEntry[], view: DataView, cdOffset: number): void {
  const seen = new Set<string>();
  const spans: { start: number; end: number; name: string }[] = [];
  for (const e of entries) {
    const key = normalise(e.name);
    if (seen.has(key)) fail("corrupt", `The zip holds two entries named "${e.name}".`);
    seen.add(key);
    const at = e.localOffset;
    if (at + 30 > cdOffset || view.getUint32(at, true) !== SIG_LOCAL) {
      fail("corrupt", `The zip entry "${e.name}" points to a missing local header: the file is damaged.`);
    }
    const end = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + e.compressedSize;
    if (end > cdOffset)
      fail("corrupt", `The zip entry "${e.name}" runs past the end of the data: the file is damaged.`);
    spans.push({ start: at, end, name: e.name });
  }
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) {
      fail(
        "zip-bomb",
        `The zip entries "${spans[i - 1].name}" and "${spans[i].name}" overlap, a zip-bomb construction; the file was not opened.`,
      );
    }
  }
}

function decodeName(raw: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(raw);
}

/** The parts an .xlsx must have, with a clearer word for the usual look-alikes. */
function checkIsWorkbook(names: Set<string>): void {
  if (names.has("xl/workbook.bin")) {
    fail(
      "not-xlsx",
      "This is a binary .xlsb workbook. Open it in Excel and save it as .xlsx, then try again.",
    );
  }
  if (names.has("word/document.xml")) fail("not-xlsx", "This is a Word document, not an Excel workbook.");
  if ([...names].some((n) => n.startsWith("ppt/")))
    fail("not-xlsx", "This is a PowerPoint file, not an Excel workbook.");
  if (names.has("content.xml") && names.has("mimetype")) {
    fail("not-xlsx", "This is an OpenDocument (.ods) file. Save it as .xlsx, then try again.");
  }
  const missing = ["[Content_Types].xml", "xl/workbook.xml"].filter((n) => !names.has(n.toLowerCase()));
  if (missing.length) {
    fail(
      "not-xlsx",
      `The file is a zip archive but not an Excel workbook: it has no ${missing.join(" or ")}.`,
    );
  }
}
