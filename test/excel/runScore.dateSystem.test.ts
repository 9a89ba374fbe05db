import { isDateFormat } from "../../src/engine/cells/excelSerialToDate";
import { OFFSET_1904 } from "../../src/engine/cells/to1900Serial";
import type { WorkbookGrid } from "../../src/engine/Grid";
import type { WritePlan } from "../../src/engine/writeplan/WritePlan";
import { runScore } from "../../src/excel/runScore";
import { seedToGrid } from "../fixtures/seedToGrid";
import { corporateScorecard } from "../fixtures/seeds/corporateScorecard";
import { SAMPLE_SEEDS } from "../fixtures/sampleSeeds";
import { FakeExcel, FakeOfficeError, type FakeExcelOptions } from "./FakeExcel";
import { excelBackends, type ExcelBackend } from "./excelBackends";
import { handPlan, kpiWorkbook, stubScorer } from "./kpiWorkbook";

// Issue 14: a workbook in the 1904 date system holds the same dates as 1,462-day-smaller serials,
// and `range.values` gives them as they are. The host asks Excel (DATE(2000, 1, 1)) in its first
// read request and hands the engine 1900-system serials, as the .xlsx host does.

/** The sample workbook (the seed fixtures as sheets, as in seedWorkbook.test.ts). */
function sampleGrid(): WorkbookGrid {
  const seeds = SAMPLE_SEEDS;
  return { sheets: seeds.map(seedToGrid) };
}

/** The same workbook saved in the 1904 date system: every date-formatted number 1,462 smaller. */
function in1904(grid: WorkbookGrid): WorkbookGrid {
  return {
    sheets: grid.sheets.map((s) => ({
      ...s,
      values: s.values.map((row, r) =>
        row.map((v, c) =>
          typeof v === "number" && isDateFormat(s.formats[r]?.[c] ?? "") ? v - OFFSET_1904 : v,
        ),
      ),
    })),
  };
}

/** What a run found: the period, each table's periods, and every KPI's status. */
function scored(outcome: Awaited<ReturnType<typeof runScore>>["outcome"]) {
  return {
    period: outcome.result.period,
    kpis: outcome.result.kpis.map((k) => `${k.sheet}!${k.row} ${k.measure}: ${k.status}`),
  };
}

const dateNotes = (issues: { message: string }[]) => issues.filter((i) => /1900 date system/.test(i.message));

async function twoRuns(backend: ExcelBackend, grid: WorkbookGrid, options?: FakeExcelOptions) {
  const fake = FakeExcel.fromGrid(grid, options);
  const first = await runScore({}, backend.deps(fake));
  const second = await runScore({}, backend.deps(fake));
  return { fake, first, second };
}

describe.each(excelBackends)("on %s", (_name, backend) => {
  describe("the 1904 date system (issue 14)", () => {
    test("the sample in the 1904 system is scored for the same period, with the same statuses and syncs", async () => {
      const grid = sampleGrid();
      const shiftedGrid = in1904(grid);
      // The sample has date-formatted periods, so the two workbooks' cells differ.
      expect(shiftedGrid).not.toEqual(grid);
      const plain = await twoRuns(backend, grid);
      const shifted = await twoRuns(backend, shiftedGrid, { date1904: true });

      expect(plain.first.outcome.result.period).toMatch(/Dec-15/);
      expect(plain.first.outcome.result.kpis.length).toBeGreaterThan(10);
      expect(scored(shifted.first.outcome)).toEqual(scored(plain.first.outcome));
      expect(scored(shifted.second.outcome)).toEqual(scored(plain.second.outcome));
      // The engine was handed 1900-system serials: the same grid as the 1900 workbook's.
      expect(shifted.first.grid.sheets.map((s) => s.values)).toEqual(
        plain.first.grid.sheets.map((s) => s.values),
      );
      // The probe rides in the first read request: 3 syncs on a first run, 2 on the next, as before.
      expect([plain.first.syncs, plain.second.syncs]).toEqual([3, 2]);
      expect([shifted.first.syncs, shifted.second.syncs]).toEqual([3, 2]);
      expect(shifted.fake.syncs.every((s) => !s.error)).toBe(true);
      expect(dateNotes(shifted.first.outcome.result.issues)).toEqual([]);
      expect(dateNotes(plain.first.outcome.result.issues)).toEqual([]);
      // The officer's cells are untouched: still 1904-system serials.
      const corporate = shifted.fake.sheet(corporateScorecard.name);
      expect(corporate.at(0, 1).value).toBe(Number(corporateScorecard.rows[0][1]) - OFFSET_1904);
    });

    test.each([
      [false, 36_526],
      [true, 35_064],
    ])("workbook.functions.date(2000, 1, 1) with date1904 %s gives %d", async (date1904, serial) => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(1), { date1904 });
      const value = await backend.run(fake)(async (context) => {
        const result = context.workbook.functions.date(2000, 1, 1);
        result.load("value");
        await context.sync();
        return result.value;
      });
      expect(value).toBe(serial);
    });

    test("a date our plan copies onto our sheets is written in the workbook's own system", async () => {
      const date = 45382; // 31 Mar 2024 in the 1900 system
      const plan = (): WritePlan => {
        const p = handPlan(5);
        p.sheets[0].cells.push({ row: 8, col: 0, value: date, style: { numberFormat: "dd/mm/yyyy" } });
        p.sheets[0].cells.push({ row: 9, col: 0, value: 0.25, style: { numberFormat: "0%" } });
        return p;
      };
      for (const date1904 of [false, true]) {
        const grid = kpiWorkbook(5);
        const fake = FakeExcel.fromGrid(date1904 ? in1904(grid) : grid, { date1904 });
        const scorer = stubScorer(plan);
        const { report } = await runScore({}, { ...backend.deps(fake), scoreWorkbook: scorer });
        expect(report.written.notWritten).toEqual([]);
        // The Notes sheet's date reached the engine as 1900-system.
        const notes = scorer.grids[0].sheets.find((s) => s.name === "Notes");
        expect(notes?.values[1][1]).toBe(date);
        const summary = fake.sheet(plan().sheets[0].name);
        expect(summary.at(8, 0).value).toBe(date1904 ? date - OFFSET_1904 : date);
        expect(summary.at(9, 0).value).toBe(0.25);
      }
    });

    test("a host that refuses the date check still scores, as 1900, and says so in an info note", async () => {
      const fake = FakeExcel.fromGrid(sampleGrid());
      fake.failWhen = {
        match: (statement) => statement.includes("functions.date("),
        error: new FakeOfficeError("ApiNotFound", "Workbook.functions is not available here."),
      };
      const plain = await runScore({}, backend.deps(FakeExcel.fromGrid(sampleGrid())));
      const { outcome, report } = await runScore({}, backend.deps(fake));
      expect(scored(outcome)).toEqual(scored(plain.outcome));
      expect(report.written.notWritten).toEqual([]);
      const notes = dateNotes(outcome.result.issues);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ severity: "info", code: "other" });
      expect(notes[0].message).toMatch(/ApiNotFound/);
      // Not a warning: nearly every workbook is 1900-system.
      expect(dateNotes(outcome.result.warnings)).toEqual([]);
      // Refused with the check: first as it was, then without merged areas (their retry comes
      // first: Excel refuses more than 512 more often); then read without the check.
      expect(fake.syncs.filter((s) => s.error)).toHaveLength(2);
      expect(outcome.result.issues.some((i) => /Merged cells were not read/.test(i.message))).toBe(false);
    });

    test("a 1904 workbook whose merged areas Excel refuses keeps its dates", async () => {
      const grid = sampleGrid();
      expect(grid.sheets.some((s) => s.merges?.length)).toBe(true);
      const plain = await runScore({}, backend.deps(FakeExcel.fromGrid(grid, { maxMergedAreas: 0 })));
      const fake = FakeExcel.fromGrid(in1904(grid), { date1904: true, maxMergedAreas: 0 });
      const { outcome } = await runScore({}, backend.deps(fake));
      expect(scored(outcome)).toEqual(scored(plain.outcome));
      expect(outcome.result.issues.some((i) => /Merged cells were not read/.test(i.message))).toBe(true);
      expect(dateNotes(outcome.result.issues)).toEqual([]);
    });

    test("a host without worksheet functions (ExcelApi 1.2) is not asked, and scores as 1900", async () => {
      const supported = (set: string, version: string) =>
        set === "ExcelApi" && version !== "1.2" && Number(version.split(".")[1]) <= 13;
      const fake = FakeExcel.fromGrid(sampleGrid(), { supported });
      const plain = await runScore({}, backend.deps(FakeExcel.fromGrid(sampleGrid())));
      const { outcome, syncs } = await runScore({}, backend.deps(fake));
      expect(scored(outcome)).toEqual(scored(plain.outcome));
      expect(syncs).toBe(3);
      expect(fake.syncs.every((s) => !s.error)).toBe(true);
      expect(dateNotes(outcome.result.issues)).toEqual([
        expect.objectContaining({ severity: "info", message: expect.stringMatching(/ExcelApi 1\.2/) }),
      ]);
    });

    test("a 1904 workbook read in chunks (past the response limit) is converted too", async () => {
      const grid = sampleGrid();
      const plain = await runScore({}, backend.deps(FakeExcel.fromGrid(grid)));
      const fake = FakeExcel.fromGrid(in1904(grid), { date1904: true, maxResponseBytes: 20_000 });
      const { outcome } = await runScore({}, backend.deps(fake));
      expect(fake.syncs.some((s) => s.error === "ResponsePayloadSizeLimitExceeded")).toBe(true);
      expect(scored(outcome)).toEqual(scored(plain.outcome));
    });
  });
});
