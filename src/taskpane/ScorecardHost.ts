import type { FinanceTable } from "../engine/finance/FinanceTable";
import type { KpiTable } from "../engine/kpi/KpiTable";
import type { ScoreResult } from "../engine/ScoreResult";
import type { Settings } from "../engine/Settings";

/** What the task pane shows before scoring: the tables found and the settings in force. */
export interface InspectResult {
  kpiTables: KpiTable[];
  financeTables: FinanceTable[];
  /** Period labels that can be scored, latest first. */
  periods: string[];
  settings: Settings;
  /** A dry-run result (nothing written), so assumed polarities and warnings can be shown. */
  preview: ScoreResult;
}

/** What a scoring run wrote. */
export interface RunReport {
  result: ScoreResult;
  /** Sheets written, conditional-format ranges written, and anything not written after a failure. */
  written: { sheets: string[]; cfRanges: number; notWritten: string[] };
  /** Plain reason the write stopped part-way (Office.js host); absent when everything was written. */
  writeError?: string;
}

/**
 * The actions a host offers the task pane. Components receive one of these as a prop or via
 * context and never touch `Excel` directly. Implemented by the Office.js host (src/excel/)
 * and by the browser preview (src/xlsx/ through the preview page).
 */
export interface ScorecardHost {
  kind: "excel" | "preview";
  /** Reads the workbook and scores it without writing. */
  inspect(overrides?: Partial<Settings>): Promise<InspectResult>;
  /** Scores with the saved settings plus `overrides`, writes back, saves settings. */
  score(
    overrides?: Partial<Settings>,
    onProgress?: (stage: "reading" | "scoring" | "writing" | "done") => void,
  ): Promise<RunReport>;
  /** Saves settings in the workbook without scoring. */
  saveSettings(settings: Partial<Settings>): Promise<void>;
  /**
   * Selects a cell so the officer can see a warning's source. A host that cannot select cells
   * (the browser preview) resolves with a note to show instead.
   */
  selectCell(sheet: string, cell: string): Promise<void | string>;
}
