import { resolveSheetNames } from "../../../src/engine/writeplan/resolveSheetNames";
import { DEFAULT_SETTINGS } from "../../../src/engine/Settings";
import type { StoreState } from "../../../src/engine/writeplan/StoreState";
import { sheet } from "../planFixtures";

const empty: StoreState = { version: 1, owned: [], settings: {}, cf: [] };
const names = DEFAULT_SETTINGS.sheetNames;

describe("resolveSheetNames", () => {
  it("uses the plain names on a fresh workbook", () => {
    const got = resolveSheetNames(names, { sheets: [sheet("KPIs", [[1]])] }, empty);
    expect(got).toEqual({
      names: { summary: "Scorecard Summary", commentary: "KPI Commentary", narrative: "Variance Narrative" },
      issues: [],
    });
  });

  it("never takes a user's sheet of the same name (any case): suffix and warn", () => {
    const wb = {
      sheets: [sheet("kpi commentary", [["mine"]]), sheet("KPI Commentary (2)", [["also mine"]])],
    };
    const got = resolveSheetNames(names, wb, empty);
    expect(got.names.commentary).toBe("KPI Commentary (3)");
    expect(got.issues).toEqual([
      expect.objectContaining({ code: "sheet-name-taken", sheet: "KPI Commentary" }),
    ]);
  });

  it("reuses the names it owned, suffixed or not, without warning about its own sheets", () => {
    const state: StoreState = { ...empty, owned: [{ role: "summary", name: "Scorecard Summary" }] };
    const wb = { sheets: [sheet("Scorecard Summary", [["ours"]])] };
    expect(resolveSheetNames(names, wb, state)).toEqual({
      names: { summary: "Scorecard Summary", commentary: "KPI Commentary", narrative: "Variance Narrative" },
      issues: [],
    });
    const suffixed: StoreState = { ...empty, owned: [{ role: "summary", name: "Scorecard Summary (2)" }] };
    const wb2 = {
      sheets: [sheet("Scorecard Summary", [["user's"]]), sheet("Scorecard Summary (2)", [["ours"]])],
    };
    const got = resolveSheetNames(names, wb2, suffixed);
    expect(got.names.summary).toBe("Scorecard Summary (2)");
    expect(got.issues).toHaveLength(1);
  });

  it("cleans characters Excel forbids and keeps names within 31 characters", () => {
    const got = resolveSheetNames(
      {
        summary: "Q3: summary/overview",
        commentary: "A very long commentary sheet name indeed",
        narrative: "Variance Narrative",
      },
      { sheets: [sheet("A very long commentary sheet na", [[1]])] },
      empty,
    );
    expect(got.names.summary).toBe("Q3- summary-overview");
    expect(got.names.commentary).toBe("A very long commentary shee (2)");
    expect(got.names.commentary.length).toBe(31);
  });

  it("gives two roles asked for the same name distinct names", () => {
    const got = resolveSheetNames(
      { summary: "Scorecard", commentary: "Scorecard", narrative: "Scorecard" },
      { sheets: [] },
      empty,
    );
    expect(Object.values(got.names)).toEqual(["Scorecard", "Scorecard (2)", "Scorecard (3)"]);
  });

  it("never takes the store's name, nor an officer's sheet called QScorecard_Store", () => {
    const wanted = { ...names, summary: "QScorecard_Store", commentary: "QScorecard_Store (2)" };
    const wb = { sheets: [sheet("QScorecard_Store", [["my own notes"]])] };
    const got = resolveSheetNames(wanted, wb, empty, "QScorecard_Store (2)");
    expect(got.names).toEqual({
      summary: "QScorecard_Store (3)",
      commentary: "QScorecard_Store (2) (2)",
      narrative: "Variance Narrative",
    });
    // The officer's sheet is warned about; our own store's name is not "a sheet of yours".
    expect(got.issues).toEqual([
      expect.objectContaining({ code: "sheet-name-taken", sheet: "QScorecard_Store" }),
    ]);
  });
});
