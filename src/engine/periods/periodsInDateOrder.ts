import type { Period } from "./Period";
import { periodSortKeys } from "./periodOrder";

/**
 * The period labels of several tables, each once, oldest first. Periods naming their financial
 * year are ordered by date; those that do not ("Q4 Performance", "Qtr1", "Current") cannot be
 * placed against them, so they follow, in their own tables' order. A label seen in several tables
 * takes its latest place.
 *
 * @example
 * periodsInDateOrder([[dec15, q2_1516], [q3_1920]]) // ["2015/16 Qtr2", "Dec-15", "2019/20 Qtr3"]
 */
export function periodsInDateOrder(tables: Period[][]): string[] {
  const keyOf = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  for (const periods of tables) {
    const keys = periodSortKeys(periods);
    periods.forEach((p, i) => {
      // Undated keys are far below dated ones; shift them above so that they follow.
      const key = keys[i] < UNDATED_BELOW ? keys[i] + UNDATED_SHIFT : keys[i];
      const seen = keyOf.get(p.label);
      if (seen === undefined || key > seen) keyOf.set(p.label, key);
      if (!firstSeen.has(p.label)) firstSeen.set(p.label, firstSeen.size);
    });
  }
  return [...keyOf.entries()]
    .sort(([a, ka], [b, kb]) => ka - kb || firstSeen.get(a)! - firstSeen.get(b)!)
    .map(([label]) => label);
}

/** Undated periods' keys sit near −1,000,000 (`periodSortKeys`); dated ones are fy × 12 + month. */
const UNDATED_BELOW = -500_000;
/** Moves undated periods' keys past every dated one. */
const UNDATED_SHIFT = 2_000_000;
