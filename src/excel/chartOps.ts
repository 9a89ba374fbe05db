import { columnLetters } from "../engine/cells/toA1";
import type { CellBlock, ChartWrite } from "../engine/writeplan/WritePlan";
import type { WriteOp } from "./planWriteOps";
import { jsonBytes, RequestBytes } from "./RequestBytes";

/**
 * The op that adds one of the plan's charts to its sheet, in the run's write request (it only
 * queues): `worksheet.charts.add("BarClustered" | "ColumnClustered", dataBlock, "Columns")` over the
 * sheet's data block (blank top-left cell: series names across, categories down), then its name
 * (`CHART_NAME_PREFIX`, so a re-run finds it), title, legend, data labels with their values and
 * number format (ExcelApi 1.8), the value axis's title, each series' fill and outline (and each
 * bar's fill where bars differ), and its place over the plan's anchor cells (`setPosition`). Every
 * member used is in ExcelApi 1.9 or earlier. Excel's API has no alt text for charts: the plan
 * writes each chart's description under it on the sheet. One op per chart, whatever the number
 * of KPIs.
 *
 * @example
 * for (const chart of plan.charts ?? []) ops.push(chartOp(chart));
 */
export function chartOp(chart: ChartWrite): WriteOp {
  const type = chart.kind === "bar" ? "BarClustered" : "ColumnClustered";
  const data = address(chart.data);
  const start = address({ ...chart.anchor, bottom: chart.anchor.top, right: chart.anchor.left });
  const end = address({ ...chart.anchor, top: chart.anchor.bottom, left: chart.anchor.right });
  const bytes = new RequestBytes()
    .sheet(chart.sheet)
    .method("getRange", [data], true)
    .prop("charts")
    .method("add", [type, null, "Columns"])
    .set("name", jsonBytes(chart.name))
    .prop("title")
    .set("text", jsonBytes(chart.title))
    .prop("legend")
    .set("visible", jsonBytes(chart.legend))
    .set("position", jsonBytes("Bottom"))
    .prop("dataLabels")
    .set("showValue", jsonBytes(true))
    .set("numberFormat", jsonBytes(chart.labelFormat))
    .prop("axes")
    .prop("valueAxis")
    .prop("title")
    .set("text", jsonBytes(chart.axisTitle))
    .call("setPosition", [start, end]);
  for (const s of chart.series) {
    bytes.prop("series").method("getItemAt", [0]).prop("format").prop("fill").call("setSolidColor", [s.fill]);
    bytes.prop("line").set("color", jsonBytes(s.line));
    for (const p of s.points ?? [])
      bytes
        .prop("points")
        .method("getItemAt", [0])
        .prop("format")
        .prop("fill")
        .call("setSolidColor", [p.fill]);
  }
  return {
    group: `chart "${chart.title}"`,
    kind: "chart",
    bytes: bytes.bytes,
    apply: (context) => {
      const ws = context.workbook.worksheets.getItem(chart.sheet);
      const added = ws.charts.add(type, ws.getRange(data), "Columns");
      added.name = chart.name;
      added.title.text = chart.title;
      added.legend.visible = chart.legend;
      if (chart.legend) added.legend.position = "Bottom";
      added.dataLabels.showValue = true;
      added.dataLabels.numberFormat = chart.labelFormat;
      added.axes.valueAxis.title.text = chart.axisTitle;
      chart.series.forEach((s, i) => {
        const series = added.series.getItemAt(i);
        series.format.fill.setSolidColor(s.fill);
        series.format.line.color = s.line;
        s.points?.forEach((p, j) => series.points.getItemAt(j).format.fill.setSolidColor(p.fill));
      });
      added.setPosition(start, end);
    },
  };
}

/**
 * The op that deletes our charts from the last run on one of our sheets (read with their ids, so
 * each is addressed by id), before the sheet is written again: clearing a sheet's cells leaves its
 * charts. Charts of any other name are never touched.
 * @example removeChartsOp(ourCharts(handle), 'removal of old scorecard charts on "Scorecard Summary"')
 */
export function removeChartsOp(charts: Excel.Chart[], group: string): WriteOp {
  const bytes = new RequestBytes().reference().prop("charts");
  for (const c of charts) bytes.item([c.id]).call("delete");
  return {
    group,
    kind: "chart",
    bytes: bytes.bytes,
    apply: () => charts.forEach((c) => c.delete()),
  };
}

/** A block's A1 address, "A61:E63" (one cell: "A61"). */
function address(b: CellBlock): string {
  const a = `${columnLetters(b.left)}${b.top + 1}`;
  return b.top === b.bottom && b.left === b.right ? a : `${a}:${columnLetters(b.right)}${b.bottom + 1}`;
}
