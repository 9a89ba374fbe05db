import { parseXmlOutline, type XmlNode } from "./parseXmlOutline";
import type { XlsxPackage } from "./XlsxPackage";

/** One relationship of a part, its target resolved to a part name ("xl/worksheets/sheet1.xml"). */
export interface Relationship {
  id: string;
  /** The relationship type's last segment ("worksheet", "styles", "drawing"). */
  kind: string;
  type: string;
  /** The target part's name, or the raw target for an external one. */
  part: string;
  external: boolean;
  node: XmlNode;
}

/** "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" (the package) → "_rels/.rels". */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against its source part ("../media/a.png" from xl/drawings/d.xml). */
export function resolveTarget(sourcePart: string, target: string): string {
  const clean = target.split("#")[0];
  const base = clean.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const seg of clean.replace(/^\/+/, "").split("/")) {
    if (seg === "..") base.pop();
    else if (seg !== "." && seg !== "") base.push(decodeURIComponentSafe(seg));
  }
  return base.join("/");
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // a stray "%" is part of the name, as written
  }
}

/**
 * Reads a part's relationships (its `_rels/*.rels`), with the outline of the rels XML for edits.
 * A part with no rels file has none.
 *
 * @example
 * const { rels } = readRelationships(pkg, "xl/workbook.xml");
 * rels.filter((r) => r.kind === "worksheet").map((r) => r.part); // ["xl/worksheets/sheet1.xml", ...]
 */
export function readRelationships(
  pkg: XlsxPackage,
  part: string,
): { relsPart: string; xml: string | undefined; root: XmlNode | undefined; rels: Relationship[] } {
  const relsPart = relsPartOf(part);
  const xml = pkg.text(relsPart);
  if (xml === undefined) return { relsPart, xml, root: undefined, rels: [] };
  const root = parseXmlOutline(xml, (n) => n.local === "Relationships");
  const rels = root.children
    .filter((c) => c.local === "Relationship")
    .map((node) => {
      const type = node.attrs.Type ?? "";
      const external = node.attrs.TargetMode === "External";
      const target = node.attrs.Target ?? "";
      return {
        id: node.attrs.Id ?? "",
        type,
        kind: type.slice(type.lastIndexOf("/") + 1),
        part: external ? target : resolveTarget(part, target),
        external,
        node,
      };
    });
  return { relsPart, xml, root, rels };
}
