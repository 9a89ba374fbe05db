import { shiftFormulaRows } from "../../src/excel/shiftFormulaRows";

describe("shiftFormulaRows", () => {
  it("moves relative rows and keeps absolute rows, text and function names", () => {
    expect(shiftFormulaRows('AND(N("qscorecard")=0,$D4>=$B4,C$1>0)', 5)).toBe(
      'AND(N("qscorecard")=0,$D9>=$B9,C$1>0)',
    );
    expect(shiftFormulaRows('IF(LOG10(A2)>1,"B2 ""C3""",$A$2)', 3)).toBe('IF(LOG10(A5)>1,"B2 ""C3""",$A$2)');
    expect(shiftFormulaRows("Sheet1!A10+ab10", -9)).toBe("Sheet1!A1+ab1");
  });

  it("leaves a formula as it is for no shift and refuses one that leaves the sheet", () => {
    const f = "AND($D4>=$B4)";
    expect(shiftFormulaRows(f, 0)).toBe(f);
    expect(() => shiftFormulaRows(f, -4)).toThrow(RangeError);
  });
});
