import { EngineError } from "../../../src/engine/EngineError";
import { fromA1, parseA1, toA1 } from "../../../src/engine/cells/toA1";

describe("parseA1", () => {
  it("reads addresses with and without $, and refuses what is not one", () => {
    expect(parseA1("A1")).toEqual({ row: 0, col: 0 });
    expect(parseA1("$AB$10")).toEqual({ row: 9, col: 27 });
    expect(parseA1("xfd1048576")).toEqual({ row: 1048575, col: 16383 });
    for (const bad of ["", "A", "1", "A0", "ABCD1", "A1B", "A12345678", "@1"])
      expect(parseA1(bad)).toBeNull();
  });
});

describe("fromA1", () => {
  it("reads what toA1 writes, and throws a typed error on what is not an address", () => {
    for (const [row, col] of [
      [0, 0],
      [9, 27],
      [1048575, 16383],
    ])
      expect(fromA1(toA1(row, col))).toEqual({ row, col });
    expect(fromA1(" $C$5 ")).toEqual({ row: 4, col: 2 });
    expect(() => fromA1("Measure")).toThrow(EngineError);
  });
});
