import type { SheetGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import { toA1 } from "./toA1";

/** Addresses named in one warning; the rest are counted. */
const NAMED = 5;

/**
 * One warning per sheet whose host left stray cells out of its grid (`SheetGrid.strays`), naming
 * where they are so the officer can find them.
 *
 * @example
 * strayCellIssues({ name: "KPIs", strays: [{ top: 0, left: 16383, bottom: 0, right: 16383 }], ... })
 * // [{ code: "stray-cells", sheet: "KPIs", cell: "XFD1", message: "1 cell far from ... XFD1 ..." }]
 */
export function strayCellIssues(sheet: SheetGrid): Issue[] {
  const strays = sheet.strays ?? [];
  if (strays.length === 0) return [];
  const where = strays.slice(0, NAMED).map((a) => {
    const from = toA1(a.top, a.left);
    return a.top === a.bottom && a.left === a.right ? from : `${from}:${toA1(a.bottom, a.right)}`;
  });
  const more = strays.length > NAMED ? ` and ${strays.length - NAMED} more` : "";
  const areas = strays.length === 1 ? "1 filled area" : `${strays.length} filled areas`;
  return [
    issue(
      "warning",
      "stray-cells",
      sheet.name,
      where[0].split(":")[0],
      `${areas} far from the sheet's tables ${strays.length === 1 ? "was" : "were"} left out: ${where.join(", ")}${more}.`,
    ),
  ];
}
