/**
 * One row's figures for the arithmetic, one entry per key money column.
 * @example { values: [1_200_000, 1_150_000], units: [1000, 1000], income: false } // £000's
 */
export interface SumRow {
  /** Whole pounds; null where the cell is blank. */
  values: (number | null)[];
  /** The smallest step each cell shows, in pounds (£1k for a whole number in £000's). */
  units: (number | null)[];
  /** A line whose name says income: held as a positive amount, it counts against a total. */
  income: boolean;
}

/** How hard to look. @example { minMembers: 2, minColumns: 2, plain: [false, false, true] } */
export interface MatchOptions {
  /** Fewest rows a total may add up (2 for a row whose label does not say total). */
  minMembers: number;
  /** Fewest of the total's columns that must hold figures. */
  minColumns: number;
  /** Per column: true where income lines are never turned round (variance columns). */
  plain: boolean[];
}

/** Longest run of rows looked at, so a long table stays fast. */
const MAX_RUN = 400;

/**
 * Finds the rows a total adds up: the longest run of `rows` ending with the last one whose sums
 * equal `total` in every column the total has figures in, within rounding (half the shown step per
 * row, at least one step). Income lines held as positive amounts may count against the total.
 * Returns the index in `rows` where the run starts, or null. A total of nothing but zeros adds up
 * nothing.
 * @example
 * const r = (b: number, f: number): SumRow => ({ values: [b, f], units: [1, 1], income: false });
 * matchTotal(r(300, 290), [r(50, 50), r(100, 110), r(200, 180)], { minMembers: 2, minColumns: 2, plain: [false, false] }) === 1
 */
export function matchTotal(total: SumRow, rows: SumRow[], options: MatchOptions): number | null {
  const cols: number[] = [];
  let nonZero = false;
  total.values.forEach((v, c) => {
    if (v === null) return;
    cols.push(c);
    if (Math.abs(v) > 1e-9) nonZero = true;
  });
  if (cols.length < options.minColumns || cols.length === 0 || !nonZero) return null;
  const n = cols.length;
  const want = cols.map((c) => total.values[c] ?? 0);
  const plainOnly = cols.map((c) => options.plain[c]);
  const plain = new Array<number>(n).fill(0);
  const signed = new Array<number>(n).fill(0);
  const unit = cols.map((c) => total.units[c] ?? 0);
  let best: number | null = null;
  for (let k = rows.length - 1; k >= Math.max(0, rows.length - MAX_RUN); k--) {
    const row = rows[k];
    for (let i = 0; i < n; i++) {
      const v = row.values[cols[i]] ?? 0;
      plain[i] += v;
      signed[i] += row.income && v > 0 && !plainOnly[i] ? -v : v;
      const u = row.units[cols[i]] ?? 0;
      if (u > unit[i]) unit[i] = u;
    }
    const members = rows.length - k;
    if (members < options.minMembers) continue;
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      const tol = unit[i] * Math.max(1, Math.ceil(members / 2)) + 1e-9 * Math.max(1, Math.abs(want[i]));
      ok = Math.abs(plain[i] - want[i]) <= tol || (!plainOnly[i] && Math.abs(signed[i] - want[i]) <= tol);
    }
    if (ok) best = k;
  }
  return best;
}

/**
 * True when `members` add up to `total` (the same test as `matchTotal`, for a given set of rows).
 * @example addsUp(r(300, 290), [r(100, 110), r(200, 180)], [false, false]) === true
 */
export function addsUp(total: SumRow, members: SumRow[], plain: boolean[]): boolean {
  if (members.length === 0) return false;
  return (
    matchTotal(total, members, { minMembers: members.length, minColumns: 1, plain }) === 0 &&
    members.length <= MAX_RUN
  );
}
