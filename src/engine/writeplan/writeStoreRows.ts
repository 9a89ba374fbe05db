import type { StoreState } from "./StoreState";

/** Longest text we put in one store cell (Excel's limit is 32,767 characters). */
export const STORE_CHUNK = 32_000;

/** The store keys, in the order we write them. */
export const STORE_KEYS = ["version", "owned", "settings", "lastPeriod", "cf"] as const;

/**
 * Serialises the store state into [key, json] rows for columns A:B of the store sheet.
 * JSON longer than one cell can hold is split over rows `key#1`, `key#2`, ...
 *
 * @example
 * writeStoreRows({ version: 1, owned: [], settings: {}, cf: [] })[0] // ["version", "1"]
 */
export function writeStoreRows(state: StoreState): [string, string][] {
  const rows: [string, string][] = [];
  for (const key of STORE_KEYS) {
    const value = state[key];
    if (value === undefined) continue;
    const json = JSON.stringify(value);
    if (json.length <= STORE_CHUNK) {
      rows.push([key, json]);
      continue;
    }
    for (let i = 0, n = 1; i < json.length; i += STORE_CHUNK, n++)
      rows.push([`${key}#${n}`, json.slice(i, i + STORE_CHUNK)]);
  }
  return rows;
}
