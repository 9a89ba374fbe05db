import { removeScorecardFromRibbon } from "../../src/commands/removeScorecardFromRibbon";
import { lastRunEvent, resetRunEvents } from "../../src/commands/runEvents";
import { runScore } from "../../src/excel/runScore";
import { excelBackends } from "../excel/excelBackends";
import { FakeExcel } from "../excel/FakeExcel";
import { kpiWorkbook } from "../excel/kpiWorkbook";

beforeEach(() => resetRunEvents());
afterEach(() => jest.restoreAllMocks());

describe.each(excelBackends)("removeScorecardFromRibbon on %s", (_name, backend) => {
  test("removes the scorecard, completes the event once, and stops the last run being replayed", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(5));
    await runScore({ source: "ribbon" }, backend.deps(fake));
    expect(lastRunEvent()?.type).toBe("finished");
    const completed = jest.fn();
    const info = jest.spyOn(console, "info").mockImplementation(() => undefined);
    const report = await removeScorecardFromRibbon({ completed }, backend.deps(fake));
    expect(completed).toHaveBeenCalledTimes(1);
    expect(report?.store).toBe(true);
    expect(fake.sheets.filter((s) => !s.deleted).map((s) => s.name)).toEqual(["KPIs", "Notes"]);
    expect(lastRunEvent()).toMatchObject({ type: "removed", source: "ribbon" });
    expect(info).toHaveBeenCalledWith(
      expect.stringMatching(/^Remove scorecard: 3 sheets, \d+ rules and the store removed$/),
    );
  });

  test("a failure is logged with its plain message and the event still completes", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(3));
    fake.cellEditMode = true;
    const completed = jest.fn();
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const deps = { ...backend.deps(fake), run: backend.run(fake) };
    expect(await removeScorecardFromRibbon({ completed }, deps)).toBeUndefined();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/cell is being edited/), expect.anything());
  });
});
