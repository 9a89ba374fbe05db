import type { TableMapping } from "../../src/engine/Settings";
import { readStore } from "../../src/engine/writeplan/readStore";
import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { createExcelHost } from "../../src/excel/createExcelHost";
import { mergeSaved } from "../../src/excel/saveSettingsToStore";
import { FakeExcel } from "./FakeExcel";
import { excelBackends } from "./excelBackends";
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

describe.each(excelBackends)("on %s", (_name, backend) => {
  describe("createExcelHost", () => {
    test("inspect scores without writing", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(6));
      const host = createExcelHost(backend.deps(fake));
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
      const report = await createExcelHost(backend.deps(fake)).score({}, (s) => stages.push(s));
      expect(stages).toEqual(["reading", "scoring", "writing", "done"]);
      expect(report.written.notWritten).toEqual([]);
    });

    test("saveSettings creates the very hidden store, then merges into it keeping other rows", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(2));
      const host = createExcelHost(backend.deps(fake));
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
      await createExcelHost(backend.deps(fake)).saveSettings({ threshold: 1 });
      fake.sheet(STORE_SHEET).protected = true;
      await expect(createExcelHost(backend.deps(fake)).saveSettings({ threshold: 2 })).rejects.toThrow(
        /protected/,
      );
    });

    test("selectCell activates the sheet and selects the cell; a missing sheet is a plain error", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(2));
      const host = createExcelHost(backend.deps(fake));
      await host.selectCell("Notes", "D3");
      expect(fake.active).toEqual({ sheet: "Notes", range: "D3" });
      await expect(host.selectCell("Gone", "A1")).rejects.toThrow(
        /Could not go to Gone!A1\. A sheet or cell/,
      );
    });

    test("inspect gives each table's header cells from the cells it read, at no extra sync", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(6));
      const got = await createExcelHost(backend.deps(fake)).inspect();
      expect(got.headers?.["KPIs!3"]).toEqual(
        ["Measure", "Target", "Tolerance", "Q1", "Q2", "Q3", "Q4"].map((text, col) => ({ col, text })),
      );
      expect(fake.syncCount).toBe(2);
    });

    test("getSelection reads the selected block's address (loaded, then synced) as sheet and cells", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(6));
      const host = createExcelHost(backend.deps(fake));
      fake.selectRange("KPIs", "A3:G9");
      expect(await host.getSelection()).toEqual({ sheet: "KPIs", address: "A3:G9" });
      expect(fake.syncCount).toBe(1);
      const spaced = fake.addSheet("Q3 data");
      spaced.edit(3, 1, { value: "Measure" });
      fake.selectRange("Q3 data", "B4:D8");
      expect(await host.getSelection()).toEqual({ sheet: "Q3 data", address: "B4:D8" });
    });

    test("getSelection: one cell or whole columns give a note; several blocks a plain error", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(6));
      const host = createExcelHost(backend.deps(fake));
      fake.selectRange("KPIs", "B5");
      expect(await host.getSelection()).toBe(
        "KPIs!B5 is one cell: a table needs its header row, at least one row below it, and at least two columns, such as KPIs!B4:H30.",
      );
      fake.selectRange("KPIs", "A3:A9");
      expect(await host.getSelection()).toMatch(/^KPIs!A3:A9 is one column/);
      fake.selectRange("KPIs", "A3:B5,D3:D5");
      await expect(host.getSelection()).rejects.toThrow(
        /^Could not read the selection: select one block of cells, from the table's header row to its last row\. Excel reported a problem \(InvalidSelection\)/,
      );
    });

    test("store round trip: a confirmed mapping scored with is saved, and the next read gives it back", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(6));
      const host = createExcelHost(backend.deps(fake));
      const mapping: TableMapping = {
        sheet: "KPIs",
        headerRow: 3,
        kind: "kpi",
        columns: { measure: "A", target: "B", tolerance: "C" },
        periods: ["D", "E", "F", "G"],
      };
      const chosen: TableMapping = { sheet: "Notes", headerRow: 2, kind: "kpi", range: "C2:D3" };
      await host.score({ tables: [mapping, chosen] });
      expect(readStore(storeGrid(fake)).state.settings.tables).toEqual([mapping, chosen]);
      fake.reopen();
      const again = await createExcelHost(backend.deps(fake)).inspect();
      expect(again.settings.tables).toEqual([mapping, chosen]);
      // The chosen range lists its own columns, even before a table is found in it.
      expect(again.headers?.["Notes!2"]).toEqual([
        { col: 2, text: "Prepared by" },
        { col: 3, text: "Performance team" },
      ]);
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
});
