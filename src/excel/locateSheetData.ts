import { chooseDataRegion, DENSE_AREA_FLOOR, type FilledArea } from "../engine/cells/chooseDataRegion";
import { isSizeError } from "./isSizeError";
import type { SheetContentsHandle } from "./queueSheetContents";

/** The cells that hold something: typed values and formulas (ExcelApi 1.9). */
const FILLED_TYPES = ["Constants", "Formulas"] as const;

/** A band of rows of a sheet's used range, located in one piece. */
interface Band {
  handle: SheetContentsHandle;
  /** Rows below the used range's first row. */
  top: number;
  rows: number;
}

/**
 * For every synced sizes-only handle whose used range passes `DENSE_AREA_FLOOR` cells (a note
 * parked at XFD1 makes a 17-billion-cell used range of a 400-cell table), finds the cells that
 * hold constants or formulas (`getSpecialCellsOrNullObject`, ExcelApi 1.9; areas' positions only,
 * never values), picks the region to read with `chooseDataRegion`, and records it with the stray
 * areas on `handle.located`. All such sheets are located in one request; if Excel says the
 * answer is too large (tens of thousands of areas), each sheet is located alone, and a sheet
 * still too large in halves of its rows, until each answer fits. Smaller used ranges are read
 * whole, as the engine would choose. Queues work through `sync` only.
 *
 * @example
 * await locateSheetData(handles, sync); // then read `areaToRead(handle)` of each handle
 */
export async function locateSheetData(
  handles: SheetContentsHandle[],
  sync: () => Promise<void>,
): Promise<void> {
  const wide = handles.filter(
    (h) => !h.located && !h.used.isNullObject && h.used.rowCount * h.used.columnCount > DENSE_AREA_FLOOR,
  );
  if (wide.length === 0) return;
  const found = new Map<SheetContentsHandle, FilledArea[]>(wide.map((h) => [h, []]));
  await locateBands(
    wide.map((handle) => ({ handle, top: 0, rows: handle.used.rowCount })),
    found,
    sync,
  );
  for (const h of wide) {
    const { region, strays } = chooseDataRegion(found.get(h) ?? []);
    h.located = {
      region,
      strays: strays.map(({ top, left, bottom, right }) => ({ top, left, bottom, right })),
    };
  }
}

/** Locates `bands` in one request; past Excel's limits, each alone, halving a band that is still too large. */
async function locateBands(
  bands: Band[],
  found: Map<SheetContentsHandle, FilledArea[]>,
  sync: () => Promise<void>,
): Promise<void> {
  const queued = bands.map((band) => ({ band, parts: queueFilledAreas(band) }));
  try {
    await sync();
  } catch (e) {
    if (!isSizeError(e)) throw e;
    if (bands.length > 1) {
      for (const band of bands) await locateBands([band], found, sync);
      return;
    }
    const [band] = bands;
    if (band.rows < 2) throw e;
    const half = Math.ceil(band.rows / 2);
    await locateBands([{ ...band, rows: half }], found, sync);
    await locateBands([{ ...band, top: band.top + half, rows: band.rows - half }], found, sync);
    return;
  }
  for (const { band, parts } of queued) {
    const areas = found.get(band.handle) as FilledArea[];
    for (const part of parts) {
      if (part.isNullObject) continue; // no cells of this type
      for (const a of part.areas.items)
        areas.push({
          top: a.rowIndex,
          left: a.columnIndex,
          bottom: a.rowIndex + a.rowCount - 1,
          right: a.columnIndex + a.columnCount - 1,
          cells: a.rowCount * a.columnCount,
        });
    }
  }
}

/** Queues the constants' and formulas' areas of one band (null objects where there are none). */
function queueFilledAreas({ handle, top, rows }: Band): Excel.RangeAreas[] {
  const { rowIndex, columnIndex, columnCount } = handle.used;
  const range = handle.sheet.getRangeByIndexes(rowIndex + top, columnIndex, rows, columnCount);
  return FILLED_TYPES.map((type) => {
    const areas = range.getSpecialCellsOrNullObject(type);
    // Each area's position and size only (about 60 bytes an area), never a value.
    areas.load("areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount");
    return areas;
  });
}
