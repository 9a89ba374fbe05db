import { fromA1 } from "../engine/cells/toA1";
import type { FinanceRole, KpiRole, TableMapping } from "../engine/Settings";
import { completeMapping } from "./completeMapping";

/**
 * What one column of a table is for: a KPI or finance role, a KPI period, or nothing.
 * @example const role: ColumnRole = "period";
 */
export type ColumnRole = KpiRole | FinanceRole | "period" | "none";

/**
 * The role a mapping gives column `letter` ("none" when it gives none).
 * @example roleOfColumn({ sheet: "KPIs", headerRow: 2, kind: "kpi", columns: { target: "B" }, periods: ["E"] }, "E") // "period"
 */
export function roleOfColumn(mapping: TableMapping, letter: string): ColumnRole {
  if (mapping.periods?.includes(letter)) return "period";
  const found = Object.entries(mapping.columns ?? {}).find(([, l]) => l === letter);
  return found ? (found[0] as ColumnRole) : "none";
}

/**
 * The mapping with column `letter` given `role`, written out in full (`completeMapping`). A role
 * other than "period" belongs to one column, so the column that had it loses it; "none" clears
 * the column; period columns stay in left-to-right order.
 *
 * @example
 * const m = { sheet: "KPIs", headerRow: 2, kind: "kpi", columns: { measure: "A", target: "B" }, periods: [] };
 * assignColumnRole(m, "C", "target"); // columns { measure: "A", target: "C" }, periods []
 * assignColumnRole(m, "B", "period"); // columns { measure: "A" }, periods ["B"]
 */
export function assignColumnRole(mapping: TableMapping, letter: string, role: ColumnRole): TableMapping {
  // Keyed by role, so setting `role` below also takes it from the column that had it.
  const columns = Object.fromEntries(Object.entries(mapping.columns ?? {}).filter(([, l]) => l !== letter));
  let periods = (mapping.periods ?? []).filter((l) => l !== letter);
  if (role === "period") periods = [...periods, letter].sort((a, b) => colOf(a) - colOf(b));
  else if (role !== "none") columns[role] = letter;
  return completeMapping({ ...mapping, columns, periods });
}

/** 0-based column of a letter ("A" → 0). */
function colOf(letter: string): number {
  return fromA1(`${letter}1`).col;
}
