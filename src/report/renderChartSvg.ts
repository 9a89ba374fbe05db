import * as echarts from "echarts";

/** The charts' font: Arial where the reader has it, else a metric-compatible or plain sans-serif. */
export const CHART_FONT = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

/**
 * The font for the status symbols (✖ ▲ ✔) alone: a font that has them, so a renderer that
 * falls back glyph by glyph does not pick a bold or serif face for them.
 */
export const SYMBOL_FONT = "'Segoe UI Symbol', 'DejaVu Sans', 'Apple Symbols', sans-serif";

/**
 * Draws an Apache ECharts option as an SVG document, with ECharts' server-side renderer: no DOM,
 * so the same code runs in Node (the CLI) and in the browser (the task pane). Animation is off
 * and the text is in `CHART_FONT`.
 *
 * @example
 * renderChartSvg({ xAxis: { type: "category", data: ["A"] }, yAxis: { type: "value" },
 *   series: [{ type: "bar", data: [3] }] }, 600, 300) // "<svg width=\"600\" ..."
 */
export function renderChartSvg(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
