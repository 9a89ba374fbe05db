import { readRelationships } from "./readRelationships";
import type { XlsxPackage } from "./XlsxPackage";

/**
 * The workbook part's name as stored, from the package relationships ("xl/workbook.xml" when
 * they name none).
 * @example findWorkbookPart(pkg) === "xl/workbook.xml"
 */
export function findWorkbookPart(pkg: XlsxPackage): string {
  const rels = readRelationships(pkg, "").rels;
  const main = rels.find((r) => r.kind === "officeDocument" && !r.external);
  return main ? (pkg.storedName(main.part) ?? main.part) : "xl/workbook.xml";
}
