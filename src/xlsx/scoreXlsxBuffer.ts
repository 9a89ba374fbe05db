import ExcelJS from "exceljs";
import { scoreWorkbook, type ScoreOutcome } from "../engine/scoreWorkbook";
import type { Settings } from "../engine/Settings";
import { applyWritePlan } from "./applyWritePlan";
import { inspectPackage, type PackageLimits, type UnsupportedPart } from "./inspectPackage";
import { readWorkbookGrid } from "./readWorkbookGrid";
import { XlsxInputError } from "./XlsxInputError";

/** Options for scoring an .xlsx held in memory. */
export interface ScoreXlsxOptions {
  overrides?: Partial<Settings>;
  /**
   * Save `overrides` in the workbook's store (default true, as the task pane and the preview do);
   * the CLI passes false: its options are for that run only.
   */
  saveOverrides?: boolean;
  /** Go on even when the file holds parts ExcelJS would drop (charts, pivots, ...). */
  force?: boolean;
  /** Size limits passed to `inspectPackage` (its defaults otherwise). */
  limits?: Partial<PackageLimits>;
}

/**
 * Scores an .xlsx held in memory and returns the outcome plus the scored file's bytes.
 * Shared by the CLI (Node) and the browser preview, so it uses no Node APIs.
 * Refuses unsafe, unreadable or lossy input, and a workbook with no KPI or finance table,
 * with an `XlsxInputError` whose one-line message names the problem.
 *
 * @example
 * const { outcome, output } = await scoreXlsxBuffer(bytes, { overrides: { threshold: 250_000 } });
 * outcome.result.summaryLines; // ["Contract measures: 4 better than target, ..."]
 */
export async function scoreXlsxBuffer(
  input: Uint8Array,
  options: ScoreXlsxOptions = {},
): Promise<{ outcome: ScoreOutcome; output: Uint8Array }> {
  const { workbook, outcome } = await readAndScore(input, options, true);
  applyWritePlan(workbook, outcome.plan);
  const written = await workbook.xlsx.writeBuffer();
  return { outcome, output: new Uint8Array(written as ArrayBuffer) };
}

/**
 * Reads and scores an .xlsx held in memory without writing anything: what `scorecard inspect`
 * shows. Lossy parts are no reason to refuse here, since nothing is saved.
 * @example (await inspectXlsxBuffer(bytes)).result.tables[0].columns.measure // "A (Measure)"
 */
export async function inspectXlsxBuffer(
  input: Uint8Array,
  options: ScoreXlsxOptions = {},
): Promise<ScoreOutcome> {
  return (await readAndScore(input, { ...options, saveOverrides: false }, false)).outcome;
}

/** The checks, the read and the scoring shared by `scoreXlsxBuffer` and `inspectXlsxBuffer`. */
async function readAndScore(
  input: Uint8Array,
  options: ScoreXlsxOptions,
  writing: boolean,
): Promise<{ workbook: ExcelJS.Workbook; outcome: ScoreOutcome }> {
  const report = await inspectPackage(input, options.limits);
  if (report.problems.length > 0) {
    const first = report.problems[0];
    throw new XlsxInputError(first.code, oneLine(report.problems.map((p) => p.message).join("; ")));
  }
  if (writing && report.unsupportedParts.length > 0 && !options.force) {
    throw new XlsxInputError("unsupported-parts", describeLoss(report.unsupportedParts));
  }

  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS's types ask for a Node Buffer; JSZip (underneath) takes any Uint8Array.
    await workbook.xlsx.load(input as unknown as ArrayBuffer);
  } catch (err) {
    throw new XlsxInputError("unreadable", `not a readable .xlsx: ${oneLine(errorMessage(err))}`);
  }

  const grid = readWorkbookGrid(workbook);
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
  return { workbook, outcome };
}

/**
 * One sentence naming what ExcelJS would drop, by kind, with the first few part paths.
 * @example describeLoss([{ kind: "chart", path: "xl/charts/chart1.xml" }])
 *   // "this workbook holds 1 chart (xl/charts/chart1.xml) that would be lost in the scored copy; use --force to score it anyway"
 */
export function describeLoss(parts: UnsupportedPart[]): string {
  const byKind = new Map<string, string[]>();
  for (const p of parts) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p.path]);
  const pieces = [...byKind.entries()].map(([kind, paths]) => {
    const shown = paths.slice(0, 3).join(", ") + (paths.length > 3 ? `, +${paths.length - 3} more` : "");
    return `${paths.length} ${plural(kind, paths.length)} (${shown})`;
  });
  return `this workbook holds ${pieces.join(", ")} that would be lost in the scored copy; use --force to score it anyway`;
}

const KIND_WORDS: Record<string, [string, string]> = {
  chart: ["chart", "charts"],
  pivot: ["pivot table", "pivot tables"],
  image: ["image", "images"],
  customXml: ["custom XML part", "custom XML parts"],
  vba: ["macro (VBA) project", "macro (VBA) projects"],
  drawing: ["drawing", "drawings"],
  slicer: ["slicer", "slicers"],
  other: ["other part", "other parts"],
};

function plural(kind: string, n: number): string {
  const words = KIND_WORDS[kind] ?? [`${kind} part`, `${kind} parts`];
  return n === 1 ? words[0] : words[1];
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
