import type { TableMapping } from "../engine/Settings";

/**
 * A mapping with every field its kind uses written out: `columns` always; `periods` for KPI
 * tables; `sign` and `scale` for finance tables (an underspend is positive and figures are whole
 * pounds unless said otherwise). Fields the kind does not use are dropped; `range` is kept.
 *
 * @example
 * completeMapping({ sheet: "Finance", headerRow: 4, kind: "finance", columns: { line: "A" }, periods: ["C"] });
 * // { sheet: "Finance", headerRow: 4, kind: "finance", columns: { line: "A" }, sign: "positive-underspend", scale: 1 }
 */
export function completeMapping(m: TableMapping): TableMapping {
  const base: TableMapping = {
    sheet: m.sheet,
    headerRow: m.headerRow,
    kind: m.kind,
    ...(m.range !== undefined ? { range: m.range } : {}),
  };
  if (m.kind === "ignore") return base;
  const columns = { ...m.columns };
  if (m.kind === "kpi") return { ...base, columns, periods: [...(m.periods ?? [])] };
  return { ...base, columns, sign: m.sign ?? "positive-underspend", scale: m.scale ?? 1 };
}
