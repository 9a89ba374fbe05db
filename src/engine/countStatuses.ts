import type { KpiResult, StatusCounts } from "./KpiResult";

/**
 * Counts statuses by group, by service area and in total, with percentages of those reported,
 * plus the seeds' summary lines ("Contract measures: 4 better than target, ...").
 * STUB: owned by the KPI-engine work.
 */
export function countStatuses(kpis: KpiResult[]): {
  groups: StatusCounts[];
  serviceAreas: StatusCounts[];
  total: StatusCounts;
  summaryLines: string[];
} {
  void kpis;
  throw new Error("countStatuses: not implemented yet");
}
