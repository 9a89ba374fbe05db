import ExcelJS from "exceljs";
import type { WorkbookGrid } from "../../src/engine/Grid";
import type { ScoreOutcome } from "../../src/engine/scoreWorkbook";
import { mergeSettings } from "../../src/engine/scoreWorkbook";
import { DEFAULT_SETTINGS, type TableMapping } from "../../src/engine/Settings";
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

/** A cell reader standing for ExcelJS: the sample tables' header rows; counts its reads. */
function fakeReader() {
  const reads: Uint8Array[] = [];
  const grid: WorkbookGrid = {
    sheets: [
      {
        name: "KPIs",
        originRow: 0,
        originCol: 0,
        values: [
          ["Contract KPIs", null, null, null, null, null],
          ["Measure", "Target", "Tolerance", "Notes", "Q3 2019/20", "Q4 2019/20"],
        ],
        formats: [Array(6).fill("General"), Array(6).fill("General")],
      },
      {
        name: "Q3 data",
        originRow: 0,
        originCol: 0,
        values: [["x"]],
        formats: [["General"]],
      },
      { name: "Store", originRow: 0, originCol: 0, values: [], formats: [], visibility: "veryHidden" },
    ],
  };
  const load = async () => async (bytes: Uint8Array) => {
    reads.push(bytes);
    return grid;
  };
  return { load, reads };
}

test("inspect lists tables and periods without keeping any output", async () => {
  const { scorer, calls } = fakeScorer();
  const host = createPreviewHost(new Uint8Array([1, 2]), {
    loadScorer: async () => scorer,
    loadGridReader: fakeReader().load,
  });
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
  const host = createPreviewHost(new Uint8Array([1, 2]), {
    loadScorer: async () => scorer,
    loadGridReader: fakeReader().load,
    force: true,
  });
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

test("inspect gives each table's header cells, reading the cells once per workbook version", async () => {
  const { scorer } = fakeScorer();
  const reader = fakeReader();
  const host = createPreviewHost(new Uint8Array([1, 2]), {
    loadScorer: async () => scorer,
    loadGridReader: reader.load,
  });
  const seen = await host.inspect();
  expect(seen.headers?.["KPIs!2"]).toEqual([
    { col: 0, text: "Measure" },
    { col: 1, text: "Target" },
    { col: 2, text: "Tolerance" },
    { col: 3, text: "Notes" },
    { col: 4, text: "Q3 2019/20" },
    { col: 5, text: "Q4 2019/20" },
  ]);
  await host.inspect();
  expect(reader.reads).toHaveLength(1);
  await host.score();
  await host.inspect();
  expect(reader.reads).toHaveLength(2);
  expect(reader.reads[1]).toEqual(new Uint8Array([1, 2, 2]));
});

test("getSelection: the preview asks for a typed range, checks it against the sheets and says what is wrong", async () => {
  const host = createPreviewHost(new Uint8Array([1]), {
    loadScorer: async () => fakeScorer().scorer,
    loadGridReader: fakeReader().load,
  });
  expect(await host.getSelection()).toMatch(/^The preview cannot see a selection.*type the table's range/);
  expect(await host.getSelection(" kpis!$b$2:$f$9 ")).toEqual({ sheet: "KPIs", address: "B2:F9" });
  expect(await host.getSelection("'Q3 data'!A1:C4")).toEqual({ sheet: "Q3 data", address: "A1:C4" });
  expect(await host.getSelection("Budget!B4:H30")).toBe(
    'There is no sheet called "Budget" in this workbook. Its sheets are: KPIs, Q3 data.',
  );
  expect(await host.getSelection("KPIs!B4")).toMatch(/^KPIs!B4 is one cell: a table needs its header row/);
  expect(await host.getSelection("")).toMatch(/^Type the table's range first/);
});

test("a cell reader failure reaches the caller and is tried again next time", async () => {
  let fail = true;
  const host = createPreviewHost(new Uint8Array([1]), {
    loadScorer: async () => fakeScorer().scorer,
    loadGridReader: async () => async () => {
      if (fail) throw new Error("Could not read the cells");
      return { sheets: [] };
    },
  });
  await expect(host.inspect()).rejects.toThrow("Could not read the cells");
  fail = false;
  await expect(host.inspect()).resolves.toMatchObject({ headers: {} });
});

/** A real .xlsx (ExcelJS): a KPI table with its header on row 2 and a Notes column detection leaves unused. */
async function kpiXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("KPIs");
  ws.addRow(["Contract KPIs"]);
  ws.addRow(["Measure", "Target", "Tolerance", "Notes", "Q3 2019/20", "Q4 2019/20"]);
  ws.addRow(["% assessments in 45 days", 0.9, 0.8, "checked", 0.85, 0.92]);
  ws.addRow(["% visits on time", 0.95, 0.9, "", 0.97, 0.88]);
  for (const col of [2, 3, 5, 6]) ws.getColumn(col).numFmt = "0%";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

test("store round trip in the real preview: a mapping scored with is saved in the file and read back", async () => {
  const host = createPreviewHost(await kpiXlsx());
  const seen = await host.inspect();
  const key = "KPIs!2";
  expect(seen.headers?.[key]?.map((h) => h.text)).toEqual([
    "Measure",
    "Target",
    "Tolerance",
    "Notes",
    "Q3 2019/20",
    "Q4 2019/20",
  ]);
  expect(await host.getSelection("kpis!a2:f4")).toEqual({ sheet: "KPIs", address: "A2:F4" });

  const mapping: TableMapping = {
    sheet: "KPIs",
    headerRow: 2,
    kind: "kpi",
    columns: { measure: "A", target: "B", tolerance: "C", comment: "D" },
    periods: ["E", "F"],
  };
  await host.score({ tables: [mapping] });
  const scored = host.scoredWorkbook();
  expect(scored).not.toBeNull();
  // A fresh preview of the scored file (no overrides) reads the mapping from the workbook's store.
  const reopened = await createPreviewHost(scored as Uint8Array).inspect();
  expect(reopened.settings.tables).toEqual([mapping]);
});
