import type { WorkbookGrid } from "../../src/engine/Grid";
import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { CF_MARKER } from "../../src/engine/writeplan/WritePlan";
import { PAYLOAD_LIMIT_BYTES } from "../../src/excel/batchWriteOps";
import { ExcelRunError } from "../../src/excel/ExcelRunError";
import { runScore } from "../../src/excel/runScore";
import { FakeExcel, FakeOfficeError, type FakeExcelOptions } from "./FakeExcel";
import { excelBackends, type ExcelBackend } from "./excelBackends";
import { handPlan, kpiWorkbook, stubScorer } from "./kpiWorkbook";

function setup(backend: ExcelBackend, n: number, options?: FakeExcelOptions) {
  const grid = kpiWorkbook(n);
  const fake = FakeExcel.fromGrid(grid, options);
  const scorer = stubScorer(() => handPlan(n));
  const deps = { ...backend.deps(fake), scoreWorkbook: scorer };
  return { grid, fake, scorer, deps };
}

const userSnapshot = (fake: FakeExcel) => ["KPIs", "Notes"].map((n) => fake.sheet(n).snapshot());

describe.each(excelBackends)("on %s", (_name, backend) => {
  describe("runScore reads the workbook", () => {
    test("the engine gets every sheet's values, formats, origin, merges and visibility", async () => {
      const { grid, fake, scorer, deps } = setup(backend, 5);
      fake.sheet("Notes").protected = true;
      await runScore({ dryRun: true }, deps);
      const got = scorer.grids[0];
      expect(got.sheets.map((s) => s.name)).toEqual(["KPIs", "Notes"]);
      const [kpis, notes] = got.sheets;
      expect(kpis.values).toEqual(grid.sheets[0].values);
      expect(kpis.formats).toEqual(grid.sheets[0].formats);
      expect(kpis.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 6 }]);
      expect(notes).toMatchObject({
        originRow: 1,
        originCol: 2,
        values: grid.sheets[1].values,
        formats: grid.sheets[1].formats,
      });
      expect(notes).toMatchObject({ visibility: "visible", protected: true });
    });

    test("blank cells come through as null, an empty sheet as an empty grid", async () => {
      const fake = FakeExcel.fromGrid({
        sheets: [
          {
            name: "Gaps",
            originRow: 0,
            originCol: 0,
            values: [[1, null, 3]],
            formats: [["General", "General", "General"]],
          },
        ],
      });
      fake.addSheet("Empty");
      const scorer = stubScorer(() => handPlan(0));
      await runScore({ dryRun: true }, { ...backend.deps(fake), scoreWorkbook: scorer });
      expect(scorer.grids[0].sheets[0].values).toEqual([[1, null, 3]]);
      expect(scorer.grids[0].sheets[1]).toMatchObject({ values: [], formats: [] });
    });

    test("merged areas are not asked for where ExcelApi 1.13 is missing", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(3), {
        supported: (s, v) => s === "ExcelApi" && Number(v.split(".")[1]) <= 7,
      });
      const scorer = stubScorer(() => handPlan(3));
      await runScore({ dryRun: true }, { ...backend.deps(fake), scoreWorkbook: scorer });
      expect(scorer.grids[0].sheets[0].merges).toBeUndefined();
    });

    // Issue 11: getMergedAreasOrNullObject fails past 512 merged areas; the engine scores without them.
    test("a sheet with more than 512 merged areas is read without merges, and the officer is told", async () => {
      const { fake, scorer, deps } = setup(backend, 600);
      fake.sheet("Notes").merges = Array.from({ length: 600 }, (_, i) => ({
        top: 10 + i,
        left: 0,
        bottom: 10 + i,
        right: 1,
      }));
      const { outcome, report } = await runScore({}, deps);
      expect(scorer.grids[0].sheets.find((s) => s.name === "Notes")?.values).toEqual(
        kpiWorkbook(600).sheets[1].values,
      );
      expect(scorer.grids[0].sheets.every((s) => s.merges === undefined)).toBe(true);
      expect(outcome.result.warnings).toContainEqual(
        expect.objectContaining({ message: expect.stringMatching(/^Merged cells were not read/) }),
      );
      expect(report.written.notWritten).toEqual([]);
    });

    test("a read too large for one response is split into chunks and still reads every cell", async () => {
      const { grid, fake, scorer, deps } = setup(backend, 3000, { maxResponseBytes: 60_000 });
      await runScore({ dryRun: true }, deps);
      expect(scorer.grids[0].sheets[0].values).toEqual(grid.sheets[0].values);
      expect(fake.syncs.some((s) => s.error === "ResponsePayloadSizeLimitExceeded")).toBe(true);
      expect(fake.syncCount).toBeGreaterThan(2);
    });
  });

  describe("runScore writes the plan", () => {
    test("our sheets, RAG rules with the marker and the very hidden store land; user cells do not change", async () => {
      const { fake, deps } = setup(backend, 30);
      const before = userSnapshot(fake);
      const { report } = await runScore({}, deps);

      expect(report.written).toEqual({
        sheets: ["Scorecard Summary", "KPI Commentary"],
        cfRanges: 1,
        notWritten: [],
      });
      const commentary = fake.sheet("KPI Commentary");
      expect(commentary.cell("B2").value).toBe("Measure 1");
      expect(commentary.cell("E2").numberFormat).toBe("0%");
      expect(commentary.cell("A1")).toMatchObject({
        bold: true,
        fill: "#D9D9D9",
        borderBottom: "Continuous",
      });
      expect(commentary.cell("F2")).toMatchObject({ fill: "#F4CCCC", fontColor: "#660000" });
      expect(commentary.freezeRows).toBe(1);
      expect(commentary.columnWidths.get(1)).toBeGreaterThan(commentary.columnWidths.get(0) ?? 0);
      const summary = fake.sheet("Scorecard Summary");
      expect(summary.cell("B4").formula).toBe("COUNTA('KPI Commentary'!B2:B31)");
      expect(summary.cell("A5")).toMatchObject({ value: "=not a formula, typed text", formula: undefined });

      const rules = fake.sheet("KPIs").conditionalFormats;
      expect(rules).toHaveLength(3);
      expect(rules.every((r) => r.type === "Custom" && r.formula?.includes(CF_MARKER) && r.stopIfTrue)).toBe(
        true,
      );
      // Plan order is priority order: the first rule (outside) is on top.
      expect(rules.map((r) => r.fill)).toEqual(["#F4CCCC", "#FFE599", "#D9EAD3"]);
      expect(rules[0].range).toEqual({ top: 3, left: 6, bottom: 32, right: 6 });

      const store = fake.sheet(STORE_SHEET);
      expect(store.visibility).toBe("VeryHidden");
      expect(store.cell("A2").value).toBe("settings");
      expect(store.cell("B2")).toMatchObject({
        value: JSON.stringify({ threshold: 250000 }),
        numberFormat: "@",
      });

      expect(userSnapshot(fake)).toEqual(before);
      // The two reads do not suspend calculation; the write does.
      expect(fake.syncs.map((s) => s.suspendedCalculation)).toEqual([false, false, true]);
    });

    test("a re-run replaces only our rules and keeps the user's own", async () => {
      const { fake, deps } = setup(backend, 20);
      fake.addConditionalFormat(fake.sheet("KPIs"), {
        type: "Custom",
        range: { top: 3, left: 3, bottom: 22, right: 6 },
        formula: "=D4>1",
        fill: "#0000FF",
        stopIfTrue: false,
      });
      fake.addConditionalFormat(fake.sheet("KPIs"), {
        type: "DataBar",
        range: { top: 3, left: 4, bottom: 22, right: 4 },
        stopIfTrue: false,
      });
      await runScore({}, deps);
      const first = fake.sheet("KPIs").conditionalFormats.map((c) => ({ ...c, id: "" }));
      await runScore({}, deps);
      const second = fake.sheet("KPIs").conditionalFormats.map((c) => ({ ...c, id: "" }));
      expect(second).toHaveLength(5);
      expect(second).toEqual(first);
      expect(second.filter((c) => c.formula === "=D4>1" || c.type === "DataBar")).toHaveLength(2);
      expect(fake.sheets.filter((s) => !s.deleted).map((s) => s.name)).toEqual([
        "KPIs",
        "Notes",
        "Scorecard Summary",
        "KPI Commentary",
        STORE_SHEET,
      ]);
    });

    test.each([10, 1000, 10000])(
      "%i KPIs: a first run reads in 2 syncs and writes in 1, every request under 5 MB",
      async (n) => {
        const { fake, deps } = setup(backend, n);
        const { syncs, report } = await runScore({}, deps);
        expect(report.written.notWritten).toEqual([]);
        expect(syncs).toBe(3);
        expect(fake.syncCount).toBe(3);
        expect(Math.max(...fake.syncs.map((s) => s.bytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
        expect(fake.sheet("KPI Commentary").cell(`B${n + 1}`).value).toBe(`Measure ${n}`);
      },
    );

    test("a write too large for one request is split, and each request stays under 5 MB", async () => {
      const n = 200;
      const big = handPlan(n);
      const long = "x".repeat(30_000);
      for (let i = 0; i < 200; i++) big.sheets[0].cells.push({ row: 10 + i, col: 0, value: long });
      const fake = FakeExcel.fromGrid(kpiWorkbook(n));
      const { syncs, report } = await runScore(
        {},
        { ...backend.deps(fake), scoreWorkbook: stubScorer(() => big) },
      );
      expect(report.written.notWritten).toEqual([]);
      expect(syncs).toBeGreaterThan(3);
      expect(Math.max(...fake.syncs.map((s) => s.bytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      expect(fake.sheet("Scorecard Summary").cell("A210").value).toBe(long);
    });
  });

  describe("runScore when Excel says no", () => {
    test("a protected user sheet: its rules are skipped and named, everything else is written", async () => {
      const { fake, deps } = setup(backend, 10);
      fake.sheet("KPIs").protected = true;
      const { report } = await runScore({}, deps);
      expect(report.writeError).toBeUndefined();
      expect(report.written.sheets).toEqual(["Scorecard Summary", "KPI Commentary"]);
      expect(report.written.cfRanges).toBe(0);
      expect(report.written.notWritten).toEqual([
        'conditional formatting on "KPIs"!G4:G13 ("KPIs" is protected)',
      ]);
      expect(report.result.issues).toContainEqual(
        expect.objectContaining({ code: "protected-sheet", sheet: "KPIs" }),
      );
      expect(fake.sheet("KPIs").conditionalFormats).toHaveLength(0);
    });

    test("a cell being edited: the run waits (delayForCellEdit) instead of failing", async () => {
      const { fake, deps } = setup(backend, 5);
      fake.cellEditMode = true;
      const { report } = await runScore({}, deps);
      expect(report.written.notWritten).toEqual([]);
    });

    test("without delayForCellEdit, a cell being edited fails the read with a plain message", async () => {
      const { fake, deps } = setup(backend, 5);
      fake.cellEditMode = true;
      const run = runScore({}, { ...deps, run: (batch) => backend.run(fake)(batch) });
      await expect(run).rejects.toThrow(ExcelRunError);
      await expect(run).rejects.toThrow(/cell is being edited/);
    });

    // Issue 11: a request Excel refuses as too large is halved and sent again, down to one op.
    test("a request over the payload limit is halved and sent again until every part is written", async () => {
      const { fake, deps } = setup(backend, 200, { maxRequestBytes: 40_000 });
      const { report } = await runScore({}, deps);
      expect(report.writeError).toBeUndefined();
      expect(report.written.notWritten).toEqual([]);
      expect(report.written.sheets).toEqual(["Scorecard Summary", "KPI Commentary"]);
      expect(fake.syncs.some((s) => s.error === "RequestPayloadSizeLimitExceeded")).toBe(true);
      expect(fake.syncs.filter((s) => !s.error).every((s) => s.bytes <= 40_000)).toBe(true);
      expect(fake.sheet("KPI Commentary").cell("B201").value).toBe("Measure 200");
    });

    test("an op too large on its own is named, and everything else is still written", async () => {
      const { fake, deps } = setup(backend, 200, { maxRequestBytes: 6_000 });
      const { report } = await runScore({}, deps);
      expect(report.writeError).toMatch(/too large/);
      // The commentary's cells are one op of about 20 KB: refused whole; the rest lands.
      expect(report.written.notWritten).toEqual(['sheet "KPI Commentary" (partly written)']);
      expect(report.written.sheets).toEqual(["Scorecard Summary"]);
      expect(report.written.cfRanges).toBe(1);
      expect(fake.sheet(STORE_SHEET).visibility).toBe("VeryHidden");
    });

    test("a failed request does not stop the write: the requests after it are still sent", async () => {
      const n = 3000;
      const big = handPlan(n);
      const long = "z".repeat(30_000);
      for (let i = 0; i < 200; i++) big.sheets[1].cells.push({ row: n + 5 + i, col: 7, value: long });
      const fake = FakeExcel.fromGrid(kpiWorkbook(n));
      // The request with the commentary's first rows fails there (a co-author's change).
      fake.failWhen = {
        match: (r) => /getItem\("KPI Commentary"\)\.getRangeByIndexes\(0, ?0, ?\d{3,}/.test(r),
        error: new FakeOfficeError("Conflict", "conflict"),
      };
      const { report } = await runScore({}, { ...backend.deps(fake), scoreWorkbook: stubScorer(() => big) });
      expect(report.writeError).toMatch(/co-authoring/);
      // The summary went in the failed request, before the failing statement: "partly" is all we know.
      expect(report.written.notWritten).toEqual([
        'sheet "Scorecard Summary" (partly written)',
        'sheet "KPI Commentary" (partly written)',
      ]);
      expect(fake.syncs.filter((s) => s.suspendedCalculation).length).toBeGreaterThan(1);
      // Written by the requests after the failed one.
      expect(fake.sheet("KPI Commentary").cell(`H${n + 205}`).value).toBe(long);
      expect(fake.sheet(STORE_SHEET).visibility).toBe("VeryHidden");
      expect(report.written.cfRanges).toBe(1);
    });

    test("a failure part-way: what landed and what may be partial are named exactly", async () => {
      const n = 3000;
      const big = handPlan(n);
      const long = "y".repeat(30_000);
      for (let i = 0; i < 200; i++) big.sheets[1].cells.push({ row: n + 5 + i, col: 7, value: long });
      const fake = FakeExcel.fromGrid(kpiWorkbook(n));
      // The second write request fails on its first conditional-format add (a co-author's change).
      fake.failWhen = {
        match: (r) => r.includes('conditionalFormats.add("Custom")'),
        error: new FakeOfficeError("Conflict", "conflict"),
      };
      const { report } = await runScore({}, { ...backend.deps(fake), scoreWorkbook: stubScorer(() => big) });
      expect(report.writeError).toMatch(/co-authoring/);
      expect(report.written.sheets).toEqual(["Scorecard Summary"]);
      expect(report.written.notWritten).toEqual([
        'sheet "KPI Commentary" (partly written)',
        `conditional formatting on "KPIs"!G4:G${n + 3} (partly written)`,
        "saved settings and scoring record (hidden store sheet) (partly written)",
      ]);
      expect(fake.sheet("Scorecard Summary").cell("A1").value).toBe("Scorecard summary: Q4");
      expect(fake.findSheet(STORE_SHEET)).toBeUndefined();
    });

    test("a read error becomes an ExcelRunError with a plain message and nothing is written", async () => {
      const { fake, deps } = setup(backend, 5);
      fake.failWhen = {
        match: (r) => r.includes("getUsedRangeOrNullObject"),
        error: new FakeOfficeError("ItemNotFound", "gone"),
      };
      await expect(runScore({}, deps)).rejects.toThrow(/Could not read the workbook\. A sheet or cell/);
      expect(fake.findSheet("KPI Commentary")).toBeUndefined();
    });
  });

  describe("one run at a time", () => {
    test("a second call while a run is in flight gets the same run", async () => {
      const { fake, deps } = setup(backend, 10);
      const a = runScore({ source: "ribbon" }, deps);
      const b = runScore({ source: "ribbon" }, deps);
      const c = runScore({ source: "taskpane" }, deps);
      expect(b).toBe(a);
      expect(c).toBe(a);
      await a;
      expect(fake.syncCount).toBe(3);
      await runScore({}, deps);
      expect(fake.syncCount).toBe(5); // the second run: 1 read sync (the sheets were remembered) + 1 write
    });

    test("dry runs (inspect) are not held by the guard", async () => {
      const { deps } = setup(backend, 3);
      const a = runScore({ dryRun: true }, deps);
      const b = runScore({ dryRun: true }, deps);
      expect(b).not.toBe(a);
      await Promise.all([a, b]);
    });
  });

  describe("with the real engine", () => {
    test("scores a generated workbook through the fake without touching user cells", async () => {
      const grid: WorkbookGrid = kpiWorkbook(12);
      const fake = FakeExcel.fromGrid(grid);
      const before = userSnapshot(fake);
      const { report, outcome } = await runScore({}, backend.deps(fake));
      expect(userSnapshot(fake)).toEqual(before);
      for (const s of outcome.plan.sheets) expect(fake.findSheet(s.name)).toBeDefined();
      expect(report.written.sheets).toEqual(outcome.plan.sheets.map((s) => s.name));
      for (const cf of fake.sheet("KPIs").conditionalFormats) expect(cf.formula).toContain(CF_MARKER);
      if (outcome.plan.store.rows.length) expect(fake.sheet(STORE_SHEET).visibility).toBe("VeryHidden");
    });

    test("the task pane's and the ribbon's settings are saved in the workbook for the next run", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(6));
      await runScore({ overrides: { threshold: 500_000 } }, backend.deps(fake));
      const { outcome } = await runScore({}, backend.deps(fake));
      expect(outcome.savedSettings?.threshold).toBe(500_000);
      expect(outcome.settings.threshold).toBe(500_000);
    });
  });
});
