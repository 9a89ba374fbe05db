import { createSheetBuilder, STYLES } from "../../../src/engine/writeplan/createSheetBuilder";
import type { SheetBuilder } from "../../../src/engine/writeplan/createSheetBuilder";

/** Lays out the same small sheet on a builder. */
function layOut(b: SheetBuilder) {
  b.row(["Title"], STYLES.title);
  b.gap();
  b.row(["A", null, 3, undefined, "E"], [undefined, STYLES.text, undefined, STYLES.label, STYLES.note]);
  b.row(["x", "y"], (c) => (c === 1 ? STYLES.officer : undefined));
  b.cell(4, 6, null, STYLES.officer);
  return b.done({ columnWidths: [10], freezeRows: 1, editableCols: [6] });
}

describe("createSheetBuilder", () => {
  it("writes the same cells whatever the size estimate", () => {
    const plain = layOut(createSheetBuilder("summary", "S"));
    for (const estimate of [1, 8, 100]) {
      const sized = layOut(createSheetBuilder("summary", "S", estimate));
      expect(sized.cells).toEqual(plain.cells);
      expect(sized.cells).toHaveLength(plain.cells.length);
    }
  });

  it("takes one style, one per column, or a function of the column", () => {
    const { cells } = layOut(createSheetBuilder("commentary", "C", 50));
    expect(cells).toEqual([
      { row: 0, col: 0, value: "Title", style: STYLES.title },
      { row: 2, col: 0, value: "A" },
      { row: 2, col: 1, value: null, style: STYLES.text },
      { row: 2, col: 2, value: 3 },
      { row: 2, col: 4, value: "E", style: STYLES.note },
      { row: 3, col: 0, value: "x" },
      { row: 3, col: 1, value: "y", style: STYLES.officer },
      { row: 4, col: 6, value: null, style: STYLES.officer },
    ]);
  });
});
