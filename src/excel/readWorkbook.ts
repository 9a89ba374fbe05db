import type { WorkbookGrid } from "../engine/Grid";
import { STORE_SHEET } from "../engine/writeplan/StoreState";
import { REQUEST_BUDGET_BYTES } from "./batchWriteOps";
import { describeOfficeError } from "./describeOfficeError";
import { isSizeError } from "./isSizeError";
import { locateSheetData } from "./locateSheetData";
import { queueDateSystemProbe, type DateSystem } from "./queueDateSystemProbe";
import {
  areaToRead,
  queueSheetChunk,
  queueSheetContents,
  toSheetGrid,
  type SheetContentsHandle,
  type SheetFacts,
} from "./queueSheetContents";

/** Excel's limit on cells in one read. */
export const READ_CELL_LIMIT = 5_000_000;
/** Cells per read request when a read must be split: ~30 bytes a cell keeps a response near 4 MB. */
export const READ_REQUEST_CELLS = Math.min(READ_CELL_LIMIT, Math.floor(REQUEST_BUDGET_BYTES / 30));

/** Every sheet read, in workbook order: facts and handles line up. */
export interface ReadState {
  grid: WorkbookGrid;
  facts: SheetFacts[];
  handles: SheetContentsHandle[];
  /** Merged areas were asked for, Excel refused them, and the sheets were read without them. */
  mergesSkipped?: boolean;
  /** The workbook's date system; the grid's date serials are 1900-system either way. */
  dateSystem: DateSystem;
}

/** How to read. */
export interface ReadWorkbookOptions {
  /** Read merged areas (ExcelApi 1.13). */
  merges: boolean;
  /** Ask Excel for the date system in the first request (`queueDateSystemProbe`, ExcelApi 1.2). */
  probeDates: boolean;
  /**
   * Sheet names expected from the last run; "QScorecard_Store" is always expected. The last run
   * remembers its store's real name, so a store that moved to "QScorecard_Store (2)" (an officer's
   * sheet holds the plain name) is read in the first request too; unremembered, in the second.
   */
  expected: string[];
  /** The run's counting `context.sync`. */
  sync: () => Promise<void>;
}

/**
 * Reads every sheet (values, number formats, merges, conditional formats) and the store sheet
 * (see `readOnce`). If the read fails while merged areas were asked for, it is made again
 * without them, and `mergesSkipped` says so: Excel fails `getMergedAreasOrNullObject` on a range
 * with more than 512 merged areas (office-js typings; the error code is not documented), and the
 * engine scores without merges. An error that was not the merges' recurs and is thrown.
 * The first request also asks Excel for the workbook's date system (`probeDates`,
 * `queueDateSystemProbe`): in a 1904-system workbook, date-formatted numbers are moved to the 1900
 * system the engine reads (`toSheetGrid`). If the read fails with the check in it (after the
 * merges' retry), it is made once more without it; dates are then read as 1900, and
 * `dateSystem.unknown` says why.
 *
 * @example
 * const read = await readWorkbook(context, { merges: true, probeDates: true, expected: ["KPIs"], sync });
 */
export async function readWorkbook(
  context: Excel.RequestContext,
  options: ReadWorkbookOptions,
): Promise<ReadState> {
  try {
    return await readMerged(context, options);
  } catch (e) {
    // The date check may be what failed (a host that refuses `workbook.functions`): read once
    // more without it, as 1900, and say why. An error that was not the check's recurs and is thrown.
    if (!options.probeDates || isSizeError(e)) throw e;
    const read = await readMerged(context, { ...options, probeDates: false });
    const why = `${describeOfficeError(e).code}: ${e instanceof Error ? e.message : String(e)}`;
    return { ...read, dateSystem: { date1904: false, unknown: `Excel refused the date check (${why})` } };
  }
}

/** `readOnce`; if it fails while merged areas were asked for, once more without them. */
async function readMerged(context: Excel.RequestContext, options: ReadWorkbookOptions): Promise<ReadState> {
  try {
    return await readOnce(context, options);
  } catch (e) {
    if (!options.merges || isSizeError(e)) throw e;
    const read = await readOnce(context, { ...options, merges: false });
    return { ...read, mergesSkipped: true };
  }
}

/**
 * Reads every sheet (values, number formats, merges, conditional formats) and the store sheet.
 *
 * One request lists the sheets (name, visibility, protection) and, speculatively, reads the
 * expected sheets through `getItemOrNullObject`: a remembered sheet that was deleted or renamed
 * is a null object and is skipped. Sheets the listing shows but nobody expected (a new sheet, a
 * renamed one, or all of them on a first run) are read in one more request. So a run on an
 * unchanged workbook reads in one sync, a first run in two.
 *
 * Reads are split further only past Excel's limits (5 MB a response, 5 million cells a read), and
 * if the speculative request fails as a host may when asked to call a method on a null object
 * (`ItemNotFound`, `InvalidArgument`, `InvalidOperation`, `GeneralException`: undocumented, so we
 * accept any of them) the read starts again from a plain listing; a real error then recurs there. Only queues work through `sync`.
 */
async function readOnce(context: Excel.RequestContext, options: ReadWorkbookOptions): Promise<ReadState> {
  try {
    return await readExpectedFirst(context, options, false);
  } catch (e) {
    if (isSizeError(e)) {
      // Too much for one response: the same, with sizes only, then the cells in row chunks.
      return readExpectedFirst(context, options, true);
    }
    if (!RETRY_AFTER_LISTING.has(describeOfficeError(e).code)) throw e;
    // A host that refuses calls on a null object: list first, then read every sheet.
    return readListedFirst(context, options.merges, options.sync, options.probeDates);
  }
}

/** Codes after which the speculative read is retried from a plain listing (see readWorkbook). */
const RETRY_AFTER_LISTING = new Set([
  "ItemNotFound",
  "InvalidArgument",
  "InvalidOperation",
  "GeneralException",
]);

/** The listing plus the expected sheets in one sync, then the unexpected ones in one more. */
async function readExpectedFirst(
  context: Excel.RequestContext,
  { merges, expected, sync, probeDates }: ReadWorkbookOptions,
  sizesOnly: boolean,
): Promise<ReadState> {
  const list = context.workbook.worksheets;
  list.load("items/name,items/visibility,items/protection/protected");
  const dateSystem = probeDates ? queueDateSystemProbe(context) : notProbed;
  const guessed = uniqueNames([STORE_SHEET, ...expected]).map((name) => {
    const sheet = list.getItemOrNullObject(name);
    // Loaded, so `isNullObject` is known after the sync (Office.js sets it from a load's answer).
    sheet.load("name");
    return { name, handle: queueSheetContents(sheet, { merges, sizesOnly }) };
  });
  await sync();

  const facts = listFacts(list);
  const read = new Map<string, SheetContentsHandle>();
  for (const g of guessed) if (!g.handle.sheet.isNullObject) read.set(key(g.name), g.handle);
  const missing = list.items.filter((ws) => !read.has(key(ws.name)));
  if (missing.length) {
    const more = sizesOnly ? await readSizes(missing, merges, sync) : await readSheets(missing, merges, sync);
    more.forEach((h, i) => read.set(key(missing[i].name), h));
  }
  const handles = facts.map((f) => read.get(key(f.name)) as SheetContentsHandle);
  if (sizesOnly) await readInChunks(handles, sync);
  return assemble(facts, handles, dateSystem());
}

/** The plain read: one sync for the list, one for every sheet (more only past Excel's limits). */
async function readListedFirst(
  context: Excel.RequestContext,
  merges: boolean,
  sync: () => Promise<void>,
  probeDates: boolean,
): Promise<ReadState> {
  const list = context.workbook.worksheets;
  list.load("items/name,items/visibility,items/protection/protected");
  const dateSystem = probeDates ? queueDateSystemProbe(context) : notProbed;
  await sync();
  const facts = listFacts(list);
  const handles = await readSheets(list.items, merges, sync);
  return assemble(facts, handles, dateSystem());
}

/** The date system when the probe was not asked for (the host lacks ExcelApi 1.2, or it failed). */
function notProbed(): DateSystem {
  return { date1904: false, unknown: "this Excel does not offer worksheet functions (ExcelApi 1.2)" };
}

function assemble(facts: SheetFacts[], handles: SheetContentsHandle[], dateSystem: DateSystem): ReadState {
  const { date1904 } = dateSystem;
  const grid: WorkbookGrid = { sheets: handles.map((h, i) => toSheetGrid(h, facts[i], date1904)) };
  return { grid, facts, handles, dateSystem };
}

function listFacts(list: Excel.WorksheetCollection): SheetFacts[] {
  return list.items.map((ws) => ({
    name: ws.name,
    visibility: ws.visibility as SheetFacts["visibility"],
    protected: ws.protection.protected,
  }));
}

/** Reads `sheets` in one sync; past Excel's limits, sizes first and then row chunks. */
async function readSheets(
  sheets: Excel.Worksheet[],
  merges: boolean,
  sync: () => Promise<void>,
): Promise<SheetContentsHandle[]> {
  let handles = sheets.map((ws) => queueSheetContents(ws, { merges }));
  try {
    await sync();
  } catch (e) {
    if (!isSizeError(e)) throw e;
    // Too much for one request: read sizes, then the cells in row chunks over a few requests.
    handles = await readSizes(sheets, merges, sync);
    await readInChunks(handles, sync);
  }
  return handles;
}

/** Reads the used-range sizes (and merges and conditional formats) of `sheets` in one sync. */
async function readSizes(
  sheets: Excel.Worksheet[],
  merges: boolean,
  sync: () => Promise<void>,
): Promise<SheetContentsHandle[]> {
  const handles = sheets.map((ws) => queueSheetContents(ws, { merges, sizesOnly: true }));
  await sync();
  return handles;
}

/**
 * Reads every used range in row chunks, grouped into requests of at most `cells` cells. If Excel
 * still says a response is too large (wide text), the requests are halved and the read retried.
 * A used range far larger than its data (stray cells far away) is located first, in one more
 * request, and only its data region is read (`locateSheetData`).
 */
async function readInChunks(
  handles: SheetContentsHandle[],
  sync: () => Promise<void>,
  cells = READ_REQUEST_CELLS,
): Promise<void> {
  await locateSheetData(handles, sync);
  for (let budget = cells; ; budget = Math.floor(budget / 2)) {
    try {
      await readChunksOnce(handles, sync, budget);
      return;
    } catch (e) {
      if (!isSizeError(e) || budget < 2) throw e;
      handles.forEach((h) => (h.chunks = undefined));
    }
  }
}

async function readChunksOnce(
  handles: SheetContentsHandle[],
  sync: () => Promise<void>,
  budget: number,
): Promise<void> {
  const pieces: { handle: SheetContentsHandle; top: number; rows: number; cells: number }[] = [];
  for (const handle of handles) {
    const area = areaToRead(handle);
    if (!area) continue;
    const { rowCount, columnCount } = area;
    const rowsPer = Math.max(1, Math.floor(budget / Math.max(1, columnCount)));
    for (let top = 0; top < rowCount; top += rowsPer) {
      const rows = Math.min(rowsPer, rowCount - top);
      pieces.push({ handle, top, rows, cells: rows * columnCount });
    }
  }
  let cells = 0;
  let queued = 0;
  for (const p of pieces) {
    if (queued && cells + p.cells > budget) {
      await sync();
      cells = 0;
      queued = 0;
    }
    queueSheetChunk(p.handle, p.top, p.rows);
    cells += p.cells;
    queued++;
  }
  if (queued) await sync();
}

/** Excel matches sheet names without regard to case. */
function key(name: string): string {
  return name.toLowerCase();
}

function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => n && !seen.has(key(n)) && seen.add(key(n)));
}
