import type { ScoreOutcome } from "../../src/engine/scoreWorkbook";
import { mergeSettings } from "../../src/engine/scoreWorkbook";
import { DEFAULT_SETTINGS } from "../../src/engine/Settings";
import type { ScoreXlsxOptions } from "../../src/xlsx/scoreXlsxBuffer";
import { createPreviewHost, type XlsxScorer } from "../../src/taskpane/createPreviewHost";
import { financeTable, kpiTable, sampleResult } from "./makeFakeHost";

/** A scorer that records its inputs and "writes" by appending a byte. */
function fakeScorer() {
  const calls: { input: Uint8Array; options?: ScoreXlsxOptions }[] = [];
  const scorer: XlsxScorer = async (input, options) => {
    calls.push({ input, options });
    const outcome = {
      result: sampleResult(),
      kpiTables: [kpiTable()],
      financeTables: [financeTable()],
      settings: mergeSettings({}, options?.overrides ?? {}),
      plan: {
        sheets: [{ name: "Scorecard Summary" }, { name: "KPI Commentary" }],
        conditionalFormats: [{}, {}, {}],
      },
    } as unknown as ScoreOutcome;
    return { outcome, output: new Uint8Array([...input, input.length]) };
  };
  return { scorer, calls };
}

test("inspect lists tables and periods without keeping any output", async () => {
  const { scorer, calls } = fakeScorer();
  const host = createPreviewHost(new Uint8Array([1, 2]), { loadScorer: async () => scorer });
  const seen = await host.inspect({ threshold: 5 });
  expect(seen.periods).toEqual(["Q4 2019/20", "Q3 2019/20"]);
  expect(seen.kpiTables).toHaveLength(1);
  expect(seen.settings.threshold).toBe(5);
  expect(seen.settings.sheetNames).toEqual(DEFAULT_SETTINGS.sheetNames);
  expect(host.scoredWorkbook()).toBeNull();
  expect(calls[0].options?.overrides).toEqual({ threshold: 5 });
});

test("score reports stages in order, keeps the scored bytes and scores them next time with the saved settings", async () => {
  const { scorer, calls } = fakeScorer();
  const host = createPreviewHost(new Uint8Array([1, 2]), { loadScorer: async () => scorer, force: true });
  const stages: string[] = [];
  const report = await host.score({ moneyStyle: "long" }, (s) => stages.push(s));
  expect(stages).toEqual(["reading", "scoring", "writing", "done"]);
  expect(report.written).toEqual({
    sheets: ["Scorecard Summary", "KPI Commentary"],
    cfRanges: 3,
    notWritten: [],
  });
  expect(host.scoredWorkbook()).toEqual(new Uint8Array([1, 2, 2]));
  expect(calls[0].options?.force).toBe(true);
  expect(calls[0].options?.saveOverrides).toBe(true); // the pane's choices are kept in the workbook

  await host.saveSettings({ threshold: 1 });
  await host.score();
  expect(calls[1].input).toEqual(new Uint8Array([1, 2, 2]));
  expect(calls[1].options?.overrides).toEqual({ moneyStyle: "long", threshold: 1 });
});

test("a scorer failure reaches the caller", async () => {
  const host = createPreviewHost(new Uint8Array(), {
    loadScorer: async () => async () => {
      throw new Error("not a readable .xlsx");
    },
  });
  await expect(host.inspect()).rejects.toThrow("not a readable .xlsx");
  await expect(host.score()).rejects.toThrow("not a readable .xlsx");
  expect(host.scoredWorkbook()).toBeNull();
});

test("selectCell tells the page which cell", async () => {
  const picked: string[] = [];
  const host = createPreviewHost(new Uint8Array(), { onSelectCell: (s, c) => picked.push(`${s}!${c}`) });
  await host.selectCell("KPIs", "D7");
  expect(picked).toEqual(["KPIs!D7"]);
});
