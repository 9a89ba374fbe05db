import type { SheetGrid, WorkbookGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import type { KpiResult } from "../kpi/KpiResult";
import { RAG_PALETTE } from "./ragPalette";
import type { Polarity } from "../Settings";
import { columnLetters, fromA1 } from "../cells/toA1";
import { gridValue } from "../cells/gridText";
import { CF_MARKER, type CfRule, type CfWrite } from "./WritePlan";

/** Statuses we colour. */
type RagStatus = CfRule["status"];

/**
 * Formula that is always true and carries our marker, for colours set from the engine's status.
 * (No TRUE/FALSE literals anywhere: some formula engines only know them as functions.)
 */
export const STATIC_RULE_FORMULA = `${CF_MARKER}=0`;

/**
 * Longest range string one CfWrite gets. A rule set's "applies to" list (sqref) is edited as one
 * reference in Excel's Rules Manager and sent as one address to Office.js, and Excel caps such
 * lengths, so longer groups are split over several CfWrites, each with its own anchor.
 */
export const MAX_RANGE_CHARS = 2_000;

/** One coloured cell before grouping. */
interface Entry {
  sheet: string;
  tableId: string;
  row: number;
  col: number;
  /** Live shape (polarity, target/tolerance columns); none for a static rule. */
  live?: { polarity: Polarity; targetCol: number; toleranceCol: number | null };
  status: RagStatus;
}

/** The cells of one rule set: its first entry (which gives the rule) and every entry's row. */
interface Group {
  first: Entry;
  rows: number[];
  /** Its topmost row, which orders the groups. */
  top: number;
}

/**
 * Key of the rule set an entry belongs to: its sheet, table and column, and either its live shape
 * or (static) its status. Entries with one key share one multi-area range and its rules.
 */
function groupKey(e: Entry): string {
  const shape = e.live
    ? `live|${e.live.polarity}|${e.live.targetCol}|${e.live.toleranceCol ?? "-"}`
    : `static|${e.status}`;
  return `${e.sheet}\u0000${e.tableId}\u0000${e.col}\u0000${shape}`;
}

/** How many of the groups used last are tried before a key is made. */
const RECENT_GROUPS = 4;

/** True when two entries belong to one rule set (what equal `groupKey`s say, without making them). */
function sameGroup(a: Entry, b: Entry): boolean {
  if (a.sheet !== b.sheet || a.tableId !== b.tableId || a.col !== b.col) return false;
  if (!a.live || !b.live) return !a.live && !b.live && a.status === b.status;
  return (
    a.live.polarity === b.live.polarity &&
    a.live.targetCol === b.live.targetCol &&
    a.live.toleranceCol === b.live.toleranceCol
  );
}

/**
 * Builds RAG conditional formatting for the scored period's value cells on the user's sheets.
 * - Live rules: where the actual and target cells are numbers (and the tolerance a number or
 *   blank/text), the formulas refer to those cells, so the colour follows later edits. All the
 *   rows of one table and column with the same polarity and the same target/tolerance columns share
 *   one multi-area range ("D4:D6 D9 D12:D14", contiguous rows merged into one area) and four rules
 *   (no data, better, within, outside) written relative to the range's anchor, the top-left cell of
 *   its first (topmost) area. So a table has a handful of rule sets, however its polarities mix.
 * - Static rules: a value that is not a comparable number ("124 per 100,000", "<1%"), or any row
 *   whose status the cells alone do not give (e.g. a unit mismatch), is coloured from the engine's
 *   status with an always-true rule; the cells of one table, column and status share a range.
 * A range string longer than `MAX_RANGE_CHARS` is split over several CfWrites. Every formula
 * contains `CF_MARKER`. Protected sheets are skipped with a warning.
 *
 * @example
 * buildRagRules(result.kpis, workbook).conditionalFormats[0]
 * // { sheet: "KPIs", range: "D4:D5 D7 D9:D14", anchor: "D4", rules: [ ...4 rules ] }
 */
export function buildRagRules(
  kpis: KpiResult[],
  workbook: WorkbookGrid,
): { conditionalFormats: CfWrite[]; issues: Issue[] } {
  const sheets = new Map(workbook.sheets.map((s) => [s.name, s] as [string, SheetGrid]));
  const issues: Issue[] = [];
  const warned = new Set<string>();
  const groups = new Map<string, Group>();
  const recent: Group[] = [];
  const seen = new Map<string, Set<string>>(); // actual cells coloured, by sheet
  for (const k of kpis) {
    const status = ragStatus(k);
    const sheet = sheets.get(k.sheet);
    // No rule for a row without a value cell for the period (actualCell "").
    if (!status || !sheet || !k.actualCell) continue;
    let done = seen.get(k.sheet);
    if (!done) seen.set(k.sheet, (done = new Set()));
    if (done.has(k.actualCell)) continue;
    done.add(k.actualCell);
    if (sheet.protected) {
      if (!warned.has(k.sheet)) {
        warned.add(k.sheet);
        issues.push(
          issue(
            "warning",
            "protected-sheet",
            k.sheet,
            k.actualCell,
            `"${k.sheet}" is protected, so its RAG colours were not added.`,
          ),
        );
      }
      continue;
    }
    const e = entryFor(k, status, sheet);
    // A table's rows come in order, a few shapes interleaved: the groups used last are tried
    // first, so a key is made only for a group not among them.
    let group = recent.find((g) => sameGroup(g.first, e));
    if (!group) {
      const key = groupKey(e);
      group = groups.get(key);
      if (!group) groups.set(key, (group = { first: e, rows: [], top: e.row }));
      recent.unshift(group);
      if (recent.length > RECENT_GROUPS) recent.pop();
    }
    group.rows.push(e.row);
    if (e.row < group.top) group.top = e.row;
  }

  // Groups in order of their first (sheet, column, row); each group's rows ascending. Every cell
  // is coloured once, so no two groups share a (sheet, column, top row).
  const ordered = [...groups.values()].sort((a, b) =>
    a.first.sheet < b.first.sheet
      ? -1
      : a.first.sheet > b.first.sheet
        ? 1
        : a.first.col - b.first.col || a.top - b.top,
  );
  const out: CfWrite[] = [];
  for (const g of ordered) {
    if (!ascending(g.rows)) g.rows.sort((a, b) => a - b);
    // Every entry of a group gives the same rules (its sheet, column and shape or status).
    for (const part of rangeParts(g.first.col, g.rows)) out.push(toCfWrite(g.first, part.range, part.first));
  }
  return { conditionalFormats: out, issues };
}

/**
 * One group's rows (ascending) in column `column` as area strings joined by spaces ("D4:D6 D9"), split so that no range string
 * passes `MAX_RANGE_CHARS`. `first` is each part's first (topmost) row, 0-based.
 */
function rangeParts(column: number, rows: number[]): { range: string; first: number }[] {
  const col = columnLetters(column);
  const parts: { range: string; first: number }[] = [];
  let areas: string[] = [];
  let length = 0;
  let first = rows[0];
  const push = (area: string, top: number): void => {
    if (areas.length > 0 && length + 1 + area.length > MAX_RANGE_CHARS) {
      parts.push({ range: areas.join(" "), first });
      areas = [];
      length = 0;
    }
    if (areas.length === 0) first = top;
    length += (areas.length > 0 ? 1 : 0) + area.length;
    areas.push(area);
  };
  let top = rows[0];
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
    const bottom = rows[i - 1];
    push(top === bottom ? `${col}${top + 1}` : `${col}${top + 1}:${col}${bottom + 1}`, top);
    if (i < rows.length) top = rows[i];
  }
  parts.push({ range: areas.join(" "), first });
  return parts;
}

/** True when the numbers are in ascending order. */
function ascending(rows: number[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i] < rows[i - 1]) return false;
  return true;
}

/** The colour a status gets, or undefined for statuses we leave uncoloured. */
function ragStatus(k: KpiResult): RagStatus | undefined {
  return k.status === "better" || k.status === "within" || k.status === "outside" || k.status === "no-data"
    ? k.status
    : undefined;
}

function entryFor(k: KpiResult, status: RagStatus, sheet: SheetGrid): Entry {
  const a = cellOf(k.actualCell);
  if (k.targetCell) {
    const t = cellOf(k.targetCell);
    const l = k.toleranceCell ? cellOf(k.toleranceCell) : null;
    // Live only on the actual's own row (relative references) and when the cells alone give the engine's status.
    if (
      t.row === a.row &&
      (!l || l.row === a.row) &&
      ragVerdict(
        gridValue(sheet, a.row, a.col),
        gridValue(sheet, t.row, t.col),
        l ? gridValue(sheet, l.row, l.col) : null,
        k.polarity,
      ) === status
    ) {
      const live = { polarity: k.polarity, targetCol: t.col, toleranceCol: l ? l.col : null };
      return { sheet: k.sheet, tableId: k.tableId, row: a.row, col: a.col, status, live };
    }
  }
  return { sheet: k.sheet, tableId: k.tableId, row: a.row, col: a.col, status };
}

/** A plain "D7" address read without a regular expression; anything else goes to `fromA1`. */
function cellOf(address: string): { row: number; col: number } {
  let col = 0;
  let i = 0;
  for (; i < address.length && i < 3; i++) {
    const ch = address.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
  }
  let row = 0;
  const digitsFrom = i;
  for (; i < address.length; i++) {
    const ch = address.charCodeAt(i);
    if (ch < 48 || ch > 57) return fromA1(address);
    row = row * 10 + (ch - 48);
  }
  if (digitsFrom === 0 || digitsFrom === address.length || row > 1e9) return fromA1(address);
  return { row: row - 1, col: col - 1 };
}

/**
 * What our live rules show for these cell values (mirrors the scoring rules): a non-number actual
 * is no data; no target number means no colour; otherwise better / within / outside, with an amber
 * band only for a numeric tolerance on the right side of the target.
 * @example ragVerdict(0.8, 0.9, 0.75, "higher") === "within"
 */
export function ragVerdict(
  actual: unknown,
  target: unknown,
  tolerance: unknown,
  polarity: Polarity,
): RagStatus | undefined {
  if (typeof actual !== "number") return "no-data";
  if (typeof target !== "number") return undefined;
  const better = (x: number, y: number): boolean => (polarity === "higher" ? x > y : x < y);
  if (actual === target || better(actual, target)) return "better";
  const tol = typeof tolerance === "number" ? tolerance : null;
  if (tol !== null && better(target, tol) && (actual === tol || better(actual, tol))) return "within";
  return "outside";
}

/** The rules of one range whose topmost row is `firstRow`, written for its anchor (that row's cell). */
function toCfWrite(first: Entry, range: string, firstRow: number): CfWrite {
  const col = columnLetters(first.col);
  const row = firstRow + 1;
  const anchor = `${col}${row}`;
  if (!first.live)
    return { sheet: first.sheet, range, anchor, rules: [rule(first.status, STATIC_RULE_FORMULA)] };

  // Columns absolute, rows relative: each cell of every area compares with its own row's cells.
  const A = `$${col}${row}`;
  const T = `$${columnLetters(first.live.targetCol)}${row}`;
  const L = first.live.toleranceCol === null ? null : `$${columnLetters(first.live.toleranceCol)}${row}`;
  const ge = first.live.polarity === "higher" ? ">=" : "<=";
  const lt = first.live.polarity === "higher" ? "<" : ">";
  const both = `AND(ISNUMBER(${A}),ISNUMBER(${T}))`;
  const rules = [
    rule("no-data", mark(`NOT(ISNUMBER(${A}))`)),
    rule("better", mark(`IF(${both},${A}${ge}${T})`)),
  ];
  if (L) {
    const band = `AND(${L}${lt}${T},${A}${ge}${L})`;
    rules.push(
      rule(
        "within",
        mark(`IF(AND(ISNUMBER(${A}),ISNUMBER(${T}),ISNUMBER(${L})),AND(${A}${lt}${T},${band}))`),
      ),
    );
    rules.push(rule("outside", mark(`IF(${both},AND(${A}${lt}${T},NOT(IF(ISNUMBER(${L}),${band}))))`)));
  } else {
    rules.push(rule("outside", mark(`IF(${both},${A}${lt}${T})`)));
  }
  return { sheet: first.sheet, range, anchor, rules };
}

function rule(status: RagStatus, formula: string): CfRule {
  return {
    formula,
    fill: RAG_PALETTE[status].fill,
    fontColor: RAG_PALETTE[status].font,
    status,
    stopIfTrue: true,
  };
}

/** A condition with our marker. join() gives one flat string; nested template literals keep every piece. */
function mark(cond: string): string {
  return ["AND(", cond, ",", CF_MARKER, "=0)"].join("");
}
