import { addsUp, matchTotal, type SumRow } from "../../../src/engine/finance/matchTotal";

const row = (values: (number | null)[], unit = 1, income = false): SumRow => ({
  values,
  units: values.map(() => unit),
  income,
});
const opts = { minMembers: 2, minColumns: 2, plain: [false, false, true] };

describe("matchTotal: the rows a total adds up", () => {
  test("the longest run ending with the last row whose sums equal the total in every column", () => {
    const rows = [row([50, 55, -5]), row([100, 110, -10]), row([200, 180, 20])];
    expect(matchTotal(row([300, 290, 10]), rows, opts)).toBe(1);
    expect(matchTotal(row([350, 345, 5]), rows, opts)).toBe(0);
    expect(matchTotal(row([999, 290, 10]), rows, opts)).toBeNull();
  });

  test("at least two rows, at least the columns asked for, and never a total of zeros", () => {
    expect(matchTotal(row([200, 180, 20]), [row([200, 180, 20])], opts)).toBeNull();
    expect(matchTotal(row([300, null, null]), [row([100, 1, 1]), row([200, 1, 1])], opts)).toBeNull();
    expect(matchTotal(row([0, 0, 0]), [row([0, 0, 0]), row([0, 0, 0])], opts)).toBeNull();
  });

  test("within rounding: half a shown step per row, at least one step", () => {
    const rows = [row([1.24, 1], 0.01), row([2.11, 2], 0.01)];
    expect(matchTotal(row([3.36, 3], 0.01), rows, opts)).toBe(0);
    expect(matchTotal(row([3.38, 3], 0.01), rows, opts)).toBeNull();
  });

  test("income held as a positive amount counts against the total (not in a variance column)", () => {
    const rows = [row([6370, 7210, -840]), row([485, 105, -380], 1, true)];
    expect(matchTotal(row([5885, 7105, -1220]), rows, opts)).toBe(0);
  });

  test("addsUp checks a given set of rows", () => {
    expect(addsUp(row([300, 290, 10]), [row([100, 110, -10]), row([200, 180, 20])], opts.plain)).toBe(true);
    expect(addsUp(row([300, 290, 10]), [], opts.plain)).toBe(false);
  });
});
