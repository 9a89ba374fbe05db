import * as fs from "fs";
import * as path from "path";
import {
  buildSampleWorkbook,
  loadSeedSheets,
  SAMPLE_LOWER_IS_BETTER,
  SAMPLE_PATH,
} from "../../scripts/buildSample";
import { measureKey } from "../../src/engine/kpi/measureKey";
import { readStore } from "../../src/engine/writeplan/readStore";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { readWorkbookGrid } from "../../src/xlsx/readWorkbookGrid";
import { seedToGrid } from "../fixtures/seedToGrid";
import { loadWorkbook } from "../xlsx/workbookSnapshot";

async function builtGrid() {
  const bytes = Buffer.from(
    await buildSampleWorkbook(loadSeedSheets(), { savedSettings: true }).xlsx.writeBuffer(),
  );
  return readWorkbookGrid(await loadWorkbook(bytes));
}

describe("buildSample", () => {
  it("finds every seed sheet in test/fixtures/seeds/", () => {
    const seeds = loadSeedSheets();
    const modules = fs
      .readdirSync(path.join(__dirname, "..", "fixtures", "seeds"))
      .filter((f) => f !== "SeedSheet.ts");
    expect(seeds.length).toBeGreaterThanOrEqual(modules.length);
    expect(new Set(seeds.map((s) => s.name)).size).toBe(seeds.length);
  });

  it("the checked-in samples/sample.xlsx matches a fresh build, cell for cell (run `npm run sample` if not)", async () => {
    const checkedIn = readWorkbookGrid(await loadWorkbook(fs.readFileSync(SAMPLE_PATH)));
    expect(checkedIn).toEqual(await builtGrid());
  });

  it("keeps each seed's values, number formats and merges where the seed puts them", async () => {
    const grid = await builtGrid();
    for (const seed of loadSeedSheets()) {
      const want = seedToGrid(seed);
      const got = grid.sheets.find((s) => s.name === seed.name);
      expect(got).toBeDefined();
      // Compare cell by cell in sheet coordinates (the built grid starts at the first used cell).
      want.values.forEach((row, r) =>
        row.forEach((value, c) => {
          const gr = r - got!.originRow;
          const gc = c - got!.originCol;
          const inside = gr >= 0 && gc >= 0 && gr < got!.values.length && gc < (got!.values[0]?.length ?? 0);
          const covered = (want.merges ?? []).some(
            (m) =>
              r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && !(r === m.top && c === m.left),
          );
          const expected = covered || value === "" ? null : value;
          expect({ at: `${seed.name}!${r},${c}`, value: inside ? got!.values[gr][gc] : null }).toEqual({
            at: `${seed.name}!${r},${c}`,
            value: expected,
          });
          if (inside && expected !== null) expect(got!.formats[gr][gc]).toBe(want.formats[r][c]);
        }),
      );
      expect(got!.merges).toEqual(expect.arrayContaining(want.merges ?? []));
      expect(got!.merges?.length).toBe(want.merges?.length ?? 0);
    }
  });

  it("sets the seeds' column widths and emboldens title and header rows", async () => {
    const wb = await loadWorkbook(
      Buffer.from(await buildSampleWorkbook(loadSeedSheets(), { savedSettings: true }).xlsx.writeBuffer()),
    );
    for (const seed of loadSeedSheets()) {
      const ws = wb.getWorksheet(seed.name)!;
      for (const [letter, width] of Object.entries(seed.widths ?? {}))
        expect(ws.getColumn(letter).width).toBe(width);
      const firstText = seed.rows.findIndex(
        (r) => typeof r[0] === "string" && r.filter((v) => v !== null).length === 1,
      );
      if (firstText >= 0) expect(ws.getCell(firstText + 1, 1).font?.bold).toBe(true);
    }
  });

  it("saves the lower-is-better measures in a very hidden store, as the task pane would", async () => {
    const bytes = Buffer.from(
      await buildSampleWorkbook(loadSeedSheets(), { savedSettings: true }).xlsx.writeBuffer(),
    );
    const wb = await loadWorkbook(bytes);
    expect(wb.getWorksheet(STORE_SHEET)?.state).toBe("veryHidden");
    const { state, issues } = readStore(readWorkbookGrid(wb));
    expect(issues).toEqual([]);
    const keys = SAMPLE_LOWER_IS_BETTER.map((m) => measureKey(m.measure));
    expect(Object.keys(state.settings.polarityOverrides ?? {}).sort()).toEqual([...keys].sort());
    expect(SAMPLE_LOWER_IS_BETTER.every((m) => m.why.includes("seed"))).toBe(true);
  });

  it("scores those measures lower-is-better and still assumes a few ambiguous ones", async () => {
    const { result } = scoreWorkbook(await builtGrid());
    const byKey = new Map(result.kpis.map((k) => [measureKey(k.measure), k]));
    for (const { measure } of SAMPLE_LOWER_IS_BETTER) {
      const k = byKey.get(measureKey(measure));
      expect({ measure, polarity: k?.polarity }).toEqual({ measure, polarity: "lower" });
    }
    // Seed 001 §72: first-time entrants "better than the target" at 124 against 194.
    expect(
      byKey.get(measureKey("Children entering the criminal justice system for the first time"))?.status,
    ).toBe("better");
    expect(result.kpis.some((k) => k.polaritySource === "assumed")).toBe(true);
  });
});
