import { onRunEvent, resetRunEvents, subscribeRunEvents, type RunEvent } from "../../src/commands/runEvents";
import { scoreThisQuarter } from "../../src/commands/scoreThisQuarter";
import type { RunEvent as PaneEvent } from "../../src/taskpane/RunEvent";
import { FakeExcel } from "../excel/FakeExcel";
import { excelBackends } from "../excel/excelBackends";
import { kpiWorkbook } from "../excel/kpiWorkbook";

beforeEach(() => resetRunEvents());

describe.each(excelBackends)("on %s", (_name, backend) => {
  describe("scoreThisQuarter (the ribbon button)", () => {
    test("opens the pane, scores, tells listeners, and completes the event once", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(4));
      const events: RunEvent[] = [];
      onRunEvent((e) => events.push(e));
      const completed = jest.fn();
      const showTaskpane = jest.fn(async () => undefined);
      await scoreThisQuarter({ completed }, { showTaskpane, excel: backend.deps(fake) });
      expect(showTaskpane).toHaveBeenCalledTimes(1);
      expect(completed).toHaveBeenCalledTimes(1);
      expect(events.map((e) => e.type)).toEqual([
        "started",
        "progress",
        "progress",
        "progress",
        "progress",
        "finished",
      ]);
      expect(events.every((e) => e.source === "ribbon")).toBe(true);
    });

    test("a second click while running joins the run: one set of syncs, both events completed", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(4));
      const deps = { showTaskpane: async () => undefined, excel: backend.deps(fake) };
      const a = { completed: jest.fn() };
      const b = { completed: jest.fn() };
      await Promise.all([scoreThisQuarter(a, deps), scoreThisQuarter(b, deps)]);
      expect(fake.syncCount).toBe(3);
      expect(a.completed).toHaveBeenCalledTimes(1);
      expect(b.completed).toHaveBeenCalledTimes(1);
    });

    test("a failure reaches the pane as a plain message and the event still completes", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(4));
      fake.cellEditMode = true;
      const events: RunEvent[] = [];
      onRunEvent((e) => events.push(e));
      const completed = jest.fn();
      const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
      const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
      await scoreThisQuarter(
        { completed },
        {
          showTaskpane: async () => Promise.reject(new Error("no pane")),
          excel: { ...backend.deps(fake), run: (batch) => backend.run(fake)(batch) },
        },
      );
      expect(completed).toHaveBeenCalledTimes(1);
      expect(events.at(-1)).toMatchObject({
        type: "failed",
        message: expect.stringMatching(/cell is being edited/),
      });
      expect(warn).toHaveBeenCalled();
      expect(errors).toHaveBeenCalled();
      errors.mockRestore();
      warn.mockRestore();
    });
  });

  describe("subscribeRunEvents (the task pane's RunEventSource)", () => {
    test("maps run events to the pane's shape and replays the last one to a late subscriber", async () => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(3));
      const early: PaneEvent[] = [];
      const stop = subscribeRunEvents((e) => early.push(e));
      await scoreThisQuarter(
        { completed: () => undefined },
        { showTaskpane: async () => undefined, excel: backend.deps(fake) },
      );
      stop();
      expect(early.map((e) => e.state)).toEqual(["running", "running", "running", "running", "done"]);
      expect(early.slice(0, 4).map((e) => (e.state === "running" ? e.stage : ""))).toEqual([
        "reading",
        "reading",
        "scoring",
        "writing",
      ]);
      const late: PaneEvent[] = [];
      subscribeRunEvents((e) => late.push(e))();
      expect(late).toEqual([early.at(-1)]);
    });
  });
});
