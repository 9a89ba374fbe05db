import type { StatusCounts } from "../kpi/KpiResult";

/** One status the status chart draws: its status, its count field, and its words. */
export interface StatusSeries {
  status: "outside" | "within" | "better" | "no-data";
  field: "outside" | "within" | "better" | "noData";
  /** In a sentence: "outside tolerance". */
  words: string;
  /** As a series name or legend entry: "Outside tolerance". */
  name: string;
}

/** The statuses the chart draws, worst first (the counts table's order), then no data. */
export const STATUS_SERIES: readonly StatusSeries[] = [
  { status: "outside", field: "outside", words: "outside tolerance", name: "Outside tolerance" },
  { status: "within", field: "within", words: "within tolerance", name: "Within tolerance" },
  { status: "better", field: "better", words: "better than target", name: "Better than target" },
  { status: "no-data", field: "noData", words: "no data", name: "No data" },
];

/** What the chart of statuses by group shows: for the committee report and the Scorecard Summary. */
export interface StatusChartData {
  title: string;
  /** Alt text: what the chart shows, with every number. */
  description: string;
  series: readonly StatusSeries[];
  /** The groups drawn, in the counts' order: those with a measure in any charted status. */
  groups: StatusCounts[];
}

/**
 * The data of the bar chart of statuses by group, shared by the committee report (an image) and
 * the Scorecard Summary (a native chart): one bar per status (outside tolerance, within tolerance,
 * better than target, no data) for each group that has a measure in one of them. Groups whose
 * measures all have no target, a target to be confirmed or are not yet due are left out of the
 * bars and named in the alt text. Null when no group has a measure to draw.
 *
 * @example
 * statusChartData(result.counts)?.description
 * // "Bar chart. Measures by group and status. Contract KPIs: 3 outside tolerance, 2 within tolerance, 7 better than target (12 reported), 1 no data. ..."
 */
export function statusChartData(counts: StatusCounts[]): StatusChartData | null {
  const all = counts.filter((c) => c.dimension === "group");
  const drawn = (c: StatusCounts): number => STATUS_SERIES.reduce((n, s) => n + c[s.field], 0);
  const groups = all.filter((c) => drawn(c) > 0);
  if (groups.length === 0) return null;
  const title = "Measures by group and status";
  const [outside, within, better, noData] = STATUS_SERIES;
  const sentences = groups.map(
    (c) =>
      `${c.group}: ${[outside, within, better].map((s) => `${c[s.field]} ${s.words}`).join(", ")} ` +
      `(${c.reported} reported), ${c[noData.field]} ${noData.words}.`,
  );
  const left = all.filter((c) => drawn(c) === 0).map((c) => c.group);
  if (left.length > 0)
    sentences.push(
      `Not shown, as none of their measures has a target to report against: ${left.join("; ")}.`,
    );
  return { title, description: `Bar chart. ${title}. ${sentences.join(" ")}`, series: STATUS_SERIES, groups };
}
