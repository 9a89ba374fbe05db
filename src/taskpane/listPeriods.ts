import type { KpiTable } from "../engine/kpi/KpiTable";
import { periodsInDateOrder } from "../engine/periods/periodsInDateOrder";

/**
 * The KPI period labels a workbook can be scored for, each once, in date order with the latest
 * first (the likeliest choice at the top): periods naming their year by date, then those that
 * do not (`periodsInDateOrder`, reversed). Finance tables' periods ("Quarter 3") are not listed:
 * a period choice picks KPI period columns only.
 *
 * @example listPeriods([kpiWith("2019/20 Q3", "2019/20 Q4"), kpiWith("2020/21 Q1")]) // ["2020/21 Q1", "2019/20 Q4", "2019/20 Q3"]
 */
export function listPeriods(kpiTables: KpiTable[]): string[] {
  return periodsInDateOrder(kpiTables.map((t) => t.columns.periods.map((c) => c.period))).reverse();
}
