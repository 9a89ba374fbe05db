import { readdirSync } from "node:fs";
import path from "node:path";
import type { KpiResult } from "../../src/engine/kpi/KpiResult";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import type { Settings } from "../../src/engine/Settings";
import type { CouncilFixture } from "../fixtures/councils/CouncilFixture";
import { seedToGrid } from "../fixtures/seedToGrid";

/** One expectation and what the engine said of it. */
export interface Check {
  what: string;
  expected: string;
  got: string;
  ok: boolean;
}

/** Agreement with one report's own judgements. */
export interface Agreement {
  file: string;
  publisher: string;
  checks: Check[];
  agreed: number;
  total: number;
}

const FIXTURES = path.join(__dirname, "../fixtures/councils");

/**
 * Every council fixture in test/fixtures/councils (each file's `fixture` export), by file name.
 * @example loadCouncilFixtures().map((f) => f.file) // ["barnetKpis.ts", ...]
 */
export function loadCouncilFixtures(): { file: string; fixture: CouncilFixture }[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".ts") && f !== "CouncilFixture.ts")
    .sort()
    .map((file) => {
      const mod = require(path.join(FIXTURES, file)) as { fixture?: CouncilFixture };
      if (!mod.fixture) throw new Error(`${file} exports no \`fixture\``);
      return { file, fixture: mod.fixture };
    });
}

const tidy = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/**
 * Scores a fixture's sheets with no settings beyond `overrides` and compares every expectation
 * with the report's own judgement: KPI statuses, and variances (sign and amount to the table's
 * rounding, £1,000 or 1%).
 * @example agreementOf("x.ts", fixture).agreed // 9 (of 10)
 */
export function agreementOf(
  file: string,
  fixture: CouncilFixture,
  overrides: Partial<Settings> = {},
): Agreement {
  const grid = { sheets: fixture.sheets.map(seedToGrid) };
  const { result } = scoreWorkbook(grid, overrides, { saveOverrides: false });
  const checks: Check[] = [];
  for (const k of fixture.kpis ?? []) {
    const found = result.kpis.filter(
      (r: KpiResult) => r.sheet === k.sheet && tidy(r.measure) === tidy(k.measure),
    );
    const got =
      found.length === 1 ? found[0].status : found.length === 0 ? "not found" : `${found.length} rows`;
    checks.push({ what: `${k.sheet}: ${k.measure}`, expected: k.status, got, ok: got === k.status });
  }
  for (const v of fixture.variances ?? []) {
    const found = result.variances.filter((r) => r.sheet === v.sheet && tidy(r.name) === tidy(v.line));
    const ours = found.length === 1 ? -found[0].variance : null; // the engine's + is an underspend
    const close = ours !== null && Math.abs(ours - v.variance) <= Math.max(1000, Math.abs(v.variance) * 0.01);
    checks.push({
      what: `${v.sheet}: ${v.line}`,
      expected: String(v.variance),
      got: ours === null ? (found.length ? `${found.length} rows` : "not found") : String(ours),
      ok: close,
    });
  }
  const agreed = checks.filter((c) => c.ok).length;
  return { file, publisher: fixture.source.publisher, checks, agreed, total: checks.length };
}
