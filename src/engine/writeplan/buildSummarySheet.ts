import { formatMoney } from "../finance/formatMoney";
import { buildCharts } from "./buildCharts";
import { chartPageBreaks } from "./chartPageBreaks";
import { createSheetBuilder, PARAGRAPH_WIDTH, STYLES } from "./createSheetBuilder";
import type { KpiResult, StatusCounts } from "../kpi/KpiResult";
import { RAG_PALETTE } from "./ragPalette";
import type { ScoreResult } from "../ScoreResult";
import type { Settings } from "../Settings";
import { statusLabel, trendLabel } from "../kpi/statusLabel";
import { unitNumberFormat } from "../cells/unitNumberFormat";
import type { CellStyle, ChartWrite, SheetWrite } from "./WritePlan";

/** What the Scorecard Summary sheet is built from. */
export interface SummarySheetInput {
  name: string;
  result: ScoreResult;
  settings: Pick<Settings, "threshold">;
  /** Names of our other sheets, to point readers at them. */
  commentaryName: string;
  narrativeName: string;
}

/** The counts table's status columns, in the seed's order (seed 000 §13), with their fields. */
export const COUNT_COLUMNS: { header: string; field: keyof StatusCounts & string }[] = [
  { header: "Outside target range", field: "outside" },
  { header: "Within target range", field: "within" },
  { header: "Better than target", field: "better" },
  { header: "No data", field: "noData" },
  { header: "No target", field: "noTarget" },
  { header: "Target TBC", field: "targetTbc" },
  { header: "Not yet due", field: "notDue" },
];

/** Width of column A (names, labels, sentences), in characters. */
const NAME_WIDTH = 36;
/** Width of each column of counts and figures: its header wraps. */
const FIGURE_WIDTH = 11;
/** Figure columns always printed: with column A, at least `PARAGRAPH_WIDTH` wide. */
const MIN_FIGURE_COLS = Math.ceil((PARAGRAPH_WIDTH - NAME_WIDTH) / FIGURE_WIDTH);

/** A group or service area name: wrapped, so a long one is not cut off by the counts beside it. */
const NAME_STYLE: CellStyle = { wrap: true };
const COUNT_STYLE: CellStyle = { numberFormat: "0" };

/** Signed whole percentage, "+3%" / "-14%", as a number format. */
export const SIGNED_PERCENT_FORMAT = "+0%;-0%;0%";

/** Signed whole percentage points, "+6 pts" / "-2 pts", as a number format. */
export const SIGNED_POINTS_FORMAT = '+0" pts";-0" pts";0" pts"';

/**
 * The demand table's band over its change columns, naming what they hold; short enough to sit
 * over the two columns (each change cell shows its own "%" or "pts").
 * @example changeBand(0, 3) === "% change against…"
 */
export function changeBand(percents: number, all: number): string {
  if (percents === 0) return "% change against…";
  if (percents === all) return "Points change against…";
  return "Change against…";
}

/**
 * A percentage's change in percentage points (fractions in, points out), rounded off float noise.
 * @example pointsChange(0.93, 0.87) === 6
 */
export function pointsChange(now: number | null, old: number | null): number | null {
  if (now === null || old === null) return null;
  return Math.round((now - old) * 100 * 1e6) / 1e6;
}

/**
 * Builds the Scorecard Summary sheet, laid out like the seeds' reports: the period scored; the
 * "N of M reported are within or better than target (x%)" sentence; counts by service area and by
 * group × status with a Total row and a percentage row (seed 000 §13); trend counts; the demand
 * table of measures without targets with their change on the previous quarter and the same
 * quarter last year (seed 000 §17); the summary lines; the finance headlines; and, below, the
 * native charts of statuses by group and of variances over the threshold with the figures they
 * are drawn from (`buildCharts`), on pages of their own (`chartPageBreaks`). Numbers are written
 * as numbers with number formats.
 *
 * @example
 * const { sheet, charts } = buildSummarySheet({ name: "Scorecard Summary", result, settings, commentaryName, narrativeName });
 */
export function buildSummarySheet(input: SummarySheetInput): { sheet: SheetWrite; charts: ChartWrite[] } {
  const { result } = input;
  const b = createSheetBuilder("summary", input.name);
  let widestTable = 0; // columns of the widest table written
  const label = (c: number): CellStyle | undefined => (c === 0 ? STYLES.label : undefined);
  b.row(["Scorecard Summary"], STYLES.title);
  b.row(["Period scored", result.period], label);
  b.gap();

  // Performance against target.
  b.row(["Performance against target"], STYLES.title);
  const groups = result.counts.filter((c) => c.dimension !== "total");
  const total = result.counts.find((c) => c.dimension === "total") ?? sumCounts(groups);
  b.paragraph(reportedSentence(total));
  // The key runs down column A, which is wide enough for every label (across the narrow count
  // columns, LibreOffice cut them off: "✔ Better than tar").
  b.row(["Colours on your sheets:"], STYLES.note);
  for (const s of ["better", "within", "outside", "no-data"] as const)
    b.row([statusLabel(s)], { fill: RAG_PALETTE[s].fill, fontColor: RAG_PALETTE[s].font });
  // Rows without a service area (no such column) are left out; with none at all, so is the table.
  const serviceAreas = result.serviceAreaCounts.filter(
    (c) => c.dimension !== "total" && c.group.trim() !== "",
  );
  if (serviceAreas.length > 0) {
    b.gap();
    countsTable("Service area", serviceAreas, sumCounts(serviceAreas));
  }
  if (groups.length > 0) {
    b.gap();
    countsTable("Group", groups, total);
  }

  // Direction of travel.
  // Counted in one pass (no filtered copies of 100,000s of results).
  const trends = { improving: 0, stable: 0, declining: 0, unknown: 0, scored: 0 };
  for (const k of result.kpis) {
    if (k.status === "no-target") continue;
    trends.scored++;
    // Improving/declining only where the polarity is known; an assumed one is "Not known".
    if (k.polaritySource === "assumed") trends.unknown++;
    else if (k.trend === "improving") trends.improving++;
    else if (k.trend === "stable") trends.stable++;
    else if (k.trend === "declining") trends.declining++;
    else if (k.trend === null) trends.unknown++;
  }
  if (trends.scored > 0) {
    b.gap();
    b.row(["Direction of travel against the previous period"], STYLES.title);
    b.row(
      ["Measures", trendLabel("improving"), trendLabel("stable"), trendLabel("declining"), "Not known"],
      STYLES.header,
    );
    b.row(["With a target", trends.improving, trends.stable, trends.declining, trends.unknown], (c) =>
      c === 0 ? STYLES.label : { numberFormat: "0" },
    );
  }

  demandTables(result.kpis.filter((k) => k.status === "no-target"));

  if (result.summaryLines.length > 0) {
    b.gap();
    b.row(["Summary"], STYLES.title);
    for (const line of result.summaryLines) b.paragraph(line);
  }

  if (result.financeHeadlines.length > 0 || result.variances.length > 0) {
    b.gap();
    b.row(["Finance"], STYLES.title);
    for (const h of result.financeHeadlines) b.paragraph(h.sentence);
    const flagged = result.variances.filter((v) => v.overThreshold && !v.isTotal).length;
    const what = flagged === 1 ? "heading or line varies" : "headings or lines vary";
    b.paragraph(
      `${flagged} ${what} from budget by ${formatMoney(input.settings.threshold)} or more: see "${input.narrativeName}".`,
    );
  }
  b.gap();
  b.paragraph(`Each measure's status, trend and commentary: see "${input.commentaryName}".`, STYLES.note);
  const { charts, rows: chartRows } = buildCharts(b, {
    sheet: input.name,
    result,
    threshold: input.settings.threshold,
  });

  // Column A holds names and sentences; the others counts and figures. Enough columns print for
  // a sentence of PARAGRAPH_WIDTH, and the widest table.
  const figureCols = Math.max(MIN_FIGURE_COLS, widestTable - 1);
  const columnWidths = [NAME_WIDTH, ...new Array<number>(figureCols).fill(FIGURE_WIDTH)];
  const sheet = b.done({
    columnWidths,
    freezeRows: 0,
    editableCols: [],
    print: { title: "Scorecard Summary", period: result.period, lastCol: figureCols, titleRows: null },
  });
  // The charts start a page, each whole, and so does their data.
  if (chartRows && sheet.pageSetup)
    sheet.pageSetup.rowBreaks = chartPageBreaks(chartRows, sheet.rowHeights ?? [], sheet.pageSetup);
  return { sheet, charts };

  function countsTable(dimension: string, rows: StatusCounts[], totals: StatusCounts): void {
    widestTable = Math.max(widestTable, COUNT_COLUMNS.length + 2);
    b.row([dimension, ...COUNT_COLUMNS.map((c) => c.header), "Total"], STYLES.header);
    const line = (name: string, c: StatusCounts, style?: CellStyle): void => {
      const counts = COUNT_COLUMNS.map((col) => c[col.field] as number);
      b.row([name, ...counts, counts.reduce((a, x) => a + x, 0)], (i) =>
        i === 0 ? style : style === NAME_STYLE ? COUNT_STYLE : { numberFormat: "0", ...(style ?? {}) },
      );
    };
    for (const r of rows) line(r.group, r, NAME_STYLE);
    line("Total", totals, { bold: true });
    const all = COUNT_COLUMNS.reduce((a, col) => a + (totals[col.field] as number), 0);
    b.row(
      [
        "% of all measures",
        ...COUNT_COLUMNS.map((col) => (all ? (totals[col.field] as number) / all : null)),
      ],
      (i) => (i === 0 ? STYLES.label : { numberFormat: "0.0%" }),
    );
  }

  function demandTables(demand: KpiResult[]): void {
    if (demand.length === 0) return;
    b.gap();
    b.row(["Demand and context measures (no target)"], STYLES.title);
    const byTable = new Map<string, KpiResult[]>();
    for (const k of demand) {
      const list = byTable.get(k.tableId);
      if (list) list.push(k);
      else byTable.set(k.tableId, [k]); // (copying the list per KPI was quadratic)
    }
    for (const kpis of byTable.values()) {
      const labels: string[] = [];
      for (const k of kpis) for (const r of k.recent) if (!labels.includes(r.label)) labels.push(r.label);
      const percents = kpis.filter((k) => k.unit.kind === "percent").length;
      const band: (string | null)[] = [
        null,
        ...labels.map(() => null),
        changeBand(percents, kpis.length),
        null,
      ];
      b.row(band, (c) => (c === labels.length + 1 ? STYLES.label : undefined));
      widestTable = Math.max(widestTable, labels.length + 3);
      b.row(["Demand measure", ...labels, "Previous quarter", "Same quarter last year"], STYLES.header);
      for (const k of kpis) {
        const values = labels.map((l) => k.recent.find((r) => r.label === l)?.value ?? null);
        const history: CellStyle = { numberFormat: unitNumberFormat(k.unit, values) };
        // Percentages change in points (87% → 93% is "+6 pts"), as the commentary says; counts in %.
        const points = k.unit.kind === "percent";
        const change: CellStyle = { numberFormat: points ? SIGNED_POINTS_FORMAT : SIGNED_PERCENT_FORMAT };
        const changes = points
          ? [pointsChange(k.actual, k.previous), pointsChange(k.actual, k.yearAgo)]
          : [k.changeVsPrevious, k.changeVsYearAgo];
        b.row([k.measure, ...values, ...changes], (c) =>
          c === 0 ? { wrap: true } : c <= labels.length ? history : change,
        );
      }
    }
  }
}

/**
 * The seeds' sentence from a total count.
 * @example reportedSentence({ better: 11, within: 6, outside: 4, ... }) === "17 of 21 reported are within or better than target (81%)."
 */
export function reportedSentence(c: Pick<StatusCounts, "better" | "within" | "outside">): string {
  const m = c.better + c.within + c.outside;
  if (m === 0) return "No measure was reported against a target this period.";
  const n = c.better + c.within;
  return `${n} of ${m} reported are within or better than target (${Math.round((n / m) * 100)}%).`;
}

/**
 * Adds up count rows into a total row (`reported` included; percentages and sentence left empty).
 * @example sumCounts([contract, partnership]).outside === contract.outside + partnership.outside
 */
export function sumCounts(rows: StatusCounts[]): StatusCounts {
  const t: StatusCounts = {
    group: "Total",
    better: 0,
    within: 0,
    outside: 0,
    noData: 0,
    noTarget: 0,
    targetTbc: 0,
    notDue: 0,
    dimension: "total",
    reported: 0,
    pctBetter: null,
    pctWithin: null,
    pctOutside: null,
    sentence: "",
  };
  for (const r of rows) for (const col of COUNT_COLUMNS) (t[col.field] as number) += r[col.field] as number;
  t.reported = t.better + t.within + t.outside;
  return t;
}
