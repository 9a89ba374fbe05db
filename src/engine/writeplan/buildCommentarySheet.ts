import type { SheetGrid } from "../Grid";
import type { Issue } from "../Issue";
import type { KpiResult, KpiStatus } from "../kpi/KpiResult";
import { kpiSentence } from "../kpi/kpiSentence";
import { measureKey } from "../kpi/measureKey";
import { RAG_PALETTE } from "./ragPalette";
import { directionLabel, STATUS_ORDER, statusLabel } from "../kpi/statusLabel";
import { unitNumberFormat } from "../cells/unitNumberFormat";
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

const WRAP: CellStyle = { wrap: true };
const NO_IDENTITY = { primary: "", secondary: "", sheet: "" };

/** The two columns that identify a KPI row (group tells duplicates apart). */
export const KPI_KEY_HEADERS: [string, string] = ["Group", "Measure"];

/**
 * Builds the KPI Commentary sheet: every KPI ordered by exception (outside tolerance first, then
 * within, better, and the unscored), with target, tolerance and actual as numbers in their own
 * number formats (or the officer's text where a number would lose it: "<1%", "Annual", "N/A"), status and trend in words with a symbol, the automatic sentence, and the
 * officers' commentary carried over from the last run.
 *
 * @example
 * buildCommentarySheet({ name: "KPI Commentary", period: "Q4", kpis }).sheet.cells
 */
export function buildCommentarySheet(input: CommentarySheetInput): { sheet: SheetWrite; issues: Issue[] } {
  const ordered = orderByException(input.kpis);
  // Styles are shared between cells (hosts only read them): one per number format and status.
  const formats = new Map<string, CellStyle>();
  const numberStyle = (fmt: string): CellStyle => {
    let style = formats.get(fmt);
    if (!style) formats.set(fmt, (style = { numberFormat: fmt }));
    return style;
  };
  // Rows share their styles array when they style alike (few combinations over many rows):
  // by number format, then by which numbers are present and the status.
  const rowStyles = new Map<string, Map<number, CommentaryRow["styles"]>>();
  const stylesOf = (k: KpiResult, fmt: string): CommentaryRow["styles"] => {
    let byShape = rowStyles.get(fmt);
    if (!byShape) rowStyles.set(fmt, (byShape = new Map()));
    const key =
      (k.target === null ? 0 : 1) +
      (k.tolerance === null ? 0 : 2) +
      (k.actual === null ? 0 : 4) +
      (k.actual === null && k.actualText ? 1000 : 0) +
      8 * STATUS_ORDER.indexOf(k.status);
    let styles = byShape.get(key);
    if (!styles) {
      const style = numberStyle(fmt);
      styles = [
        undefined,
        WRAP,
        k.target === null ? undefined : style,
        k.tolerance === null ? undefined : style,
        k.actual !== null ? style : k.actualText ? WRAP : undefined,
        statusStyle(k.status),
        undefined,
        WRAP,
      ];
      byShape.set(key, styles);
    }
    return styles;
  };
  // Identities only match rows against last run's sheet: none to match, no need to work them out.
  const identities = input.old
    ? ordered.map((k) => ({ primary: measureKey(k.measure), secondary: measureKey(k.group), sheet: k.sheet }))
    : ordered.map(() => NO_IDENTITY);
  // Each row is made as it is written (100,000 KPIs are not held as rows and as cells at once).
  const row = (i: number): CommentaryRow => {
    const k = ordered[i];
    const fmt = unitNumberFormat(k.unit, [k.target, k.tolerance, k.actual]);
    // The officer's own text where a number would lose it ("<1%", "Annual", "N/A"); a blank stays blank.
    const target = k.target ?? k.targetText ?? (k.status === "target-tbc" ? "TBC" : null);
    const actual = k.actualText !== undefined ? shortText(k.actualText) : k.actual;
    return {
      values: [
        k.group,
        k.measure,
        target,
        k.tolerance,
        actual,
        statusLabel(k.status),
        directionLabel(k) || null,
        kpiSentence(k),
      ],
      styles: stylesOf(k, fmt),
      identity: identities[i],
      // A row with no value cell for the period (actualCell "") points at its whole sheet row.
      source: [k.sheet, "!", k.actualCell || `${k.row}:${k.row}`].join(""),
    };
  };
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
    rows: { identities, row },
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
  // A stable bucket per status: the same order as a stable sort by rank, in one pass.
  const buckets: KpiResult[][] = STATUS_ORDER.map(() => []);
  const unknown: KpiResult[] = [];
  for (const k of kpis) (buckets[STATUS_ORDER.indexOf(k.status)] ?? unknown).push(k);
  const out = unknown;
  for (const bucket of buckets) for (const k of bucket) out.push(k);
  return out;
}

/** The status cell's fill, matching the RAG colours on the user's sheets (the words carry the meaning). */
export function statusStyle(status: KpiStatus): CellStyle | undefined {
  if (status !== "better" && status !== "within" && status !== "outside" && status !== "no-data")
    return undefined;
  return STATUS_STYLES[status];
}

const STATUS_STYLES = {
  better: { fill: RAG_PALETTE.better.fill, fontColor: RAG_PALETTE.better.font },
  within: { fill: RAG_PALETTE.within.fill, fontColor: RAG_PALETTE.within.font },
  outside: { fill: RAG_PALETTE.outside.fill, fontColor: RAG_PALETTE.outside.font },
  "no-data": { fill: RAG_PALETTE["no-data"].fill, fontColor: RAG_PALETTE["no-data"].font },
} satisfies Record<string, CellStyle>;

/** Longest officer text shown in the Actual column; the whole text is in the automatic sentence. */
const ACTUAL_TEXT_MAX = 40;

/**
 * An officer's text as the Actual column shows it: long notes are cut at a word with "…".
 * @example shortText("This data is not reportable. Unlike Child Protection Reviews ...") === "This data is not reportable. Unlike…"
 */
export function shortText(text: string): string {
  if (text.length <= ACTUAL_TEXT_MAX) return text;
  const cut = text.slice(0, ACTUAL_TEXT_MAX - 1);
  const atWord = cut.lastIndexOf(" ");
  return `${(atWord > ACTUAL_TEXT_MAX / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}
