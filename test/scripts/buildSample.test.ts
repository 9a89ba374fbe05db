import * as fs from "fs";
import * as path from "path";
import {
  buildSampleBytes,
  buildSampleWorkbook,
  loadSeedSheets,
  SAMPLE_LOWER_IS_BETTER,
  SAMPLES,
  SAMPLES_DIR,
} from "../../scripts/buildSample";
import { measureKey } from "../../src/engine/kpi/measureKey";
import { readStore } from "../../src/engine/writeplan/readStore";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { readWorkbookGrid } from "../../scripts/exceljs/readWorkbookGrid";
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

  it("puts every seed module in exactly one sample, one report quarter each", () => {
    const modules = fs
      .readdirSync(path.join(__dirname, "..", "fixtures", "seeds"))
      .filter((f) => f !== "SeedSheet.ts")
      .map((f) => f.replace(/\.ts$/, ""));
    const used = SAMPLES.flatMap((s) => s.modules);
    expect([...used].sort()).toEqual([...modules].sort());
    expect(new Set(used).size).toBe(used.length);
    // File names sort in date order (the CLI scores them in that order).
    expect(SAMPLES.map((s) => s.file)).toEqual(["dec-15.xlsx", "q3-2019-20.xlsx", "q4-2021-22.xlsx"]);
  });

  it.each(SAMPLES.map((s) => [s.file, s] as const))(
    "the checked-in samples/%s is byte for byte a fresh build (run `npm run sample` if not)",
    async (file, spec) => {
      const fresh = await buildSampleBytes(spec);
      expect(fs.readFileSync(path.join(SAMPLES_DIR, file)).equals(fresh)).toBe(true);
      // Deterministic: a second build (a moment later) gives the same bytes.
      await new Promise((r) => setTimeout(r, 1100));
      expect((await buildSampleBytes(spec)).equals(fresh)).toBe(true);
    },
  );

  it.each(SAMPLES.map((s) => [s.file, s] as const))(
    "samples/%s is coherent: one period scored, its saved polarities all its own",
    async (file, spec) => {
      const grid = readWorkbookGrid(await loadWorkbook(await buildSampleBytes(spec)));
      const { result } = scoreWorkbook(grid);
      expect(result.period).not.toContain(" / ");
      const keys = new Set(result.kpis.map((k) => measureKey(k.measure)));
      const saved = Object.keys(readStore(grid).state.settings.polarityOverrides ?? {});
      expect(saved.filter((k) => !keys.has(k))).toEqual([]);
    },
  );

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
    const saved: string[] = [];
    for (const spec of SAMPLES) {
      const wb = await loadWorkbook(await buildSampleBytes(spec));
      const store = wb.getWorksheet(STORE_SHEET);
      if (!store) continue; // a sample holding none of those measures has no store
      expect(store.state).toBe("veryHidden");
      const { state, issues } = readStore(readWorkbookGrid(wb));
      expect(issues).toEqual([]);
      saved.push(...Object.keys(state.settings.polarityOverrides ?? {}));
    }
    const keys = SAMPLE_LOWER_IS_BETTER.map((m) => measureKey(m.measure));
    expect([...saved].sort()).toEqual([...keys].sort());
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
