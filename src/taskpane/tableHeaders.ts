import { gridText } from "../engine/cells/gridText";
import type { FinanceColumns, FinanceTable } from "../engine/finance/FinanceTable";
import type { SheetGrid, WorkbookGrid } from "../engine/Grid";
import type { KpiTable } from "../engine/kpi/KpiTable";
import { tableHeaderRow } from "../engine/scoreWorkbook";
import type { TableMapping } from "../engine/Settings";
import { parseTableRange } from "./parseTableRange";
import type { HeaderCell } from "./ScorecardHost";

/** Most columns listed for one table (a year of monthly periods and more fits). */
const MAX_COLUMNS = 80;

/**
 * How `InspectResult.headers` names a table: its sheet and 1-based header row.
 * @example tableKey("KPIs", 2) === "KPIs!2"
 */
export function tableKey(sheet: string, headerRow: number): string {
  return `${sheet}!${headerRow}`;
}

/**
 * The header cells of each table, for the pane's column list: every column from the table's
 * leftmost to its rightmost known column, widened to neighbouring header cells that hold text,
 * with the text of all its header rows ("2019/20 Budget Net"; a merged band's text reaches every
 * column under it). A selected range (`mapping.range`) lists exactly its own columns. Keyed by
 * `tableKey`, so side-by-side tables (one header row) share one list; tables whose sheet is not
 * in `grid` are left out.
 *
 * @example
 * tableHeaders(grid, [kpiTable], [])["KPIs!2"]; // [{ col: 0, text: "Measure" }, { col: 1, text: "Target" }, ...]
 */
export function tableHeaders(
  grid: WorkbookGrid,
  tables: (KpiTable | FinanceTable)[],
  mappings: TableMapping[] = [],
): Record<string, HeaderCell[]> {
  const sheets = new Map(grid.sheets.map((s) => [s.name, s] as [string, SheetGrid]));
  const out: Record<string, HeaderCell[]> = {};
  for (const t of tables) {
    const sheet = sheets.get(t.sheet);
    if (!sheet) continue;
    const key = tableKey(t.sheet, tableHeaderRow(t));
    const rows = t.headerRows.length ? t.headerRows : [t.top];
    // Widening stops at a side-by-side table's columns.
    const taken = new Set(
      tables
        .filter((o) => o !== t && o.sheet === t.sheet && o.top <= t.bottom && t.top <= o.bottom)
        .flatMap(roleColumns),
    );
    const cells = headerCells(sheet, rows, roleColumns(t), undefined, taken);
    // Side-by-side tables share a header row, and a mapping names the row: list both sides.
    out[key] = out[key] ? mergeCells(out[key], cells) : cells;
  }
  for (const m of mappings) {
    const key = tableKey(m.sheet, m.headerRow);
    const sheet = sheets.get(m.sheet);
    if (out[key] || !sheet || m.kind === "ignore") continue;
    const range = m.range ? parseTableRange(`'${m.sheet.replace(/'/g, "''")}'!${m.range}`) : null;
    if (range && typeof range !== "string") {
      const [left, right] = range.address.split(":").map((a) => colOf(a));
      out[key] = headerCells(sheet, [m.headerRow - 1], [], { left, right });
    } else {
      const letters = [...Object.values(m.columns ?? {}), ...(m.periods ?? [])];
      out[key] = headerCells(sheet, [m.headerRow - 1], letters.map(colOf));
    }
  }
  return out;
}

/** Header cells over `rows` (0-based): a fixed span, or the known columns widened to text beside them. */
function headerCells(
  sheet: SheetGrid,
  rows: number[],
  known: number[],
  span?: { left: number; right: number },
  taken: Set<number> = new Set(),
): HeaderCell[] {
  const text = (col: number) => (taken.has(col) ? "" : headerText(sheet, rows, col));
  let left = span?.left ?? Math.min(...known);
  let right = span?.right ?? Math.max(...known);
  if (!span) {
    if (!known.length) return [];
    while (left > 0 && text(left - 1) && right - left < MAX_COLUMNS) left--;
    while (text(right + 1) && right - left < MAX_COLUMNS) right++;
  }
  const cells: HeaderCell[] = [];
  for (let col = left; col <= right && cells.length < MAX_COLUMNS; col++) {
    const t = text(col);
    if (t || span || known.includes(col)) cells.push({ col, text: t });
  }
  return cells;
}

/** A column's header text: each header row's text (a merged area's own), top to bottom, once each. */
function headerText(sheet: SheetGrid, rows: number[], col: number): string {
  const parts: string[] = [];
  for (const row of [...rows].sort((a, b) => a - b)) {
    const merge = sheet.merges?.find(
      (m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right,
    );
    const t = gridText(sheet, merge?.top ?? row, merge?.left ?? col)
      .replace(/\s+/g, " ")
      .trim();
    if (t && !parts.includes(t)) parts.push(t);
  }
  return parts.join(" ");
}

/** Two lists of header cells as one, left to right, each column once. */
function mergeCells(a: HeaderCell[], b: HeaderCell[]): HeaderCell[] {
  const byCol = new Map([...a, ...b].map((c) => [c.col, c] as [number, HeaderCell]));
  return [...byCol.values()].sort((x, y) => x.col - y.col);
}

/** Every 0-based column a detected table gives a role. */
function roleColumns(t: KpiTable | FinanceTable): number[] {
  if (t.kind === "kpi") {
    const { periods, ...roles } = t.columns;
    const perPeriod = periods.flatMap((p) => [p.col, p.target, p.tolerance, p.status, p.trend]);
    return [...Object.values(roles), ...perPeriod].filter((c): c is number => typeof c === "number");
  }
  const c: FinanceColumns = t.columns;
  const cols: (number | undefined)[] = [
    c.name,
    ...Object.values(c.budget),
    ...Object.values(c.forecast),
    ...Object.values(c.variance),
    c.overspend,
    c.underspend,
    c.covid,
    c.operating,
    c.change,
    ...(c.changes ?? []),
    c.variancePct,
    c.previousForecast,
    c.previousVariance,
    c.activityBudget,
    c.activityActual,
    c.unitCostBudget,
    c.unitCostActual,
  ];
  return cols.filter((x): x is number => typeof x === "number");
}

/** 0-based column of a letter or cell ("C" or "C4" → 2). */
function colOf(ref: string): number {
  let col = 0;
  for (const ch of ref.toUpperCase().replace(/\d+$/, "")) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}
