import { addsUp, matchTotal, type SumRow } from "./matchTotal";
import { classifyRows, type RowKind } from "./classifyRows";
import { decideSign } from "./decideSign";
import type { FinanceColumns, FinanceLine, FinanceTable, MoneyScale } from "./FinanceTable";
import { fyOf } from "./classifyFinanceLabel";
import type { SheetGrid } from "../Grid";
import { headerBlock, readFinanceHeader, type FinanceHeader } from "./readFinanceHeader";
import { issue, type Issue } from "../Issue";
import type { Period } from "../periods/Period";
import { readFinanceMapping, type FinanceMapping, type SheetRange } from "./readFinanceMapping";
import { readFinanceRow } from "./readFinanceRow";
import { readSignWords } from "./readSignWords";
import { readMoney } from "../cells/readMoney";
import type { Settings, TableMapping } from "../Settings";
import { toA1 } from "../cells/toA1";

/** What `findFinanceTables` finds on one sheet. @example { tables: [table], issues: [], ignored: [] } */
export interface FoundFinanceTables {
  tables: FinanceTable[];
  /** Data problems and notes, each with a sheet and cell. */
  issues: Issue[];
  /** Tables an "ignore" mapping set aside (their issues are dropped), so their rows are not read as KPIs. */
  ignored: FinanceTable[];
}

const TOTAL = /^(grand\s+)?total\b|\btotals?$|\bsub-?\s?totals?\b|^net\s+total\b/i;
const SUBTOTAL = /\bsub-?\s?totals?\b/i;
const GRAND = /\b(grand|overall)\s+total\b/i;
const BARE_TOTAL = /^(net\s+)?totals?$/i;
const INCOME =
  /\bincome\b|\bcontributions?\b|\brecharges?\b|\breimbursements?\b|\bfees and charges\b|^contract (value|sum)\b/i;
const FUNDING = /^contract (value|sum)\b|^contract income\b/i;
const QUARTER = /\b(?:q|qtr|quarter)\s*([1-4])\b/i;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
/** Rows a header block may start on. */
const STARTS: RowKind[] = ["words", "years", "band", "units"];

/**
 * Finds budget-against-forecast and care-ladder tables on one sheet, with no configuration.
 * One model reads every layout:
 * - a header block is the rows of words above the first line: bands ("LAST YEAR 2002/3 | CURRENT
 *   YEAR 2003/4", "2019/20 Budget" over "Gross | Income | Net"), labels, a unit row ("£000", "£'000",
 *   "£m") and a row of column numbers; each column's role comes from its stacked words, in any order
 *   ("Forecast Spend or (Income)" left of "Budgeted Spend or (Income)"); it needs a budget column and
 *   a forecast, variance or overspend / underspend column, and no KPI words (Target, Tolerance, Measure);
 * - where a role has several columns the current one is scored (the latest year, not to date, the
 *   revised not the original, the latest quarter), said in an info issue naming the band chosen;
 * - lines are rows with an amount; totals are found by arithmetic (a row equal to the sum of the rows
 *   since the last total, or of all of them, whatever its label), with an info issue where a label and
 *   the arithmetic disagree; labels decide only where the figures do not add up;
 * - the variance's sign comes from the officer, the figures, or the header's words, and is recorded
 *   in words (`signConvention`);
 * - units from the header, a title row or the number format.
 * Saved table mappings are honoured: roles, sign and scale replace detection, a finance `range` makes
 * a table there, and "ignore" / "kpi" drop one. Data problems are issues; a mapping that cannot be
 * read throws `EngineError`.
 * @example findFinanceTables(seedToGrid(financeSummary2019), DEFAULT_SETTINGS).tables[0].scale === 1000
 */
export function findFinanceTables(sheet: SheetGrid, settings: Settings): FoundFinanceTables {
  const mappings = settings.tables.filter((m) => m.sheet === sheet.name).map(readFinanceMapping);
  const kinds = classifyRows(sheet);
  const tables: FinanceTable[] = [];
  const issues: Issue[] = [];
  const ignored: FinanceTable[] = [];
  // tables the officer marked out by hand come first; detection leaves their rows alone
  const forced: [number, number][] = [];
  for (const fm of mappings) {
    if (fm.mapping.kind !== "finance" || !fm.range) continue;
    const t = readRange(sheet, fm, issues);
    if (t) {
      tables.push(t);
      forced.push([t.top - sheet.originRow, t.bottom - sheet.originRow]);
    }
  }
  const found = new Set<FinanceMapping>();
  let r = 0;
  while (r < sheet.values.length) {
    const span = forced.find(([a, b]) => a <= r && r <= b);
    if (span) {
      r = span[1] + 1;
      continue;
    }
    if (!STARTS.includes(kinds[r])) {
      r++;
      continue;
    }
    const rows = headerBlock(sheet, kinds, r);
    const named = rows.map((x) => x + sheet.originRow + 1);
    const fm = mappings.find((m) => !m.range && named.includes(m.mapping.headerRow));
    const mapping = fm?.mapping.kind === "finance" ? fm.mapping : undefined;
    const header = readFinanceHeader(sheet, kinds, rows, { roles: mapping ? fm?.roles : undefined });
    const own: Issue[] = [];
    const limit = Math.min(sheet.values.length, ...forced.map(([a]) => a).filter((a) => a > r));
    const t = header ? readTable(sheet, kinds, header, own, { mapping, full: sheet, limit }) : null;
    if (!t) {
      r++;
      continue;
    }
    const m = fm ?? mappings.find((x) => x.range && overlaps(x.range, t));
    if (m) found.add(m);
    if (m?.mapping.kind === "ignore") ignored.push(t);
    else if (m?.mapping.kind !== "kpi") {
      tables.push(t);
      issues.push(...own);
    }
    r = t.bottom - sheet.originRow + 1;
  }
  for (const fm of mappings) {
    if (fm.mapping.kind !== "finance" || fm.range || found.has(fm) || Object.keys(fm.roles).length === 0)
      continue;
    const col = fm.roles.line ?? fm.roles.budget ?? Math.min(...Object.values(fm.roles));
    issues.push(
      issue(
        "warning",
        "other",
        sheet.name,
        toA1(fm.mapping.headerRow - 1, col),
        `No finance table could be read with its header on row ${fm.mapping.headerRow}, as set in the task pane: it needs a budget column and a forecast, variance, overspend or underspend column, and lines with amounts under it.`,
      ),
    );
  }
  tables.sort((a, b) => a.top - b.top);
  return { tables, issues, ignored };
}

function overlaps(range: SheetRange, t: FinanceTable): boolean {
  return range.top <= t.bottom && t.top <= range.bottom;
}

/** A table in a range the officer picked: its first row is the header, every row under it is read. */
function readRange(sheet: SheetGrid, fm: FinanceMapping, issues: Issue[]): FinanceTable | null {
  const rg = fm.range as SheetRange;
  const width = sheet.values[0]?.length ?? 0;
  const top = Math.max(rg.top - sheet.originRow, 0);
  const bottom = Math.min(rg.bottom - sheet.originRow, sheet.values.length - 1);
  const left = Math.max(rg.left - sheet.originCol, 0);
  const right = Math.min(rg.right - sheet.originCol, width - 1);
  const where = toA1(rg.top, rg.left);
  const say = (message: string) => issues.push(issue("warning", "other", sheet.name, where, message));
  if (top !== rg.top - sheet.originRow || top > bottom || left > right) {
    say(
      `The range ${fm.mapping.range} set as a finance table in the task pane is not on the sheet's used rows and columns.`,
    );
    return null;
  }
  const slice = <T>(rows: T[][]): T[][] =>
    rows.slice(top, bottom + 1).map((row) => row.slice(left, right + 1));
  const sub: SheetGrid = {
    ...sheet,
    originRow: sheet.originRow + top,
    originCol: sheet.originCol + left,
    values: slice(sheet.values),
    formats: slice(sheet.formats),
    formulas: sheet.formulas ? slice(sheet.formulas) : undefined,
  };
  const kinds = classifyRows(sub);
  const header = readFinanceHeader(sub, kinds, headerBlock(sub, kinds, 0, true), { roles: fm.roles });
  if (!header) {
    say(
      `The range ${fm.mapping.range} is set as a finance table, but its first row names no budget column with a forecast, variance, overspend or underspend column beside it; set its columns in the task pane.`,
    );
    return null;
  }
  const t = readTable(sub, kinds, header, issues, { mapping: fm.mapping, full: sheet, forced: true });
  if (!t)
    say(
      `The range ${fm.mapping.range} is set as a finance table, but no row under its header holds an amount.`,
    );
  return t;
}

/** How to read a table's lines. */
interface ReadOptions {
  /** The finance mapping the officer confirmed for it (sign, scale). */
  mapping?: TableMapping;
  /** The whole sheet, for titles above a hand-picked range. */
  full: SheetGrid;
  /** A hand-picked range: read every row, past blanks, notes and headers. */
  forced?: boolean;
  /** Local row the table must stop before. */
  limit?: number;
}

function text(sheet: SheetGrid, r: number, c: number): string {
  const v = sheet.values[r]?.[c];
  return typeof v === "string" ? v.replace(/\s+/g, " ").trim() : "";
}

function isNumberCell(sheet: SheetGrid, r: number, c: number): boolean {
  const v = sheet.values[r]?.[c] ?? null;
  return readMoney(v, sheet.formats[r]?.[c] ?? "General").kind === "number" && v !== "-";
}

/** Key money columns for the arithmetic of totals; variance-like ones are summed as written. */
function keyColumns(c: FinanceColumns): { col: number; plain: boolean }[] {
  const out: { col: number; plain: boolean }[] = [];
  for (const v of [...Object.values(c.budget), ...Object.values(c.forecast)])
    out.push({ col: v, plain: false });
  for (const v of [...Object.values(c.variance), c.overspend, c.underspend])
    if (v !== undefined) out.push({ col: v, plain: true });
  return out;
}

function readTable(
  sheet: SheetGrid,
  kinds: RowKind[],
  h: FinanceHeader,
  issues: Issue[],
  opts: ReadOptions,
): FinanceTable | null {
  const nameCol = h.columns.name - sheet.originCol;
  const lastCol = Math.max(nameCol, ...h.moneyCols, ...h.labels.map((l, c) => (l ? c : 0)));
  const headerSheetRow = h.row + sheet.originRow;
  const top = h.rows[0] + sheet.originRow;
  const titleText = titleAbove(opts.full, top - opts.full.originRow);
  const titles = titlesAbove(opts.full, top - opts.full.originRow);
  const scale = findScale(sheet, h, titleText, opts.mapping?.scale);
  const keys = keyColumns(h.columns);
  const plain = keys.map((k) => k.plain);
  const end = opts.limit ?? sheet.values.length;

  const lines: FinanceLine[] = [];
  const sums = new Map<FinanceLine, SumRow>();
  const sumOf = (l: FinanceLine): SumRow => sums.get(l) ?? { values: [], units: [], income: false };
  let open: FinanceLine[] = []; // lines and totals no later total has added up yet
  let openSums: SumRow[] = []; // their figures, in step
  let heading: string | undefined;
  let blanks = 0;
  let segmentStart = 0; // index in `lines` after the last total
  let grandStart = 0; // index in `lines` after the last grand total
  for (let r = h.row + 1; r < end; r++) {
    if (!opts.forced && startsHeader(sheet, kinds, r)) break; // the next table's header
    const name = text(sheet, r, nameCol);
    const anyCell = (sheet.values[r] ?? []).some(
      (v, c) => c >= nameCol && c <= lastCol && v !== null && String(v).trim() !== "",
    );
    if (!anyCell) {
      if (++blanks >= 2 && !opts.forced) break;
      continue;
    }
    blanks = 0;
    const hasNumber = h.moneyCols.some((c) => isNumberCell(sheet, r, c));
    if (!hasNumber) {
      if (!name || name.length > 60 || /[.:]$/.test(name)) {
        if (opts.forced) continue;
        break; // notes or a paragraph under the table
      }
      heading = name;
      continue;
    }
    const row = r + sheet.originRow;
    const label = name || `(row ${row + 1})`;
    const nameCell = toA1(row, h.columns.name);
    if (!name)
      issues.push(
        issue("info", "other", sheet.name, nameCell, `A finance line on row ${row + 1} has no name.`),
      );
    const line: FinanceLine = {
      row,
      name: label,
      isTotal: false,
      isIncome: INCOME.test(label) || /\bincome\b/i.test(heading ?? ""),
      isFunding: FUNDING.test(label) || undefined,
    };
    const sum = sumRow(
      sheet,
      r,
      keys.map((k) => k.col),
      scale.scale,
      line.isIncome,
    );
    const labelled = TOTAL.test(label);
    const sub = labelled && SUBTOTAL.test(label);
    let members: FinanceLine[] | null = null;
    let grand = false;
    if (labelled) {
      const scope = lines.slice(grandStart);
      const covered = new Set(scope.flatMap((l) => l.totals ?? []));
      const own = heading ? scope.filter((l) => !l.isTotal && l.heading === heading) : [];
      const ownCovered = own.every((l) => covered.has(l.row));
      const othersOpen = scope.some((l) => !l.isTotal && l.heading !== heading && !covered.has(l.row));
      // "Grand Total", a total with no heading, or a bare "Total" after its heading's sub-totals or
      // under several headings' lines is the table's total; "Total Adults" is its heading's
      grand =
        !sub && (GRAND.test(label) || !heading || (BARE_TOTAL.test(label) && (ownCovered || othersOpen)));
      const ownRows = new Set(own.map((l) => l.row));
      members = sub
        ? lines.slice(segmentStart).filter((l) => !l.isTotal)
        : totalMembers(
            grand
              ? scope
              : [...own, ...scope.filter((l) => l.isTotal && (l.totals ?? []).every((x) => ownRows.has(x)))],
          );
    }
    // the figures decide where they add up; the label only where they do not
    if (!members || !addsUp(sum, members.map(sumOf), plain)) {
      const k = matchTotal(sum, openSums, {
        minMembers: 2,
        minColumns: labelled ? 1 : Math.min(2, keys.length),
        plain,
      });
      if (k !== null) {
        const byFigures = open.slice(k);
        const scopeOpen = open.filter((l) => lines.indexOf(l) >= grandStart);
        grand = scopeOpen.every((l) => byFigures.includes(l));
        issues.push(
          issue(
            "info",
            "other",
            sheet.name,
            nameCell,
            labelled
              ? `"${label}" adds up ${rowList(byFigures)}, not the lines its name points to; read as their total.`
              : `"${label}" adds up ${rowList(byFigures)}, so it is read as a total though its name does not say so.`,
          ),
        );
        members = byFigures;
      }
    }
    if (members) {
      const taken = new Set(members);
      line.isTotal = true;
      line.totals = members.map((l) => l.row);
      line.isIncome = false;
      if (!sub) heading = undefined;
      segmentStart = lines.length + 1;
      if (grand) grandStart = lines.length + 1;
      openSums = openSums.filter((_, i) => !taken.has(open[i]));
      open = open.filter((l) => !taken.has(l));
    } else if (heading) {
      line.heading = heading;
    }
    open.push(line);
    openSums.push(sum);
    lines.push(line);
    sums.set(line, sum);
  }
  if (!lines.some((l) => !l.isTotal)) return null;

  const careLadder = [
    h.columns.activityBudget,
    h.columns.activityActual,
    h.columns.unitCostBudget,
    h.columns.unitCostActual,
  ].some((c) => c !== undefined);
  const ucl = (h.unitCostLabel ?? "").toLowerCase();
  const unitCostPer =
    !careLadder || !h.unitCostLabel ? undefined : /week|wk|\bpw\b|p\/w/.test(ucl) ? "week" : "year";
  if (careLadder && h.unitCostLabel && !/week|wk|\bpw\b|p\/w|annum|year|annual|\bpa\b|p\/a/.test(ucl)) {
    issues.push(
      issue(
        "info",
        "other",
        sheet.name,
        toA1(headerSheetRow, h.columns.unitCostBudget ?? h.columns.unitCostActual ?? 0),
        `Unit cost "${h.unitCostLabel}" does not say per week or per year; read as per year.`,
      ),
    );
  }
  if (scale.source === "assumed") {
    issues.push(
      issue(
        "info",
        "other",
        sheet.name,
        toA1(headerSheetRow, h.columns.name),
        "No money unit (£, £000's, £m) found for this finance table; read as whole pounds.",
      ),
    );
  }
  if (h.leftOut.length > 0) {
    const scored = h.scoredBand ? `the "${h.scoredBand}" columns` : h.scoredLabel;
    const seen = new Set<string>();
    const left = h.leftOut
      .filter((x) => !seen.has(x.text) && seen.add(x.text))
      .map((x) => `"${x.text}" (${x.why})`);
    issues.push(
      issue(
        "info",
        "other",
        sheet.name,
        toA1(headerSheetRow, h.leftOut[0].col + sheet.originCol),
        `Scored ${scored}; left out ${left.join(", ")}.`,
      ),
    );
  }
  const table: FinanceTable = {
    kind: "finance",
    id: `${sheet.name}!${headerSheetRow + 1}`,
    sheet: sheet.name,
    title: titleText,
    headerRows: h.rows.map((x) => x + sheet.originRow),
    columns: h.columns,
    scale: scale.scale,
    scaleSource: scale.source,
    lines,
    period: findPeriod(h, titles),
    movementLabel: findMovementLabel(h),
    invertedSign: false,
    top,
    bottom: lines.reduce((b, l) => Math.max(b, l.row), -Infinity),
    unitCostPer,
    unitCostScale: /£\s*000|£k\b|£'000/i.test(ucl) ? 1000 : 1,
    careLadder,
  };
  if (h.scoredBand) table.scoredBand = h.scoredBand;
  table.incomePositive = incomeColumnPositive(sheet, table);
  // the header's own words, else a title's ("Variance: + = overspend")
  const titleWords = h.sign || !titles ? null : readSignWords(titles);
  issues.push(
    ...decideSign(sheet, table, h.sign ?? titleWords, opts.mapping?.sign, titleWords ? "title" : "header"),
  );
  return table;
}

/** True when a header block with finance roles starts at local row `r`. */
function startsHeader(sheet: SheetGrid, kinds: RowKind[], r: number): boolean {
  return STARTS.includes(kinds[r]) && readFinanceHeader(sheet, kinds, headerBlock(sheet, kinds, r)) !== null;
}

/** "rows 5–9" or "rows 5, 7 and 12" (1-based), for messages. */
function rowList(lines: FinanceLine[]): string {
  const rows = lines.map((l) => l.row + 1);
  const consecutive = rows.every((x, i) => i === 0 || x === rows[i - 1] + 1);
  if (rows.length === 1) return `row ${rows[0]}`;
  if (consecutive) return `rows ${rows[0]}–${rows[rows.length - 1]}`;
  return `rows ${rows.slice(0, -1).join(", ")} and ${rows[rows.length - 1]}`;
}

/** Decimal places a number format shows, or null for "General". */
function formatDecimals(format: string): number | null {
  const section = format.replace(/"[^"]*"/g, "").split(";")[0];
  if (!/[0#]/.test(section)) return null;
  return /\.(0+)/.exec(section)?.[1].length ?? 0;
}

/** Decimal places a number is written to (at most 6). */
function decimalsOf(x: number): number {
  for (let d = 0; d < 6; d++) {
    const s = x * 10 ** d;
    if (Math.abs(s - Math.round(s)) < 1e-6 * Math.max(1, Math.abs(s))) return d;
  }
  return 6;
}

/** One row's key figures in pounds, with the step each shows, for the arithmetic of totals. */
function sumRow(sheet: SheetGrid, r: number, cols: number[], scale: number, income: boolean): SumRow {
  const values: (number | null)[] = [];
  const units: (number | null)[] = [];
  for (const col of cols) {
    const c = col - sheet.originCol;
    const format = sheet.formats[r]?.[c] ?? "General";
    const m = readMoney(sheet.values[r]?.[c] ?? null, format);
    if (m.kind !== "number") {
      values.push(null);
      units.push(null);
      continue;
    }
    const per = m.pounds ? 1 : scale;
    const commas = (/[0#](,+)(?![0#])/.exec(format.split(";")[0])?.[1] ?? "").length;
    const d = Math.min(formatDecimals(format) ?? 6, decimalsOf(m.value));
    values.push(m.value * per);
    units.push(10 ** -d * per * 1000 ** commas);
  }
  return { values, units, income };
}

/**
 * What a total adds up: the totals among `items` (each once: one inside a larger one is left out)
 * and the lines no total covers, in sheet order.
 */
function totalMembers(items: FinanceLine[]): FinanceLine[] {
  const totals = items.filter((l) => l.isTotal && (l.totals ?? []).length > 0);
  const inside = (a: FinanceLine, b: FinanceLine): boolean =>
    a !== b &&
    (a.totals ?? []).every((r) => (b.totals ?? []).includes(r)) &&
    ((b.totals ?? []).length > (a.totals ?? []).length || b.row > a.row);
  const kept = totals.filter((t) => !totals.some((u) => inside(t, u)));
  const covered = new Set(totals.flatMap((t) => t.totals ?? []));
  return items
    .filter((l) => (l.isTotal ? kept.includes(l) : !covered.has(l.row)))
    .sort((a, b) => a.row - b.row);
}

function titleAbove(sheet: SheetGrid, r: number): string | undefined {
  for (let t = r - 1; t >= Math.max(0, r - 4); t--) {
    const cells = (sheet.values[t] ?? []).filter((v) => v !== null && String(v).trim() !== "");
    if (cells.length === 1 && typeof cells[0] === "string") return cells[0].trim();
    if (cells.length > 1) return undefined;
  }
  return undefined;
}

/** Every title row (one text cell) in the four rows above, nearest first, joined: for the period. */
function titlesAbove(sheet: SheetGrid, r: number): string | undefined {
  const out: string[] = [];
  for (let t = r - 1; t >= Math.max(0, r - 4); t--) {
    const cells = (sheet.values[t] ?? []).filter((v) => v !== null && String(v).trim() !== "");
    if (cells.length > 1) break;
    if (cells.length === 1 && typeof cells[0] === "string") out.push(cells[0].trim());
  }
  return out.length > 0 ? out.join(" ") : undefined;
}

function scaleOf(s: string): MoneyScale | null {
  if (/£\s*m\b|£m|\(m\)|£\s*millions?|\bmillions\b/i.test(s)) return 1_000_000;
  if (/£\s*'?0{3}|£k\b|\(k\)|£\s*thousands?|\b000'?s\b|'000/i.test(s)) return 1000;
  if (/£/.test(s)) return 1;
  return null;
}

/**
 * The officer's confirmed unit, else the header's, else a title's, else the number format of the first
 * amount under the header; a scaling format (#,##0,) holds pounds.
 */
function findScale(
  sheet: SheetGrid,
  h: FinanceHeader,
  title: string | undefined,
  confirmed: MoneyScale | undefined,
): { scale: MoneyScale; source: NonNullable<FinanceTable["scaleSource"]> } {
  if (confirmed !== undefined) return { scale: confirmed, source: "setting" };
  const fromHeader = h.moneyCols.map((c) => scaleOf(h.labels[c] ?? "")).find((s) => s !== null) ?? null;
  const fromTitle = title ? scaleOf(title) : null;
  let format = "General";
  for (let r = h.row + 1; r < sheet.values.length && format === "General"; r++) {
    const c = h.moneyCols.find((col) => typeof sheet.values[r]?.[col] === "number");
    if (c === undefined) continue;
    format = sheet.formats[r]?.[c] ?? "General";
    break;
  }
  const f = format
    .replace(/"[^"]*"/g, (q) => (/^"\s*[km]\s*"$/i.test(q) ? q.replace(/"/g, "").trim() : ""))
    .replace(/\\/g, "");
  const section = f.split(";")[0];
  const commas = (/[0#](,+)(?![0#])/.exec(section)?.[1] ?? "").length;
  const literal = /[0#,]\s*m\b/i.test(section) ? 1_000_000 : /[0#,]\s*k\b/i.test(section) ? 1000 : null;
  const given = fromHeader ?? fromTitle;
  const source = fromHeader
    ? "header"
    : fromTitle
      ? "title"
      : literal || commas || /£/.test(format)
        ? "format"
        : "assumed";
  const raw = (given ?? literal ?? 1) / 1000 ** commas;
  const scale: MoneyScale = raw >= 1_000_000 ? 1_000_000 : raw >= 1000 ? 1000 : 1;
  return { scale, source };
}

/**
 * The period from the current columns' own labels (never a previous quarter's or a "Change from Q2"
 * column), else the title rows above the table ("Revenue monitoring Q3 2023/24").
 */
function findPeriod(h: FinanceHeader, title: string | undefined): Period | undefined {
  const { forecast, variance, budget } = h.columns;
  const cols = [
    forecast.net,
    forecast.gross,
    variance.net,
    variance.gross,
    budget.net,
    budget.gross,
    h.columns.name,
  ];
  const fLabel = cols
    .filter((c): c is number => c !== undefined)
    .map((c) => h.labels[c - h.originCol] ?? "")
    .join(" ");
  const labelText = [fLabel, ...h.labels].join(" ");
  const all = `${labelText} ${title ?? ""}`;
  let fy = fyOf(all);
  let quarter: number | null = null;
  const q = QUARTER.exec(fLabel) ?? (title ? QUARTER.exec(title) : null);
  if (q) quarter = Number(q[1]);
  const month = title
    ? new RegExp(`\\b(${MONTHS.join("|")})[a-z]*\\.?\\s+(20\\d\\d)\\b`, "i").exec(title)
    : null;
  if (month) {
    const mo = MONTHS.indexOf(month[1].toLowerCase()) + 1;
    quarter ??= mo >= 4 ? Math.floor((mo - 4) / 3) + 1 : 4;
    fy ??= mo >= 4 ? Number(month[2]) : Number(month[2]) - 1;
  }
  const finalOutturn = /outturn/i.test(labelText) && !/forecast|projected/i.test(labelText);
  const fyText = fy === null ? "" : `${fy}/${String((fy + 1) % 100).padStart(2, "0")}`;
  if (finalOutturn) return { kind: "outturn", fy, quarter: null, label: `${fyText} Outturn`.trim() };
  if (quarter !== null) return { kind: "quarter", fy, quarter, label: `Quarter ${quarter}` };
  if (fy !== null) return { kind: "year", fy, quarter: null, label: fyText };
  return undefined;
}

function findMovementLabel(h: FinanceHeader): string | undefined {
  const c = h.columns.change ?? h.columns.previousVariance ?? h.columns.previousForecast;
  if (c === undefined) return undefined;
  const label = h.labels[c - h.originCol] ?? "";
  const q = /\b((?:q|qtr|quarter)\s*[1-4]|month\s*\d{1,2})\b/i.exec(label);
  return q ? q[1] : undefined;
}

function incomeColumnPositive(sheet: SheetGrid, table: FinanceTable): boolean {
  let plus = 0;
  let minus = 0;
  for (const line of table.lines) {
    const b = readFinanceRow(sheet, table, line).values.budget;
    if (!b.gross || !b.income || !b.net || b.income.pounds === 0) continue;
    if (Math.abs(b.gross.pounds - b.income.pounds - b.net.pounds) <= table.scale) plus++;
    else if (Math.abs(b.gross.pounds + b.income.pounds - b.net.pounds) <= table.scale) minus++;
  }
  return plus > 0 && minus === 0;
}
