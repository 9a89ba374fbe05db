import { parseMonthLabel } from "../../../src/engine/cells/parseMonthLabel";

describe("parseMonthLabel", () => {
  it.each([
    ["Dec-15", { month: 12, year: 2015 }],
    ["March 2022", { month: 3, year: 2022 }],
    ["Mar- 21", { month: 3, year: 2021 }],
    ["May -21", { month: 5, year: 2021 }],
    ["Sept 2019", { month: 9, year: 2019 }],
  ])("reads %s", (text, expected) => expect(parseMonthLabel(text)).toEqual(expected));

  it("reads a bare month only when asked to", () => {
    expect(parseMonthLabel("Jan")).toBeNull();
    expect(parseMonthLabel("Jan", true)).toEqual({ month: 1, year: null });
  });

  it.each(["Q4", "Decimal 15", "Target", "2019/20", "Mayday 21"])("does not read %s", (text) =>
    expect(parseMonthLabel(text)).toBeNull(),
  );
});
