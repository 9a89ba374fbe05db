import { EngineError } from "../EngineError";
import { financeHeadline } from "./financeHeadline";
import type { FinanceLine, FinanceTable } from "./FinanceTable";
import type { SheetGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import {
  incomeTurned,
  readFinanceRow,
  standardVariance,
  type FinanceRowValues,
  type MoneyCell,
  type Sub,
} from "./readFinanceRow";
import type { Settings } from "../Settings";
import { fromA1, toA1 } from "../cells/toA1";
import { varianceNarrative } from "./varianceNarrative";
import type { FinanceHeadline, VarianceResult } from "./VarianceResult";

const SUBS: Sub[] = ["gross", "income", "net"];
const WEEKS_PER_YEAR = 52;

/**
 * Computes variances, tie-out checks, movement, volume/price split and narrative for finance tables.
 * `sheets` maps sheet name to its grid, for reading the tables' cells.
 *
 * Rules (whole pounds; variance = budget − forecast, positive = underspend):
 * - a given variance column is used as written (turned round when the table's sign is inverted),
 *   and checked against budget − forecast within one unit of the sheet's scale (£000's: £1k);
 *   separate Overspend and Underspend columns (both positive) give underspend − overspend;
 *   with no variance column it is computed; income held as positive amounts turns round;
 * - with no forecast column the forecast is worked out from the budget and the variance
 *   (forecast = budget + overspend);
 * - totals are `isTotal`, never `overThreshold`, and are checked against their lines (within half a
 *   unit per line for rounding, at least one unit), as are gross + income = net and Covid + operating = net;
 * - |variance| ≥ `settings.threshold` → `overThreshold`;
 * - movement from "Change from Q3" columns (summed) or a previous quarter's forecast or variance;
 * - volume/price split for care-ladder lines (see `VarianceResult.volumeEffect`).
 * Data problems are `Issue`s; a table whose sheet is not in `sheets` is programmer misuse (throws).
 * @example analyseVariances(tables, new Map([[grid.name, grid]]), DEFAULT_SETTINGS).variances[0].narrative
 */
export function analyseVariances(
  tables: FinanceTable[],
  sheets: Map<string, SheetGrid>,
  settings: Settings,
): { variances: VarianceResult[]; headlines: FinanceHeadline[]; issues: Issue[] } {
  const variances: VarianceResult[] = [];
  const headlines: FinanceHeadline[] = [];
  const issues: Issue[] = [];
  for (const table of tables) {
    const sheet = sheets.get(table.sheet);
    if (!sheet) throw new EngineError("bad-argument", `analyseVariances: no grid for sheet "${table.sheet}"`);
    const rows = new Map<number, FinanceRowValues>();
    for (const line of table.lines) {
      const read = readFinanceRow(sheet, table, line);
      rows.set(line.row, read.values);
      issues.push(...read.issues);
    }
    for (const line of table.lines) {
      const v = rows.get(line.row);
      if (!v) continue;
      issues.push(...checkLine(table, line, v));
      if (line.isTotal) issues.push(...checkTotal(table, line, rows));
      const result = analyseLine(table, line, v, settings);
      if (result) variances.push(result);
      else {
        issues.push(
          issue(
            "info",
            "row-skipped",
            table.sheet,
            v.nameCell,
            `"${line.name}" has no variance and no budget and forecast to work one out from.`,
          ),
        );
      }
    }
    const headline = financeHeadline(table, variances, settings);
    if (headline) headlines.push(headline);
  }
  return { variances, headlines, issues };
}

const round = (n: number): number => {
  const r = Math.round(n);
  return r === 0 ? 0 : r; // no "-0"
};

function combine(table: FinanceTable, cells: Partial<Record<Sub, MoneyCell>>): number | null {
  if (cells.net) return cells.net.pounds;
  if (cells.gross && cells.income)
    return cells.gross.pounds + (table.incomePositive ? -1 : 1) * cells.income.pounds;
  return cells.gross?.pounds ?? null;
}

function analyseLine(
  table: FinanceTable,
  line: FinanceLine,
  v: FinanceRowValues,
  settings: Settings,
): VarianceResult | null {
  const sign = table.invertedSign ? -1 : 1;
  const budget = combine(table, v.budget);
  const forecast = combine(table, v.forecast);
  const givenSub: Sub = v.variance.net ? "net" : "gross";
  const given = v.variance.net ?? (v.variance.gross && !v.variance.income ? v.variance.gross : undefined);
  let variance: number | null = null;
  if (given) variance = givenVariance(table, line, givenSub, given, v);
  else if (v.variance.gross && v.variance.income && !table.incomePositive)
    variance = sign * (v.variance.gross.pounds + v.variance.income.pounds);
  else if (v.overspend || v.underspend) variance = splitVariance(v);
  else if (budget !== null && forecast !== null)
    variance = standardVariance(line.isIncome, "net", budget, forecast, false);
  else if (budget !== null && (table.columns.overspend ?? table.columns.underspend) !== undefined)
    variance = 0; // both halves of a split variance left blank: on budget
  if (variance === null) return null;
  variance = round(variance);
  // no forecast column: the budget less an underspend (plus an overspend); income held positive turns round
  const turned = line.isIncome && budget !== null && budget >= 0;
  const shownForecast =
    forecast === null && budget !== null && Object.keys(table.columns.forecast).length === 0
      ? budget + (turned ? variance : -variance)
      : forecast;

  const sub = (k: Sub) => {
    if (!v.budget[k] && !v.forecast[k] && !v.variance[k]) return undefined;
    const b = v.budget[k]?.pounds ?? null;
    const f = v.forecast[k]?.pounds ?? null;
    const given = v.variance[k];
    const computed =
      b !== null && f !== null
        ? standardVariance(line.isIncome, k, b, f, table.incomePositive ?? false)
        : null;
    const val = given ? givenVariance(table, line, k, given, v) : computed;
    return {
      budget: b === null ? null : round(b),
      forecast: f === null ? null : round(f),
      variance: val === null ? null : round(val),
    };
  };

  let movement: number | null = null;
  if (v.changes.length > 0) movement = sign * v.changes.reduce((s, c) => s + c.pounds, 0);
  else if (v.previousVariance) movement = variance - sign * v.previousVariance.pounds;
  else if (v.previousForecast && budget !== null) {
    movement = variance - standardVariance(line.isIncome, "net", budget, v.previousForecast.pounds, false);
  }

  let volumeEffect: number | null = null;
  let priceEffect: number | null = null;
  const { activityBudget: ab, activityActual: aa, unitCostBudget: ucb } = v;
  if (table.careLadder && ab !== undefined && aa !== undefined && ucb !== undefined && !line.isTotal) {
    const periods = table.unitCostPer === "week" ? WEEKS_PER_YEAR : 1;
    volumeEffect = round(-(aa - ab) * ucb * periods);
    priceEffect = round(variance - volumeEffect);
  }

  const result: VarianceResult = {
    sheet: table.sheet,
    row: line.row + 1,
    name: line.name,
    heading: line.heading,
    budget: budget === null ? null : round(budget),
    forecast: shownForecast === null ? null : round(shownForecast),
    variance,
    direction: variance > 0 ? "underspend" : variance < 0 ? "overspend" : "on budget",
    overThreshold: !line.isTotal && Math.abs(variance) >= settings.threshold,
    isTotal: line.isTotal,
    movement: movement === null ? null : round(movement),
    volumeEffect,
    priceEffect,
    narrative: "",
    variancePct: budget !== null && Math.abs(budget) >= 0.5 ? variance / Math.abs(budget) : null,
    covid: v.covid ? round(sign * v.covid.pounds) : null,
    operating: v.operating ? round(sign * v.operating.pounds) : null,
    movementLabel: movement === null ? undefined : table.movementLabel,
    gross:
      table.columns.budget.gross !== undefined || table.columns.variance.gross !== undefined
        ? sub("gross")
        : undefined,
    income:
      table.columns.budget.income !== undefined || table.columns.variance.income !== undefined
        ? sub("income")
        : undefined,
    tableId: table.id,
    cell: (v.variance.net ?? splitCell(v) ?? v.forecast.net ?? v.variance.gross)?.cell ?? v.nameCell,
    isIncome: line.isIncome || undefined,
    isFunding: line.isFunding || undefined,
  };
  if (table.careLadder && (ab !== undefined || aa !== undefined))
    result.activity = { budgeted: ab ?? null, actual: aa ?? null };
  if (table.careLadder && (ucb !== undefined || v.unitCostActual !== undefined)) {
    result.unitCost = {
      budgeted: ucb ?? null,
      actual: v.unitCostActual ?? null,
      per: table.unitCostPer ?? "year",
    };
  }
  result.narrative = varianceNarrative(result, settings);
  return result;
}

/** Underspend − overspend from a split variance (both written positive). */
function splitVariance(v: FinanceRowValues): number {
  return (v.underspend?.pounds ?? 0) - (v.overspend?.pounds ?? 0);
}

/** The split variance's cell that holds the figure (the overspend's when both do). */
function splitCell(v: FinanceRowValues): MoneyCell | undefined {
  if (v.overspend && v.overspend.pounds !== 0) return v.overspend;
  if (v.underspend && v.underspend.pounds !== 0) return v.underspend;
  return v.overspend ?? v.underspend;
}

/**
 * A sheet's variance cell in the engine's convention (positive = underspend), turned round when the
 * table's sign is inverted. Income held as positive amounts may be written either way round (budget −
 * forecast like every other line, or already turned), so there its size is the sheet's and its
 * direction comes from budget against forecast: less income than budgeted is an overspend.
 */
function givenVariance(
  table: FinanceTable,
  line: FinanceLine,
  sub: Sub,
  given: MoneyCell,
  v: FinanceRowValues,
): number {
  const sign = table.invertedSign ? -1 : 1;
  const b = v.budget[sub]?.pounds;
  const f = v.forecast[sub]?.pounds;
  const ip = table.incomePositive ?? false;
  if (b === undefined || f === undefined || !incomeTurned(line.isIncome, sub, b, f, ip))
    return sign * given.pounds;
  const std = standardVariance(line.isIncome, sub, b, f, ip);
  // budget = forecast gives no direction: read the cell as its column is written, then turn it round
  return Math.round(std) === 0 ? -sign * given.pounds : Math.sign(std) * Math.abs(given.pounds);
}

/** Sheet-unit text for messages: 12726000 at £000's → "12,726". */
function units(table: FinanceTable, pounds: number): string {
  const n = Math.round((pounds / table.scale) * 100) / 100;
  const [whole, frac] = String(Math.abs(n)).split(".");
  return `${n < 0 ? "−" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ? `.${frac}` : ""}`;
}

function checkLine(table: FinanceTable, line: FinanceLine, v: FinanceRowValues): Issue[] {
  const out: Issue[] = [];
  const tol = table.scale * (1 + 1e-9);
  const plusMinus = table.incomePositive ? "−" : "+";
  for (const kind of ["budget", "forecast", "variance"] as const) {
    const g = v[kind].gross;
    const i = v[kind].income;
    const n = v[kind].net;
    if (!g || !i || !n) continue;
    if (kind === "variance" && table.incomePositive) continue; // its income variance may be written either way
    const expected = g.pounds + (table.incomePositive ? -1 : 1) * i.pounds;
    if (Math.abs(expected - n.pounds) > tol) {
      out.push(
        issue(
          "warning",
          "tie-out",
          table.sheet,
          n.cell,
          `${line.name}: gross ${plusMinus} income ≠ net in the ${kind} columns (${units(table, g.pounds)} ${plusMinus} ${units(table, i.pounds)} = ${units(table, expected)}, but ${n.cell} says ${units(table, n.pounds)}).`,
        ),
      );
    }
  }
  for (const sub of SUBS) {
    const b = v.budget[sub];
    const f = v.forecast[sub];
    const given = v.variance[sub];
    if (!b || !f || !given) continue;
    const std = standardVariance(line.isIncome, sub, b.pounds, f.pounds, table.incomePositive ?? false);
    if (incomeTurned(line.isIncome, sub, b.pounds, f.pounds, table.incomePositive ?? false)) {
      // income as positive amounts: either way round is fine, only the size is checked
      if (Math.abs(Math.abs(given.pounds) - Math.abs(std)) <= tol) continue;
      const used = givenVariance(table, line, sub, given, v);
      out.push(
        issue(
          "warning",
          "variance-mismatch",
          table.sheet,
          given.cell,
          `${line.name}: the variance ${units(table, given.pounds)} is neither budget − forecast nor forecast − budget (${units(table, b.pounds)} and ${units(table, f.pounds)} differ by ${units(table, Math.abs(std))}); the sheet's figure is used, as ${used < 0 ? "an overspend" : "an underspend"}${Math.round(std) === 0 ? "" : ` since the income forecast is ${std < 0 ? "below" : "above"} budget`}.`,
        ),
      );
      continue;
    }
    const expected = table.invertedSign ? -std : std;
    if (Math.abs(given.pounds - expected) > tol) {
      const how = table.invertedSign
        ? "forecast − budget"
        : std === b.pounds - f.pounds
          ? "budget − forecast"
          : "forecast − budget (income)";
      out.push(
        issue(
          "warning",
          "variance-mismatch",
          table.sheet,
          given.cell,
          `${line.name}: the variance ${units(table, given.pounds)} is not ${how} (${units(table, b.pounds)} and ${units(table, f.pounds)} give ${units(table, expected)}); the sheet's figure is used.`,
        ),
      );
    }
  }
  const b = v.budget.net;
  const f = v.forecast.net;
  if ((v.overspend || v.underspend) && !v.variance.net && b && f) {
    const std = standardVariance(line.isIncome, "net", b.pounds, f.pounds, false);
    const split = splitVariance(v);
    const cell = splitCell(v)?.cell ?? b.cell;
    if (Math.abs(split - std) > tol) {
      out.push(
        issue(
          "warning",
          "variance-mismatch",
          table.sheet,
          cell,
          `${line.name}: the overspend / underspend columns give ${units(table, -split)} over budget, but ${units(table, b.pounds)} and ${units(table, f.pounds)} give ${units(table, -std)}; the sheet's figure is used.`,
        ),
      );
    }
  }
  const net = v.variance.net;
  if (v.covid && v.operating && net && Math.abs(v.covid.pounds + v.operating.pounds - net.pounds) > tol) {
    out.push(
      issue(
        "warning",
        "tie-out",
        table.sheet,
        net.cell,
        `${line.name}: Covid ${units(table, v.covid.pounds)} + operating ${units(table, v.operating.pounds)} ≠ the variance ${units(table, net.pounds)}.`,
      ),
    );
  }
  return out;
}

type Key = {
  label: string;
  get: (v: FinanceRowValues) => MoneyCell | undefined;
  plainSum: boolean;
  /** For a variance key: its sub-column. */
  sub?: Sub;
};

function checkTotal(table: FinanceTable, total: FinanceLine, rows: Map<number, FinanceRowValues>): Issue[] {
  const members = (total.totals ?? []).map((r) => ({
    line: table.lines.find((l) => l.row === r),
    v: rows.get(r),
  }));
  if (members.length === 0) return [];
  const keys: Key[] = [];
  for (const kind of ["budget", "forecast", "variance"] as const) {
    for (const sub of SUBS)
      keys.push({
        label: `${sub} ${kind}`,
        get: (v) => v[kind][sub],
        plainSum: kind === "variance",
        sub: kind === "variance" ? sub : undefined,
      });
  }
  keys.push(
    { label: "overspend", get: (v) => v.overspend, plainSum: true },
    { label: "underspend", get: (v) => v.underspend, plainSum: true },
    { label: "Covid", get: (v) => v.covid, plainSum: true },
    { label: "operating", get: (v) => v.operating, plainSum: true },
  );
  const t = rows.get(total.row);
  const out: Issue[] = [];
  if (!t) return out;
  const tol = table.scale * Math.max(1, Math.ceil(members.length / 2)) * (1 + 1e-9);
  for (const key of keys) {
    const want = key.get(t);
    if (!want) continue;
    const cells = members.map((m) => ({ cell: m.v ? key.get(m.v) : undefined, line: m.line }));
    const plain = cells.reduce((s, c) => s + (c.cell?.pounds ?? 0), 0);
    // single-column income held as positive amounts counts against the total
    const signed = cells.reduce(
      (s, c) =>
        s + (c.cell ? (c.line?.isIncome && c.cell.pounds > 0 && !key.plainSum ? -1 : 1) * c.cell.pounds : 0),
      0,
    );
    // a variance of income held as positive amounts, counted as the engine reads it (in the sheet's sign)
    const sheetSign = table.invertedSign ? -1 : 1;
    const read = members.reduce((s, m) => {
      const cell = m.v ? key.get(m.v) : undefined;
      if (!cell) return s;
      return (
        s +
        (key.sub && m.line && m.v
          ? sheetSign * givenVariance(table, m.line, key.sub, cell, m.v)
          : cell.pounds)
      );
    }, 0);
    if ([plain, signed, read].some((x) => Math.abs(x - want.pounds) <= tol)) continue;
    const nTotals = members.filter((m) => m.line?.isTotal).length;
    const what = nTotals === 0 ? "lines" : nTotals === members.length ? "totals" : "totals and lines";
    const where = cellRanges(total.totals ?? [], fromA1(want.cell).col);
    out.push(
      issue(
        "warning",
        "tie-out",
        table.sheet,
        want.cell,
        `${total.name}: the ${key.label} ${what} (${where}) add up to ${units(table, signed)}, but ${want.cell} says ${units(table, want.pounds)}.`,
      ),
    );
  }
  return out;
}

/** Rows in one column as A1 ranges: rows 7, 11, 12 of column B → "B8, B12:B13". */
function cellRanges(rows: number[], col: number): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? toA1(sorted[i], col) : `${toA1(sorted[i], col)}:${toA1(sorted[j], col)}`);
    i = j + 1;
  }
  return parts.join(", ");
}
