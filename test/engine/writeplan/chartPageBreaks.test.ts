import * as fs from "fs";
import * as path from "path";
import { buildSummarySheet } from "../../../src/engine/writeplan/buildSummarySheet";
import { chartPageBreaks, UNLISTED_ROW_HEIGHT } from "../../../src/engine/writeplan/chartPageBreaks";
import type { SheetWrite } from "../../../src/engine/writeplan/WritePlan";
import { scoreXlsxBuffer } from "../../../src/xlsx/scoreXlsxBuffer";
import { kpi, scoreResult, variance } from "../planFixtures";

const SAMPLES = path.join(__dirname, "..", "..", "..", "samples");

/** The row of the title cell (column A) reading `text`. */
function titleRow(sheet: SheetWrite, text: string): number {
  const cell = sheet.cells.find((c) => c.col === 0 && c.value === text);
  if (!cell) throw new Error(`no "${text}" on ${sheet.name}`);
  return cell.row;
}

function summary(kpis: ReturnType<typeof kpi>[], variances: ReturnType<typeof variance>[]) {
  return buildSummarySheet({
    name: "Scorecard Summary",
    result: scoreResult(kpis, variances),
    settings: { threshold: 100_000 },
    commentaryName: "KPI Commentary",
    narrativeName: "Variance Narrative",
  });
}

const SETUP = {
  orientation: "landscape" as const,
  margins: { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  scale: 100,
  printTitleRows: null,
};

describe("chartPageBreaks: the Scorecard Summary's charts print whole, each page started by a break", () => {
  it("breaks before the Charts title and the Chart data title; charts that fit share a page", () => {
    // A4 landscape less 1.5 inches of margins: 487 pt, 32 unlisted rows at 15 pt.
    const rows = {
      heading: 40,
      blocks: [
        { top: 41, bottom: 50 },
        { top: 52, bottom: 61 },
      ],
      data: 63,
    };
    expect(chartPageBreaks(rows, [], SETUP)).toEqual([40, 63]);
  });

  it("starts a chart on a new page when it would not fit under the charts above it", () => {
    const rows = {
      heading: 40,
      blocks: [
        { top: 41, bottom: 57 },
        { top: 59, bottom: 78 },
      ],
      data: 80,
    };
    expect(chartPageBreaks(rows, [], SETUP)).toEqual([40, 59, 80]);
    // Taller rows fill the page sooner; a smaller scale fits more.
    const short = {
      heading: 40,
      blocks: [
        { top: 41, bottom: 50 },
        { top: 52, bottom: 61 },
      ],
      data: 63,
    };
    expect(chartPageBreaks(short, [[45, 200]], SETUP)).toEqual([40, 52, 63]);
    expect(chartPageBreaks(rows, [], { ...SETUP, scale: 50 })).toEqual([40, 80]);
    // Three charts: the third goes over the page the second started.
    const three = { ...rows, blocks: [...rows.blocks, { top: 80, bottom: 99 }], data: 101 };
    expect(chartPageBreaks(three, [], SETUP)).toEqual([40, 59, 80, 101]);
    expect(UNLISTED_ROW_HEIGHT).toBeGreaterThanOrEqual(12.75);
  });

  it("buildSummarySheet: breaks before the Charts and Chart data titles, inside the print area", () => {
    const kpis = (["outside", "within", "better"] as const).map((status, i) =>
      kpi({ measure: `PI ${i}`, row: i + 2, status, group: "Contract" }),
    );
    const variances = [variance({ name: "Children Looked After", variance: -4_638_000, row: 5 })];
    const { sheet, charts } = summary(kpis, variances);
    expect(charts).toHaveLength(2);
    const breaks = sheet.pageSetup!.rowBreaks!;
    const charted = titleRow(sheet, "Charts");
    const data = titleRow(sheet, "Chart data");
    expect(breaks[0]).toBe(charted);
    expect(breaks.at(-1)).toBe(data);
    expect(breaks).toEqual([...breaks].sort((a, b) => a - b));
    // Any break between them starts a chart.
    for (const r of breaks.slice(1, -1)) expect(charts.map((c) => c.anchor.top)).toContain(r);
    for (const r of breaks) {
      expect(r).toBeGreaterThan(0);
      expect(r).toBeLessThanOrEqual(sheet.pageSetup!.printArea.lastRow);
    }
    // No chart is cut by a break.
    for (const c of charts)
      for (const r of breaks) expect(r <= c.anchor.top || r > c.anchor.bottom).toBe(true);
  });

  it("buildSummarySheet: no breaks when there is no chart", () => {
    const demand = [kpi({ measure: "Referrals", row: 2, status: "no-target", group: "Demand" })];
    const { sheet, charts } = summary(demand, []);
    expect(charts).toEqual([]);
    expect(sheet.cells.some((c) => c.value === "Charts")).toBe(false);
    expect(sheet.pageSetup!.rowBreaks).toBeUndefined();
  });

  it("q4-2021-22: Charts, the variance chart (too tall to share the page) and Chart data each start a page", async () => {
    const { outcome } = await scoreXlsxBuffer(
      new Uint8Array(fs.readFileSync(path.join(SAMPLES, "q4-2021-22.xlsx"))),
    );
    const sheet = outcome.plan.sheets.find((s) => s.role === "summary")!;
    const charts = outcome.plan.charts ?? [];
    expect(sheet.pageSetup!.rowBreaks).toEqual([
      titleRow(sheet, "Charts"),
      charts[1].anchor.top,
      titleRow(sheet, "Chart data"),
    ]);
    // The commentary and narrative sheets have none.
    for (const s of outcome.plan.sheets.filter((x) => x.role !== "summary"))
      expect(s.pageSetup!.rowBreaks).toBeUndefined();
  });
});
