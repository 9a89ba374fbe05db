/** Limits applied to an .xlsx before it is read into memory. */
export interface PackageLimits {
  /** Largest file accepted, bytes. */
  maxFileBytes: number;
  /** Largest total uncompressed size of all zip entries, bytes. */
  maxUncompressedBytes: number;
}

/** A part of the package that ExcelJS would drop on save. */
export interface UnsupportedPart {
  kind: "chart" | "pivot" | "image" | "customXml" | "vba" | "drawing" | "slicer" | "other";
  path: string;
}

/** What `inspectPackage` found. */
export interface PackageReport {
  /** Fatal problems: the file must not be read. */
  problems: { code: "too-large" | "zip-bomb" | "not-xlsx" | "encrypted" | "corrupt"; message: string }[];
  /** Parts ExcelJS would drop; the caller stops unless forced. */
  unsupportedParts: UnsupportedPart[];
}

/**
 * Checks an .xlsx's bytes before ExcelJS reads them: size, zip-bomb expansion (from the zip
 * directory, without inflating), not-a-zip, password protection, and parts we cannot carry.
 * STUB: owned by the hardening work.
 */
export async function inspectPackage(bytes: Uint8Array, limits?: Partial<PackageLimits>): Promise<PackageReport> {
  void bytes;
  void limits;
  return { problems: [], unsupportedParts: [] };
}
