import { builtinNumberFormat } from "./builtinNumberFormat";
import { streamXml } from "./streamXml";

/** What the grid needs of each cell format (`cellXfs`), by the index a cell's `s` gives. */
export interface CellStyles {
  /** Number format code of each cell format. */
  formats: string[];
  /** Solid fill colour ("FF00B050") of each cell format, where it has one given by RGB. */
  fills: (string | undefined)[];
}

/**
 * Reads `xl/styles.xml`: custom number formats, solid fills and the cell formats that use them.
 * A workbook without styles has none (every cell General).
 *
 * @example
 * const styles = readCellStyles(pkg.bytes("xl/styles.xml"));
 * styles.formats[3]; // "0.0%"
 */
export function readCellStyles(bytes: Uint8Array | undefined): CellStyles {
  const styles: CellStyles = { formats: [], fills: [] };
  if (!bytes) return styles;
  const custom = new Map<number, string>();
  const fillColours: (string | undefined)[] = [];
  let section = "";
  let sectionDepth = 0;
  let fill: { solid: boolean; rgb?: string } | null = null;
  streamXml(bytes, "the styles part (xl/styles.xml)", {
    open(name, a, depth) {
      if (depth === 2) {
        section = name;
        sectionDepth = depth;
        return;
      }
      if (section === "numFmts" && name === "numFmt") {
        const id = Number(a.numFmtId);
        if (Number.isInteger(id)) custom.set(id, a.formatCode ?? "General");
      } else if (section === "fills") {
        if (name === "fill" && depth === sectionDepth + 1) fill = { solid: false };
        else if (name === "patternFill" && fill) fill.solid = a.patternType === "solid";
        else if (name === "fgColor" && fill && typeof a.rgb === "string") fill.rgb = a.rgb;
      } else if (section === "cellXfs" && name === "xf" && depth === sectionDepth + 1) {
        const id = Number(a.numFmtId ?? 0);
        const fmtId = Number.isInteger(id) ? id : 0;
        styles.formats.push(custom.get(fmtId) ?? builtinNumberFormat(fmtId));
        const fillId = Number(a.fillId ?? 0);
        styles.fills.push(Number.isInteger(fillId) ? fillColours[fillId] : undefined);
      }
    },
    close(name, depth) {
      if (section === "fills" && name === "fill" && depth === sectionDepth + 1 && fill) {
        fillColours.push(fill.solid && fill.rgb && fill.rgb.length >= 6 ? fill.rgb.toUpperCase() : undefined);
        fill = null;
      }
      if (depth === 2) section = "";
    },
  });
  return styles;
}
