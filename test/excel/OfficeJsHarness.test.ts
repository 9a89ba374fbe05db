import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { defaultExcelDeps } from "../../src/excel/excelDeps";
import { runScore } from "../../src/excel/runScore";
import { FakeExcel } from "./FakeExcel";
import { kpiWorkbook } from "./kpiWorkbook";
import { OfficeJsHarness } from "./OfficeJsHarness";

/** A KPI workbook (KPIs, Notes) behind Microsoft's office.js. */
function harness(options: ConstructorParameters<typeof FakeExcel>[0] = {}) {
  const fake = FakeExcel.fromGrid(kpiWorkbook(4), options);
  return { fake, office: new OfficeJsHarness(fake, { keepBodies: true }) };
}

/** Runs `batch` through office.js and gives back what it threw. */
async function thrown(office: OfficeJsHarness, batch: (context: Excel.RequestContext) => Promise<unknown>) {
  return office.run(batch).then(
    () => undefined,
    (e: unknown) => e as { code: string; message: string },
  );
}

describe("OfficeJsHarness: Microsoft's client library over the fake's workbook", () => {
  test("it is office.js's excel-web build, whose requests are RichApi actions on object paths", async () => {
    const { fake, office } = harness();
    const names = await office.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
    expect(names).toEqual(["KPIs", "Notes"]);
    const [request] = office.requests;
    expect(request.body?.ObjectPaths["3"]).toMatchObject({ ObjectPathType: 4, Name: "Worksheets" });
    expect(request.body?.Actions.map((a) => a.ActionType)).toEqual([1, 1, 2]);
    expect(fake.syncs).toEqual([request]);
  });

  test("sizes are the bytes office.js serialised, and nothing reaches the network", async () => {
    const { office } = harness();
    const w = office.window as unknown as { XMLHttpRequest: { prototype: { open(): void } } };
    const xhr = jest.spyOn(w.XMLHttpRequest.prototype, "open");
    await office.run(async (context) => {
      context.workbook.worksheets.getItem("Notes").getRange("A1").values = [["x"]];
      await context.sync();
    });
    const [request] = office.requests;
    expect(request.bytes).toBe(Buffer.byteLength(JSON.stringify(request.body)));
    expect(xhr).not.toHaveBeenCalled();
    // jsdom loads no resources: the only script in the window is office.js, run by the harness.
    expect(office.window.document.scripts).toHaveLength(0);
  });

  test("reading a property that was not loaded throws office.js's own PropertyNotLoaded", async () => {
    const { office } = harness();
    const error = await thrown(office, async (context) => {
      const range = context.workbook.worksheets.getItem("KPIs").getRange("A1");
      range.load("values");
      await context.sync();
      // The mistake under test: `address` was not loaded.
      // eslint-disable-next-line office-addins/load-object-before-read
      return range.address;
    });
    expect(error).toMatchObject({ code: "PropertyNotLoaded" });
  });

  test("null objects: isNullObject after a sync, and a missing sheet through getItem is ItemNotFound", async () => {
    const { office } = harness();
    const [gone, there] = await office.run(async (context) => {
      const a = context.workbook.worksheets.getItemOrNullObject("Gone");
      const b = context.workbook.worksheets.getItemOrNullObject("Notes");
      a.load("name");
      b.load("name");
      await context.sync();
      return [a.isNullObject, b.isNullObject];
    });
    expect([gone, there]).toEqual([true, false]);
    const error = await thrown(office, async (context) => {
      context.workbook.worksheets.getItem("Gone").getRange("A1").values = [[1]];
      await context.sync();
    });
    expect(error).toMatchObject({ code: "ItemNotFound" });
  });

  // Office.js's own client-side set check is inert in this build (see RichApiWorkbook.requireSet):
  // Excel itself refuses a member its host lacks.
  test("an API behind a requirement set the host lacks is refused with ApiNotFound", async () => {
    const { office } = harness({ supported: (set, v) => set === "ExcelApi" && Number(v.split(".")[1]) <= 8 });
    const error = await thrown(office, async (context) => {
      context.workbook.worksheets.getItem("KPIs").getRanges("A1, A3");
      await context.sync();
    });
    expect(error).toMatchObject({ code: "ApiNotFound" });
  });

  test("what the harness does not model fails loudly, naming it, never passes", async () => {
    const { office } = harness();
    const error = await thrown(office, async (context) => {
      context.workbook.worksheets.getItem("KPIs").getRange("A1").format.rowHeight = 30;
      await context.sync();
    });
    expect(error).toMatchObject({ code: "HarnessNotModelled", message: expect.stringMatching(/RowHeight/) });
  });

  test("Excel on the web's limits, refused with Office's own codes", async () => {
    const { fake, office } = harness({ maxRequestBytes: 2_000, maxResponseBytes: 500 });
    const big = await thrown(office, async (context) => {
      context.workbook.worksheets.getItem("Notes").getRange("A1").values = [["x".repeat(3_000)]];
      await context.sync();
    });
    expect(big).toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(fake.sheet("Notes").cell("A1").value).toBeNull();
    const answer = await thrown(office, async (context) => {
      const used = context.workbook.worksheets.getItem("KPIs").getUsedRange();
      used.load("values");
      await context.sync();
    });
    expect(answer).toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  test("a sync while a cell is being edited: refused without delayForCellEdit, waited for with it", async () => {
    const { fake, office } = harness();
    fake.cellEditMode = true;
    const error = await thrown(office, async (context) => {
      context.workbook.worksheets.load("items");
      await context.sync();
    });
    expect(error).toMatchObject({ code: "InvalidOperationInCellEditMode" });
    await office.deps().run(async (context) => {
      context.workbook.worksheets.load("items");
      await context.sync();
    });
    expect(fake.cellEditMode).toBe(false);
  });

  test("ranges kept across syncs by reference id; Excel.run drops them after, in a request of its own", async () => {
    const { fake, office } = harness();
    await office.run(async (context) => {
      const used = context.workbook.worksheets.getItem("KPIs").getUsedRange();
      used.load("rowCount");
      await context.sync();
      used.format.font.bold = true; // the same range, next request: by its reference id
      await context.sync();
    });
    expect(
      Object.values(office.requests[1].body?.ObjectPaths ?? {}).some((p) => p.ObjectPathType === 6),
    ).toBe(true);
    const cleanup = office.requests.at(-1);
    expect(cleanup?.cleanup).toBe(true);
    expect(cleanup?.body?.Actions.some((a) => a.Name === "_RemoveReference")).toBe(true);
    expect(fake.syncs).toHaveLength(2); // the clean-up is Excel.run's, not a sync of ours
    expect(office.server.heldReferences).toBe(0);
    expect(fake.sheet("KPIs").cell("A4").bold).toBe(true);
  });

  // Issue 11: our rules were loaded without `id`, so office.js addressed them by index.
  test("several formats deleted in one request: by index the later ones shift, by id they do not", async () => {
    const deleteTwo = async (fields: string) => {
      const { fake, office } = harness();
      const sheet = fake.sheet("KPIs");
      for (const f of ["=A", "=B", "=C"])
        fake.addConditionalFormat(sheet, {
          type: "Custom",
          range: { top: 0, left: 0, bottom: 0, right: 0 },
          formula: f,
          stopIfTrue: false,
        });
      // Excel's list is newest first: C, B, A. Delete the first two.
      await office.run(async (context) => {
        const cfs = context.workbook.worksheets.getItem("KPIs").getRange().conditionalFormats;
        cfs.load(fields);
        await context.sync();
        cfs.items.slice(0, 2).forEach((cf) => cf.delete());
        await context.sync();
      });
      return sheet.conditionalFormats.map((cf) => cf.formula);
    };
    expect(await deleteTwo("items/type")).toEqual(["=B"]); // the wrong rule survived
    expect(await deleteTwo("items/id,items/type")).toEqual(["=A"]);
  });

  test("the production wiring itself (defaultExcelDeps: Excel.run, isSetSupported, document settings) runs on it", async () => {
    const { fake, office } = harness();
    const globals = globalThis as unknown as { Excel?: unknown; Office?: unknown };
    globals.Excel = office.window.Excel;
    globals.Office = office.window.Office;
    try {
      const { report } = await runScore({}, defaultExcelDeps());
      expect(report.written.notWritten).toEqual([]);
      expect(fake.findSheet(STORE_SHEET)?.visibility).toBe("VeryHidden");
      expect(fake.settingsBag.size).toBe(1);
    } finally {
      delete globals.Excel;
      delete globals.Office;
    }
  });
});
