import type { SheetGrid } from "../Grid";
import type { Issue } from "../Issue";
import type { KpiResult, KpiStatus } from "../kpi/KpiResult";
import { kpiSentence } from "../kpi/kpiSentence";
import { measureKey } from "../kpi/measureKey";
import { RAG_PALETTE } from "./ragPalette";
import {
  directionLabel,
  STATUS_CHANGE_KEY,
  statusChangeWords,
  STATUS_ORDER,
  statusLabel,
  TREND_KEY,
} from "../kpi/statusLabel";
import { fromA1 } from "../cells/toA1";
import { unitNumberFormat } from "../cells/unitNumberFormat";
import type { CellStyle, PlanCell, SheetWrite } from "./WritePlan";
import { writeCommentarySheet, type CommentaryRow } from "./writeCommentarySheet";

/** What the KPI Commentary sheet is built from. */
export interface CommentarySheetInput {
  name: string;
  period: string;
  kpis: KpiResult[];
  /** Our KPI Commentary sheet from last run, for carrying officer commentary. */
  old?: SheetGrid;
  lastPeriod?: string;
  /**
   * The workbook's sheets, for showing targets, tolerances and actuals as the officer's cells hold
   * them, in their own number formats. Without them the scored figures are shown.
   */
  sheets?: readonly SheetGrid[];
}

const WRAP: CellStyle = { wrap: true };
const NO_IDENTITY = { primary: "", secondary: "", sheet: "" };

/** The two columns that identify a KPI row (group tells duplicates apart). */
export const KPI_KEY_HEADERS: [string, string] = ["Group", "Measure"];

/** The KPI Commentary's columns before the officer's, with their widths for print. */
export const COMMENTARY_COLUMNS = [
  { header: "Group", width: 15, min: 14 },
  { header: "Measure", width: 28, min: 16 },
  { header: "Polarity", width: 10 },
  { header: "Target", width: 9 },
  { header: "Tolerance", width: 11 },
  { header: "Actual", width: 10 },
  { header: "Status", width: 12 },
  { header: "Change of status", width: 13, min: 11 },
  { header: "Trend", width: 10 },
  { header: "Automatic commentary", width: 32, min: 20 },
];

/**
 * Builds the KPI Commentary sheet: every KPI ordered by exception (outside tolerance first, then
 * within, better, and the unscored), with the polarity in words ("Lower is better"); target,
 * tolerance and actual as the officer's cells hold them, in their own number formats (a tolerance
 * equal to the target included; the officer's text where a number would lose it: "<1%", "Annual",
 * "N/A"); status in words with a symbol; the change of status since the previous period, scored by
 * the same rules ("Worsened: was within tolerance, now outside"); the trend in one vocabulary with
 * its key above the table; the automatic sentence, giving the rule that decided the status; and
 * the officers' commentary carried over from the last run.
 *
 * @example
 * buildCommentarySheet({ name: "KPI Commentary", period: "Q4", kpis, sheets: workbook.sheets }).sheet.cells
 */
export function buildCommentarySheet(input: CommentarySheetInput): { sheet: SheetWrite; issues: Issue[] } {
  const ordered = orderByException(input.kpis);
  const grids = new Map<string, SheetGrid>();
  for (const g of input.sheets ?? []) grids.set(g.name, g);
  // Styles are shared between cells (hosts only read them): one per number format, one per status.
  const formats = new Map<string, CellStyle>();
  const numberStyle = (fmt: string): CellStyle => {
    let style = formats.get(fmt);
    if (!style) formats.set(fmt, (style = { numberFormat: fmt }));
    return style;
  };
  // Rows share their styles array when they style alike (few combinations over many rows).
  const rowStyles = new Map<string, CommentaryRow["styles"]>();
  // The last row's styles, which most rows share (rows come ordered by status; styles are shared objects).
  let last: { target?: CellStyle; tolerance?: CellStyle; actual?: CellStyle; status?: KpiStatus } = {};
  let lastStyles: CommentaryRow["styles"] = [];
  const stylesOf = (
    target: CellStyle | undefined,
    tolerance: CellStyle | undefined,
    actual: CellStyle | undefined,
    status: KpiStatus,
  ): CommentaryRow["styles"] => {
    if (
      last.target === target &&
      last.tolerance === tolerance &&
      last.actual === actual &&
      last.status === status
    )
      return lastStyles;
    last = { target, tolerance, actual, status };
    lastStyles = stylesByKey(target, tolerance, actual, status);
    return lastStyles;
  };
  const stylesByKey = (
    target: CellStyle | undefined,
    tolerance: CellStyle | undefined,
    actual: CellStyle | undefined,
    status: KpiStatus,
  ): CommentaryRow["styles"] => {
    const key = `${target?.numberFormat ?? (target ? "w" : "")}\u0000${tolerance?.numberFormat ?? (tolerance ? "w" : "")}\u0000${actual?.numberFormat ?? (actual ? "w" : "")}\u0000${status}`;
    let styles = rowStyles.get(key);
    if (!styles) {
      styles = [WRAP, WRAP, WRAP, target, tolerance, actual, statusStyle(status), WRAP, WRAP, WRAP];
      rowStyles.set(key, styles);
    }
    return styles;
  };
  // The style of the figure `figure` returned last (no pair is made per cell: 100,000s of rows).
  let figureStyle: CellStyle | undefined;
  /** A figure, its style in `figureStyle`: the officer's cell where there is one, else the scored value. */
  const figure = (
    grid: SheetGrid | undefined,
    cell: string | undefined,
    scored: PlanCell["value"],
    fmt: string,
  ): PlanCell["value"] => {
    // What `officerFigure` gives, read in place.
    const at = grid && cell ? fromA1(cell) : undefined;
    const r = at ? at.row - grid!.originRow : -1;
    const c = at ? at.col - grid!.originCol : -1;
    const own = at ? grid!.values[r]?.[c] : undefined;
    if (typeof own === "number" && Number.isFinite(own)) {
      figureStyle = numberStyle(grid!.formats[r]?.[c] || "General");
      return own;
    }
    if (typeof own === "boolean") {
      figureStyle = WRAP;
      return own;
    }
    if (typeof own === "string") {
      const text = UNTIDY_RE.test(own) ? own.replace(/\s+/g, " ").trim() : own;
      if (text) {
        figureStyle = WRAP;
        return shortText(text);
      }
    }
    if (typeof scored === "number") {
      figureStyle = numberStyle(fmt);
      return scored;
    }
    figureStyle = scored === null ? undefined : WRAP;
    return scored;
  };
  // Identities only match rows against last run's sheet: none to match, no need to work them out.
  const identities = input.old
    ? ordered.map((k) => ({ primary: measureKey(k.measure), secondary: measureKey(k.group), sheet: k.sheet }))
    : ordered.map(() => NO_IDENTITY);
  const figures: (number | null)[] = [null, null, null]; // reused: read by `unitNumberFormat` only
  // Each row is made as it is written (100,000 KPIs are not held as rows and as cells at once).
  const row = (i: number): CommentaryRow => {
    const k = ordered[i];
    figures[0] = k.target;
    figures[1] = k.tolerance;
    figures[2] = k.actual;
    const fmt = unitNumberFormat(k.unit, figures);
    const grid = grids.get(k.sheet);
    // The officer's own text where a number would lose it ("<1%", "Annual", "N/A"); a blank stays blank.
    const target = figure(
      grid,
      k.targetCell,
      k.target ?? k.targetText ?? (k.status === "target-tbc" ? "TBC" : null),
      fmt,
    );
    const targetStyle = figureStyle;
    const tolerance = figure(grid, k.toleranceCell, k.tolerance, fmt);
    const toleranceStyle = figureStyle;
    // A qualified or worded actual ("<1%", "N/A", a note) is shown as typed, in the scored period's cell.
    let actual: PlanCell["value"];
    let actualStyle: CellStyle | undefined;
    if (k.actualText !== undefined) {
      actual = shortText(k.actualText);
      actualStyle = WRAP;
    } else {
      actual = figure(grid, k.actualCell || undefined, k.actual, fmt);
      actualStyle = figureStyle;
    }
    return {
      values: [
        k.group,
        k.measure,
        polarityWords(k),
        target,
        tolerance,
        actual,
        statusLabel(k.status),
        changeWords(k.previousStatus, k.status),
        directionLabel(k) || null,
        kpiSentence(k),
      ],
      styles: stylesOf(targetStyle, toleranceStyle, actualStyle, k.status),
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
      "Ordered by exception: outside tolerance first, then within tolerance, better than target, and measures not scored. Target, tolerance and actual are shown as your sheets hold them.",
      TREND_KEY,
      STATUS_CHANGE_KEY,
      "Type in the Officer commentary column: your text is kept with its measure every time the workbook is scored.",
    ],
    keyHeaders: KPI_KEY_HEADERS,
    identify: ([group, measure]) => ({ primary: measureKey(measure), secondary: measureKey(group) }),
    columns: COMMENTARY_COLUMNS,
    rows: { identities, row },
    emptyLine: "No KPI tables were found in this workbook.",
    old: input.old,
    lastPeriod: input.lastPeriod,
  });
}

/**
 * A KPI's polarity in words: "Higher is better", "Lower is better", with "(assumed)" where
 * nothing in the workbook said which.
 * @example polarityWords({ polarity: "lower", polaritySource: "column" }) === "Lower is better"
 */
export function polarityWords(k: Pick<KpiResult, "polarity" | "polaritySource">): string {
  const assumed = k.polaritySource === "assumed";
  if (k.polarity === "lower") return assumed ? "Lower is better (assumed)" : "Lower is better";
  return assumed ? "Higher is better (assumed)" : "Higher is better";
}

/** Text that `replace(/\s+/g, " ").trim()` would change. */
const UNTIDY_RE = /\s\s|[^\S ]|^\s|\s$/;

/** `statusChangeWords(...) || null`, one string per pair of statuses (shared by 100,000s of rows). */
function changeWords(previous: KpiStatus | null | undefined, now: KpiStatus): string | null {
  if (!previous) return null;
  let byNow = CHANGE_WORDS.get(previous);
  if (!byNow) CHANGE_WORDS.set(previous, (byNow = new Map()));
  let words = byNow.get(now);
  if (words === undefined) byNow.set(now, (words = statusChangeWords(previous, now) || null));
  return words;
}
/** By previous status, then by status now. */
const CHANGE_WORDS = new Map<KpiStatus, Map<KpiStatus, string | null>>();

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

/** The status cell's style: wrapped, with the RAG colours of the user's sheets (the words carry the meaning). */
export function statusStyle(status: KpiStatus): CellStyle {
  if (status !== "better" && status !== "within" && status !== "outside" && status !== "no-data") return WRAP;
  return STATUS_STYLES[status];
}

// Wrapped, so a status never runs into the next column.
const STATUS_STYLES = {
  better: { fill: RAG_PALETTE.better.fill, fontColor: RAG_PALETTE.better.font, wrap: true },
  within: { fill: RAG_PALETTE.within.fill, fontColor: RAG_PALETTE.within.font, wrap: true },
  outside: { fill: RAG_PALETTE.outside.fill, fontColor: RAG_PALETTE.outside.font, wrap: true },
  "no-data": { fill: RAG_PALETTE["no-data"].fill, fontColor: RAG_PALETTE["no-data"].font, wrap: true },
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
