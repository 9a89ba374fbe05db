import { scoreWorkbook, type ScoreOutcome } from "../engine/scoreWorkbook";
import type { Settings } from "../engine/Settings";
import { applyWritePlanToPackage } from "./applyWritePlanToPackage";
import type { PackageLimits } from "./inspectPackage";
import { openCheckedPackage } from "./read/openCheckedPackage";
import { XlsxInputError } from "./XlsxInputError";
import type { XlsxPackage } from "./XlsxPackage";
import type { ZipCodec } from "./ZipCodec";

/** Options for scoring an .xlsx held in memory. */
export interface ScoreXlsxOptions {
  overrides?: Partial<Settings>;
  /**
   * Save `overrides` in the workbook's store (default true, as the task pane and the preview do);
   * the CLI passes false: its options are for that run only.
   */
  saveOverrides?: boolean;
  /**
   * Go on even when scoring would drop something: only what an officer added to one of our own
   * sheets (pictures, comments, tables...), which every run rewrites.
   */
  force?: boolean;
  /** Size limits passed to `inspectPackage` (its defaults otherwise). */
  limits?: Partial<PackageLimits>;
  /** Zip compression: fflate by default (browser and Node); the CLI passes Node's zlib. */
  codec?: ZipCodec;
}

/**
 * Scores an .xlsx held in memory and returns the outcome plus the scored file's bytes.
 * Shared by the CLI (Node) and the browser preview, so it uses no Node APIs.
 * The grid is read straight from the package's XML (`readPackageGrid`); the scored copy is written by editing the package
 * (`applyWritePlanToPackage`), so every part scoring does not change keeps its bytes, and an
 * .xlsm stays an .xlsm. An officer's conditional-format rule that also covers scored cells adds one
 * warning per rule to the result.
 * Refuses unsafe or unreadable input, and a workbook with no KPI or finance table, with an
 * `XlsxInputError` whose one-line message names the problem.
 *
 * @example
 * const { outcome, output } = await scoreXlsxBuffer(bytes, { overrides: { threshold: 250_000 } });
 * outcome.result.summaryLines; // ["Contract measures: 4 better than target, ..."]
 */
export async function scoreXlsxBuffer(
  input: Uint8Array,
  options: ScoreXlsxOptions = {},
): Promise<{ outcome: ScoreOutcome; output: Uint8Array }> {
  const { outcome, pkg } = await readAndScore(input, options);
  const { warnings } = applyWritePlanToPackage(pkg, outcome.plan, { force: options.force });
  for (const w of warnings) {
    outcome.result.warnings.push(w);
    outcome.result.issues.push({ severity: "warning", code: "other", ...w });
  }
  return { outcome, output: pkg.toBytes() };
}

/**
 * Reads and scores an .xlsx held in memory without writing anything: what `scorecard inspect`
 * shows.
 * @example (await inspectXlsxBuffer(bytes)).result.tables[0].columns.measure // "A (Measure)"
 */
export async function inspectXlsxBuffer(
  input: Uint8Array,
  options: ScoreXlsxOptions = {},
): Promise<ScoreOutcome> {
  return (await readAndScore(input, { ...options, saveOverrides: false })).outcome;
}

/** The checks, the read and the scoring shared by `scoreXlsxBuffer` and `inspectXlsxBuffer`. */
async function readAndScore(
  input: Uint8Array,
  options: ScoreXlsxOptions,
): Promise<{ pkg: XlsxPackage; outcome: ScoreOutcome }> {
  const { pkg, grid } = await openCheckedPackage(input, options);
  const outcome = scoreWorkbook(grid, options.overrides ?? {}, {
    saveOverrides: options.saveOverrides ?? true,
  });
  if (outcome.kpiTables.length === 0 && outcome.financeTables.length === 0) {
    const names = grid.sheets.filter((s) => s.visibility !== "veryHidden").map((s) => `"${s.name}"`);
    throw new XlsxInputError(
      "no-tables",
      `no KPI or finance table found in ${names.length === 1 ? "sheet" : "sheets"} ${names.join(", ") || "(none)"}`,
    );
  }
  return { pkg, outcome };
}
