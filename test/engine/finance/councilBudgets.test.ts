import { readdirSync } from "node:fs";
import path from "node:path";
import { analyseVariances } from "../../../src/engine/finance/analyseVariances";
import { findFinanceTables } from "../../../src/engine/finance/findFinanceTables";
import { DEFAULT_SETTINGS } from "../../../src/engine/Settings";
import type { CouncilFixture } from "../../fixtures/councils/CouncilFixture";
import { seedToGrid } from "../../fixtures/seedToGrid";

// Finance detection against tables rebuilt from real published budget reports: every line's
// variance, as the report prints it, in whole pounds (+ = overspend; the engine's is + = underspend).

const dir = path.join(__dirname, "../../fixtures/councils");
const files = readdirSync(dir).filter((f) => /Budget\.ts$/.test(f));

describe.each(files)("%s", (file) => {
  const { fixture } = require(path.join(dir, file)) as { fixture: CouncilFixture };
  const grids = fixture.sheets.map(seedToGrid);
  const tables = grids.flatMap((g) => findFinanceTables(g, DEFAULT_SETTINGS).tables);
  const { variances } = analyseVariances(tables, new Map(grids.map((g) => [g.name, g])), DEFAULT_SETTINGS);
  const tidy = (s: string) => s.replace(/\s+/g, " ").trim();

  test.each((fixture.variances ?? []).map((e) => [e.line, e] as const))("%s", (_, e) => {
    const hits = variances.filter((v) => v.sheet === e.sheet && tidy(v.name) === tidy(e.line));
    expect(hits.map((v) => (v.variance === 0 ? 0 : -v.variance))).toEqual([e.variance]);
  });
});
