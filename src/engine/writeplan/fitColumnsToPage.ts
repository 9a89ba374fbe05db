import { PRINT_WIDTH_BUDGET } from "./buildPageSetup";

/** A column that may be narrowed to fit the page, and how narrow it may go (its text wraps). */
export interface ShrinkableColumn {
  col: number;
  min: number;
}

/**
 * Narrows wrapped text columns so that the first `printed` columns fit `PRINT_WIDTH_BUDGET`
 * (one A4 landscape page wide at `MIN_PRINT_SCALE`), each in proportion to how far it can go,
 * never below its `min`. Widths already within the budget come back unchanged.
 *
 * @example
 * fitColumnsToPage([100, 100, 10], 3, [{ col: 0, min: 20 }, { col: 1, min: 20 }]) // [79, 79, 10]
 */
export function fitColumnsToPage(
  widths: readonly number[],
  printed: number,
  shrinkable: readonly ShrinkableColumn[],
): number[] {
  const out = [...widths];
  const total = out.slice(0, printed).reduce((a, w) => a + w, 0);
  const excess = total - PRINT_WIDTH_BUDGET;
  if (excess <= 0) return out;
  const room = shrinkable.map((s) => Math.max(0, (out[s.col] ?? 0) - s.min));
  const all = room.reduce((a, r) => a + r, 0);
  if (all <= 0) return out;
  const share = Math.min(1, excess / all);
  shrinkable.forEach((s, i) => {
    if (room[i] > 0) out[s.col] = Math.max(s.min, Math.floor(out[s.col] - room[i] * share));
  });
  return out;
}
