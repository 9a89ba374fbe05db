import type { ScoreResult } from "../ScoreResult";
import type { SheetBuilder } from "./createSheetBuilder";
import { STYLES } from "./createSheetBuilder";
import { RAG_PALETTE } from "./ragPalette";
import { statusChartData } from "./statusChartData";
import { varianceChartData, type VarianceChartData } from "./varianceChartData";
import { CHART_NAME_PREFIX, type CellBlock, type ChartWrite } from "./WritePlan";

/** Columns a chart spans: A to F (about 650 pixels with the Summary's widths). */
const CHART_COLS = 6;
/** Rows of the variance chart (about 3.2 inches at the default row height). */
const VARIANCE_ROWS = 18;
/** Most lines a variance chart draws as columns; more go as horizontal bars. */
const MAX_COLUMNS = 5;
/** Rows of the tallest chart: one landscape page holds it with its caption. */
const MAX_CHART_ROWS = 34;

/** Rows a variance chart of `lines` lines covers: taller for horizontal bars, a page at most. */
function varianceRows(lines: number): number {
  if (lines <= MAX_COLUMNS) return VARIANCE_ROWS;
  return Math.min(MAX_CHART_ROWS, Math.max(VARIANCE_ROWS, 7 + Math.ceil(lines * 2.5)));
}
/** Number format of the variance bars' labels: "£805k under", "£1,234k over". */
export const VARIANCE_LABEL_FORMAT = '"£"#,##0"k under";"£"#,##0"k over";"£0k"';

/** Number format of the variances in the data block, in £000's: "805", "-1,234". */
const THOUSANDS = "#,##0;-#,##0";

/** Where `buildCharts` put things on the sheet (0-based rows), for its page breaks. */
export interface ChartRows {
  /** The "Charts" title. */
  heading: number;
  /** Each chart with its caption, top to bottom: from its first row to its caption's last. */
  blocks: { top: number; bottom: number }[];
  /** The "Chart data" title. */
  data: number;
}

/**
 * Appends the Scorecard Summary's native charts to its builder `b`, from the next free row: a
 * "Charts" title; the bar chart of statuses by group (`statusChartData`, left out when no group has
 * a measure to draw); one column chart of variances at or over the threshold per finance table
 * that has any (`varianceChartData`); each over rows left blank, so no chart covers a written cell,
 * with its alt text written under it. Below them a "Chart data" block per chart, which the charts
 * refer to. Nothing is written, and no chart made, when there is nothing to draw (`rows` null).
 * The data selection is the committee report's. `rows` says where the titles and charts went.
 *
 * @example
 * const { charts, rows } = buildCharts(b, { sheet: "Scorecard Summary", result, threshold: 100_000 });
 * charts.map((c) => c.name) // ["QScorecard chart: statuses", "QScorecard chart: variances 1"]
 */
export function buildCharts(
  b: SheetBuilder,
  input: {
    sheet: string;
    result: Pick<ScoreResult, "counts" | "variances" | "financeHeadlines">;
    threshold: number;
  },
): { charts: ChartWrite[]; rows: ChartRows | null } {
  const status = statusChartData(input.result.counts);
  const variances = varianceChartData(input.result, input.threshold);
  if (!status && variances.length === 0) return { charts: [], rows: null };
  const charts: ChartWrite[] = [];
  b.gap();
  const heading = b.row(["Charts"], STYLES.title);
  const blocks: ChartRows["blocks"] = [];
  // Each chart covers rows left blank; under it, its alt text as a caption (Excel's add-in API
  // cannot set a chart's alt text, so the add-in's charts carry it this way).
  const place = (rows: number, description: string): CellBlock => {
    const top = b.next;
    for (let i = 0; i < rows; i++) b.gap();
    b.paragraph(description, STYLES.note);
    blocks.push({ top, bottom: b.next - 1 });
    b.gap();
    return { top, left: 0, bottom: top + rows - 1, right: CHART_COLS - 1 };
  };
  const statusAnchor = status
    ? place(Math.max(14, 7 + Math.ceil(status.groups.length * 3.5)), status.description)
    : null;
  // Past five lines, columns crowd their labels: horizontal bars give each line a row of its own.
  const horizontal = (v: VarianceChartData) => v.lines.length > MAX_COLUMNS;
  const varianceAnchors = variances.map((v) =>
    place(varianceRows(v.lines.length), horizontal(v) ? v.barDescription : v.description),
  );

  const data = b.row(["Chart data"], STYLES.title);
  b.paragraph("The charts above are drawn from these figures.", STYLES.note);
  if (status && statusAnchor) {
    b.gap();
    const top = b.row([null, ...status.series.map((s) => s.name)], STYLES.header);
    for (const g of status.groups)
      b.row([g.group, ...status.series.map((s) => g[s.field])], (c) =>
        c === 0 ? { wrap: true } : { numberFormat: "0" },
      );
    charts.push({
      name: `${CHART_NAME_PREFIX}statuses`,
      kind: "bar",
      sheet: input.sheet,
      title: status.title,
      description: status.description,
      data: { top, left: 0, bottom: top + status.groups.length, right: status.series.length },
      categories: status.groups.map((g) => g.group),
      series: status.series.map((s) => ({
        name: s.name,
        values: status.groups.map((g) => g[s.field]),
        fill: RAG_PALETTE[s.status].fill,
        line: RAG_PALETTE[s.status].font,
      })),
      anchor: statusAnchor,
      legend: true,
      labelFormat: "0",
      axisTitle: "Measures",
    });
  }
  variances.forEach((v, i) => {
    b.gap();
    b.row([v.table], STYLES.label);
    const series = "Variance (£000's)";
    const top = b.row([null, series], STYLES.header);
    v.lines.forEach((line, j) =>
      b.row([line.name, v.bars[j].value], (c) => (c === 0 ? { wrap: true } : { numberFormat: THOUSANDS })),
    );
    charts.push({
      name: `${CHART_NAME_PREFIX}variances ${i + 1}`,
      kind: horizontal(v) ? "bar" : "column",
      sheet: input.sheet,
      title: v.title,
      description: horizontal(v) ? v.barDescription : v.description,
      data: { top, left: 0, bottom: top + v.lines.length, right: 1 },
      categories: v.lines.map((l) => l.name),
      series: [
        {
          name: series,
          values: v.bars.map((bar) => bar.value),
          // The series' own colours are the underspend's; each bar has its own.
          fill: RAG_PALETTE.better.fill,
          line: RAG_PALETTE.better.font,
          points: v.bars.map((bar) => ({ fill: bar.colours.fill, line: bar.colours.font })),
        },
      ],
      anchor: varianceAnchors[i],
      legend: false,
      labelFormat: VARIANCE_LABEL_FORMAT,
      axisTitle: "£000's",
    });
  });
  return { charts, rows: { heading, blocks, data } };
}
