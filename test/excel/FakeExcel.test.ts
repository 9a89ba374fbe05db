import { cfAreas, FakeExcel, FakeOfficeError, MAX_COLS, MAX_ROWS } from "./FakeExcel";
import { excelBackends } from "./excelBackends";
import { kpiWorkbook } from "./kpiWorkbook";

// The fake must really enforce Office's rules, or the host tests prove nothing.
describe("FakeExcel keeps Office's rules", () => {
  test("reading a property that was not loaded throws PropertyNotLoaded (the classic bug)", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    const buggyHost = () =>
      fake.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name");
        await context.sync();
        return sheets.items.map((s) => s.visibility); // visibility was never loaded
      });
    await expect(buggyHost()).rejects.toMatchObject({ code: "PropertyNotLoaded" });
  });

  test("loaded values are available only after sync, and items too", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    await fake.run(async (context) => {
      const used = context.workbook.worksheets.getItem("KPIs").getUsedRangeOrNullObject(true);
      used.load("values");
      // Reading before sync is the bug under test: the fake must throw.
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
      expect(() => used.values).toThrow(FakeOfficeError);
      // eslint-disable-next-line office-addins/call-sync-before-read
      expect(() => used.isNullObject).toThrow(/before context.sync/);
      await context.sync();
      expect(used.isNullObject).toBe(false);
      expect(used.values[2][0]).toBe("Measure");
      expect(() => used.numberFormat).toThrow(/not available/);
    });
  });

  test("getSelectedRange: the address needs load and sync, and comes as Office gives it", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    fake.addSheet("O'Brien's data");
    const read = (sync: boolean) =>
      fake.run(async (context) => {
        const range = context.workbook.getSelectedRange();
        range.load("address");
        if (sync) await context.sync();
        return range.address;
      });
    await expect(read(false)).rejects.toMatchObject({ code: "PropertyNotLoaded" });
    await expect(
      fake.run(async (context) => {
        const range = context.workbook.getSelectedRange();
        await context.sync();
        // Reading an unloaded property is the bug under test: the fake must throw.
        // eslint-disable-next-line office-addins/load-object-before-read
        return range.address;
      }),
    ).rejects.toMatchObject({ code: "PropertyNotLoaded" });
    // Nothing chosen yet: A1 of the first sheet, as Excel always has a selection.
    expect(await read(true)).toBe("KPIs!A1");
    fake.selectRange("O'Brien's data", "B4:H30");
    expect(await read(true)).toBe("'O''Brien''s data'!B4:H30");
    // range.select() chooses the whole block.
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("KPIs").getRange("C3:D5").select();
      await context.sync();
    });
    expect(await read(true)).toBe("KPIs!C3:D5");
    fake.selectRange("KPIs", "A1:B2,D4");
    await expect(read(true)).rejects.toMatchObject({ code: "InvalidSelection" });
  });

  test("writes take effect only at sync, in order", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.add("Mine");
      sheet.getRange("A1").values = [["hello"]];
      expect(fake.findSheet("Mine")).toBeUndefined();
      await context.sync();
    });
    expect(fake.sheet("Mine").cell("A1").value).toBe("hello");
    expect(fake.syncCount).toBe(1);
    expect(fake.syncs[0].bytes).toBeGreaterThan(0);
  });

  test("get*OrNullObject gives a null object for what is missing; getItem fails at sync", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    await fake.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      context.workbook.worksheets.getItem("Nope").getRange("A1").values = [[1]];
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  test("protected sheets, cell-edit mode and oversized requests fail with Office's codes", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    fake.sheet("KPIs").protected = true;
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("KPIs").getRange("A1").values = [["x"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
    fake.cellEditMode = true;
    await expect(fake.run(async (context) => context.sync())).rejects.toMatchObject({
      code: "InvalidOperationInCellEditMode",
    });
    const small = new FakeExcel({ maxRequestBytes: 100 });
    small.addSheet("S");
    await expect(
      small.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1").values = [["x".repeat(200)]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(small.sheet("S").cell("A1").value).toBeNull();
  });

  test("a request carries each object's path once: re-using a range costs its address once", async () => {
    const fake = new FakeExcel();
    fake.addSheet("S");
    const address = Array.from({ length: 200 }, (_, i) => `D${2 * i + 1}`).join(", ");
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("S");
      const areas = ws.getRanges(address);
      for (let i = 0; i < 4; i++) areas.conditionalFormats.add("Custom").stopIfTrue = true;
      await context.sync();
      for (let i = 0; i < 4; i++) ws.getRanges(address).conditionalFormats.add("Custom").stopIfTrue = true;
      await context.sync();
    });
    const [reused, fresh] = fake.syncs.map((s) => s.bytes);
    expect(reused).toBeLessThan(address.length + 1000);
    expect(fresh).toBeGreaterThan(4 * address.length);
  });

  test("a request over 5 MB of data is refused and nothing of it applied", async () => {
    const fake = new FakeExcel();
    fake.addSheet("S");
    const text = "x".repeat(30_000);
    await expect(
      fake.run(async (context) => {
        const range = context.workbook.worksheets.getItem("S").getRange("A1:A200");
        range.values = Array.from({ length: 200 }, () => [text]);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(fake.syncs[0].bytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(fake.sheet("S").cell("A1").value).toBeNull();
  });

  test("reading more than 5 million cells fails", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("KPIs").getRange().load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RangeExceedsLimit" });
  });

  test("a failing action stops the batch but leaves earlier actions applied", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.add("First");
        context.workbook.worksheets.add("KPIs");
        context.workbook.worksheets.add("Third");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    expect(fake.findSheet("First")).toBeDefined();
    expect(fake.findSheet("Third")).toBeUndefined();
  });

  test("calls on a null object give null objects whose loads return nothing (propagateNullObjects)", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    await fake.run(async (context) => {
      const gone = context.workbook.worksheets.getItemOrNullObject("Gone");
      const used = gone.getUsedRangeOrNullObject(true);
      used.load("values");
      const rules = gone.getRange().conditionalFormats;
      rules.load("items/type");
      await context.sync();
      expect(gone.isNullObject).toBe(true);
      expect(used.isNullObject).toBe(true);
      expect(() => rules.items).toThrow(/not available/);
    });
  });

  test("with propagateNullObjects off, a call on a null object fails the sync with ItemNotFound", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2), { propagateNullObjects: false });
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets
          .getItemOrNullObject("Gone")
          .getRange()
          .conditionalFormats.load("items/type");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  test("getItem of a missing sheet still fails the sync, whatever propagateNullObjects says", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Gone").getRange().conditionalFormats.load("items/type");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  test("getRanges (ExcelApi 1.9): one format over several areas, read back through any area, deleted whole", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(20));
    await fake.run(async (context) => {
      const format = context.workbook.worksheets
        .getItem("KPIs")
        .getRanges("G4:G6, G9; G12:G14")
        .conditionalFormats.add("Custom");
      format.custom.rule.formula = "=G4>1";
      await context.sync();
    });
    const [made] = fake.sheet("KPIs").conditionalFormats;
    expect(cfAreas(made)).toEqual([
      { top: 3, left: 6, bottom: 5, right: 6 },
      { top: 8, left: 6, bottom: 8, right: 6 },
      { top: 11, left: 6, bottom: 13, right: 6 },
    ]);
    // A range touching only the third area lists it; one touching none does not.
    const listed = await fake.run(async (context) => {
      const third = context.workbook.worksheets.getItem("KPIs").getRange("G14").conditionalFormats;
      const none = context.workbook.worksheets.getItem("KPIs").getRange("G7:G8").conditionalFormats;
      third.load("items/type,items/customOrNullObject/rule/formula");
      none.load("items/type");
      await context.sync();
      expect(none.items).toHaveLength(0);
      third.items.forEach((cf) => cf.delete());
      await context.sync();
      return third.items.map((cf) => cf.customOrNullObject.rule.formula);
    });
    expect(listed).toEqual(["=G4>1"]);
    expect(fake.sheet("KPIs").conditionalFormats).toHaveLength(0);
  });

  test("getRanges fails the sync with ApiNotFound where ExcelApi 1.9 is missing, and on a bad address", async () => {
    const old = FakeExcel.fromGrid(kpiWorkbook(2), {
      supported: (set, version) => set === "ExcelApi" && Number(version.split(".")[1]) <= 8,
    });
    const add = (fake: FakeExcel, address: string) =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("KPIs").getRanges(address).conditionalFormats.add("Custom");
        await context.sync();
      });
    await expect(add(old, "G4, G6")).rejects.toMatchObject({ code: "ApiNotFound" });
    await expect(add(FakeExcel.fromGrid(kpiWorkbook(2)), "G4, G6:G")).rejects.toMatchObject({
      code: "InvalidArgument",
    });
  });

  test("getSpecialCellsOrNullObject (ExcelApi 1.9) finds a 17-billion-cell used range's cells from its content", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    const sheet = fake.sheet("KPIs");
    sheet.edit(0, MAX_COLS - 1, { value: "note", numberFormat: "General" });
    sheet.edit(MAX_ROWS - 1, 0, { formula: "1+1", value: null, numberFormat: "General" });
    const located = await fake.run(async (context) => {
      const used = context.workbook.worksheets.getItem("KPIs").getUsedRangeOrNullObject(true);
      const constants = used.getSpecialCellsOrNullObject("Constants");
      const formulas = used.getSpecialCellsOrNullObject("Formulas");
      const none = context.workbook.worksheets
        .getItem("KPIs")
        .getRange("Z1:Z9")
        .getSpecialCellsOrNullObject("Constants");
      for (const a of [constants, formulas]) a.load("areas/items/address");
      none.load("areas/items/address");
      used.load("rowCount,columnCount");
      await context.sync();
      const addresses = (a: Excel.RangeAreas) => a.areas.items.map((r) => r.address);
      return {
        cells: used.rowCount * used.columnCount,
        constants: addresses(constants),
        formulas: addresses(formulas),
        none: none.isNullObject,
      };
    });
    expect(located.cells).toBe(MAX_ROWS * MAX_COLS);
    // The title row (merged over A1:G1, value in A1), the header, two measures; XFD1; the formula.
    expect(located.constants).toEqual(["KPIs!A1", "KPIs!XFD1", "KPIs!A3:G5"]);
    expect(located.formulas).toEqual([`KPIs!A${MAX_ROWS}`]);
    expect(located.none).toBe(true);
    // Values of that used range are past Excel's 5 million cells.
    const values = fake.run(async (context) => {
      const used = context.workbook.worksheets.getItem("KPIs").getUsedRangeOrNullObject(true);
      used.load("values");
      await context.sync();
    });
    await expect(values).rejects.toMatchObject({ code: "RangeExceedsLimit" });
    const old = FakeExcel.fromGrid(kpiWorkbook(2), {
      supported: (set, version) => set === "ExcelApi" && Number(version.split(".")[1]) <= 8,
    });
    const onOld = old.run(async (context) => {
      context.workbook.worksheets
        .getItem("KPIs")
        .getRange()
        .getSpecialCellsOrNullObject("Constants")
        .load("areas");
      await context.sync();
    });
    await expect(onOld).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});

// Manual page breaks (`horizontalPageBreaks`, ExcelApi 1.9), the same on the fake and through office.js.
describe.each(excelBackends)("page breaks on %s", (_name, backend) => {
  const breaks = (fake: FakeExcel, batch: (ws: Excel.Worksheet) => void) =>
    backend.run(fake)(async (context) => {
      batch(context.workbook.worksheets.getItem("KPIs"));
      await context.sync();
    });

  test("add records the row a page starts at; removePageBreaks removes them all; clearing leaves them", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    await breaks(fake, (ws) => {
      ws.horizontalPageBreaks.add("A40");
      ws.horizontalPageBreaks.add("C12:D14");
    });
    expect(fake.sheet("KPIs").pageBreaks).toEqual([39, 11]);
    await breaks(fake, (ws) => ws.getRange().clear());
    expect(fake.sheet("KPIs").pageBreaks).toEqual([39, 11]);
    await breaks(fake, (ws) => {
      ws.horizontalPageBreaks.removePageBreaks();
      ws.horizontalPageBreaks.add("A7");
    });
    expect(fake.sheet("KPIs").pageBreaks).toEqual([6]);
  });

  test("fails above row 1, on a protected sheet, and without ExcelApi 1.9", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(2));
    await expect(breaks(fake, (ws) => ws.horizontalPageBreaks.add("B1"))).rejects.toMatchObject({
      code: "InvalidArgument",
    });
    fake.sheet("KPIs").protected = true;
    await expect(breaks(fake, (ws) => ws.horizontalPageBreaks.add("A5"))).rejects.toMatchObject({
      code: "AccessDenied",
    });
    const old = FakeExcel.fromGrid(kpiWorkbook(2), {
      supported: (set, version) => set === "ExcelApi" && Number(version.split(".")[1]) <= 8,
    });
    await expect(breaks(old, (ws) => ws.horizontalPageBreaks.removePageBreaks())).rejects.toMatchObject({
      code: "ApiNotFound",
    });
    expect(fake.sheet("KPIs").pageBreaks).toEqual([]);
  });
});
