import { isStoreSheet } from "../../../src/engine/writeplan/isStoreSheet";
import { STORE_SHEET, type StoreState } from "../../../src/engine/writeplan/StoreState";
import { writeStoreRows } from "../../../src/engine/writeplan/writeStoreRows";
import { sheet } from "../planFixtures";

const state: StoreState = {
  version: 1,
  owned: [{ role: "summary", name: "Scorecard Summary" }],
  settings: { threshold: 250_000 },
  lastPeriod: "Q3",
  cf: [{ sheet: "KPIs", range: "D4:D9" }],
};

describe("isStoreSheet", () => {
  it("knows our store by its rows, whatever the sheet is called", () => {
    expect(isStoreSheet(sheet(STORE_SHEET, writeStoreRows(state)))).toBe(true);
    expect(isStoreSheet(sheet("QScorecard_Store (2)", writeStoreRows(state)))).toBe(true);
    // Chunked values and a later version's keys are still ours; so is a version read as a number.
    const big = writeStoreRows({ ...state, cf: Array.from({ length: 3000 }, () => state.cf[0]) });
    expect(isStoreSheet(sheet(STORE_SHEET, [...big, ["futureKey", "{}"]]))).toBe(true);
    expect(isStoreSheet(sheet(STORE_SHEET, [["version", 1]]))).toBe(true);
  });

  it("a store of ours with damaged JSON is still ours", () => {
    const rows = writeStoreRows(state);
    rows[1] = [rows[1][0], rows[1][1].slice(0, -3)];
    expect(isStoreSheet(sheet(STORE_SHEET, rows))).toBe(true);
  });

  it("an officer's sheet of that name is not ours", () => {
    expect(isStoreSheet(sheet(STORE_SHEET, [["my own notes"]]))).toBe(false);
    expect(isStoreSheet(sheet(STORE_SHEET, [["Notes", "to self"]]))).toBe(false);
    // Words like our keys, but no version number, or more than two columns.
    expect(isStoreSheet(sheet(STORE_SHEET, [["settings", "blue"]]))).toBe(false);
    expect(isStoreSheet(sheet(STORE_SHEET, [["version", "draft three"]]))).toBe(false);
    expect(isStoreSheet(sheet(STORE_SHEET, [["version", "1", "my note"]]))).toBe(false);
    expect(isStoreSheet({ ...sheet(STORE_SHEET, [["version", "1"]]), originCol: 2 })).toBe(false);
  });

  it("an empty sheet is ours only when very hidden", () => {
    expect(isStoreSheet(sheet(STORE_SHEET, []))).toBe(false);
    expect(isStoreSheet(sheet(STORE_SHEET, [], { visibility: "veryHidden" }))).toBe(true);
  });
});
