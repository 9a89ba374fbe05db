import type { PlanCell, WritePlan } from "../../src/engine/writeplan/WritePlan";
import { planWriteOps } from "../../src/excel/planWriteOps";
import {
  ourConditionalFormats as ourConditionalFormats_,
  queueSheetContents,
} from "../../src/excel/queueSheetContents";
import { RequestBytes } from "../../src/excel/RequestBytes";
import { runScore } from "../../src/excel/runScore";
import { kpiSheetGrid } from "../../scripts/bench";
import { FakeExcel, FakeOfficeError } from "./FakeExcel";
import { OfficeJsHarness } from "./OfficeJsHarness";

/** A plan that writes only one sheet of ours. */
function sheetPlan(name: string, cells: PlanCell[]): WritePlan {
  return {
    sheets: [{ role: "commentary", name, cells, columnWidths: [], freezeRows: 0, editableCols: [] }],
    cfSheets: [],
    conditionalFormats: [],
    store: { sheetName: "", rows: [] },
    deleteSheets: [],
  };
}

/** Applies a plan's ops to the fake in one sync. */
async function apply(fake: FakeExcel, plan: WritePlan): Promise<void> {
  const sheets = new Map(
    fake.sheets.map((s) => [s.name, { protected: s.protected, visibility: s.visibility }]),
  );
  const { ops } = planWriteOps(plan, { sheets, ourConditionalFormats: new Map() });
  await fake.run(async (context) => {
    ops.forEach((op) => op.apply(context));
    await context.sync();
  });
}

// Office.js reads strings written to `values`/`formulas` as typed input: office-js typings,
// Range.values: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="),
// Excel interprets this value as a formula." Numbers and ISO dates in text become numbers/dates.
describe("planWriteOps writes text as text", () => {
  const texts = [
    "- Fewer visits than planned because of staff vacancies",
    "+3 on last quarter",
    "=not a formula",
    "10%",
    "0.5",
    "2025-04-01",
    "-",
    "Plain words",
  ];

  test.each([false, true])("with a formula on the sheet: %s", async (withFormula) => {
    const fake = new FakeExcel();
    const cells: PlanCell[] = texts.map((value, row) => ({ row, col: 0, value }));
    cells.push({ row: 0, col: 1, value: 42 }, { row: 1, col: 1, value: true });
    if (withFormula) cells.push({ row: 2, col: 1, value: null, formula: "1+1" });
    await apply(fake, sheetPlan("KPI Commentary", cells));
    const sheet = fake.sheet("KPI Commentary");
    expect(texts.map((_, row) => sheet.at(row, 0))).toEqual(
      texts.map((value) => expect.objectContaining({ value, formula: undefined })),
    );
    expect(sheet.at(0, 1).value).toBe(42);
    expect(sheet.at(1, 1).value).toBe(true);
    if (withFormula) expect(sheet.at(2, 1).formula).toBe("1+1");
  });
});

// office-js typings, Worksheet.delete: "if the worksheet's visibility is set to "VeryHidden", the
// delete operation will fail with an InvalidOperation exception."
describe("planWriteOps deletes old sheets", () => {
  test("a very hidden old sheet of ours is deleted", async () => {
    const fake = new FakeExcel();
    fake.addSheet("KPIs");
    fake.addSheet("Variance Narrative").visibility = "VeryHidden";
    const plan = { ...sheetPlan("Scorecard Summary", []), deleteSheets: ["Variance Narrative"] };
    await apply(fake, plan);
    expect(fake.findSheet("Variance Narrative")).toBeUndefined();
  });

  test("the fake refuses to delete a very hidden sheet, as Excel does", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Hidden").visibility = "VeryHidden";
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Hidden").delete();
        await context.sync();
      }),
    ).rejects.toEqual(expect.objectContaining({ code: "InvalidOperation" }) as FakeOfficeError);
  });
});

// Issue 11: Math.min(...cells) spread every cell as an argument; V8 throws RangeError past about
// 120,000 arguments (13,000 KPIs' commentary), and Safari's engine sooner.
describe("planWriteOps on a very large sheet", () => {
  test("plans 400,000 cells without spreading them as arguments", () => {
    const cells: PlanCell[] = [];
    for (let row = 0; row < 40_000; row++)
      for (let col = 0; col < 10; col++)
        cells.push({ row, col, value: `r${row}c${col}`, style: col === 0 ? { bold: true } : undefined });
    const { ops, skipped } = planWriteOps(sheetPlan("KPI Commentary", cells), {
      sheets: new Map(),
      ourConditionalFormats: new Map(),
    });
    expect(skipped).toEqual([]);
    expect(ops.filter((op) => op.kind === "sheet").length).toBeGreaterThan(2);
  });
});

// The budget relies on each op's estimate being near what Office.js's serializer really sends for
// it: measured here through Microsoft's client library (the office.js harness), one op a request.
describe("planWriteOps' size estimates, against office.js's real request bodies", () => {
  // Over is safe (a request goes out smaller than planned); under is not. Ids are short in this
  // small run, so estimates that assume six-digit ids run a little over.
  test("each op's estimate is 0.9-1.3 of its request, all ops together 0.95-1.15", async () => {
    const fake = FakeExcel.fromGrid({ sheets: [kpiSheetGrid("Scorecard", 300)] });
    const harness = OfficeJsHarness.for(fake);
    const { outcome } = await runScore({}, harness.deps());
    const sheets = new Map(
      fake.sheets.map((s) => [s.name, { protected: s.protected, visibility: s.visibility }]),
    );
    const ourConditionalFormats = new Map<string, Excel.ConditionalFormat[]>();
    const mark = fake.syncs.length;
    const { ops, frame } = await harness.deps().run(async (context) => {
      const handle = queueSheetContents(context.workbook.worksheets.getItem("Scorecard"), {
        merges: false,
        sizesOnly: true,
      });
      await context.sync();
      ourConditionalFormats.set("Scorecard", ourConditionalFormats_(handle));
      // The frame every request has (the body, the root, `worksheets`): one small request, less its estimate.
      context.workbook.worksheets.getItem("Scorecard").freezePanes.unfreeze();
      await context.sync();
      const small = new RequestBytes().sheet("Scorecard").prop("freezePanes").call("unfreeze").bytes;
      const planned = planWriteOps(outcome.plan, { sheets, ourConditionalFormats });
      for (const op of planned.ops) {
        op.apply(context);
        // One request an op, to measure each op alone.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      }
      return { ops: planned.ops, frame: fake.syncs[mark + 1].bytes - small };
    });
    const measured = fake.syncs.slice(-ops.length).map((s) => s.bytes - frame);
    expect(new Set(ops.map((op) => op.kind))).toEqual(
      new Set(["cf-remove", "sheet", "cf-add", "store", "chart"]),
    );
    ops.forEach((op, i) => {
      expect(op.bytes / measured[i]).toBeGreaterThan(0.9);
      expect(op.bytes / measured[i]).toBeLessThan(1.3);
    });
    const ratio = ops.reduce((n, op) => n + op.bytes, 0) / measured.reduce((n, b) => n + b, 0);
    expect(ratio).toBeGreaterThan(0.95);
    expect(ratio).toBeLessThan(1.15);
  }, 30_000);
});
