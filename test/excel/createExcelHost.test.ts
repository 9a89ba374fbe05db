import { readStore } from "../../src/engine/writeplan/readStore";
import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { createExcelHost } from "../../src/excel/createExcelHost";
import { mergeSaved } from "../../src/excel/saveSettingsToStore";
import { FakeExcel } from "./FakeExcel";
import { kpiWorkbook } from "./kpiWorkbook";

const storeGrid = (fake: FakeExcel) => {
  const s = fake.sheet(STORE_SHEET);
  const b = s.usedBounds();
  if (!b) return { sheets: [] };
  const values = Array.from({ length: b.bottom + 1 }, (_, r) => [s.at(r, 0).value, s.at(r, 1).value]);
  return {
    sheets: [
      { name: STORE_SHEET, originRow: 0, originCol: 0, values, formats: values.map(() => ["@", "@"]) },
    ],
  };
};

describe("createExcelHost", () => {
  test("inspect scores without writing", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(6));
    const host = createExcelHost(fake.deps());
    const got = await host.inspect({ threshold: 5 });
    expect(host.kind).toBe("excel");
    expect(got.settings.threshold).toBe(5);
    expect(Array.isArray(got.periods)).toBe(true);
    expect(fake.sheets.map((s) => s.name)).toEqual(["KPIs", "Notes"]);
    expect(fake.syncCount).toBe(2);
  });

  test("score reports progress in order and writes", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(6));
    const stages: string[] = [];
    const report = await createExcelHost(fake.deps()).score({}, (s) => stages.push(s));
    expect(stages).toEqual(["reading", "scoring", "writing", "done"]);
    expect(report.written.notWritten).toEqual([]);
  });

  test("saveSettings creates the very hidden store, then merges into it keeping other rows", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    const host = createExcelHost(fake.deps());
    await host.saveSettings({ threshold: 250_000, polarityOverrides: { "measure 1": "lower" } });
    expect(fake.sheet(STORE_SHEET).visibility).toBe("VeryHidden");
    expect(readStore(storeGrid(fake)).state.settings).toEqual({
      threshold: 250_000,
      polarityOverrides: { "measure 1": "lower" },
    });

    const store = fake.sheet(STORE_SHEET);
    const b = store.usedBounds();
    store.edit((b?.bottom ?? 0) + 1, 0, { value: "lastPeriod" });
    store.edit((b?.bottom ?? 0) + 1, 1, { value: '"Q3"' });
    await host.saveSettings({ moneyStyle: "long", polarityOverrides: { "measure 2": "higher" } });
    const { state, issues } = readStore(storeGrid(fake));
    expect(issues).toEqual([]);
    expect(state.lastPeriod).toBe("Q3");
    expect(state.settings).toEqual({
      threshold: 250_000,
      moneyStyle: "long",
      polarityOverrides: { "measure 1": "lower", "measure 2": "higher" },
    });
  });

  test("saveSettings on a protected store says so plainly", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    await createExcelHost(fake.deps()).saveSettings({ threshold: 1 });
    fake.sheet(STORE_SHEET).protected = true;
    await expect(createExcelHost(fake.deps()).saveSettings({ threshold: 2 })).rejects.toThrow(/protected/);
  });

  test("selectCell activates the sheet and selects the cell; a missing sheet is a plain error", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    const host = createExcelHost(fake.deps());
    await host.selectCell("Notes", "D3");
    expect(fake.active).toEqual({ sheet: "Notes", range: "D3" });
    await expect(host.selectCell("Gone", "A1")).rejects.toThrow(/Could not go to Gone!A1\. A sheet or cell/);
  });

  test("mergeSaved merges nested maps one level and ignores undefined", () => {
    expect(
      mergeSaved(
        { threshold: 1, sheetNames: { summary: "S", commentary: "C", narrative: "N" } },
        { threshold: undefined, moneyStyle: "long" },
      ),
    ).toEqual({
      threshold: 1,
      moneyStyle: "long",
      sheetNames: { summary: "S", commentary: "C", narrative: "N" },
    });
  });
});
