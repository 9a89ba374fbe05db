import { areasOfCells, chooseDataRegion } from "../../../src/engine/cells/chooseDataRegion";
import { strayCellIssues } from "../../../src/engine/cells/strayCellIssues";
import { EngineError } from "../../../src/engine/EngineError";

const table = (rows: number, cols: number, top = 0, left = 0) => {
  const cells: { row: number; col: number }[] = [];
  for (let r = top; r < top + rows; r++)
    for (let c = left; c < left + cols; c++) cells.push({ row: r, col: c });
  return cells;
};
/** areasOfCells over a list of positions. */
const areas = (cells: { row: number; col: number }[]) =>
  areasOfCells(
    cells.map((c) => c.row),
    cells.map((c) => c.col),
  );

describe("chooseDataRegion", () => {
  it("reads an ordinary sheet whole: two tables 150 rows apart are one region", () => {
    const got = chooseDataRegion(areas([...table(40, 10), ...table(30, 8, 190, 2)]));
    expect(got).toEqual({ region: { top: 0, left: 0, bottom: 219, right: 9 }, strays: [] });
  });

  it("leaves out notes parked at XFD1 and A1048576 (issue 14)", () => {
    const cells = [...table(40, 10), { row: 0, col: 16383 }, { row: 1048575, col: 0 }];
    const { region, strays } = chooseDataRegion(areas(cells));
    expect(region).toEqual({ top: 0, left: 0, bottom: 39, right: 9 });
    expect(strays.map((s) => [s.top, s.left])).toEqual(
      expect.arrayContaining([
        [0, 16383],
        [1048575, 0],
      ]),
    );
  });

  it("prefers a small table to a long column of notes far away", () => {
    const notes = Array.from({ length: 1000 }, (_, i) => ({ row: 5000 + i, col: 16000 }));
    const { region, strays } = chooseDataRegion(areas([...table(20, 13), ...notes]));
    expect(region).toEqual({ top: 0, left: 0, bottom: 19, right: 12 });
    expect(strays).toHaveLength(1000);
    expect(strays[0]).toMatchObject({ top: 5000, left: 16000 });
  });

  it("keeps a dense sheet of a million cells whole", () => {
    const got = chooseDataRegion([{ top: 0, left: 0, bottom: 99_999, right: 9, cells: 1_000_000 }]);
    expect(got.strays).toEqual([]);
    expect(got.region).toEqual({ top: 0, left: 0, bottom: 99_999, right: 9 });
  });

  it("groups runs of a row into one area, in any order", () => {
    expect(areasOfCells([2, 0, 0], [5, 1, 0])).toEqual([
      { top: 0, bottom: 0, left: 0, right: 1, cells: 2 },
      { top: 2, bottom: 2, left: 5, right: 5, cells: 1 },
    ]);
  });

  it("throws a typed error for an area that is not a rectangle", () => {
    expect(() => chooseDataRegion([{ top: 5, left: 0, bottom: 2, right: 0, cells: 1 }])).toThrow(EngineError);
  });
});

describe("strayCellIssues", () => {
  it("names where the stray cells are, one warning a sheet", () => {
    const sheet = {
      name: "KPIs",
      originRow: 0,
      originCol: 0,
      values: [],
      formats: [],
      strays: [
        { top: 0, left: 16383, bottom: 0, right: 16383 },
        { top: 1048575, left: 0, bottom: 1048575, right: 2 },
      ],
    };
    expect(strayCellIssues(sheet)).toEqual([
      expect.objectContaining({
        code: "stray-cells",
        sheet: "KPIs",
        cell: "XFD1",
        message: expect.stringMatching(/XFD1, A1048576:C1048576/),
      }),
    ]);
    expect(strayCellIssues({ ...sheet, strays: [] })).toEqual([]);
  });
});
