import type { CellValue, MergeArea, SheetGrid } from "../engine/Grid";
import { CF_MARKER } from "../engine/writeplan/WritePlan";

/** The proxies one sheet's read is queued on; read them only after `context.sync()`. */
export interface SheetContentsHandle {
  sheet: Excel.Worksheet;
  /** The used range (values only), a null object on an empty sheet. */
  used: Excel.Range;
  /** Merged areas of the whole sheet, when ExcelApi 1.13 is available. */
  merged?: Excel.RangeAreas;
  /** Every conditional format on the sheet, with its custom rule's formula (if custom). */
  conditionalFormats: Excel.ConditionalFormatCollection;
  /** Row chunks read separately when one read would pass Excel's limits (see `queueSheetChunks`). */
  chunks?: { top: number; range: Excel.Range }[];
}

/**
 * What we load of conditional formats. With `id` loaded, Office.js addresses each format by its id
 * (`getItem(id)`), not by its index: deleting several in one request would otherwise shift the
 * indices of the ones after, and delete the wrong rules.
 */
export const CONDITIONAL_FORMAT_FIELDS = "items/id,items/type,items/customOrNullObject/rule/formula";

/** What to read besides values and number formats. */
export interface ReadOptions {
  /** Read merged areas (needs ExcelApi 1.13). */
  merges: boolean;
  /** Skip values and formats (used when they must be read in chunks instead). */
  sizesOnly?: boolean;
}

/**
 * Queues the read of one worksheet: its used range's position, values and number formats, its
 * merged areas and its conditional formats (so our old rules can be deleted in the write sync).
 * Only queues work; the caller syncs.
 */
export function queueSheetContents(sheet: Excel.Worksheet, options: ReadOptions): SheetContentsHandle {
  const used = sheet.getUsedRangeOrNullObject(true);
  if (options.sizesOnly) used.load("rowIndex,columnIndex,rowCount,columnCount");
  else used.load("rowIndex,columnIndex,rowCount,columnCount,values,numberFormat");
  // Every conditional format on the sheet: the collection of the whole sheet's range.
  const conditionalFormats = sheet.getRange().conditionalFormats;
  conditionalFormats.load(CONDITIONAL_FORMAT_FIELDS);
  let merged: Excel.RangeAreas | undefined;
  if (options.merges) {
    merged = sheet.getRange().getMergedAreasOrNullObject();
    merged.load("areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount");
  }
  return { sheet, used, merged, conditionalFormats };
}

/**
 * Queues one row chunk of a sheet's used range (values and number formats), for reads that must
 * be split to stay inside Excel's limits. Call after a sizes-only read. Only queues work.
 */
export function queueSheetChunk(handle: SheetContentsHandle, top: number, rows: number): void {
  const { rowIndex, columnIndex, columnCount } = handle.used;
  const range = handle.sheet.getRangeByIndexes(rowIndex + top, columnIndex, rows, columnCount);
  range.load("values,numberFormat");
  (handle.chunks ??= []).push({ top, range });
}

/** Facts about a sheet from the sheet-list read. */
export interface SheetFacts {
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
}

/**
 * Turns a synced handle into the engine's `SheetGrid`. Excel gives blanks as "", the engine wants null.
 * @example toSheetGrid(handle, { name: "KPIs", visibility: "Visible", protected: false })
 */
export function toSheetGrid(handle: SheetContentsHandle, facts: SheetFacts): SheetGrid {
  const visibility =
    facts.visibility === "VeryHidden" ? "veryHidden" : facts.visibility === "Hidden" ? "hidden" : "visible";
  const base = { name: facts.name, visibility, protected: facts.protected } as const;
  const merges = handle.merged ? readMerges(handle.merged) : undefined;
  if (handle.used.isNullObject)
    return { ...base, originRow: 0, originCol: 0, values: [], formats: [], merges };
  let values: unknown[][];
  let formats: unknown[][];
  if (handle.chunks) {
    const chunks = [...handle.chunks].sort((a, b) => a.top - b.top);
    values = chunks.flatMap((c) => c.range.values);
    formats = chunks.flatMap((c) => c.range.numberFormat);
  } else {
    values = handle.used.values;
    formats = handle.used.numberFormat;
  }
  return {
    ...base,
    originRow: handle.used.rowIndex,
    originCol: handle.used.columnIndex,
    values: values.map((row) => row.map(toCellValue)),
    formats: formats.map((row) => row.map((f) => (typeof f === "string" ? f : "General"))),
    merges,
  };
}

/** Our conditional formats on a synced handle: custom rules whose formula carries `CF_MARKER`. */
export function ourConditionalFormats(handle: SheetContentsHandle): Excel.ConditionalFormat[] {
  return ourRulesIn(handle.conditionalFormats);
}

/**
 * Our rules in a synced collection loaded with `CONDITIONAL_FORMAT_FIELDS`: custom rules whose
 * formula carries `CF_MARKER`.
 * @example ourRulesIn(sheet.getRange().conditionalFormats) // after load and sync
 */
export function ourRulesIn(collection: Excel.ConditionalFormatCollection): Excel.ConditionalFormat[] {
  return collection.items.filter((cf) => {
    if (cf.type !== "Custom") return false;
    const custom = cf.customOrNullObject;
    return !custom.isNullObject && hasMarker(custom.rule.formula);
  });
}

/** True when a formula carries our marker (Excel may change case or spacing). */
export function hasMarker(formula: string | null | undefined): boolean {
  const squash = (s: string) => s.replace(/\s+/g, "").toUpperCase();
  return typeof formula === "string" && squash(formula).includes(squash(CF_MARKER));
}

function readMerges(merged: Excel.RangeAreas): MergeArea[] {
  if (merged.isNullObject) return [];
  return merged.areas.items.map((a) => ({
    top: a.rowIndex,
    left: a.columnIndex,
    bottom: a.rowIndex + a.rowCount - 1,
    right: a.columnIndex + a.columnCount - 1,
  }));
}

function toCellValue(v: unknown): CellValue {
  if (v === "" || v === undefined || v === null) return null;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}
