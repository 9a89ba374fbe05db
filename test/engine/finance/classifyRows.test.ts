import { classifyRows, isUnitText } from "../../../src/engine/finance/classifyRows";
import type { CellValue } from "../../../src/engine/Grid";
import { seedToGrid } from "../../fixtures/seedToGrid";

const kinds = (rows: CellValue[][], merges?: string[]) =>
  classifyRows(seedToGrid({ name: "S", rows, merges }));

describe("classifyRows: what each row is, for header blocks", () => {
  test("titles, bands, labels, units, column numbers, data and blanks", () => {
    expect(
      kinds(
        [
          ["Revenue monitoring"],
          [null, "2023/24"],
          [null, "LAST YEAR 2002/3", null, "CURRENT YEAR 2003/4"],
          ["Service", "Budget", "Forecast", "Variance"],
          [null, "£000", "£'000", "£000's"],
          [null, 1, 2, 3],
          [null, "(1)", "(2)", "(3) = (2) - (1)"],
          ["Fostering", 100, 110, 10],
          [],
          ["Fostering", "TBC", null, null],
        ],
        ["B2:D2"],
      ),
    ).toEqual(["title", "band", "words", "words", "units", "numbers", "numbers", "data", "blank", "data"]);
  });

  test("year numbers can start a header; amounts and a lone merged title cannot", () => {
    expect(
      kinds([
        [null, 2019, 2020],
        ["Service", "Budget", "Forecast"],
      ]),
    ).toEqual(["years", "words"]);
    expect(kinds([["Revenue budget 2023/24"], ["Service", "Budget", "Forecast"]], ["A1:C1"])).toEqual([
      "title",
      "words",
    ]);
  });

  test.each(["£", "£000", "£'000", "£000's", "£k", "£m", "(£000)", "%", "£/week"])("%p is a unit", (t) => {
    expect(isUnitText(t)).toBe(true);
  });
  test.each(["£1,000", "Budget £000", "Service"])("%p is not a unit", (t) => {
    expect(isUnitText(t)).toBe(false);
  });
});
