import { A4_LANDSCAPE } from "./buildPageSetup";
import type { ChartRows } from "./buildCharts";
import type { PageSetup } from "./WritePlan";

/**
 * Height, in points, counted for a row the plan gives no height: Excel's standard row (15 pt, the
 * default font's), at least what our Arial 10 rows take (12.75 pt in LibreOffice and Excel), so
 * a page is never thought to hold more than it does.
 */
export const UNLISTED_ROW_HEIGHT = 15;

/**
 * The manual page breaks (0-based rows that start a page) that keep the Scorecard Summary's
 * charts whole: one before the "Charts" title, one before each chart that would not fit on the
 * page with the title or the charts above it (counted from the page's height less its margins,
 * at the plan's scale, with the rows' heights from `rowHeights` and `UNLISTED_ROW_HEIGHT`
 * elsewhere), and one before the "Chart data" title. A chart taller than a page starts one.
 *
 * @example
 * chartPageBreaks({ heading: 40, blocks: [{ top: 41, bottom: 56 }, { top: 58, bottom: 77 }], data: 79 },
 *   sheet.rowHeights ?? [], sheet.pageSetup!) // [40, 58, 79]: each chart on its own page
 */
export function chartPageBreaks(
  rows: ChartRows,
  rowHeights: readonly [number, number][],
  setup: Pick<PageSetup, "orientation" | "margins" | "scale" | "printTitleRows">,
): number[] {
  const heights = new Map(rowHeights);
  const height = (from: number, to: number): number => {
    let sum = 0;
    for (let r = from; r <= to; r++) sum += heights.get(r) ?? UNLISTED_ROW_HEIGHT;
    return sum;
  };
  const paper = setup.orientation === "landscape" ? A4_LANDSCAPE.height : A4_LANDSCAPE.width;
  const titles = setup.printTitleRows ? height(setup.printTitleRows.first, setup.printTitleRows.last) : 0;
  // The page's printable height in the sheet's points (a scale under 100% fits more rows).
  const page =
    (paper - (setup.margins.top + setup.margins.bottom) * 72) / (Math.max(1, setup.scale) / 100) - titles;
  const breaks = [rows.heading];
  let pageTop = rows.heading;
  rows.blocks.forEach((block, i) => {
    if (i > 0 && height(pageTop, block.bottom) > page) {
      breaks.push(block.top);
      pageTop = block.top;
    }
  });
  breaks.push(rows.data);
  return breaks.filter((r) => r > 0);
}
