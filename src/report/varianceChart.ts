import { formatMoney } from "../engine/finance/formatMoney";
import type { VarianceChartData } from "../engine/writeplan/varianceChartData";
import { CHART_FONT, renderChartSvg } from "./renderChartSvg";
import type { ReportChart } from "./ReportChart";

/** Chart width in CSS pixels (the text width of an A4 page with 2 cm margins is about 640). */
const WIDTH = 620;
/** Room left of the plot for the £000's axis. */
const LEFT = 64;
const RIGHT = 16;

/**
 * Draws one finance table's column chart of variances at or over the threshold
 * (`varianceChartData`: the same data as the Scorecard Summary's native chart), in £000's: an
 * underspend (positive variance, budget − forecast) rises above the zero line in the RAG palette's
 * green, an overspend falls below it in red, and every column is labelled with its amount and
 * "under" or "over", so neither colour nor position is the only key. The alt text is the data's.
 *
 * @example
 * varianceChart(varianceChartData(result, 100_000)[0]).description
 * // "Column chart. Finance Summary Dec 2019: variances over/under £100k ... Children Looked After: £805k underspend; ..."
 */
export function varianceChart(data: VarianceChartData): ReportChart {
  const { title, description, lines } = data;
  // Each name wraps under its column; the plot's foot leaves room for the longest.
  const column = (WIDTH - LEFT - RIGHT) / lines.length;
  const charsPerLine = Math.max(6, Math.floor((column - 4) / 5.6));
  const names = lines.map((v) => wrapName(v.name, charsPerLine, MAX_NAME_LINES));
  const nameLines = Math.max(...names.map((n) => n.split("\n").length));
  const bottom = 22 + nameLines * 13;
  const height = 290 + nameLines * 13;
  const svg = renderChartSvg(
    {
      title: {
        text: title,
        left: "center",
        top: 6,
        textStyle: { fontSize: 14, fontWeight: "bold", color: "#1F1F1F" },
      },
      grid: { left: LEFT, right: RIGHT, top: 56, bottom },
      xAxis: {
        type: "category",
        data: names,
        axisTick: { show: false },
        // Names sit at the foot of the plot, clear of overspend columns; zero is a marked line.
        axisLine: { onZero: false, lineStyle: { color: "#3F3F3F" } },
        axisLabel: {
          interval: 0,
          fontSize: 10,
          lineHeight: 13,
          color: "#1F1F1F",
        },
      },
      yAxis: {
        type: "value",
        name: "£000's",
        // Room above and below the columns for their labels.
        boundaryGap: ["20%", "20%"],
        nameTextStyle: { color: "#1F1F1F", align: "right" },
        axisLabel: { color: "#1F1F1F", formatter: (n: number) => groupThousands(n) },
      },
      series: [
        {
          type: "bar",
          barMaxWidth: 48,
          markLine: {
            silent: true,
            symbol: "none",
            label: { show: false },
            lineStyle: { color: "#3F3F3F", type: "solid", width: 1 },
            data: [{ yAxis: 0 }],
          },
          data: lines.map((v, i) => {
            const { value, colours } = data.bars[i];
            return {
              value,
              itemStyle: { color: colours.fill, borderColor: colours.font, borderWidth: 1 },
              label: {
                show: true,
                position: v.variance < 0 ? ("bottom" as const) : ("top" as const),
                fontFamily: CHART_FONT,
                fontSize: 11,
                lineHeight: 13,
                color: colours.font,
                formatter: `${formatMoney(Math.abs(v.variance))}\n${v.variance < 0 ? "over" : "under"}`,
              },
            };
          }),
        },
      ],
    },
    WIDTH,
    height,
  );
  return { title, description, svg, width: WIDTH, height };
}

/** Most lines a column's name takes under it (the alt text and tables give it whole). */
const MAX_NAME_LINES = 4;

/**
 * A name wrapped at word boundaries to lines of about `chars` characters, at most `max` lines (the
 * last ending "…" when cut).
 * @example wrapName("Independent Fostering Agencies", 12, 4) === "Independent\nFostering\nAgencies"
 */
export function wrapName(name: string, chars: number, max: number): string {
  const lines: string[] = [];
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= chars) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  if (lines.length <= max) return lines.join("\n");
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1]}…`;
  return kept.join("\n");
}

function groupThousands(n: number): string {
  const s = String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return n < 0 ? `-${s}` : s;
}
