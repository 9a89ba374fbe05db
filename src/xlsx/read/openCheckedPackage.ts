import type { WorkbookGrid } from "../../engine/Grid";
import { fflateCodec } from "../fflateCodec";
import { inspectPackage, type PackageLimits } from "../inspectPackage";
import { XlsxInputError } from "../XlsxInputError";
import { XlsxPackage } from "../XlsxPackage";
import type { ZipCodec } from "../ZipCodec";
import { readPackageGrid } from "./readPackageGrid";

/**
 * The checks and the read every .xlsx command starts with: `inspectPackage` (size, zip bombs,
 * encryption, not a workbook), the package opened for editing, and its grid. Anything unsafe or
 * unreadable is refused with a one-line `XlsxInputError`.
 *
 * @example
 * const { pkg, grid } = await openCheckedPackage(bytes, { codec: nodeZlibCodec });
 */
export async function openCheckedPackage(
  input: Uint8Array,
  options: { limits?: Partial<PackageLimits>; codec?: ZipCodec } = {},
): Promise<{ pkg: XlsxPackage; grid: WorkbookGrid }> {
  const report = await inspectPackage(input, options.limits);
  if (report.problems.length > 0) {
    const first = report.problems[0];
    throw new XlsxInputError(first.code, oneLine(report.problems.map((p) => p.message).join("; ")));
  }
  let pkg: XlsxPackage;
  try {
    pkg = XlsxPackage.open(input, options.codec ?? fflateCodec);
  } catch (err) {
    // inspectPackage has read the same directory: this is a package it could not foresee.
    const message = err instanceof Error ? err.message : String(err);
    throw new XlsxInputError("corrupt", `The workbook is damaged: ${oneLine(message)}.`);
  }
  return { pkg, grid: readPackageGrid(pkg) };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
