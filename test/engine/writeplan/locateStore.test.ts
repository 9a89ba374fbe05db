import { isStoreName, locateStore } from "../../../src/engine/writeplan/locateStore";
import { STORE_SHEET, type StoreState } from "../../../src/engine/writeplan/StoreState";
import { writeStoreRows } from "../../../src/engine/writeplan/writeStoreRows";
import { sheet } from "../planFixtures";

const rows = writeStoreRows({ version: 1, owned: [], settings: {}, cf: [] } satisfies StoreState);
const mine = sheet(STORE_SHEET, [["my own notes"]]);

describe("locateStore", () => {
  it("finds the store under its plain name, and names it so on a fresh workbook", () => {
    const store = sheet(STORE_SHEET, rows, { visibility: "veryHidden" });
    expect(locateStore({ sheets: [sheet("KPIs", [[1]]), store] })).toEqual({
      sheet: store,
      name: STORE_SHEET,
      officers: [],
    });
    expect(locateStore({ sheets: [sheet("KPIs", [[1]])] })).toEqual({ name: STORE_SHEET, officers: [] });
  });

  it("an officer's sheet called QScorecard_Store (any case) is theirs: ours goes to the next free name", () => {
    expect(locateStore({ sheets: [mine] })).toEqual({
      name: "QScorecard_Store (2)",
      officers: [STORE_SHEET],
    });
    const two = sheet("qscorecard_store (2)", [["also mine"]]);
    expect(locateStore({ sheets: [sheet("QSCORECARD_STORE", [["x"]]), two] })).toEqual({
      name: "QScorecard_Store (3)",
      officers: ["QSCORECARD_STORE", "qscorecard_store (2)"],
    });
  });

  it("a later run finds the moved store by its content", () => {
    const moved = sheet("QScorecard_Store (2)", rows, { visibility: "veryHidden" });
    expect(locateStore({ sheets: [mine, sheet("KPIs", [[1]]), moved] })).toEqual({
      sheet: moved,
      name: "QScorecard_Store (2)",
      officers: [STORE_SHEET],
    });
    // Still found when the officer's sheet is gone: the store is not moved back.
    expect(locateStore({ sheets: [moved] }).name).toBe("QScorecard_Store (2)");
  });

  it("prefers the plain name, then a very hidden one, when several look like ours", () => {
    const plain = sheet(STORE_SHEET, rows);
    const hidden = sheet("QScorecard_Store (3)", rows, { visibility: "veryHidden" });
    const shown = sheet("QScorecard_Store (2)", rows);
    expect(locateStore({ sheets: [shown, hidden, plain] }).sheet).toBe(plain);
    expect(locateStore({ sheets: [shown, hidden] }).sheet).toBe(hidden);
  });

  it("keeps a long suffixed name within Excel's 31 characters", () => {
    const taken = Array.from({ length: 12 }, (_, i) =>
      sheet(i ? `${STORE_SHEET} (${i + 1})` : STORE_SHEET, [["x"]]),
    );
    const { name } = locateStore({ sheets: taken });
    expect(name).toBe("QScorecard_Store (13)");
    expect(name.length).toBeLessThanOrEqual(31);
  });
});

describe("isStoreName", () => {
  it("matches the store's name and its suffixed forms, in any case", () => {
    expect(["QScorecard_Store", "qscorecard_store (2)", "Scorecard Summary"].map(isStoreName)).toEqual([
      true,
      true,
      false,
    ]);
  });
});
