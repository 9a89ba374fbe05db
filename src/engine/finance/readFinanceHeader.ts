import { classifyFinanceLabel, type FinanceLabel, type MoneyLabel } from "./classifyFinanceLabel";
import type { RowKind } from "./classifyRows";
import type { FinanceColumns } from "./FinanceTable";
import type { SheetGrid } from "../Grid";
import type { Sub } from "./readFinanceRow";
import { readMoney } from "../cells/readMoney";
import type { FinanceRole } from "../Settings";
import { readSignWords, type SignWords } from "./readSignWords";

/**
 * A candidate column passed over for the one scored, and why.
 * @example { col: 1, text: "LAST YEAR 2002/3", why: "an earlier year" }
 */
export interface LeftOutColumn {
  /** Local column. */
  col: number;
  /** Its band's words, else its own. */
  text: string;
  why: string;
}

/**
 * A finance table's header block: its rows (bands, labels, units, column numbers), each column's
 * stacked words and the column chosen for each role.
 * @example { rows: [1, 2, 3], row: 3, labels: ["Service", "LAST YEAR 2002/3 Annual Budget £000", …], scoredBand: "CURRENT YEAR 2003/4", … }
 */
export interface FinanceHeader {
  /** Local rows of the block, top to bottom. */
  rows: number[];
  /** Local row of the block's last row (the header row a mapping names). */
  row: number;
  /** Each local column's words, top to bottom, joined. */
  labels: string[];
  /** Sheet columns of the roles. */
  columns: FinanceColumns;
  /** Local columns of the money roles, for lines, scale and formats. */
  moneyCols: number[];
  unitCostLabel?: string;
  originCol: number;
  /** The scored variance column's sign words, if any. */
  sign: SignWords | null;
  /** The band over the scored columns, when others were passed over. */
  scoredBand?: string;
  /** The scored columns' words, quoted: "\"Budget\" against \"Forecast Outturn\"". */
  scoredLabel: string;
  /** Columns of the same kind passed over (an earlier year, to date, original). */
  leftOut: LeftOutColumn[];
}

/** What to read the header with. @example { roles: { line: 0, budget: 2, forecast: 3 } } */
export interface HeaderOptions {
  /** Sheet columns by role, confirmed by the officer: they replace what the words say. */
  roles?: Partial<Record<FinanceRole, number>>;
}

/** Words without which no column can be a money role. */
const MONEY_HINT =
  /budget|forecast|outturn|projected|projection|actual|variance|\bvar\b|difference|over|under|fav|adv|surplus|deficit/i;
const KPI_WORDS = /\b(target|tolerance|measure|indicator|kpi|polarity|rag)\b/i;
const MAX_BLOCK = 6;
const CONTINUES: RowKind[] = ["words", "units", "numbers", "band"];
const SUBS: Sub[] = ["gross", "income", "net"];

type MoneyCand = { col: number; role: MoneyLabel; band: string; text: string };

/**
 * Reads a header block (local `rows`, from `headerBlock`): each column's words stacked from its
 * band down to its unit (column-number rows are left out; an unmerged band
 * is carried right over the columns it heads); each column's role from its words; and, where a role
 * has several columns, the current one (not last year's, not to date, not the original; the latest
 * quarter), the earlier quarters kept for movement. Null when the block has no budget column and no
 * forecast or variance column, or reads as a KPI table. Officer-confirmed roles replace the words'.
 * @example readFinanceHeader(grid, kinds, headerBlock(grid, kinds, 2))?.columns.budget // { gross: 1, income: 2, net: 3 }
 */
export function readFinanceHeader(
  sheet: SheetGrid,
  kinds: RowKind[],
  rows: number[],
  options: HeaderOptions = {},
): FinanceHeader | null {
  const bottom = rows[rows.length - 1];
  // most word rows on a sheet name no money at all: leave them before stacking their words
  if (
    !options.roles &&
    !rows.some((r) => (sheet.values[r] ?? []).some((v) => typeof v === "string" && MONEY_HINT.test(v)))
  )
    return null;
  const stacks = stackLabels(
    sheet,
    rows.filter((r) => kinds[r] !== "numbers"),
  );
  const labels = stacks.map((s) => s.levels.join(" ").replace(/\s+/g, " ").trim());
  if (!options.roles && labels.some((l) => KPI_WORDS.test(l))) return null;

  const roles: (FinanceLabel | null)[] = stacks.map((s, c) => {
    const role = classifyFinanceLabel(s.levels);
    // "Budget line", "Budget Holder": a column of names under a budget-sounding header is not money
    return role && "sub" in role && !/£/.test(labels[c]) && holdsNames(sheet, bottom, c) ? null : role;
  });
  // an older financial year than the newest in the header is last year's
  const years = roles.map((r) => r?.fy ?? null).filter((y): y is number => y !== null);
  const newest = years.length > 0 ? Math.max(...years) : null;
  for (const r of roles) if (r && r.fy !== null && newest !== null && r.fy < newest) r.lastYear = true;

  const cands: MoneyCand[] = [];
  roles.forEach((role, col) => {
    if (role && "sub" in role) cands.push({ col, role, band: stacks[col].band, text: labels[col] });
  });
  const columns: FinanceColumns = { name: -1, budget: {}, forecast: {}, variance: {} };
  const used = new Set<number>();
  const leftOut: LeftOutColumn[] = [];
  const chosen: Partial<Record<string, MoneyCand>> = {};
  // the forecast first: actuals to date are scored against the budget to date, a forecast against the year's
  let toDate = false;
  for (const kind of ["forecast", "variance", "overspend", "underspend", "budget"] as const) {
    for (const sub of SUBS) {
      const list = cands.filter((x) => x.role.kind === kind && x.role.sub === sub);
      if (list.length === 0) continue;
      const pick = pickCurrent(list, toDate);
      if (kind === "forecast") toDate ||= pick.chosen.role.toDate || pick.chosen.role.actualOnly;
      leftOut.push(...pick.leftOut);
      chosen[`${kind}.${sub}`] ??= pick.chosen;
      const col = pick.chosen.col + sheet.originCol;
      used.add(pick.chosen.col);
      if (kind === "overspend" || kind === "underspend") columns[kind] ??= col;
      else columns[kind][sub] = col;
      if (pick.previous.length > 0 && sub === "net" && (kind === "forecast" || kind === "variance")) {
        const p = pick.previous[pick.previous.length - 1].col;
        used.add(p);
        if (kind === "forecast") columns.previousForecast = p + sheet.originCol;
        else columns.previousVariance = p + sheet.originCol;
      }
    }
  }

  const changes: number[] = [];
  let unitCostLabel: string | undefined;
  roles.forEach((role, c) => {
    if (!role || "sub" in role || role.lastYear) return;
    const col = c + sheet.originCol;
    used.add(c);
    if (role.kind === "change") changes.push(col);
    else if (role.kind === "unitCostBudget" || role.kind === "unitCostActual") {
      columns[role.kind] ??= col;
      unitCostLabel ??= labels[c];
    } else columns[role.kind] ??= col;
  });
  if (changes.length > 0) {
    columns.change = changes[0];
    columns.changes = changes;
  }

  if (options.roles) applyRoles(columns, options.roles);
  const hasBudget = Object.keys(columns.budget).length > 0;
  const hasOther =
    Object.keys(columns.forecast).length > 0 ||
    Object.keys(columns.variance).length > 0 ||
    columns.overspend !== undefined ||
    columns.underspend !== undefined;
  if (!hasBudget || !hasOther) return null;

  const moneyCols = moneyColumns(columns).map((c) => c - sheet.originCol);
  let nameCol = options.roles?.line;
  if (nameCol === undefined) {
    const local = nameColumn(sheet, bottom, labels, Math.min(...moneyCols, ...used));
    if (local === null || local < 0) return null;
    nameCol = local + sheet.originCol;
  }
  columns.name = nameCol;

  const varianceCol = columns.variance.net ?? columns.variance.gross ?? columns.variance.income;
  const varianceLabel = varianceCol === undefined ? "" : (labels[varianceCol - sheet.originCol] ?? "");
  const scored = chosen["forecast.net"] ?? chosen["variance.net"] ?? chosen["budget.net"];
  const budget = chosen["budget.net"] ?? chosen["budget.gross"];
  const against = chosen["forecast.net"] ?? chosen["forecast.gross"] ?? chosen["variance.net"];
  return {
    rows,
    row: bottom,
    labels,
    columns,
    moneyCols,
    unitCostLabel,
    originCol: sheet.originCol,
    sign: readSignWords(varianceLabel),
    scoredBand: leftOut.length > 0 && scored?.band ? scored.band : undefined,
    scoredLabel: budget && against ? `"${budget.text}" against "${against.text}"` : `"${scored?.text ?? ""}"`,
    leftOut,
  };
}

/**
 * A header block's local rows: from `top` down through words, bands, units, column numbers and
 * single words right of the block's first column (six rows at most). With `labelRowOnly` (a range
 * the officer picked, whose first row is the header) only unit and column-number rows follow it.
 * @example headerBlock(grid, classifyRows(grid), 2) // [2, 3]: a band row and the labels under it
 */
export function headerBlock(sheet: SheetGrid, kinds: RowKind[], top: number, labelRowOnly = false): number[] {
  const rows = [top];
  let left = firstFilled(sheet, top);
  for (let r = top + 1; r < kinds.length && rows.length < MAX_BLOCK; r++) {
    const k = kinds[r];
    const ok = labelRowOnly
      ? k === "units" || k === "numbers"
      : CONTINUES.includes(k) || (k === "title" && firstFilled(sheet, r) > left);
    if (!ok) break;
    rows.push(r);
    left = Math.min(left, firstFilled(sheet, r));
  }
  return rows;
}

function firstFilled(sheet: SheetGrid, r: number): number {
  const i = (sheet.values[r] ?? []).findIndex((v) => v !== null && String(v).trim() !== "");
  return i < 0 ? Infinity : i;
}

function cellText(sheet: SheetGrid, r: number, c: number): string {
  const v = sheet.values[r]?.[c];
  return v === null || v === undefined ? "" : String(v).replace(/\s+/g, " ").trim();
}

/** The text a merged cell shows (its top-left) and whether it spans several columns. */
function mergedText(sheet: SheetGrid, r: number, c: number): { text: string; wide: boolean } {
  const sr = r + sheet.originRow;
  const sc = c + sheet.originCol;
  const m = (sheet.merges ?? []).find((a) => a.top <= sr && sr <= a.bottom && a.left <= sc && sc <= a.right);
  if (!m) return { text: cellText(sheet, r, c), wide: false };
  return { text: cellText(sheet, m.top - sheet.originRow, m.left - sheet.originCol), wide: m.right > m.left };
}

/**
 * Each column's words, top to bottom, and its band's words (merged over several columns, or an
 * unmerged band carried right over the labelled columns it heads). A row is a band row when it fills
 * at most 60% of the columns labelled below it; nothing is carried out of the leftmost column.
 */
function stackLabels(sheet: SheetGrid, rows: number[]): { levels: string[]; band: string }[] {
  const width = sheet.values[0]?.length ?? 0;
  const grid = rows.map((r) => Array.from({ length: width }, (_, c) => mergedText(sheet, r, c)));
  const left = Math.min(...grid.map((cells) => cells.findIndex((x) => x.text !== "")).filter((i) => i >= 0));
  for (let i = 0; i < grid.length - 1; i++) {
    const below = (c: number) => grid.slice(i + 1).some((cells) => cells[c].text !== "");
    const labelled = Array.from({ length: width }, (_, c) => c).filter(below).length;
    const filled = grid[i].filter((x) => x.text !== "").length;
    if (filled * 5 > labelled * 3) continue;
    for (let c = 1; c < width; c++) {
      const prev = grid[i][c - 1];
      if (grid[i][c].text === "" && prev.text !== "" && c - 1 > left && below(c) && below(c - 1))
        grid[i][c] = { text: prev.text, wide: true };
    }
    // the band's first column is a band cell too when it was carried on
    for (let c = 0; c < width - 1; c++) {
      if (
        grid[i][c].text !== "" &&
        !grid[i][c].wide &&
        grid[i][c + 1].wide &&
        grid[i][c + 1].text === grid[i][c].text
      )
        grid[i][c] = { ...grid[i][c], wide: true };
    }
  }
  return Array.from({ length: width }, (_, c) => {
    const levels = grid.map((cells) => cells[c].text);
    const band = grid
      .map((cells) => (cells[c].wide ? cells[c].text : ""))
      .filter((t, i, all) => t !== "" && all.indexOf(t) === i)
      .join(" ");
    return { levels, band };
  });
}

/**
 * The current column among same-role candidates: not last year's, not to date (only to date beside
 * actuals to date), not the original,
 * not marked previous; the un-numbered one beside numbered ones ("Forecast Outturn" beside
 * "Q2 Forecast Outturn"), else the latest quarter or month. Earlier periods are kept for movement.
 */
function pickCurrent(
  list: MoneyCand[],
  toDate: boolean,
): { chosen: MoneyCand; previous: MoneyCand[]; leftOut: LeftOutColumn[] } {
  const leftOut: LeftOutColumn[] = [];
  let pool = list;
  const drop = (pred: (x: MoneyCand) => boolean, why: string | null) => {
    const keep = pool.filter((x) => !pred(x));
    if (keep.length === 0 || keep.length === pool.length) return;
    if (why) for (const x of pool.filter(pred)) leftOut.push({ col: x.col, text: x.band || x.text, why });
    pool = keep;
  };
  drop((x) => x.role.actualOnly, null); // actuals stand beside a forecast: the forecast is scored
  drop((x) => x.role.lastYear, "an earlier year");
  if (toDate) drop((x) => !x.role.toDate, "the full year, while the actuals are to date");
  else drop((x) => x.role.toDate, "to date, not the full year");
  drop((x) => x.role.original, "the original figure, not the revised one");
  const current = pool.filter((x) => !x.role.previous);
  const idx = (x: MoneyCand) => (x.role.quarter !== null ? x.role.quarter * 3 : x.role.month);
  const plain = current.find((x) => idx(x) === null);
  const top = Math.max(0, ...current.map((x) => idx(x) ?? 0));
  const chosen = plain ?? current.find((x) => idx(x) === top) ?? pool[0];
  const at = idx(chosen);
  const previous = pool.filter((x) => {
    const i = idx(x);
    return x !== chosen && (x.role.previous || (i !== null && (at === null || i < at)));
  });
  return { chosen, previous, leftOut };
}

/** Sheet columns of every money role, for line detection and the unit. */
function moneyColumns(c: FinanceColumns): number[] {
  const out = [
    ...Object.values(c.budget),
    ...Object.values(c.forecast),
    ...Object.values(c.variance),
    c.overspend,
    c.underspend,
    c.covid,
    c.operating,
    ...(c.changes ?? []),
    c.previousForecast,
    c.previousVariance,
  ].filter((x): x is number => x !== undefined);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Officer-confirmed roles replace the detected ones; a confirmed column has only its role. */
function applyRoles(columns: FinanceColumns, roles: Partial<Record<FinanceRole, number>>): void {
  const mapped = new Set(Object.values(roles));
  const clear = (g: Partial<Record<Sub, number>>) => {
    for (const s of SUBS) if (g[s] !== undefined && mapped.has(g[s])) delete g[s];
  };
  for (const kind of ["budget", "forecast", "variance"] as const) {
    const col = roles[kind];
    if (col !== undefined) columns[kind] = { net: col };
    else clear(columns[kind]);
  }
  const split = roles.overspend !== undefined || roles.underspend !== undefined;
  if (split || roles.variance !== undefined) {
    columns.overspend = roles.overspend;
    columns.underspend = roles.underspend;
    if (roles.variance === undefined) columns.variance = {};
  }
  for (const key of [
    "covid",
    "operating",
    "change",
    "variancePct",
    "previousForecast",
    "previousVariance",
  ] as const) {
    const v = columns[key];
    if (v !== undefined && mapped.has(v)) delete columns[key];
  }
  if (columns.changes) {
    columns.changes = columns.changes.filter((c) => !mapped.has(c));
    if (columns.changes.length === 0) delete columns.changes;
  }
  if (roles.line !== undefined) columns.name = roles.line;
}

/** True when the cells under a header (up to 30 rows) hold text and no amounts: a column of names. */
function holdsNames(sheet: SheetGrid, r: number, c: number): boolean {
  let texts = 0;
  for (let i = r + 1; i < Math.min(sheet.values.length, r + 31); i++) {
    const m = readMoney(sheet.values[i]?.[c] ?? null, "General");
    if (m.kind === "number") return false;
    if (m.kind === "text") texts++;
  }
  return texts > 0;
}

/**
 * The name column: of the columns left of the first money column, the one whose cells under the
 * header hold the most names (ties: a labelled one, then the leftmost); with no names at all, the
 * first labelled column, else the column just left of the money.
 */
function nameColumn(sheet: SheetGrid, bottom: number, labels: string[], first: number): number | null {
  if (!Number.isFinite(first)) return null;
  let best = -1;
  let bestCount = 0;
  for (let c = 0; c < first; c++) {
    let count = 0;
    for (let i = bottom + 1; i < Math.min(sheet.values.length, bottom + 31); i++) {
      if (readMoney(sheet.values[i]?.[c] ?? null, "General").kind === "text") count++;
    }
    const better = count > bestCount || (count === bestCount && count > 0 && !labels[best] && !!labels[c]);
    if (better) {
      best = c;
      bestCount = count;
    }
  }
  if (best >= 0) return best;
  const labelled = labels.findIndex((t, c) => c < first && t !== "");
  return labelled >= 0 ? labelled : first - 1;
}
