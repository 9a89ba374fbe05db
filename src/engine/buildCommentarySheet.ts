import type { SheetGrid } from "./Grid";
import type { Issue } from "./Issue";
import type { KpiResult, KpiStatus } from "./KpiResult";
import { kpiSentence } from "./kpiSentence";
import { measureKey } from "./measureKey";
import { RAG_PALETTE } from "./ragPalette";
import { STATUS_ORDER, statusLabel, trendLabel } from "./statusLabel";
import { unitNumberFormat } from "./unitNumberFormat";
import type { CellStyle, SheetWrite } from "./WritePlan";
import { writeCommentarySheet, type CommentaryRow } from "./writeCommentarySheet";

/** What the KPI Commentary sheet is built from. */
export interface CommentarySheetInput {
  name: string;
  period: string;
  kpis: KpiResult[];
  /** Our KPI Commentary sheet from last run, for carrying officer commentary. */
  old?: SheetGrid;
  lastPeriod?: string;
}

/** The two columns that identify a KPI row (group tells duplicates apart). */
export const KPI_KEY_HEADERS: [string, string] = ["Group", "Measure"];

/**
 * Builds the KPI Commentary sheet: every KPI ordered by exception (outside tolerance first, then
 * within, better, and the unscored), with target, tolerance and actual as numbers in their own
 * number formats, status and trend in words with a symbol, the automatic sentence, and the
 * officers' commentary carried over from the last run.
 *
 * @example
 * buildCommentarySheet({ name: "KPI Commentary", period: "Q4", kpis }).sheet.cells
 */
export function buildCommentarySheet(input: CommentarySheetInput): { sheet: SheetWrite; issues: Issue[] } {
  const ordered = orderByException(input.kpis);
  const rows: CommentaryRow[] = ordered.map((k) => {
    const fmt = unitNumberFormat(k.unit, [k.target, k.tolerance, k.actual]);
    const num = (v: number | null): CellStyle | undefined => (v === null ? undefined : { numberFormat: fmt });
    const target = k.target ?? (k.status === "target-tbc" ? "TBC" : null);
    const actual = k.actual ?? (k.reason?.trim() || null);
    return {
      values: [
        k.group,
        k.measure,
        target,
        k.tolerance,
        actual,
        statusLabel(k.status),
        trendLabel(k.trend) || null,
        kpiSentence(k),
      ],
      styles: [
        undefined,
        { wrap: true },
        num(k.target),
        num(k.tolerance),
        num(k.actual),
        statusStyle(k.status),
        undefined,
        { wrap: true },
      ],
      identity: { primary: measureKey(k.measure), secondary: measureKey(k.group), sheet: k.sheet },
      source: `${k.sheet}!${k.actualCell}`,
    };
  });
  return writeCommentarySheet({
    role: "commentary",
    name: input.name,
    title: "KPI Commentary",
    period: input.period,
    intro: [
      "Ordered by exception: outside tolerance first, then within tolerance, better than target, and measures not scored.",
      "Type in the Officer commentary column: your text is kept with its measure every time the workbook is scored.",
    ],
    keyHeaders: KPI_KEY_HEADERS,
    identify: ([group, measure]) => ({ primary: measureKey(measure), secondary: measureKey(group) }),
    columns: [
      { header: "Group", width: 22 },
      { header: "Measure", width: 44 },
      { header: "Target", width: 11 },
      { header: "Tolerance", width: 11 },
      { header: "Actual", width: 14 },
      { header: "Status", width: 24 },
      { header: "Trend", width: 14 },
      { header: "Automatic commentary", width: 60 },
    ],
    rows,
    emptyLine: "No KPI tables were found in this workbook.",
    old: input.old,
    lastPeriod: input.lastPeriod,
  });
}

/**
 * KPIs in the order the seeds report them: by status (outside, within, better, no data, target
 * TBC, not yet due, no target), keeping the workbook's order within a status.
 * @example orderByException(kpis).map((k) => k.status) // ["outside", "outside", "within", ...]
 */
export function orderByException(kpis: KpiResult[]): KpiResult[] {
  const rank = (s: KpiStatus): number => STATUS_ORDER.indexOf(s);
  return kpis
    .map((k, i) => ({ k, i }))
    .sort((a, b) => rank(a.k.status) - rank(b.k.status) || a.i - b.i)
    .map((x) => x.k);
}

/** The status cell's fill, matching the RAG colours on the user's sheets (the words carry the meaning). */
export function statusStyle(status: KpiStatus): CellStyle | undefined {
  if (status !== "better" && status !== "within" && status !== "outside" && status !== "no-data")
    return undefined;
  return { fill: RAG_PALETTE[status].fill, fontColor: RAG_PALETTE[status].font };
}
