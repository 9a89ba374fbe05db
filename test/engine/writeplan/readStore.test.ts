import { readStore } from "../../../src/engine/writeplan/readStore";
import { STORE_SHEET, type StoreState } from "../../../src/engine/writeplan/StoreState";
import { writeStoreRows } from "../../../src/engine/writeplan/writeStoreRows";
import { sheet } from "../planFixtures";

const state: StoreState = {
  version: 1,
  owned: [
    { role: "summary", name: "Scorecard Summary" },
    { role: "commentary", name: "KPI Commentary (2)" },
  ],
  settings: {
    threshold: 250_000,
    sheetNames: {
      summary: "Scorecard Summary",
      commentary: "KPI Commentary",
      narrative: "Variance Narrative",
    },
  },
  lastPeriod: "2019/20 Q3",
  cf: [{ sheet: "KPIs", range: "D4:D14" }],
};

describe("readStore", () => {
  it("gives an empty state when the workbook has no store", () => {
    expect(readStore({ sheets: [sheet("KPIs", [["Measure"]])] })).toEqual({
      state: { version: 1, owned: [], settings: {}, cf: [] },
      issues: [],
    });
  });

  it("reads back what writeStoreRows wrote", () => {
    const wb = { sheets: [sheet(STORE_SHEET, writeStoreRows(state), { visibility: "veryHidden" as const })] };
    expect(readStore(wb)).toEqual({ state, issues: [] });
  });

  it("joins JSON chunked over key#1, key#2 ... rows, whatever their order", () => {
    const big: StoreState = {
      ...state,
      cf: Array.from({ length: 3000 }, (_, i) => ({ sheet: "Corporate scorecard", range: `D${i + 4}` })),
    };
    const rows = writeStoreRows(big);
    const cfRows = rows.filter(([k]) => k.startsWith("cf#"));
    expect(cfRows.length).toBeGreaterThan(2);
    for (const [, json] of rows) expect(json.length).toBeLessThanOrEqual(32_767);
    const shuffled = [...rows].reverse();
    expect(readStore({ sheets: [sheet(STORE_SHEET, shuffled)] }).state).toEqual(big);
  });

  it("reads a store whose used range does not start at A1", () => {
    const s = sheet(STORE_SHEET, writeStoreRows(state));
    expect(readStore({ sheets: [{ ...s, originRow: 3 }] }).state).toEqual(state);
  });

  it("reports bad JSON with its cell and returns an empty state", () => {
    const rows = writeStoreRows(state);
    rows[1] = [rows[1][0], rows[1][1].slice(0, -3)];
    const { state: got, issues } = readStore({ sheets: [sheet(STORE_SHEET, rows)] });
    expect(got).toEqual({ version: 1, owned: [], settings: {}, cf: [] });
    expect(issues).toEqual([
      expect.objectContaining({ code: "store-corrupt", sheet: STORE_SHEET, cell: "B2" }),
    ]);
    expect(issues[0].message).toContain("owned");
  });

  it("reports a value of the wrong shape", () => {
    const rows: [string, string][] = [
      ["version", "1"],
      ["owned", '[{"role":"chart","name":"x"}]'],
    ];
    const { state: got, issues } = readStore({ sheets: [sheet(STORE_SHEET, rows)] });
    expect(got.owned).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ code: "store-corrupt", cell: "B2" })]);
  });

  it("ignores keys it does not know (a later version's)", () => {
    const rows: [string, string][] = [...writeStoreRows(state), ["futureKey", "{not json we read"]];
    expect(readStore({ sheets: [sheet(STORE_SHEET, rows)] }).issues).toEqual([
      expect.objectContaining({ code: "store-corrupt" }),
    ]);
    const ok: [string, string][] = [...writeStoreRows(state), ["futureKey", '{"a":1}']];
    expect(readStore({ sheets: [sheet(STORE_SHEET, ok)] })).toEqual({ state, issues: [] });
  });

  it("does not read an officer's sheet called QScorecard_Store as a damaged store", () => {
    // Before: "The scorecard's store cell A1 ... is not valid JSON", and the officer's sheet was overwritten.
    const mine = sheet(STORE_SHEET, [["my own notes"]]);
    expect(readStore({ sheets: [mine] })).toEqual({
      state: { version: 1, owned: [], settings: {}, cf: [] },
      issues: [],
    });
    // Our store moved beside it is the one read; a damaged one there is reported on its own sheet.
    const moved = sheet("QScorecard_Store (2)", writeStoreRows(state), { visibility: "veryHidden" });
    expect(readStore({ sheets: [mine, moved] })).toEqual({ state, issues: [] });
    const rows = writeStoreRows(state);
    rows[2] = [rows[2][0], "{oops"];
    expect(readStore({ sheets: [mine, sheet("QScorecard_Store (2)", rows)] }).issues).toEqual([
      expect.objectContaining({ code: "store-corrupt", sheet: "QScorecard_Store (2)", cell: "B3" }),
    ]);
  });
});
