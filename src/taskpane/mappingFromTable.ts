import { columnLetters } from "../engine/cells/toA1";
import type { FinanceTable } from "../engine/finance/FinanceTable";
import type { KpiColumns, KpiTable } from "../engine/kpi/KpiTable";
import { tableHeaderRow } from "../engine/scoreWorkbook";
import type { FinanceRole, TableMapping } from "../engine/Settings";
import { FINANCE_ROLES, KPI_ROLES } from "../engine/Settings";

/**
 * The mapping that says exactly what detection found: every role as a column letter, the KPI
 * period columns, and for finance the variance sign and money unit. Net columns stand for budget,
 * forecast and variance (gross where there is no net); split Overspend / Underspend columns keep
 * their own roles.
 *
 * @example
 * mappingFromTable(kpiTable); // { sheet: "KPIs", headerRow: 2, kind: "kpi", columns: { measure: "A", target: "B" }, periods: ["E", "F"] }
 * mappingFromTable(financeTable); // { ..., kind: "finance", columns: { line: "A", budget: "B", ... }, sign: "positive-underspend", scale: 1000 }
 */
export function mappingFromTable(table: KpiTable | FinanceTable): TableMapping {
  const base = { sheet: table.sheet, headerRow: tableHeaderRow(table) };
  if (table.kind === "kpi") {
    const c = table.columns;
    const columns: Record<string, string> = {};
    for (const role of KPI_ROLES) {
      const col = c[role as keyof Omit<KpiColumns, "periods">];
      if (col !== undefined) columns[role] = columnLetters(col);
    }
    return { ...base, kind: "kpi", columns, periods: c.periods.map((p) => columnLetters(p.col)) };
  }
  const c = table.columns;
  const picked: Partial<Record<FinanceRole, number | undefined>> = {
    line: c.name,
    budget: c.budget.net ?? c.budget.gross,
    forecast: c.forecast.net ?? c.forecast.gross,
    variance: c.variance.net ?? c.variance.gross,
    overspend: c.overspend,
    underspend: c.underspend,
  };
  const columns: Record<string, string> = {};
  for (const role of FINANCE_ROLES) {
    const col = picked[role];
    if (col !== undefined) columns[role] = columnLetters(col);
  }
  return {
    ...base,
    kind: "finance",
    columns,
    sign: table.invertedSign ? "positive-overspend" : "positive-underspend",
    scale: table.scale,
  };
}
