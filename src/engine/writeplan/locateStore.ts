import type { SheetGrid, WorkbookGrid } from "../Grid";
import { freeSheetName } from "./freeSheetName";
import { isStoreSheet } from "./isStoreSheet";
import { STORE_SHEET } from "./StoreState";

/** Where our store is, or is to go, in a workbook. */
export interface StoreLocation {
  /** Our store sheet as read, when the workbook has one. */
  sheet?: SheetGrid;
  /** The store's name: the found sheet's, else the first free of "QScorecard_Store", "QScorecard_Store (2)", ... */
  name: string;
  /** Sheets named like the store whose content is not ours: the officer's, left as they are. */
  officers: string[];
}

/**
 * True for a name our store may have: "QScorecard_Store" or a suffixed one ("QScorecard_Store (2)"),
 * in any case. Hosts read these sheets to find the store (`locateStore`).
 *
 * @example isStoreName("qscorecard_store (2)") // true
 */
export function isStoreName(name: string): boolean {
  return name.toLowerCase().startsWith(STORE_SHEET.toLowerCase());
}

/**
 * Finds our store by its content (`isStoreSheet`), not by its name alone, among the sheets whose
 * name starts with "QScorecard_Store". An officer's sheet of that name is never ours: our store
 * then goes to the first free name, "QScorecard_Store (2)", which later runs find by its content
 * in the same way. When several sheets look like our store, the one called "QScorecard_Store"
 * wins, then a very hidden one, then the first in tab order.
 *
 * @example
 * // the officer's "QScorecard_Store" holds "my own notes":
 * locateStore(wb) // { sheet: undefined, name: "QScorecard_Store (2)", officers: ["QScorecard_Store"] }
 */
export function locateStore(workbook: WorkbookGrid): StoreLocation {
  const named = workbook.sheets.filter((s) => isStoreName(s.name));
  const ours = named.filter(isStoreSheet);
  const sheet =
    ours.find((s) => s.name.toLowerCase() === STORE_SHEET.toLowerCase()) ??
    ours.find((s) => s.visibility === "veryHidden") ??
    ours[0];
  const officers = named.filter((s) => !ours.includes(s)).map((s) => s.name);
  if (sheet) return { sheet, name: sheet.name, officers };
  const taken = new Set(workbook.sheets.map((s) => s.name.toLowerCase()));
  return { name: freeSheetName(STORE_SHEET, taken), officers };
}
