import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { CF_MARKER } from "../../src/engine/writeplan/WritePlan";
import { SHEET_NAMES_SETTING } from "../../src/excel/documentSheetMemory";
import { removeScorecard } from "../../src/excel/removeScorecard";
import { runScore } from "../../src/excel/runScore";
import { onRunEvent, resetRunEvents, type RunEvent } from "../../src/commands/runEvents";
import { FakeExcel } from "./FakeExcel";
import { excelBackends } from "./excelBackends";
import { kpiWorkbook } from "./kpiWorkbook";

const USER = ["KPIs", "Notes"];
const live = (fake: FakeExcel) => fake.sheets.filter((s) => !s.deleted).map((s) => s.name);

beforeEach(() => resetRunEvents());

describe.each(excelBackends)("removeScorecard on %s", (_name, backend) => {
  /** A workbook scored once by the real engine, with one rule of the officer's own on KPIs. */
  async function scored(n = 12) {
    const fake = FakeExcel.fromGrid(kpiWorkbook(n));
    fake.addConditionalFormat(fake.sheet("KPIs"), {
      type: "Custom",
      range: { top: 3, left: 3, bottom: 3 + n, right: 3 },
      formula: "=D4>0.5",
      fill: "#0000FF",
      stopIfTrue: false,
    });
    await runScore({}, backend.deps(fake));
    return fake;
  }

  test("takes out our rules, our sheets and the store; the officer's cells and rules stay as they were", async () => {
    const fake = await scored();
    const ourSheets = live(fake).filter((n) => !USER.includes(n) && n !== STORE_SHEET);
    expect(ourSheets.length).toBeGreaterThan(0);
    const ourRules = fake.sheet("KPIs").conditionalFormats.filter((cf) => cf.formula?.includes(CF_MARKER));
    expect(ourRules.length).toBeGreaterThan(0);
    const before = USER.map((n) => fake.sheet(n).snapshot());
    const events: RunEvent[] = [];
    onRunEvent((e) => events.push(e));

    const report = await removeScorecard(backend.deps(fake));
    expect(report).toEqual({ sheets: ourSheets, rules: ourRules.length, store: true, notRemoved: [] });
    expect(live(fake)).toEqual(USER);
    expect(USER.map((n) => fake.sheet(n).snapshot())).toEqual(before);
    expect(fake.sheet("KPIs").conditionalFormats.map((cf) => cf.formula)).toEqual(["=D4>0.5"]);
    expect(fake.savedSettings.has(SHEET_NAMES_SETTING)).toBe(false);
    expect(events).toEqual([{ type: "removed", source: "taskpane", report }]);
    // Reads in two syncs, writes in one.
    expect(fake.syncs.slice(-3).map((s) => s.suspendedCalculation)).toEqual([false, false, true]);
  });

  test("a second removal finds nothing to remove and writes nothing", async () => {
    const fake = await scored(4);
    await removeScorecard(backend.deps(fake));
    const mark = fake.syncCount;
    const report = await removeScorecard(backend.deps(fake));
    expect(report).toEqual({ sheets: [], rules: 0, store: false, notRemoved: [] });
    expect(fake.syncs.slice(mark).every((s) => !s.suspendedCalculation)).toBe(true);
  });

  test("rules on a protected sheet are named, not attempted; everything else goes", async () => {
    const fake = await scored(4);
    fake.sheet("KPIs").protected = true;
    const report = await removeScorecard(backend.deps(fake));
    expect(report.notRemoved).toEqual(['scorecard formatting on "KPIs" ("KPIs" is protected)']);
    expect(report.store).toBe(true);
    expect(live(fake)).toEqual(USER);
  });

  test("a store that cannot be read is kept, with our sheets, and the report says why", async () => {
    const fake = await scored(4);
    fake.sheet(STORE_SHEET).edit(1, 1, { value: "{not json" });
    const names = live(fake);
    const report = await removeScorecard(backend.deps(fake));
    expect(report.store).toBe(false);
    expect(report.sheets).toEqual([]);
    expect(report.notRemoved).toEqual([expect.stringMatching(/store could not be read/)]);
    expect(live(fake)).toEqual(names);
    // Our rules are still found by their marker and removed.
    expect(report.rules).toBeGreaterThan(0);
  });

  test("is refused while a scoring run is in flight, and a run while a removal is", async () => {
    const fake = await scored(4);
    const run = runScore({}, backend.deps(fake));
    await expect(removeScorecard(backend.deps(fake))).rejects.toThrow(/being scored/);
    await run;
    const removal = removeScorecard(backend.deps(fake));
    await expect(runScore({}, backend.deps(fake))).rejects.toThrow(/being removed/);
    await removal;
  });

  test("the workbook scores again afterwards as if it had never been scored", async () => {
    const fake = await scored(6);
    await removeScorecard(backend.deps(fake));
    const mark = fake.syncCount;
    const { report } = await runScore({}, backend.deps(fake));
    expect(report.written.notWritten).toEqual([]);
    // No memory left: the run lists the sheets first (2 read syncs), then writes.
    expect(fake.syncCount - mark).toBe(3);
  });
});
