import { EngineError } from "../../../src/engine/EngineError";
import { readFinanceMapping } from "../../../src/engine/finance/readFinanceMapping";
import type { TableMapping } from "../../../src/engine/Settings";

const base: TableMapping = { sheet: "Budget", headerRow: 4, kind: "finance" };

describe("readFinanceMapping: a saved mapping in sheet coordinates", () => {
  test("finance roles by letter; roles of other kinds are left out; a range in any spelling", () => {
    const m = readFinanceMapping({
      ...base,
      columns: { line: "A", budget: "c", forecast: "$AB", target: "D" },
      range: "Budget!$B$4:$H$30",
    });
    expect(m.roles).toEqual({ line: 0, budget: 2, forecast: 27 });
    expect(m.range).toEqual({ top: 3, left: 1, bottom: 29, right: 7 });
    expect(readFinanceMapping({ ...base, range: "H30:B4" }).range).toEqual({
      top: 3,
      left: 1,
      bottom: 29,
      right: 7,
    });
  });

  test.each<[string, Partial<TableMapping>]>([
    ["a bad column letter", { columns: { budget: "C1" } }],
    ["a bad range", { range: "B4" }],
    ["a header row of 0", { headerRow: 0 }],
  ])("%s is misuse: EngineError", (_, change) => {
    expect(() => readFinanceMapping({ ...base, ...change })).toThrow(EngineError);
  });
});
