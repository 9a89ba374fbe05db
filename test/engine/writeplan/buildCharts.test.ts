import * as fs from "fs";
import * as path from "path";
import { CHART_NAME_PREFIX } from "../../../src/engine/writeplan/WritePlan";
import { RAG_PALETTE } from "../../../src/engine/writeplan/ragPalette";
import { statusChartData } from "../../../src/engine/writeplan/statusChartData";
import { varianceChartData } from "../../../src/engine/writeplan/varianceChartData";
import { scoreXlsxBuffer } from "../../../src/xlsx/scoreXlsxBuffer";

const SAMPLES = path.join(__dirname, "..", "..", "..", "samples");

async function score(file: string) {
  const { outcome } = await scoreXlsxBuffer(new Uint8Array(fs.readFileSync(path.join(SAMPLES, file))));
  return outcome;
}

describe("buildCharts: the Scorecard Summary's charts as plain data", () => {
  it("q3-2019-20: a variance chart of more than five lines is drawn as horizontal bars, its alt text saying so", async () => {
    const { plan } = await score("q3-2019-20.xlsx");
    const variance = (plan.charts ?? []).filter((c) => c.name.startsWith(`${CHART_NAME_PREFIX}variances`));
    const many = variance.filter((c) => c.categories.length > 5);
    const few = variance.filter((c) => c.categories.length <= 5);
    expect(many.length).toBeGreaterThan(0);
    for (const c of many) {
      expect(c.kind).toBe("bar");
      expect(c.description).toMatch(/^Bar chart\. .*right of zero/);
      // Taller than a column chart: about two and a half rows a line.
      expect(c.anchor.bottom - c.anchor.top + 1).toBeGreaterThanOrEqual(7 + c.categories.length * 2.5);
    }
    for (const c of few) expect([c.kind, c.description.slice(0, 13)]).toEqual(["column", "Column chart."]);
  });

  it("q4-2021-22: a bar chart of statuses by group whose numbers are the counts, in the RAG palette", async () => {
    const { result, plan } = await score("q4-2021-22.xlsx");
    const charts = plan.charts ?? [];
    expect(charts.map((c) => [c.name, c.kind])).toEqual([
      [`${CHART_NAME_PREFIX}statuses`, "bar"],
      [`${CHART_NAME_PREFIX}variances 1`, "column"],
    ]);
    const status = charts[0];
    const groups = result.counts.filter((c) => c.dimension === "group");
    expect(status.categories).toEqual(groups.map((g) => g.group));
    expect(status.series.map((s) => s.name)).toEqual([
      "Outside tolerance",
      "Within tolerance",
      "Better than target",
      "No data",
    ]);
    expect(status.series.map((s) => s.values)).toEqual([
      groups.map((g) => g.outside),
      groups.map((g) => g.within),
      groups.map((g) => g.better),
      groups.map((g) => g.noData),
    ]);
    expect(status.series.map((s) => s.fill)).toEqual(
      (["outside", "within", "better", "no-data"] as const).map((s) => RAG_PALETTE[s].fill),
    );
    // The alt text states every number, group by group.
    for (const g of groups)
      expect(status.description).toContain(
        `${g.group}: ${g.outside} outside tolerance, ${g.within} within tolerance, ${g.better} better than target (${g.reported} reported), ${g.noData} no data.`,
      );
    expect(status).toMatchObject({
      title: "Measures by group and status",
      legend: true,
      sheet: "Scorecard Summary",
    });
  });

  it("q4-2021-22: a column chart of the variances over the threshold, in £000's, coloured by direction", async () => {
    const { result, plan } = await score("q4-2021-22.xlsx");
    const chart = plan.charts![1];
    const flagged = result.variances.filter((v) => v.overThreshold && !v.isTotal);
    expect([...chart.categories].sort()).toEqual(flagged.map((v) => v.name).sort());
    const values = chart.series[0].values;
    chart.categories.forEach((name, i) => {
      const v = flagged.find((f) => f.name === name)!;
      expect(values[i]).toBe(Math.round(v.variance / 1000));
      expect(chart.series[0].points![i].fill).toBe(RAG_PALETTE[v.variance < 0 ? "outside" : "better"].fill);
      expect(chart.description).toContain(`${name}: £`);
    });
    expect(chart.title).toBe("Outturn 2021-22: variances over/under £100k");
    expect(chart.labelFormat).toContain("under");
    expect(chart.legend).toBe(false);
  });

  it("q3-2019-20: no chart of statuses (no measure has a target), one variance chart per finance table", async () => {
    const { result, plan } = await score("q3-2019-20.xlsx");
    expect(statusChartData(result.counts)).toBeNull();
    const data = varianceChartData(result, 100_000);
    expect((plan.charts ?? []).map((c) => c.title)).toEqual(data.map((d) => d.title));
    expect(data.map((d) => d.table)).toEqual(["Finance Summary Dec 2019", "Care Ladder Dec 2019"]);
  });

  it("leaves every chart over empty rows, and the data block it refers to holds its numbers", async () => {
    const { plan } = await score("q4-2021-22.xlsx");
    const summary = plan.sheets.find((s) => s.role === "summary")!;
    const at = (r: number, c: number) => summary.cells.find((x) => x.row === r && x.col === c)?.value ?? null;
    for (const chart of plan.charts ?? []) {
      const { top, left } = chart.data;
      expect(at(top, left)).toBeNull();
      chart.series.forEach((s, j) => {
        expect(at(top, left + 1 + j)).toBe(s.name);
        s.values.forEach((v, i) => expect(at(top + 1 + i, left + 1 + j)).toBe(v));
      });
      chart.categories.forEach((name, i) => expect(at(top + 1 + i, left)).toBe(name));
      const inside = summary.cells.filter(
        (c) => c.row >= chart.anchor.top && c.row <= chart.anchor.bottom && c.col <= chart.anchor.right,
      );
      expect(inside).toEqual([]);
    }
  });

  it("no KPIs and no variances over the threshold: no chart and no chart rows", () => {
    expect(statusChartData([])).toBeNull();
    expect(varianceChartData({ variances: [], financeHeadlines: [] }, 100_000)).toEqual([]);
  });
});
