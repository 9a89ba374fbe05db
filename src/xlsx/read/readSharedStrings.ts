import { streamXml } from "./streamXml";

/**
 * Reads `xl/sharedStrings.xml`: each `<si>`'s text, rich-text runs joined, phonetic guides
 * (`<rPh>`) left out. A workbook without the part has no shared strings.
 *
 * @example readSharedStrings(pkg.bytes("xl/sharedStrings.xml"))[0] // "Measure"
 */
export function readSharedStrings(bytes: Uint8Array | undefined): string[] {
  const strings: string[] = [];
  if (!bytes) return strings;
  let current: string[] | null = null;
  let inText = 0; // depth of the open <t>, 0 when outside one
  let phonetic = 0;
  streamXml(bytes, "the shared strings (xl/sharedStrings.xml)", {
    open(name, _a, depth) {
      if (name === "si") current = [];
      else if (name === "rPh") phonetic = depth;
      else if (name === "t" && current && !phonetic) inText = depth;
    },
    text(t, depth) {
      if (inText && depth === inText && current) current.push(t);
    },
    close(name, depth) {
      if (name === "t" && depth === inText) inText = 0;
      else if (name === "rPh" && depth === phonetic) phonetic = 0;
      else if (name === "si" && current) {
        strings.push(current.join(""));
        current = null;
      }
    },
  });
  return strings;
}
