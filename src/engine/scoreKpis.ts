import type { Issue } from "./Issue";
import type { KpiResult } from "./KpiResult";
import type { KpiTable } from "./KpiTable";
import type { Settings } from "./Settings";

/**
 * Scores every row of the given tables for one period (settings.period, else the latest
 * period column holding data), with trend against the previous period and a year ago.
 * STUB: owned by the KPI-engine work.
 */
export function scoreKpis(tables: KpiTable[], settings: Settings): { period: string; kpis: KpiResult[]; issues: Issue[] } {
  void tables;
  void settings;
  return { period: "", kpis: [], issues: [] };
}
