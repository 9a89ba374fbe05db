/**
 * A chart drawn for the committee report: the picture as SVG, its size, and its alt text (a title,
 * and a description that states every number the chart shows).
 *
 * @example
 * { title: "Measures by status and group", description: "Contract measures: 3 outside tolerance, ...",
 *   svg: "<svg ...>", width: 600, height: 260 }
 */
export interface ReportChart {
  /** The alt text's title, also drawn at the top of the chart. */
  title: string;
  /** The alt text's description: what the chart shows, with all its numbers. */
  description: string;
  /** The chart as an SVG document. */
  svg: string;
  /** Size in CSS pixels (96 to the inch). */
  width: number;
  height: number;
}
