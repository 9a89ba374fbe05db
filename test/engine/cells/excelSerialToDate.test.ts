import { excelSerialToDate, isDateFormat } from "../../../src/engine/cells/excelSerialToDate";

describe("excelSerialToDate", () => {
  it("turns Excel serials into dates, allowing for Excel's 29 Feb 1900", () => {
    expect(excelSerialToDate(42339)).toEqual({ year: 2015, month: 12, day: 1 });
    expect(excelSerialToDate(44651)).toEqual({ year: 2022, month: 3, day: 31 });
    expect(excelSerialToDate(1)).toEqual({ year: 1900, month: 1, day: 1 });
    expect(excelSerialToDate(61)).toEqual({ year: 1900, month: 3, day: 1 });
  });
  it("refuses numbers that cannot be dates", () => {
    expect(excelSerialToDate(0)).toBeNull();
    expect(excelSerialToDate(Number.NaN)).toBeNull();
    expect(excelSerialToDate(1e9)).toBeNull();
  });
});

describe("isDateFormat", () => {
  it.each(["mmm-yy", "dd/mm/yyyy", "[$-809]d mmmm yyyy", "mmmm yyyy", "d-mmm"])(
    "%s is a date format",
    (f) => {
      expect(isDateFormat(f)).toBe(true);
    },
  );
  it.each(["General", "0%", "0.0", "#,##0", '0 "days"', "[h]:mm", "hh:mm", "mm:ss", "£#,##0;[Red]-£#,##0"])(
    "%s is not",
    (f) => {
      expect(isDateFormat(f)).toBe(false);
    },
  );
});
