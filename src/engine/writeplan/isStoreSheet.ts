import type { SheetGrid } from "../Grid";

/** A store key as writeStoreRows writes it: a word, with "#n" on the rows of a chunked value. */
const KEY = /^[A-Za-z][A-Za-z0-9_]*(#\d+)?$/;

/**
 * True when a sheet's content is our store's, whatever it is called: it uses columns A:B only,
 * every key in column A is a store key ("version", "owned", "settings#2", or a later version's
 * word), and a "version" row holds a whole number in B. So an officer's sheet that happens to
 * be called "QScorecard_Store" ("my own notes") is not ours, while a store of ours whose other
 * rows hold damaged JSON still is (readStore then reports it as corrupt). An empty sheet is ours
 * only when very hidden (an officer cannot make one so from Excel's menus).
 *
 * @example
 * isStoreSheet({ name: "QScorecard_Store", originRow: 0, originCol: 0,
 *   values: [["version", "1"]], formats: [["@", "@"]] }) // true
 */
export function isStoreSheet(sheet: SheetGrid): boolean {
  let keys = 0;
  let version = false;
  for (const row of sheet.values) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (v === null || v === undefined || v === "") continue;
      const col = sheet.originCol + i;
      if (col > 1) return false; // something beyond column B: not ours
      if (col === 1) continue;
      const key = String(v).trim();
      if (!KEY.test(key)) return false;
      keys++;
      if (key === "version") version = isWholeNumber(row[i + 1]);
    }
  }
  return keys === 0 ? sheet.visibility === "veryHidden" : version;
}

/** True for a whole number, or its JSON text (how the store writes it). */
function isWholeNumber(v: unknown): boolean {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n);
}
