import type { WorkbookGrid } from "../../src/engine/Grid";
import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { createExcelHost } from "../../src/excel/createExcelHost";
import { removeScorecard } from "../../src/excel/removeScorecard";
import { runScore } from "../../src/excel/runScore";
import { FakeExcel, type FakeSheet } from "./FakeExcel";
import { excelBackends } from "./excelBackends";
import { kpiSheet } from "./kpiWorkbook";

// Issue 14, item 3: our names never take the officer's, in the add-in.

/** A KPI sheet and a sheet of the officer's with one of our names. */
function workbook(theirs: string): WorkbookGrid {
  const notes = {
    name: theirs,
    originRow: 0,
    originCol: 0,
    values: [["my own notes"]],
    formats: [["General"]],
  };
  return { sheets: [kpiSheet(6), notes] };
}

/** Types a note against each measure in the Officer commentary column, as an officer would. */
function typeCommentary(sheet: FakeSheet): string[] {
  const b = sheet.usedBounds()!;
  let header = -1;
  let col = -1;
  let measureCol = -1;
  for (let r = b.top; r <= b.bottom && header < 0; r++)
    for (let c = b.left; c <= b.right; c++) {
      if (sheet.at(r, c).value === "Officer commentary") [header, col] = [r, c];
      if (sheet.at(r, c).value === "Measure") measureCol = c;
    }
  const typed: string[] = [];
  for (let r = header + 1; r <= b.bottom; r++) {
    const measure = sheet.at(r, measureCol).value;
    if (typeof measure !== "string" || !/^Measure \d+$/.test(measure)) continue;
    sheet.edit(r, col, { value: `Note on ${measure}` });
    typed.push(`Note on ${measure}`);
  }
  expect(typed.length).toBeGreaterThan(0);
  return typed;
}

const cellsOf = (sheet: FakeSheet) => [...sheet.cells.values()].map((c) => c.value);

describe.each(excelBackends)("on %s", (_name, backend) => {
  describe.each([
    [STORE_SHEET, "store-name-taken", "QScorecard_Store (2)"],
    ["Scorecard Summary", "sheet-name-taken", "Scorecard Summary (2)"],
  ])("an officer's sheet called %s", (theirs, code, oursGoesTo) => {
    test("stays as it is; ours moves, a warning names it, and later runs find ours", async () => {
      const fake = FakeExcel.fromGrid(workbook(theirs));
      const before = fake.sheet(theirs).snapshot();
      const first = await runScore({ overrides: { threshold: 250_000 } }, backend.deps(fake));
      expect(fake.sheet(theirs).snapshot()).toBe(before);
      expect(fake.sheet(theirs).visibility).toBe("Visible");
      expect(fake.findSheet(oursGoesTo)).toBeDefined();
      expect(first.report.result.warnings).toContainEqual(
        expect.objectContaining({ sheet: theirs, cell: "A1" }),
      );
      expect(first.outcome.result.issues.find((i) => i.code === code)?.message).toContain(`"${oursGoesTo}"`);
      expect(first.outcome.result.issues.map((i) => i.code)).not.toContain("store-corrupt");
      const storeName = first.outcome.plan.store.sheetName;
      expect(fake.sheet(storeName).visibility).toBe("VeryHidden");
      expect(storeName).toBe(theirs === STORE_SHEET ? "QScorecard_Store (2)" : STORE_SHEET);

      // The officer types commentary; the next run reads the moved store in its first request.
      const typed = typeCommentary(fake.sheet("KPI Commentary"));
      const mark = fake.syncCount;
      const second = await runScore({}, backend.deps(fake));
      expect(fake.syncCount - mark).toBe(2); // one read, one write
      expect(second.outcome.settings.threshold).toBe(250_000);
      expect(second.outcome.plan.store.sheetName).toBe(storeName);
      expect(second.outcome.plan.deleteSheets).toEqual([]);
      for (const t of typed) expect(cellsOf(fake.sheet("KPI Commentary"))).toContain(t);
      expect(fake.sheet(theirs).snapshot()).toBe(before);

      // Reopened after a tool that keeps no add-in settings: still found, by its content.
      fake.reopen({ keepSettings: false });
      const third = await runScore({}, backend.deps(fake));
      expect(third.outcome.settings.threshold).toBe(250_000);
      expect(third.outcome.plan.store.sheetName).toBe(storeName);
      for (const t of typed) expect(cellsOf(fake.sheet("KPI Commentary"))).toContain(t);
      const live = () => fake.sheets.filter((s) => !s.deleted);
      expect(
        live()
          .map((s) => s.name)
          .sort(),
      ).toEqual(["KPIs", theirs, ...first.outcome.plan.sheets.map((s) => s.name), storeName].sort());
      // And nothing further changes.
      const all = live().map((s) => [s.name, s.visibility, s.snapshot()]);
      await runScore({}, backend.deps(fake));
      expect(live().map((s) => [s.name, s.visibility, s.snapshot()])).toEqual(all);
    });

    test("saving settings and Remove scorecard use our store, never theirs", async () => {
      const fake = FakeExcel.fromGrid(workbook(theirs));
      const before = fake.sheet(theirs).snapshot();
      const host = createExcelHost(backend.deps(fake));
      // Saved before any run: a new store, beside theirs.
      await host.saveSettings({ moneyStyle: "long" });
      expect(fake.sheet(theirs).snapshot()).toBe(before);
      await runScore({}, backend.deps(fake));
      await host.saveSettings({ threshold: 300_000 });
      expect(fake.sheet(theirs).snapshot()).toBe(before);
      const { outcome } = await runScore({}, backend.deps(fake));
      expect(outcome.settings).toEqual(expect.objectContaining({ moneyStyle: "long", threshold: 300_000 }));

      const report = await removeScorecard(backend.deps(fake));
      expect(report.store).toBe(true);
      expect(report.notRemoved).toEqual([]);
      expect(fake.sheets.filter((s) => !s.deleted).map((s) => s.name)).toEqual(["KPIs", theirs]);
      expect(fake.sheet(theirs).snapshot()).toBe(before);
    });
  });
});
