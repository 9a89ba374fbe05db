import type { WorkbookGrid } from "../engine/Grid";
import type { ScoreOutcome } from "../engine/scoreWorkbook";
import type { Settings } from "../engine/Settings";
import type { ScoreXlsxOptions } from "../xlsx/scoreXlsxBuffer";
import { listPeriods } from "./listPeriods";
import { parseTableRange } from "./parseTableRange";
import type { InspectResult, RemoveReport, ReportRequest, RunReport, ScorecardHost } from "./ScorecardHost";
import { tableHeaders } from "./tableHeaders";

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
  /**
   * Loads what reads the workbook's cells (header texts for the Tables panel, sheet names to check
   * a typed range); by default `readXlsxGrid`, in the scorer's chunk.
   */
  loadGridReader?(): Promise<(bytes: Uint8Array) => Promise<WorkbookGrid>>;
  /** Loads "Remove scorecard" for .xlsx files; by default `removeScorecard` (src/xlsx), in the scorer's chunk. */
  loadRemover?(): Promise<XlsxRemover>;
  /** Loads the committee report's builder; by default `reportXlsxBuffer` drawing charts in the browser, in its own chunk. */
  loadReporter?(): Promise<XlsxReporter>;
}

/** Builds the committee report (.docx bytes) from an .xlsx in memory (see `reportXlsxBuffer`). */
export type XlsxReporter = (input: Uint8Array, request: ReportRequest) => Promise<Uint8Array>;

/** Takes the scorecard out of an .xlsx in memory (the signature of src/xlsx's `removeScorecard`). */
export type XlsxRemover = (
  input: Uint8Array,
  options?: { force?: boolean },
) => Promise<{ output: Uint8Array; report: RemoveReport }>;

/** The preview's host: a `ScorecardHost` plus the scored workbook to download. */
export interface PreviewHost extends ScorecardHost {
  kind: "preview";
  /** The workbook as last scored (with our sheets and saved settings) or with the scorecard removed, or null before either. */
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
  const loadRemover =
    options.loadRemover ??
    (async () => (await import(/* webpackChunkName: "xlsx" */ "../xlsx/removeScorecard")).removeScorecard);
  const loadReporter =
    options.loadReporter ??
    (async (): Promise<XlsxReporter> => {
      const [{ reportXlsxBuffer }, { rasterizeSvgInBrowser }] = await Promise.all([
        import(/* webpackChunkName: "report" */ "../xlsx/reportXlsxBuffer"),
        import(/* webpackChunkName: "report" */ "./rasterizeSvgInBrowser"),
      ]);
      return async (input, request) =>
        (await reportXlsxBuffer(input, { ...request, svgToPng: rasterizeSvgInBrowser })).report;
    });
  const loadReader =
    options.loadGridReader ??
    (async () => (await import(/* webpackChunkName: "xlsx" */ "./readXlsxGrid")).readXlsxGrid);
  // The grid of the bytes last read: read again only after a run replaces them.
  let gridOf: { bytes: Uint8Array; grid: Promise<WorkbookGrid> } | null = null;
  const grid = async (): Promise<WorkbookGrid> => {
    if (gridOf?.bytes !== current) {
      const reader = await loadReader();
      gridOf = { bytes: current, grid: reader(current) };
    }
    // A failed read is not kept: the next call tries again.
    const held = gridOf;
    return held.grid.catch((e: unknown) => {
      if (gridOf === held) gridOf = null;
      throw e;
    });
  };

  return {
    kind: "preview",
    async inspect(overrides) {
      const scorer = await load();
      const { outcome } = await scorer(current, {
        overrides: { ...saved, ...overrides },
        force: options.force,
      });
      // Read after scoring, so a file the scorer refuses is refused in its words.
      const cells = await grid();
      const result: InspectResult = {
        kpiTables: outcome.kpiTables,
        financeTables: outcome.financeTables,
        periods: listPeriods(outcome.kpiTables),
        settings: outcome.settings,
        preview: outcome.result,
        headers: tableHeaders(
          cells,
          [...outcome.kpiTables, ...outcome.financeTables],
          outcome.settings.tables,
        ),
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
    async getSelection(typed) {
      if (typed === undefined)
        return "The preview cannot see a selection in the workbook: type the table's range instead, such as KPIs!B4:H30.";
      const cells = await grid();
      const sheets = cells.sheets.filter((s) => s.visibility !== "veryHidden").map((s) => s.name);
      return parseTableRange(typed, sheets);
    },
    async removeScorecard() {
      const remove = await loadRemover();
      const { output, report } = await remove(current, { force: options.force });
      // The download is now the workbook without the scorecard.
      current = output;
      scored = output;
      return report;
    },
    async exportReport(request = {}) {
      const report = await loadReporter();
      // The held workbook (scored, if it was), with the settings of this session.
      return report(current, { ...request, overrides: { ...saved, ...request.overrides } });
    },
    scoredWorkbook: () => scored,
  };
}
