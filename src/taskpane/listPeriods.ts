import type { KpiTable } from "../engine/kpi/KpiTable";
import type { Period } from "../engine/periods/Period";

/**
 * The KPI period labels a workbook can be scored for, latest first, each once. Tables run oldest
 * to latest, so a period's place is its distance from its table's last period column; ties are
 * broken by date where the header gives a year. Finance tables' periods ("Quarter 3") are not
 * listed: a period choice picks KPI period columns only.
 *
 * @example listPeriods([kpiWith("Q1", "Q2", "Q3")]) // ["Q3", "Q2", "Q1"]
 */
export function listPeriods(kpiTables: KpiTable[]): string[] {
  const best = new Map<string, { rank: number; when: number | null; order: number }>();
  const note = (p: Period, rank: number) => {
    const seen = best.get(p.label);
    if (!seen || rank < seen.rank)
      best.set(p.label, { rank, when: when(p), order: seen?.order ?? best.size });
  };
  for (const t of kpiTables) {
    const periods = t.columns.periods;
    periods.forEach((c, i) => note(c.period, periods.length - 1 - i));
  }
  const fromKpis = [...best.entries()].sort(([, a], [, b]) => {
    if (a.rank !== b.rank) return a.rank - b.rank;
    if (a.when !== null && b.when !== null && a.when !== b.when) return b.when - a.when;
    return a.order - b.order;
  });
  return fromKpis.map(([label]) => label);
}

/** Months since April of year 0 for the period's end, or null when the header has no year. */
function when(p: Period): number | null {
  if (p.fy === null) return null;
  if (p.month !== undefined) return p.fy * 12 + ((p.month + 8) % 12);
  if (p.quarter !== null) return p.fy * 12 + p.quarter * 3 - 1;
  return p.fy * 12 + 11;
}
