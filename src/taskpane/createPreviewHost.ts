import type { ScoreOutcome } from "../engine/scoreWorkbook";
import type { Settings } from "../engine/Settings";
import type { ScoreXlsxOptions } from "../xlsx/scoreXlsxBuffer";
import { listPeriods } from "./listPeriods";
import type { InspectResult, RunReport, ScorecardHost } from "./ScorecardHost";

/** Scores an .xlsx in memory (the signature of `scoreXlsxBuffer`). */
export type XlsxScorer = (
  input: Uint8Array,
  options?: ScoreXlsxOptions,
) => Promise<{ outcome: ScoreOutcome; output: Uint8Array }>;

/** Options of `createPreviewHost`. */
export interface PreviewHostOptions {
  /** Go on when the file holds parts ExcelJS would drop (charts, pictures, ...). */
  force?: boolean;
  /** Told when the pane asks to select a cell (the preview has no grid to select in). */
  onSelectCell?(sheet: string, cell: string): void;
  /** Loads the scorer; by default `scoreXlsxBuffer`, fetched as a separate chunk on first use. */
  loadScorer?(): Promise<XlsxScorer>;
}

/** The preview's host: a `ScorecardHost` plus the scored workbook to download. */
export interface PreviewHost extends ScorecardHost {
  kind: "preview";
  /** The workbook as last scored (with our sheets and saved settings), or null before a run. */
  scoredWorkbook(): Uint8Array | null;
}

/**
 * A `ScorecardHost` over an .xlsx file held in the browser, for the preview outside Office.
 * Scoring replaces the held workbook with the scored one, so settings saved by a run are read
 * back by the next, as in Excel. Nothing leaves the page.
 *
 * @example
 * const host = createPreviewHost(new Uint8Array(await file.arrayBuffer()));
 * await host.score(); host.scoredWorkbook(); // bytes of the scored .xlsx
 */
export function createPreviewHost(bytes: Uint8Array, options: PreviewHostOptions = {}): PreviewHost {
  let current = bytes;
  let scored: Uint8Array | null = null;
  let saved: Partial<Settings> = {};
  const load =
    options.loadScorer ??
    (async () => (await import(/* webpackChunkName: "xlsx" */ "../xlsx/scoreXlsxBuffer")).scoreXlsxBuffer);

  return {
    kind: "preview",
    async inspect(overrides) {
      const scorer = await load();
      const { outcome } = await scorer(current, {
        overrides: { ...saved, ...overrides },
        force: options.force,
      });
      const result: InspectResult = {
        kpiTables: outcome.kpiTables,
        financeTables: outcome.financeTables,
        periods: listPeriods(outcome.kpiTables),
        settings: outcome.settings,
        preview: outcome.result,
      };
      return result;
    },
    async score(overrides, onProgress) {
      onProgress?.("reading");
      const scorer = await load();
      saved = { ...saved, ...overrides };
      onProgress?.("scoring");
      // Saved in the scored workbook's store, as the add-in does (the CLI's options are not).
      const { outcome, output } = await scorer(current, {
        overrides: saved,
        saveOverrides: true,
        force: options.force,
      });
      onProgress?.("writing");
      current = output;
      scored = output;
      const report: RunReport = {
        result: outcome.result,
        written: {
          sheets: outcome.plan.sheets.map((s) => s.name),
          cfRanges: outcome.plan.conditionalFormats.length,
          notWritten: [],
        },
      };
      onProgress?.("done");
      return report;
    },
    async saveSettings(settings) {
      saved = { ...saved, ...settings };
    },
    async selectCell(sheet, cell) {
      options.onSelectCell?.(sheet, cell);
      return `That warning is about cell ${sheet}!${cell}. The preview cannot select cells: open the downloaded workbook in Excel to see it.`;
    },
    scoredWorkbook: () => scored,
  };
}
