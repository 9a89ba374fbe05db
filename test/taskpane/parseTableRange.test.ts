import { parseTableRange } from "../../src/taskpane/parseTableRange";

const SHEETS = ["KPIs", "Q3 data", "O'Brien's"];

test("reads typed and Excel-given ranges, with the workbook's spelling of the sheet", () => {
  expect(parseTableRange("KPIs!B4:H30", SHEETS)).toEqual({ sheet: "KPIs", address: "B4:H30" });
  expect(parseTableRange("  kpis!b4:h30 ", SHEETS)).toEqual({ sheet: "KPIs", address: "B4:H30" });
  expect(parseTableRange("'Q3 data'!$B$4:$H$30", SHEETS)).toEqual({ sheet: "Q3 data", address: "B4:H30" });
  expect(parseTableRange("Q3 data!B4:H30", SHEETS)).toEqual({ sheet: "Q3 data", address: "B4:H30" });
  expect(parseTableRange("'O''Brien''s'!A1:B2", SHEETS)).toEqual({ sheet: "O'Brien's", address: "A1:B2" });
  // Typed bottom-right first: put in order.
  expect(parseTableRange("KPIs!H30:B4", SHEETS)).toEqual({ sheet: "KPIs", address: "B4:H30" });
  // Without a sheet list (Excel's own address), the sheet is taken as given.
  expect(parseTableRange("Anything!AA10:AB12")).toEqual({ sheet: "Anything", address: "AA10:AB12" });
});

test("says in words what is wrong with a range", () => {
  expect(parseTableRange("   ", SHEETS)).toBe(
    'Type the table\'s range first: the sheet, "!", then the cells from its header row to its last row, such as KPIs!B4:H30.',
  );
  expect(parseTableRange("b4:h30", SHEETS)).toBe(
    'Say which sheet the table is on: the sheet\'s name, "!", then the cells, such as KPIs!B4:H30.',
  );
  expect(parseTableRange("Budget!B4:H30", SHEETS)).toBe(
    "There is no sheet called \"Budget\" in this workbook. Its sheets are: KPIs, Q3 data, O'Brien's.",
  );
  expect(parseTableRange("KPIs!B4", SHEETS)).toBe(
    "KPIs!B4 is one cell: a table needs its header row, at least one row below it, and at least two columns, such as KPIs!B4:H30.",
  );
  expect(parseTableRange("KPIs!B4:H4", SHEETS)).toBe(
    "KPIs!B4:H4 is one row: a table needs its header row and at least one row below it.",
  );
  expect(parseTableRange("'Q3 data'!B4:B30", SHEETS)).toBe(
    "'Q3 data'!B4:B30 is one column: a table needs at least two columns (what is measured, and its figures).",
  );
  expect(parseTableRange("KPIs!B:H", SHEETS)).toMatch(/^KPIs!B:H is whole columns: choose the table's cells/);
  expect(parseTableRange("KPIs!4:30", SHEETS)).toMatch(/^KPIs!4:30 is whole rows/);
  expect(parseTableRange("KPIs!B4:C6,E4:E6", SHEETS)).toMatch(/^Choose one block of cells, not several/);
  expect(parseTableRange("KPIs!B4-H30", SHEETS)).toBe(
    '"B4-H30" is not a block of cells: type the top-left cell, ":", then the bottom-right cell, such as KPIs!B4:H30.',
  );
  expect(parseTableRange("KPIs!B0:H3", SHEETS)).toMatch(/is not a block of cells/);
  expect(parseTableRange("KPIs!B4:ZZZ9", SHEETS)).toMatch(/is not a block of cells/);
  expect(parseTableRange("!B4:H30", SHEETS)).toMatch(/^Type the sheet's name before "!"/);
});
