import type { SheetGrid } from "../engine/Grid";
import { isStoreName } from "../engine/writeplan/locateStore";

/** A sheet that may hold our store, with its used range queued for reading. */
export interface StoreSheetHandle {
  name: string;
  visibility: SheetGrid["visibility"];
  used: Excel.Range;
}

/**
 * Queues a read of every listed sheet whose name our store may have ("QScorecard_Store",
 * "QScorecard_Store (2)", ...), so that the engine's `locateStore` can tell ours from an officer's
 * sheet of that name by its content. `sheets` must have `name` and `visibility` loaded; the cells
 * arrive with the caller's next sync. See `storeSheetGrids`.
 *
 * @example
 * const handles = queueStoreSheets(list.items); await context.sync();
 * const { sheet } = locateStore({ sheets: storeSheetGrids(handles) });
 */
export function queueStoreSheets(sheets: Excel.Worksheet[]): StoreSheetHandle[] {
  return sheets
    .filter((ws) => isStoreName(ws.name))
    .map((ws) => {
      const used = ws.getUsedRangeOrNullObject(true);
      used.load("rowIndex,columnIndex,values");
      const visibility =
        ws.visibility === "VeryHidden" ? "veryHidden" : ws.visibility === "Hidden" ? "hidden" : "visible";
      return { name: ws.name, visibility, used };
    });
}

/**
 * The queued sheets as the engine reads them, once synced. Store cells are text (written as "@"),
 * so every format is "@"; an empty sheet is an empty grid.
 *
 * @example storeSheetGrids(handles) // [{ name: "QScorecard_Store", values: [["my own notes"]], ... }]
 */
export function storeSheetGrids(handles: StoreSheetHandle[]): SheetGrid[] {
  return handles.map(({ name, visibility, used }) => {
    if (used.isNullObject) return { name, visibility, originRow: 0, originCol: 0, values: [], formats: [] };
    const values = used.values.map((row) =>
      row.map((v) => (v === "" ? null : (v as string | number | boolean))),
    );
    const formats = values.map((row) => row.map(() => "@"));
    return { name, visibility, originRow: used.rowIndex, originCol: used.columnIndex, values, formats };
  });
}
