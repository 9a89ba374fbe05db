import { EngineError } from "../EngineError";
import type { CellValue, SheetGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import type { KpiResult, KpiStatus, SkippedTable, Trend } from "./KpiResult";
import { readStatedStatus } from "./readStatedStatus";
import { ragOfColour } from "../cells/ragOfColour";
import type { KpiRow, KpiTable } from "./KpiTable";
import { convertUnit, kpiStatus, unitsAgree, type StatusInput } from "./kpiStatus";
import type { ParsedValue, Unit } from "../cells/ParsedValue";
import { parseCell, plainNumberUnit } from "../cells/parseCell";
import { findComparisons, latestPeriodWithData, matchPeriod } from "../periods/periodOrder";
import type { Polarity, Settings } from "../Settings";
import { toA1 } from "../cells/toA1";

/** A change smaller than this fraction of the old value (1%) counts as "stable". */
export const STABLE_BAND = 0.01;

/** How many recent period values a result keeps. */
const RECENT = 8;

/**
 * Change from `old` to `now` as a fraction of |old|: (now − old) / |old|. Null when either is
 * missing or `old` is 0 (no base to divide by).
 * @example relativeChange(949, 924) ≈ 0.027; relativeChange(5, 0) === null
 */
export function relativeChange(now: number | null, old: number | null): number | null {
  if (now === null || old === null || old === 0) return null;
  return (now - old) / Math.abs(old);
}

/**
 * Direction of travel against the previous period, polarity-aware: "stable" when equal or when
 * the relative change is under `STABLE_BAND` (1%); otherwise "improving" when the value moved the
 * good way. From 0 to a non-zero value the direction alone decides. Null when either is missing.
 * @example trendOf(0.23, 0.24, "lower") === "improving"; trendOf(100, 100.5, "higher") === "stable"
 */
export function trendOf(now: number | null, previous: number | null, polarity: Polarity): Trend | null {
  if (now === null || previous === null) return null;
  if (now === previous) return "stable";
  const change = relativeChange(now, previous);
  if (change !== null && Math.abs(change) < STABLE_BAND) return "stable";
  const up = now > previous;
  return up === (polarity === "higher") ? "improving" : "declining";
}

/**
 * Scores every row of the given tables for one period, with trend against the previous period
 * and the same period a year ago. The cells are read from `sheets` (the grids the tables were
 * found on, by sheet name): each row's target, tolerance and scored cell are parsed, and the
 * other period cells are read as numbers only, so no parsed cell outlives its row's scoring.
 * - Period: `settings.period` (matched by label ignoring case and spaces, then by meaning, so
 *   "Q4" finds "Q4 Performance"); a table without it is skipped: listed in `skipped` ("Contract
 *   KPIs has no 2015/16 Qtr2 column: not scored", with an info issue), its rows neither scored
 *   nor counted. Otherwise each table's
 *   latest period column holding data (quarters and months before year-to-date/outturn). The
 *   returned `period` is that label, or the distinct labels joined by " / " when tables differ
 *   (e.g. a seed's "Q4 Performance" and "Dec-15").
 * - `trend` only where the polarity is known (not "assumed") and the row has data; else null.
 * - Changes are fractions ((new − old) / |old|); `previous`/`yearAgo` keep the values for
 *   percentage-point wording.
 * @example scoreKpis([contractTable], DEFAULT_SETTINGS).kpis[0].status === "within"
 */
export function scoreKpis(
  tables: KpiTable[],
  settings: Settings,
  sheets: readonly SheetGrid[],
): { period: string; kpis: KpiResult[]; issues: Issue[]; skipped: SkippedTable[] } {
  const issues: Issue[] = [];
  const skipped: SkippedTable[] = [];
  const kpis: KpiResult[] = [];
  const labels: string[] = [];
  const entries = new RecentEntries();
  const grids = new Map<string, SheetGrid>();
  for (const s of sheets) grids.set(s.name, s);
  const tablesOn = new Map<string, number>();
  for (const t of tables) tablesOn.set(t.sheet, (tablesOn.get(t.sheet) ?? 0) + 1);
  for (const table of tables) {
    const grid = grids.get(table.sheet);
    if (!grid)
      throw new EngineError(
        "bad-argument",
        `scoreKpis: no grid for sheet "${table.sheet}" (table ${table.id})`,
      );
    const periods = table.columns.periods.map((p) => p.period);
    let index: number | null;
    const headerCell = toA1(table.headerRows[table.headerRows.length - 1], table.columns.measure);
    if (settings.period && settings.period.trim()) {
      index = matchPeriod(periods, settings.period);
      if (index === null) {
        // Skipped, not scored: its measures are left out of the results and the counts.
        const wanted = settings.period.trim();
        const found = periods.map((p) => p.label);
        const name =
          (tablesOn.get(table.sheet) ?? 0) < 2
            ? table.sheet
            : table.title
              ? `${table.sheet} ("${table.title}")`
              : `${table.sheet}, the table at ${headerCell}`;
        const message = `${name} has no ${wanted} column: not scored`;
        skipped.push({
          tableId: table.id,
          sheet: table.sheet,
          ...(table.title ? { title: table.title } : {}),
          cell: headerCell,
          measures: table.rows.length,
          periods: found,
          message,
        });
        issues.push(
          issue(
            "info",
            "period-not-found",
            table.sheet,
            headerCell,
            `${message} (its ${table.rows.length} measures are left out of the counts). Its period columns: ${found.map((l) => `"${l}"`).join(", ") || "none"}.`,
          ),
        );
        continue;
      }
    } else {
      const hasData = table.columns.periods.map((p) =>
        table.rows.some((r) => isNumberAt(grid, r.row, p.col)),
      );
      index = latestPeriodWithData(periods, hasData);
      if (index === null && periods.length > 0) index = periods.length - 1;
      if (periods.length === 0) {
        issues.push(
          issue(
            "warning",
            "period-not-found",
            table.sheet,
            headerCell,
            `This table${table.title ? ` ("${table.title}")` : ""} has no period column (such as "Q4", "Qtr3" or "Dec-15"), so its measures are reported as no data. Name the column of results after its period.`,
          ),
        );
      }
    }
    const label = index !== null ? periods[index].label : "";
    if (index !== null) {
      labels.push(label);
    }
    const shape = tableShape(table, index);
    for (const row of table.rows) kpis.push(scoreRow(table, grid, shape, row, index, label, issues, entries));
  }
  return { period: periodName(settings, labels), kpis, issues, skipped };
}

function periodName(settings: Settings, labels: string[]): string {
  const distinct = [...new Set(labels)];
  if (distinct.length === 0) return settings.period?.trim() ?? "";
  return distinct.join(" / ");
}

function cellValue(grid: SheetGrid, r: number, c: number): CellValue {
  const v = grid.values[r - grid.originRow]?.[c - grid.originCol];
  return v === undefined ? null : v;
}

function cellFormat(grid: SheetGrid, r: number, c: number): string {
  return grid.formats[r - grid.originRow]?.[c - grid.originCol] ?? "General";
}

/** `parseCell` of one cell of the grid, by 0-based sheet coordinates (`a1` when already known). */
function parseAt(grid: SheetGrid, r: number, c: number, a1 = toA1(r, c)): ParsedValue {
  return parseCell(cellValue(grid, r, c), cellFormat(grid, r, c), grid.name, a1);
}

function blank(grid: SheetGrid, a1: string): ParsedValue {
  return { kind: "blank", sheet: grid.name, cell: a1, text: "" };
}

/** True when the cell parses as a number (plain numbers are told without parsing). */
function isNumberAt(grid: SheetGrid, r: number, c: number): boolean {
  const v = cellValue(grid, r, c);
  if (plainNumberUnit(v, cellFormat(grid, r, c))) return true;
  return v !== null && typeof v !== "boolean" && parseAt(grid, r, c).kind === "number";
}

/**
 * The number a cell holds, converted to the unit `like` when given (null when the units do not
 * agree or the cell is not a number). Plain numbers are read without building a `ParsedValue`.
 */
function numberAt(grid: SheetGrid, r: number, c: number, like: Unit | undefined): number | null {
  const v = cellValue(grid, r, c);
  const plain = plainNumberUnit(v, cellFormat(grid, r, c));
  if (plain) return inUnit(v as number, plain, like);
  if (v === null || typeof v === "boolean") return null; // blank or text: never a number
  const p = parseAt(grid, r, c);
  return p.kind === "number" ? inUnit(p.value, p.unit, like) : null;
}

function inUnit(value: number, unit: Unit, like: Unit | undefined): number | null {
  if (!like) return value;
  return unitsAgree(unit, like) ? convertUnit(value, unit, like) : null;
}

/** What every row of a table shares for the scored period: comparison and recent columns. */
interface TableShape {
  previous: number | null;
  yearAgo: number | null;
  /** Period indexes of the recent values, oldest first. */
  recent: number[];
  /** The table's amber band where it has no tolerance (`kpiStatus`'s amberWithin and amberFrom), or {}. */
  amber: Pick<StatusInput, "amberWithin" | "amberFrom">;
}

function tableShape(table: KpiTable, index: number | null): TableShape {
  const periods = table.columns.periods;
  const cmp =
    index !== null
      ? findComparisons(
          periods.map((p) => p.period),
          index,
        )
      : { previous: null, yearAgo: null };
  const last = index ?? -1;
  const recent = periods
    .map((_, i) => i)
    .filter((i) => i <= last && RECENT_KINDS.includes(periods[i].period.kind))
    .slice(-RECENT);
  const rule = table.rule;
  const amber =
    rule?.fraction !== undefined
      ? {
          amberWithin: rule.fraction,
          amberFrom: rule.source === "legend" ? `key at ${rule.cell}` : "setting",
        }
      : {};
  return { previous: cmp.previous, yearAgo: cmp.yearAgo, recent, amber };
}

type RecentEntry = KpiResult["recent"][number];

/**
 * One `recent` entry per label and value, shared by the results that hold it (entries are
 * read-only): 800,000 entries of 100,000 KPIs repeat few pairs, and each made anew is kept
 * to the end of the run. At most `RECENT_ENTRIES_KEPT` pairs are remembered.
 */
class RecentEntries {
  private readonly byLabel = new Map<string, Map<number | null, RecentEntry>>();
  private size = 0;
  get(label: string, value: number | null): RecentEntry {
    // -0 is its own value (a Map key would take it for 0): never shared.
    if (value === 0 && 1 / value < 0) return { label, value };
    let byValue = this.byLabel.get(label);
    if (!byValue) this.byLabel.set(label, (byValue = new Map()));
    let entry = byValue.get(value);
    if (!entry) {
      entry = { label, value };
      if (this.size < RECENT_ENTRIES_KEPT) {
        byValue.set(value, entry);
        this.size++;
      }
    }
    return entry;
  }
}
const RECENT_ENTRIES_KEPT = 100_000;

/** Period kinds a result's recent values are taken from. */
const RECENT_KINDS = ["quarter", "month", "year"];

function scoreRow(
  table: KpiTable,
  grid: SheetGrid,
  cmp: TableShape,
  row: KpiRow,
  index: number | null,
  label: string,
  issues: Issue[],
  entries: RecentEntries,
): KpiResult {
  const periods = table.columns.periods;
  const cols = table.columns;
  const r = row.row;
  // Without the period's column there is no value cell: actualCell is "" and the actual is blank.
  const actualCol = index !== null ? periods[index].col : -1;
  // Each address is worked out once, for the parsed cell and for the result.
  const actualCell = index !== null ? toA1(r, actualCol) : "";
  // A period band's own target, tolerance and status columns win over the table's.
  const own = index !== null ? periods[index] : undefined;
  const targetCol = own?.target ?? cols.target;
  const toleranceCol = own?.tolerance ?? cols.tolerance;
  const targetCell = targetCol !== undefined ? toA1(r, targetCol) : undefined;
  const toleranceCell = toleranceCol !== undefined ? toA1(r, toleranceCol) : undefined;
  const measureCell = targetCell && toleranceCell ? "" : toA1(r, cols.measure);
  const actual = index !== null ? parseAt(grid, r, actualCol, actualCell) : blank(grid, actualCell);
  const target = targetCell ? parseAt(grid, r, targetCol!, targetCell) : blank(grid, measureCell);
  const tolerance = toleranceCell ? parseAt(grid, r, toleranceCol!, toleranceCell) : blank(grid, measureCell);
  const amber = cmp.amber;
  const outcome = kpiStatus({
    actual,
    target,
    tolerance,
    polarity: row.polarity,
    polaritySource: row.polaritySource,
    measure: row.measure,
    periodLabel: label || undefined,
    actualIsText: index !== null && typeof cellValue(grid, r, actualCol) === "string",
    ...amber,
  });
  if (outcome.issues.length > 0) issues.push(...outcome.issues);
  let status = outcome.status;
  let reason = outcome.reason;
  if (index === null) {
    status = "no-data";
    reason = label ? `No "${label}" column in this table` : "No period column in this table";
  }

  // A text actual ("_4") gives no unit: the target's, else the row's latest numeric period value's.
  const unit =
    actual.kind !== "number" && target.kind !== "number"
      ? (latestUnit(grid, r, periods, index) ?? outcome.unit)
      : outcome.unit;
  const now = index !== null && actual.kind === "number" ? actual.value : null;
  const like = actual.kind === "number" ? actual.unit : undefined;
  const previous = cmp.previous !== null ? numberAt(grid, r, periods[cmp.previous].col, like) : null;
  const yearAgo = cmp.yearAgo !== null ? numberAt(grid, r, periods[cmp.yearAgo].col, like) : null;
  // Sized up front: a pushed-to array keeps spare capacity, and there are 100,000s of these.
  const recent: KpiResult["recent"] = new Array(cmp.recent.length);
  for (let k = 0; k < cmp.recent.length; k++) {
    const i = cmp.recent[k];
    recent[k] = entries.get(periods[i].period.label, numberAt(grid, r, periods[i].col, like));
  }

  // Built field by field so that optional fields keep their place in the JSON contract's order.
  const result: KpiResult = {
    sheet: table.sheet,
    row: row.row + 1,
    measure: row.measure,
    group: row.group,
    serviceArea: row.serviceArea,
    polarity: row.polarity,
    polaritySource: row.polaritySource,
    target: outcome.target,
    tolerance: outcome.tolerance,
    actual: index !== null ? outcome.actual : null,
    status,
    // Improving/declining only from a known polarity (not "assumed") and for a row with data.
    trend:
      row.polaritySource === "assumed" || status === "no-data" || status === "not-due"
        ? null
        : trendOf(now, previous, row.polarity),
    changeVsPrevious: relativeChange(now, previous),
    changeVsYearAgo: relativeChange(now, yearAgo),
    period: label,
    unit,
  } as KpiResult;
  if (reason) result.reason = reason;
  result.actualCell = actualCell;
  if (targetCell) result.targetCell = targetCell;
  if (toleranceCell) result.toleranceCell = toleranceCell;
  result.previous = previous;
  result.yearAgo = yearAgo;
  if (cmp.previous !== null) result.previousLabel = periods[cmp.previous].period.label;
  if (cmp.previous !== null && index !== null) {
    // The previous period scored by the same rules, with its own target and tolerance columns
    // where its band has them (else the same cells as this period's).
    const band = periods[cmp.previous];
    const cellOf = (col: number | undefined, same: number | undefined, parsed: ParsedValue): ParsedValue =>
      col === same ? parsed : col !== undefined ? parseAt(grid, r, col) : blank(grid, toA1(r, cols.measure));
    const before = kpiStatus({
      actual: parseAt(grid, r, band.col),
      target: cellOf(band.target ?? cols.target, targetCol, target),
      tolerance: cellOf(band.tolerance ?? cols.tolerance, toleranceCol, tolerance),
      polarity: row.polarity,
      polaritySource: row.polaritySource,
      actualIsText: typeof cellValue(grid, r, band.col) === "string",
      ...amber,
      statusOnly: true,
    });
    // Only its status is kept: its messages are about another period's cells, which this run
    // does not score (the period scored reports its own).
    result.previousStatus = before.status;
  }
  if (cmp.yearAgo !== null) result.yearAgoLabel = periods[cmp.yearAgo].period.label;
  result.recent = recent;
  result.tableId = table.id;
  result.contract = row.contract;
  // The officer's own words where a number alone would lose them ("<1%", "N/A", "Annual").
  const actualText = actual.text.trim();
  // (An unscored number, such as 85 against a % target, is shown as typed, not in the target's unit.)
  if (actualText && (actual.kind !== "number" || actual.qualifier || status === "no-data"))
    result.actualText = actualText;
  if (actual.kind === "number" && actual.qualifier) result.qualifier = actual.qualifier;
  const targetText = target.text.trim();
  if (targetText && target.kind !== "number") result.targetText = targetText;
  if (row.ref) result.ref = row.ref;
  if (outcome.rule && index !== null) result.rule = outcome.rule;
  // The officer's own status: the period's status column, else the table's for its latest period.
  const statusCol = own?.status ?? (index === periods.length - 1 ? cols.status : undefined);
  if (statusCol !== undefined) readOfficerStatus(grid, r, statusCol, result, issues);
  return result;
}

/** Fill colours by sheet, looked up by "row,col" (built once per grid). */
const FILLS = new WeakMap<SheetGrid, Map<string, string>>();

/** The solid fill colour of one cell, when the host read fills. */
function fillAt(grid: SheetGrid, r: number, c: number): string | undefined {
  if (!grid.fills?.length) return undefined;
  let map = FILLS.get(grid);
  if (!map) {
    map = new Map(grid.fills.map((f) => [`${f.row},${f.col}`, f.argb]));
    FILLS.set(grid, map);
  }
  return map.get(`${r},${c}`);
}

/** Statuses in plain words for messages. */
const STATUS_WORDS: Record<KpiStatus, string> = {
  better: "better than target",
  within: "within tolerance",
  outside: "outside tolerance",
  "no-target": "no target",
  "no-data": "no data",
  "target-tbc": "target to be confirmed",
  "not-due": "not yet due",
};

/** Statuses an officer's own column can be compared with. */
const COMPARABLE = new Set<KpiStatus>(["better", "within", "outside", "no-target", "no-data"]);

/**
 * Reads the officer's status cell into `statedStatus` and warns, on that cell, where it differs
 * from the rule's status. Their column is never changed.
 */
function readOfficerStatus(grid: SheetGrid, r: number, c: number, result: KpiResult, issues: Issue[]): void {
  const raw = cellValue(grid, r, c);
  const text = raw === null ? "" : String(raw).replace(/\s+/g, " ").trim();
  const cell = toA1(r, c);
  let stated = text ? readStatedStatus(text) : null;
  let shown = text;
  if (!text) {
    // A blank status cell coloured green, amber or red is the officer's status too.
    const colour = fillAt(grid, r, c);
    const rag = colour ? ragOfColour(colour) : null;
    if (rag) {
      stated = rag === "green" ? "better" : rag === "amber" ? "within" : "outside";
      shown = `${rag} fill`;
    }
  }
  result.statedStatus = stated;
  if (!shown) return;
  result.statedText = shown;
  result.statedCell = cell;
  if (stated === null || !COMPARABLE.has(result.status) || stated === result.status) return;
  issues.push(
    issue(
      "warning",
      "status-disagrees",
      grid.name,
      cell,
      `The sheet says "${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown}" (${STATUS_WORDS[stated]}) for "${result.measure}", but the rule gives ${STATUS_WORDS[result.status]}${result.rule ? ` (${result.rule})` : ""}. Check the figures, the target or the measure's polarity.`,
    ),
  );
}

/** The unit of the row's latest numeric period value, up to `index` (all periods when null). */
function latestUnit(
  grid: SheetGrid,
  r: number,
  periods: KpiTable["columns"]["periods"],
  index: number | null,
): Unit | undefined {
  for (let i = index ?? periods.length - 1; i >= 0; i--) {
    const c = periods[i].col;
    const v = cellValue(grid, r, c);
    const plain = plainNumberUnit(v, cellFormat(grid, r, c));
    if (plain) return plain;
    if (v === null || typeof v === "boolean") continue;
    const p = parseAt(grid, r, c);
    if (p.kind === "number") return p.unit;
  }
  return undefined;
}
