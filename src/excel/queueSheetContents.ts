import { to1900Serial } from "../engine/cells/to1900Serial";
import type { CellValue, MergeArea, SheetGrid } from "../engine/Grid";
import { CF_MARKER, CHART_NAME_PREFIX } from "../engine/writeplan/WritePlan";

/** The proxies one sheet's read is queued on; read them only after `context.sync()`. */
export interface SheetContentsHandle {
  sheet: Excel.Worksheet;
  /** The used range (values only), a null object on an empty sheet. */
  used: Excel.Range;
  /** Merged areas of the whole sheet, when ExcelApi 1.13 is available. */
  merged?: Excel.RangeAreas;
  /** Every conditional format on the sheet, with its custom rule's formula (if custom). */
  conditionalFormats: Excel.ConditionalFormatCollection;
  /** The sheet's charts, with their ids and names (ours are found by `CHART_NAME_PREFIX`). */
  charts: Excel.ChartCollection;
  /** Row chunks read separately when one read would pass Excel's limits (see `queueSheetChunk`). */
  chunks?: { top: number; range: Excel.Range }[];
  /**
   * Set when the used range is far larger than its data (`locateSheetData`): the region read
   * instead of the used range (null: nothing filled), and the filled areas left out of it.
   */
  located?: { region: MergeArea | null; strays: MergeArea[] };
}

/** A rectangle of a sheet to read, 0-based. */
export interface ReadArea {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
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
 * merged areas, its conditional formats and its charts' names (so our old rules and charts can be
 * deleted in the write sync).
 * Only queues work; the caller syncs.
 * @example const handle = queueSheetContents(worksheets.getItem("KPIs"), { merges: true });
 */
export function queueSheetContents(sheet: Excel.Worksheet, options: ReadOptions): SheetContentsHandle {
  const used = sheet.getUsedRangeOrNullObject(true);
  if (options.sizesOnly) used.load("rowIndex,columnIndex,rowCount,columnCount");
  else used.load("rowIndex,columnIndex,rowCount,columnCount,values,numberFormat");
  // Every conditional format on the sheet: the collection of the whole sheet's range.
  const conditionalFormats = sheet.getRange().conditionalFormats;
  conditionalFormats.load(CONDITIONAL_FORMAT_FIELDS);
  // With `id` loaded, Office.js addresses each chart by its id, so deletes cannot shift each other.
  const charts = sheet.charts;
  charts.load("items/id,items/name");
  let merged: Excel.RangeAreas | undefined;
  if (options.merges) {
    merged = sheet.getRange().getMergedAreasOrNullObject();
    merged.load("areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount");
  }
  return { sheet, used, merged, conditionalFormats, charts };
}

/**
 * The rectangle of a synced sizes-only handle to read in chunks: the located region when the sheet
 * was located (`locateSheetData`), else the used range; null when there is nothing to read.
 * @example areaToRead(handle) // { rowIndex: 0, columnIndex: 0, rowCount: 40, columnCount: 10 }
 */
export function areaToRead(handle: SheetContentsHandle): ReadArea | null {
  if (handle.used.isNullObject) return null;
  if (!handle.located) return handle.used;
  const r = handle.located.region;
  if (!r) return null;
  return {
    rowIndex: r.top,
    columnIndex: r.left,
    rowCount: r.bottom - r.top + 1,
    columnCount: r.right - r.left + 1,
  };
}

/**
 * Queues one row chunk of a sheet's area to read (`areaToRead`: values and number formats), for
 * reads that must be split to stay inside Excel's limits. Call after a sizes-only read. Only
 * queues work.
 * @example queueSheetChunk(handle, 0, 500) // the first 500 rows
 */
export function queueSheetChunk(handle: SheetContentsHandle, top: number, rows: number): void {
  const area = areaToRead(handle);
  if (!area) throw new Error("queueSheetChunk: the sheet has nothing to read");
  const { rowIndex, columnIndex, columnCount } = area;
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
 * Turns a synced handle into the engine's `SheetGrid`. Excel gives blanks as "", the engine wants
 * null. In a 1904-system workbook (`date1904`), date-formatted numbers become 1900-system serials,
 * as the engine reads them (`to1900Serial`, as the .xlsx host does).
 * @example toSheetGrid(handle, { name: "KPIs", visibility: "Visible", protected: false }, false)
 */
export function toSheetGrid(handle: SheetContentsHandle, facts: SheetFacts, date1904 = false): SheetGrid {
  const visibility =
    facts.visibility === "VeryHidden" ? "veryHidden" : facts.visibility === "Hidden" ? "hidden" : "visible";
  const base = { name: facts.name, visibility, protected: facts.protected } as const;
  const merges = handle.merged ? readMerges(handle.merged) : undefined;
  const strays = handle.located?.strays.length ? { strays: handle.located.strays } : {};
  // Chunked or located: the area read; else the used range, read whole in the first request.
  const area =
    handle.chunks || handle.located ? areaToRead(handle) : handle.used.isNullObject ? null : handle.used;
  if (!area) return { ...base, originRow: 0, originCol: 0, values: [], formats: [], merges, ...strays };
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
    originRow: area.rowIndex,
    originCol: area.columnIndex,
    values: values.map((row, r) =>
      row.map((v, c) => {
        const value = toCellValue(v);
        const format = formats[r]?.[c];
        return date1904 && typeof value === "number" && typeof format === "string"
          ? to1900Serial(value, format, true)
          : value;
      }),
    ),
    formats: formats.map((row) => row.map((f) => (typeof f === "string" ? f : "General"))),
    merges,
    ...strays,
  };
}

/** Our conditional formats on a synced handle: custom rules whose formula carries `CF_MARKER`. */
export function ourConditionalFormats(handle: SheetContentsHandle): Excel.ConditionalFormat[] {
  return ourRulesIn(handle.conditionalFormats);
}

/**
 * Our charts on a synced handle: those whose names start with `CHART_NAME_PREFIX`.
 * @example ourCharts(handle).map((c) => c.name) // ["QScorecard chart: statuses"]
 */
export function ourCharts(handle: SheetContentsHandle): Excel.Chart[] {
  return handle.charts.items.filter((c) => c.name.startsWith(CHART_NAME_PREFIX));
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
