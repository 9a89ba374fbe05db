import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

/**
 * ECharts for the task pane's bundle: only what the report's two bar charts use, registered on
 * `echarts/core`. webpack.config.js aliases `echarts` to this file, so the pane's report chunk
 * leaves out the rest (among it the map component's `new Function`, which the pages' CSP forbids);
 * Node and Jest load the full CommonJS build. Exports what `renderChartSvg` calls.
 *
 * @example
 * import { init } from "./echartsForBrowser"; init(null, null, { renderer: "svg", ssr: true, width: 600, height: 300 });
 */
export { init };
