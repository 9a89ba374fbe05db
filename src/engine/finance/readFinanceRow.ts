import type { FinanceLine, FinanceTable } from "./FinanceTable";
import type { SheetGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import { readMoney } from "../cells/readMoney";
import { toA1 } from "../cells/toA1";

/** Gross, income or net sub-column. */
export type Sub = "gross" | "income" | "net";

/** One money cell: whole pounds (already scaled) and its A1 address. */
export interface MoneyCell {
  pounds: number;
  cell: string;
}

/** Every figure of one finance line, in whole pounds, exactly as the sheet has it (sheet's sign). */
export interface FinanceRowValues {
  budget: Partial<Record<Sub, MoneyCell>>;
  forecast: Partial<Record<Sub, MoneyCell>>;
  variance: Partial<Record<Sub, MoneyCell>>;
  /** A split variance's two halves, as written (both positive). */
  overspend?: MoneyCell;
  underspend?: MoneyCell;
  covid?: MoneyCell;
  operating?: MoneyCell;
  changes: MoneyCell[];
  previousForecast?: MoneyCell;
  previousVariance?: MoneyCell;
  /** Placements and unit costs (unit costs in whole pounds per `table.unitCostPer`). */
  activityBudget?: number;
  activityActual?: number;
  unitCostBudget?: number;
  unitCostActual?: number;
  /** A1 address of the line's name cell. */
  nameCell: string;
}

const SUBS: Sub[] = ["gross", "income", "net"];

/**
 * Reads one line of a finance table into whole pounds. Cells with text that is not money
 * ("TBC", "#REF!") are left out and reported as `unparsed-value` issues. Never throws on user data.
 * @example readFinanceRow(grid, table, line).values.variance.net?.pounds === 805000 // seed 000, £000's
 */
export function readFinanceRow(
  sheet: SheetGrid,
  table: FinanceTable,
  line: FinanceLine,
): { values: FinanceRowValues; issues: Issue[] } {
  const issues: Issue[] = [];
  const read = (col: number | undefined, scale: number): MoneyCell | undefined => {
    if (col === undefined) return undefined;
    const r = line.row - sheet.originRow;
    const c = col - sheet.originCol;
    const cell = toA1(line.row, col);
    const raw = sheet.values[r]?.[c] ?? null;
    const m = readMoney(raw, sheet.formats[r]?.[c] ?? "General");
    if (m.kind === "blank") return undefined;
    if (m.kind === "text") {
      issues.push(
        issue(
          "warning",
          "unparsed-value",
          sheet.name,
          cell,
          `"${m.text}" in ${line.name} is not an amount; left out.`,
        ),
      );
      return undefined;
    }
    const pounds = m.pounds ? m.value : m.value * scale;
    return { pounds: Math.abs(pounds) < 1e-9 ? 0 : pounds, cell };
  };
  const cols = table.columns;
  const s = table.scale;
  const subs = (g: Partial<Record<Sub, number>>): Partial<Record<Sub, MoneyCell>> => {
    const out: Partial<Record<Sub, MoneyCell>> = {};
    for (const k of SUBS) {
      const v = read(g[k], s);
      if (v) out[k] = v;
    }
    return out;
  };
  const plain = (col: number | undefined, scale = 1): number | undefined => read(col, scale)?.pounds;
  const values: FinanceRowValues = {
    budget: subs(cols.budget),
    forecast: subs(cols.forecast),
    variance: subs(cols.variance),
    overspend: read(cols.overspend, s),
    underspend: read(cols.underspend, s),
    covid: read(cols.covid, s),
    operating: read(cols.operating, s),
    changes: (cols.changes ?? (cols.change === undefined ? [] : [cols.change]))
      .map((c) => read(c, s))
      .filter((v): v is MoneyCell => v !== undefined),
    previousForecast: read(cols.previousForecast, s),
    previousVariance: read(cols.previousVariance, s),
    activityBudget: plain(cols.activityBudget),
    activityActual: plain(cols.activityActual),
    unitCostBudget: plain(cols.unitCostBudget, table.unitCostScale ?? 1),
    unitCostActual: plain(cols.unitCostActual, table.unitCostScale ?? 1),
    nameCell: toA1(line.row, cols.name),
  };
  return { values, issues };
}

/**
 * Budget − forecast in the engine's convention (positive = underspend), for one sub-column.
 * Income held as positive amounts turns round: less income than budgeted is an overspend.
 * (Income held as negative credits, as in the seeds' tables, needs no turning.)
 * @example standardVariance(false, "net", 29024000, 28219000, false) === 805000
 * @example standardVariance(true, "net", 485000, 105000, false) === -380000 // income shortfall
 */
export function standardVariance(
  lineIsIncome: boolean,
  sub: Sub,
  budget: number,
  forecast: number,
  incomeColumnPositive: boolean,
): number {
  return incomeTurned(lineIsIncome, sub, budget, forecast, incomeColumnPositive)
    ? forecast - budget
    : budget - forecast;
}

/**
 * True when a figure is income held as a positive amount (an Income sub-column of positive amounts,
 * or a line whose name says income with budget and forecast ≥ 0), so its variance is turned round.
 * @example incomeTurned(true, "net", 2_500_000, 2_120_000, false) === true // "Parking fees and charges income"
 */
export function incomeTurned(
  lineIsIncome: boolean,
  sub: Sub,
  budget: number,
  forecast: number,
  incomeColumnPositive: boolean,
): boolean {
  return (
    (sub === "income" && incomeColumnPositive) ||
    (sub !== "income" && lineIsIncome && budget >= 0 && forecast >= 0)
  );
}
