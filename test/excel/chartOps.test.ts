import { kpiSheetGrid } from "../../scripts/bench";
import { CHART_NAME_PREFIX } from "../../src/engine/writeplan/WritePlan";
import { runScore } from "../../src/excel/runScore";
import { FakeExcel } from "./FakeExcel";
import { excelBackends } from "./excelBackends";

// The Scorecard Summary's native charts in the add-in: added by `charts.add` in the run's write
// request, named so a re-run replaces ours and no others; recorded by the fake and by office.js.

const SUMMARY = "Scorecard Summary";

describe.each(excelBackends)("the Summary's chart on %s", (_name, backend) => {
  test("charts.add with its title, labels, colours, place and name; a re-run replaces ours only", async () => {
    const fake = FakeExcel.fromGrid({ sheets: [kpiSheetGrid("Scorecard", 30)] });
    const { outcome } = await runScore({}, backend.deps(fake));
    const planned = outcome.plan.charts ?? [];
    expect(planned.map((c) => c.name)).toEqual([`${CHART_NAME_PREFIX}statuses`]);
    const want = planned[0];
    const sheet = fake.sheet(SUMMARY);
    expect(sheet.charts).toHaveLength(1);
    const chart = sheet.charts[0];
    expect(chart).toMatchObject({
      name: want.name,
      type: "BarClustered",
      title: want.title,
      legend: { visible: true, position: "Bottom" },
      dataLabels: { showValue: true, numberFormat: "0" },
      valueAxisTitle: "Measures",
      source: want.data,
      categories: want.categories,
    });
    // The series Excel read from the data block are the plan's, in words, with the RAG fills.
    expect(chart.series.map((s) => [s.name, s.values, s.fill, s.line])).toEqual(
      want.series.map((s) => [s.name, s.values, s.fill, s.line]),
    );
    const cell = (row: number, col: number) => `${String.fromCharCode(65 + col)}${row + 1}`;
    expect(chart.position).toEqual({
      start: cell(want.anchor.top, want.anchor.left),
      end: cell(want.anchor.bottom, want.anchor.right),
    });
    // The alt text, which Excel's add-in API cannot set on a chart, is written under it.
    const caption = String(sheet.at(want.anchor.bottom + 1, 0).value);
    expect(caption.length).toBeGreaterThan(40);
    expect(want.description.startsWith(caption)).toBe(true);

    // The officer adds a chart of their own to our sheet; scoring again replaces only ours.
    fake.addChart(sheet, "ColumnClustered", { top: 0, left: 0, bottom: 2, right: 1 }, "Columns").name =
      "Chart 9";
    const syncs = fake.syncCount;
    await runScore({}, backend.deps(fake));
    expect(
      fake
        .sheet(SUMMARY)
        .charts.map((c) => c.name)
        .sort(),
    ).toEqual(["Chart 9", want.name]);
    // The old chart's removal rides in the run's requests: no extra sync.
    expect(fake.syncCount - syncs).toBeLessThanOrEqual(2);
  });

  test("the number of syncs does not grow with the number of KPIs", async () => {
    const counts: number[] = [];
    for (const n of [20, 400]) {
      const fake = FakeExcel.fromGrid({ sheets: [kpiSheetGrid("Scorecard", n)] });
      await runScore({}, backend.deps(fake));
      const { syncs } = await runScore({}, backend.deps(fake));
      expect(fake.sheet(SUMMARY).charts).toHaveLength(1);
      counts.push(syncs);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});

describe("the fake's charts are strict", () => {
  test("a property Excel's charts do not have throws", async () => {
    const fake = FakeExcel.fromGrid({ sheets: [kpiSheetGrid("Scorecard", 5)] });
    await expect(
      fake.run(async (context) => {
        const ws = context.workbook.worksheets.getItem("Scorecard");
        const chart = ws.charts.add("BarClustered", ws.getRange("A1:C4"), "Columns");
        (chart as unknown as { altTextDescription: string }).altTextDescription = "words";
        await context.sync();
      }),
    ).rejects.toThrow(TypeError);
    await expect(
      fake.run(async (context) => {
        const ws = context.workbook.worksheets.getItem("Scorecard");
        const chart = ws.charts.add("BarClustered", ws.getRange("A1:C4"), "Columns");
        (chart.title as unknown as { size: number }).size = 12;
        await context.sync();
      }),
    ).rejects.toThrow(TypeError);
  });
});
