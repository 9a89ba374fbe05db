import type { FinanceTable } from "../engine/finance/FinanceTable";
import type { KpiTable } from "../engine/kpi/KpiTable";
import type { ScoreResult } from "../engine/ScoreResult";
import type { Settings } from "../engine/Settings";

/**
 * One column of a table's header, as the pane lists it for the officer to give it a role.
 * @example { col: 1, text: "2019/20 Budget Net" } // column B
 */
export interface HeaderCell {
  /** 0-based sheet column. */
  col: number;
  /** The header text (all header rows, top to bottom); "" when blank. */
  text: string;
}

/**
 * A block of cells the officer selected in the workbook ("B4:H30": no sheet, no "$").
 * @example { sheet: "KPIs", address: "B4:H30" }
 */
export interface SelectedRange {
  sheet: string;
  address: string;
}

/** What the task pane shows before scoring: the tables found and the settings in force. */
export interface InspectResult {
  kpiTables: KpiTable[];
  financeTables: FinanceTable[];
  /** Period labels that can be scored, latest first. */
  periods: string[];
  settings: Settings;
  /** A dry-run result (nothing written), so assumed polarities and warnings can be shown. */
  preview: ScoreResult;
  /**
   * Each table's header cells, keyed by `tableKey(sheet, headerRow)` (`tableHeaders`), for the
   * Tables panel; absent when the host could not read them (the panel then lists known columns only).
   */
  headers?: Record<string, HeaderCell[]>;
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
  /**
   * The block of cells the officer has selected, to use as a table the scorecard missed. A
   * string is a note to show instead (one cell, whole columns, ...). A host that cannot see a
   * selection (the browser preview) checks `typed` instead, a range the officer typed
   * ("KPIs!B4:H30"); the Office.js host ignores it.
   */
  getSelection(typed?: string): Promise<SelectedRange | string>;
}
