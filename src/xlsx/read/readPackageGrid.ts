import { areasOfCells, chooseDataRegion } from "../../engine/cells/chooseDataRegion";
import { to1900Serial } from "../../engine/cells/to1900Serial";
import type { CellValue, SheetGrid, WorkbookGrid } from "../../engine/Grid";
import { findWorkbookPart } from "../findWorkbookPart";
import { XmlSyntaxError } from "../parseXmlOutline";
import { readRelationships, type Relationship } from "../readRelationships";
import type { XlsxPackage } from "../XlsxPackage";
import { readCellStyles } from "./readCellStyles";
import { readSharedStrings } from "./readSharedStrings";
import { MAX_FILLED_CELLS, readSheetPart, type SheetCells } from "./readSheetPart";
import { streamXml } from "./streamXml";
import { damaged } from "../XlsxInputError";

/** Number format given to a date cell (`t="d"`) that has none of its own. */
export const DEFAULT_DATE_FORMAT = "dd/mm/yyyy";

/** A sheet as `workbook.xml` lists it. */
interface SheetEntry {
  name: string;
  rid: string;
  state: SheetGrid["visibility"];
}

/**
 * Reads every sheet of an .xlsx package into the engine's grid, in tab order, with streaming XML
 * (saxes) and no workbook object model: values (shared, inline and rich strings; numbers;
 * booleans; errors; formulas' cached values), number formats, merges, hidden rows and columns,
 * solid fills, visibility and protection. Dates in a 1904-system workbook become 1900-system
 * serials, as the engine reads them. Each grid covers the sheet's data region
 * (`chooseDataRegion`), so stray far-away cells cost nothing and come back as `strays`.
 * A damaged or oversized workbook is refused with a one-line `XlsxInputError` naming the part or
 * sheet.
 *
 * @example
 * const grid = readPackageGrid(XlsxPackage.open(bytes, fflateCodec));
 * grid.sheets[0].values[0][0]; // "Measure"
 */
export function readPackageGrid(pkg: XlsxPackage): WorkbookGrid {
  const workbookPart = guard("the package's relationships (_rels/.rels)", () => findWorkbookPart(pkg));
  const wbBytes = pkg.bytes(workbookPart);
  if (!wbBytes) throw damaged(`the workbook part (${workbookPart})`, "it is missing");
  const { sheets, date1904 } = readWorkbookPart(wbBytes, workbookPart);
  const rels = guard(`the workbook's relationships`, () => readRelationships(pkg, workbookPart).rels);
  const relById = new Map(rels.map((r) => [r.id, r] as [string, Relationship]));
  const stylesRel = rels.find((r) => r.kind === "styles" && !r.external);
  const stringsRel = rels.find((r) => r.kind === "sharedStrings" && !r.external);
  const styles = readCellStyles(stylesRel ? pkg.bytes(stylesRel.part) : undefined);
  const strings = readSharedStrings(stringsRel ? pkg.bytes(stringsRel.part) : undefined);
  const cellBudget = { left: MAX_FILLED_CELLS };

  return {
    sheets: sheets.map((entry) => {
      const base = { name: entry.name, visibility: entry.state } as const;
      const rel = relById.get(entry.rid);
      if (!rel || rel.external)
        throw damaged(`sheet "${entry.name}"`, "the workbook does not say where its part is");
      // A chart sheet or dialog sheet holds no cells: its name still counts.
      if (rel.kind !== "worksheet") return emptyGrid(base);
      const bytes = pkg.bytes(rel.part);
      if (!bytes) throw damaged(`sheet "${entry.name}"`, `its part ${rel.part} is missing`);
      const cells = readSheetPart(bytes, { name: entry.name, strings, styles, cellBudget });
      return toSheetGrid(base, cells, styles.formats, date1904);
    }),
  };
}

/** The sheets listed by `workbook.xml`, and its date system. */
function readWorkbookPart(bytes: Uint8Array, part: string): { sheets: SheetEntry[]; date1904: boolean } {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  streamXml(bytes, `the workbook part (${part})`, {
    open(name, a) {
      if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
      if (name !== "sheet") return;
      const rid = Object.entries(a).find(([k]) => k === "r:id" || k.endsWith(":id"))?.[1] ?? "";
      const state = a.state === "hidden" || a.state === "veryHidden" ? a.state : "visible";
      sheets.push({ name: a.name ?? "", rid, state });
    },
  });
  const seen = new Set<string>();
  for (const s of sheets) {
    if (!s.name.trim()) throw damaged(`the workbook part (${part})`, "a sheet has no name");
    const key = s.name.toLowerCase();
    if (seen.has(key)) throw damaged(`the workbook part (${part})`, `two sheets are named "${s.name}"`);
    seen.add(key);
  }
  if (sheets.length === 0) throw damaged(`the workbook part (${part})`, "it lists no sheets");
  return { sheets, date1904 };
}

/** The dense grid over the sheet's data region; cells outside it become `strays`. */
function toSheetGrid(
  base: Pick<SheetGrid, "name" | "visibility">,
  cells: SheetCells,
  formats: string[],
  date1904: boolean,
): SheetGrid {
  const grid: SheetGrid = {
    ...emptyGrid(base),
    merges: [...cells.merges].sort((a, b) => a.top - b.top || a.left - b.left),
    hiddenRows: cells.hiddenRows,
    hiddenCols: cells.hiddenCols,
    protected: cells.protected,
  };
  const { region, strays } = chooseDataRegion(areasOfCells(cells.rows, cells.cols));
  if (!region) return grid;
  if (strays.length)
    grid.strays = strays.map(({ top, left, bottom, right }) => ({ top, left, bottom, right }));

  const height = region.bottom - region.top + 1;
  const width = region.right - region.left + 1;
  const values = Array.from({ length: height }, () => Array<CellValue>(width).fill(null));
  const formatRows = Array.from({ length: height }, () => Array<string>(width).fill("General"));
  const covered = coveredCells(cells.merges, region);
  for (let i = 0; i < cells.rows.length; i++) {
    const r = cells.rows[i] - region.top;
    const c = cells.cols[i] - region.left;
    if (r < 0 || r >= height || c < 0 || c >= width) continue;
    if (covered.has(r * width + c)) continue;
    const style = cells.styles[i];
    const format = style < 0 ? DEFAULT_DATE_FORMAT : (formats[style] ?? "General");
    let value = cells.values[i];
    // The engine reads serials in the 1900 system.
    if (typeof value === "number" && style >= 0) value = to1900Serial(value, format, date1904);
    values[r][c] = value;
    formatRows[r][c] = format;
  }
  grid.originRow = region.top;
  grid.originCol = region.left;
  grid.values = values;
  grid.formats = formatRows;
  const fills = cells.fills.filter(
    (f) => f.row >= region.top && f.row <= region.bottom && f.col >= region.left && f.col <= region.right,
  );
  if (fills.length) grid.fills = fills;
  return grid;
}

/** Cells (other than the top-left) of merged areas inside the region, as row * width + col. */
function coveredCells(
  merges: SheetCells["merges"],
  region: { top: number; left: number; bottom: number; right: number },
): Set<number> {
  const width = region.right - region.left + 1;
  const covered = new Set<number>();
  for (const m of merges) {
    const top = Math.max(m.top, region.top);
    const bottom = Math.min(m.bottom, region.bottom);
    const left = Math.max(m.left, region.left);
    const right = Math.min(m.right, region.right);
    for (let r = top; r <= bottom; r++)
      for (let c = left; c <= right; c++)
        if (r !== m.top || c !== m.left) covered.add((r - region.top) * width + (c - region.left));
  }
  return covered;
}

function emptyGrid(base: Pick<SheetGrid, "name" | "visibility">): SheetGrid {
  return {
    ...base,
    originRow: 0,
    originCol: 0,
    values: [],
    formats: [],
    merges: [],
    hiddenRows: [],
    hiddenCols: [],
  };
}

/** Runs a reader that parses with `parseXmlOutline`, refusing broken XML in the officer's terms. */
function guard<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw damaged(what, "its XML is not well-formed");
    throw err;
  }
}
