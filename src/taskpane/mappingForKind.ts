import type { TableMapping } from "../engine/Settings";
import { completeMapping } from "./completeMapping";

/**
 * A full mapping of the same table as another kind. The column that names the rows carries
 * over (a KPI table's measure is a finance table's line, and back); other roles do not, so the
 * officer sets them.
 *
 * @example
 * mappingForKind({ sheet: "KPIs", headerRow: 2, kind: "kpi", columns: { measure: "A", target: "B" }, periods: ["E"] }, "finance");
 * // { sheet: "KPIs", headerRow: 2, kind: "finance", columns: { line: "A" }, sign: "positive-underspend", scale: 1 }
 */
export function mappingForKind(mapping: TableMapping, kind: TableMapping["kind"]): TableMapping {
  if (kind === mapping.kind) return completeMapping(mapping);
  const { sheet, headerRow, range } = mapping;
  const where = { sheet, headerRow, ...(range !== undefined ? { range } : {}) };
  if (kind === "ignore") return { ...where, kind };
  const names = mapping.columns?.measure ?? mapping.columns?.line;
  const role = kind === "kpi" ? "measure" : "line";
  return completeMapping({ ...where, kind, columns: names ? { [role]: names } : {} });
}
