import { statusLabel } from "../engine/kpi/statusLabel";
import { RAG_PALETTE } from "../engine/writeplan/ragPalette";
import type { StatusChartData, StatusSeries } from "../engine/writeplan/statusChartData";
import { CHART_FONT, renderChartSvg, SYMBOL_FONT } from "./renderChartSvg";
import type { ReportChart } from "./ReportChart";

/** Chart width in CSS pixels: the text width of an A4 page with 2 cm margins is about 640. */
const WIDTH = 620;

/**
 * Draws the bar chart of statuses by group (`statusChartData`: the same data as the Scorecard
 * Summary's native chart): for each group one bar per status (outside tolerance, within
 * tolerance, better than target, no data) in the RAG palette, each labelled with the status's
 * symbol and its count (✖ 3, ▲ 2, ✔ 7, ○ 1), so colour is never the only key; the legend gives the
 * symbols in words. The alt text is the data's.
 *
 * @example
 * const data = statusChartData(result.counts);
 * if (data) statusChart(data).description
 * // "Bar chart. Measures by group and status. Contract KPIs: 3 outside tolerance, ..."
 */
export function statusChart(data: StatusChartData): ReportChart {
  const { title, description, groups: shown } = data;
  const STATUSES = data.series;
  const bar = 20;
  const height = 110 + shown.length * (STATUSES.length * bar + 26);
  // The symbol is set in its own font (rich text), the words and counts in the chart's.
  const symbol = (s: StatusSeries): string => statusLabel(s.status).split(" ")[0];
  const rich = Object.fromEntries(
    STATUSES.map((s) => [s.status, { fontFamily: SYMBOL_FONT, color: RAG_PALETTE[s.status].font }]),
  );
  const svg = renderChartSvg(
    {
      title: {
        text: title,
        left: "center",
        top: 6,
        textStyle: { fontSize: 14, fontWeight: "bold", color: "#1F1F1F" },
      },
      legend: {
        bottom: 6,
        itemGap: 28,
        textStyle: { fontSize: 12, color: "#1F1F1F", rich },
        data: STATUSES.map((s) => statusLabel(s.status)),
        formatter: (name: string) => {
          const s = STATUSES.find((x) => statusLabel(x.status) === name);
          return s ? `{${s.status}|${symbol(s)}} ${name.slice(symbol(s).length + 1)}` : name;
        },
      },
      grid: { left: 200, right: 56, top: 40, bottom: 74 },
      xAxis: {
        type: "value",
        minInterval: 1,
        name: "Measures",
        nameLocation: "middle",
        nameGap: 26,
        axisLabel: { color: "#1F1F1F" },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: shown.map((c) => c.group),
        axisLabel: { width: 186, overflow: "break", color: "#1F1F1F", fontSize: 12 },
      },
      series: STATUSES.map((s) => ({
        name: statusLabel(s.status),
        type: "bar" as const,
        barWidth: bar - 4,
        barGap: "25%",
        data: shown.map((c) => c[s.field]),
        itemStyle: {
          color: RAG_PALETTE[s.status].fill,
          borderColor: RAG_PALETTE[s.status].font,
          borderWidth: 1,
        },
        label: {
          show: true,
          position: "right" as const,
          fontFamily: CHART_FONT,
          fontSize: 12,
          color: RAG_PALETTE[s.status].font,
          rich,
          formatter: `{${s.status}|${symbol(s)}} {c}`,
        },
      })),
    },
    WIDTH,
    height,
  );
  return { title, description, svg, width: WIDTH, height };
}
