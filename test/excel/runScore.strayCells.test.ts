import { toA1 } from "../../src/engine/cells/toA1";
import { PAYLOAD_LIMIT_BYTES } from "../../src/excel/batchWriteOps";
import type { ExcelDeps } from "../../src/excel/excelDeps";
import { runScore } from "../../src/excel/runScore";
import { kpiSheetGrid } from "../../scripts/bench";
import { FakeExcel, MAX_COLS, MAX_ROWS, type SyncRecord } from "./FakeExcel";
import { excelBackends, type ExcelBackend } from "./excelBackends";

// Issue 14, item 1: two stray cells (XFD1 and A1048576) make a KPI sheet's used range 17 billion
// cells. The host must read what is there, not the area: locate the data, read it, report the rest.

/** Syncs one run may make before the test stops it: reading 17 billion cells in chunks takes 131,072. */
const SYNC_GUARD = 40;

/** The host's deps, with each run's `context.sync` failing past `SYNC_GUARD` syncs. */
function guarded(deps: ExcelDeps): ExcelDeps {
  return {
    ...deps,
    run: (batch) =>
      deps.run((context) => {
        const sync = context.sync.bind(context);
        let count = 0;
        context.sync = (<T>(value?: T) => {
          if (++count > SYNC_GUARD)
            return Promise.reject(new Error(`more than ${SYNC_GUARD} syncs in one run`));
          return sync(value);
        }) as typeof context.sync;
        return batch(context);
      }),
  };
}

/** A KPI sheet of `kpis` measures at A1, with nothing else (`strays: false`) or a note at XFD1 and a number at A1048576. */
function workbook(kpis: number, strays: boolean): FakeExcel {
  const fake = FakeExcel.fromGrid({ sheets: [kpiSheetGrid("Scorecard", kpis)] });
  if (strays) {
    const sheet = fake.sheet("Scorecard");
    sheet.edit(0, MAX_COLS - 1, { value: "ring Sam re Q3", numberFormat: "General" });
    sheet.edit(MAX_ROWS - 1, 0, { value: 42, numberFormat: "General" });
  }
  return fake;
}

/** Read and write syncs since `from`, and the requests that failed. */
function split(syncs: SyncRecord[], from = 0) {
  const mine = syncs.slice(from);
  return {
    reads: mine.filter((s) => !s.suspendedCalculation).length,
    writes: mine.filter((s) => s.suspendedCalculation).length,
    failed: mine.filter((s) => s.error).map((s) => s.error),
  };
}

/** The largest request and response of the syncs (the harness records response sizes). */
function largest(syncs: SyncRecord[]) {
  const response = (s: SyncRecord) => (s as SyncRecord & { responseBytes?: number }).responseBytes ?? 0;
  return {
    request: Math.max(...syncs.map((s) => s.bytes)),
    response: Math.max(...syncs.map(response)),
  };
}

async function scoreTwice(backend: ExcelBackend, fake: FakeExcel) {
  const deps = guarded(backend.deps(fake));
  const first = await runScore({}, deps);
  const mark = fake.syncCount;
  const second = await runScore({}, deps);
  return {
    first,
    second,
    firstSyncs: split(fake.syncs.slice(0, mark)),
    secondSyncs: split(fake.syncs, mark),
  };
}

describe.each(excelBackends)("on %s", (_name, backend) => {
  describe("stray cells far from the data (a 17-billion-cell used range)", () => {
    test("the KPIs are scored as without the strays, a warning names XFD1 and A1048576, nothing of the officer's changes", async () => {
      const fake = workbook(20, true);
      const before = fake.sheet("Scorecard").snapshot();
      const { first, second } = await scoreTwice(backend, fake);
      const clean = await runScore({}, backend.deps(workbook(20, false)));

      for (const run of [first, second]) {
        expect(run.report.writeError).toBeUndefined();
        expect(run.report.written.notWritten).toEqual([]);
        expect(run.outcome.result.kpis).toEqual(clean.outcome.result.kpis);
        expect(run.outcome.result.kpis.length).toBe(20);
        const stray = run.outcome.result.issues.filter((i) => i.code === "stray-cells");
        expect(stray).toHaveLength(1);
        expect(stray[0]).toMatchObject({ severity: "warning", sheet: "Scorecard", cell: "XFD1" });
        expect(stray[0].message).toContain("XFD1, A1048576");
        // The rest of the result is the clean workbook's.
        const others = run.outcome.result.issues.filter((i) => i.code !== "stray-cells");
        expect(others).toEqual(clean.outcome.result.issues);
      }
      expect(fake.sheet("Scorecard").snapshot()).toBe(before);
      expect(fake.sheet("Scorecard").cell("XFD1").value).toBe("ring Sam re Q3");
      expect(fake.sheet("Scorecard").cell(`A${MAX_ROWS}`).value).toBe(42);
    }, 60_000);

    test("the engine gets the table's region at its place in the sheet, and the strays in sheet coordinates", async () => {
      const { grid } = await runScore({ dryRun: true }, guarded(backend.deps(workbook(12, true))));
      const { grid: clean } = await runScore({ dryRun: true }, backend.deps(workbook(12, false)));
      const sheet = grid.sheets.find((s) => s.name === "Scorecard");
      const cleanSheet = clean.sheets.find((s) => s.name === "Scorecard");
      expect(sheet).toMatchObject({ originRow: 0, originCol: 0 });
      expect(sheet?.values).toEqual(cleanSheet?.values);
      expect(sheet?.formats).toEqual(cleanSheet?.formats);
      expect(sheet?.strays).toEqual([
        { top: 0, left: MAX_COLS - 1, bottom: 0, right: MAX_COLS - 1 },
        { top: MAX_ROWS - 1, left: 0, bottom: MAX_ROWS - 1, right: 0 },
      ]);
      expect(cleanSheet?.strays).toBeUndefined();
    }, 60_000);

    test("syncs are the same for 10 and 1,000 KPIs: three more reads than an ordinary workbook, no request or response over 5 MB", async () => {
      const runs = [];
      for (const kpis of [10, 1000]) {
        const fake = workbook(kpis, true);
        const { firstSyncs, secondSyncs } = await scoreTwice(backend, fake);
        const { request, response } = largest(fake.syncs);
        expect(request).toBeLessThan(PAYLOAD_LIMIT_BYTES);
        expect(response).toBeLessThan(PAYLOAD_LIMIT_BYTES);
        runs.push({ firstSyncs, secondSyncs });
      }
      expect(runs[1]).toEqual(runs[0]);
      // First run: list + store; the new sheet (refused: past 5 million cells); sizes; locate; the
      // table. Second: the remembered sheets (refused); sizes; locate; the table. One write each.
      expect(runs[0].firstSyncs).toEqual({ reads: 5, writes: 1, failed: ["RangeExceedsLimit"] });
      expect(runs[0].secondSyncs).toEqual({ reads: 4, writes: 1, failed: ["RangeExceedsLimit"] });
      // An ordinary workbook keeps its 2 + 1 and 1 + 1.
      const plain = workbook(10, false);
      const { firstSyncs, secondSyncs } = await scoreTwice(backend, plain);
      expect(firstSyncs).toEqual({ reads: 2, writes: 1, failed: [] });
      expect(secondSyncs).toEqual({ reads: 1, writes: 1, failed: [] });
    }, 120_000);

    test("a thousand strays too many to locate in one response are located in bands and all reported", async () => {
      // 200 KPIs: the table holds more cells than the strays (the region is the largest block).
      const fake = workbook(200, true);
      const sheet = fake.sheet("Scorecard");
      for (let i = 0; i < 1000; i++) sheet.edit(600_000 + 2 * i, 3, { value: i, numberFormat: "General" });
      fake.options.maxResponseBytes = 20_000;
      const { outcome } = await runScore({}, guarded(backend.deps(fake)));
      expect(outcome.result.kpis).toEqual(
        (await runScore({}, backend.deps(workbook(200, false)))).outcome.result.kpis,
      );
      expect(fake.syncs.some((s) => s.error === "ResponsePayloadSizeLimitExceeded")).toBe(true);
      const stray = outcome.result.issues.filter((i) => i.code === "stray-cells");
      expect(stray).toHaveLength(1);
      expect(stray[0].message).toContain("1002 filled areas");
      // Named in sheet order: XFD1, then the thousand cells in D; A1048576 is counted.
      expect(stray[0].message).toContain(`left out: XFD1, ${toA1(600_000, 3)}, ${toA1(600_002, 3)}`);
      expect(stray[0].message).toContain("and 997 more");
    }, 60_000);
  });
});
