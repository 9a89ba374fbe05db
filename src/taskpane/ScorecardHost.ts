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

/** What the committee report is built with, beyond the workbook (`ScorecardHost.exportReport`). */
export interface ReportRequest {
  /** The pane's settings (period, threshold...), for this report only: nothing is saved. */
  overrides?: Partial<Settings>;
  /** A council's Word template (.docx bytes): its styles, page, header and footer are used. */
  template?: Uint8Array;
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
  /**
   * "Remove scorecard": takes our RAG rules, our sheets and our store out of the workbook, leaving
   * every cell of the officer's own sheets as it was. What could not be removed is listed, not thrown.
   */
  removeScorecard(): Promise<RemoveReport>;
  /**
   * Builds the committee report (.docx bytes) from the workbook as it stands, with the officer's
   * commentary from its KPI Commentary and Variance Narrative sheets; writes nothing. Optional:
   * the pane offers "Export committee report" only where the host has it.
   */
  exportReport?(request?: ReportRequest): Promise<Uint8Array>;
}

/**
 * What "Remove scorecard" took out of the workbook.
 * @example { sheets: ["Scorecard Summary", "KPI Commentary"], rules: 8, store: true, notRemoved: [] }
 */
export interface RemoveReport {
  /** Our sheets deleted (named in the store), in workbook order. */
  sheets: string[];
  /** Our conditional-format rules deleted from the officer's sheets. */
  rules: number;
  /** The very hidden store sheet was deleted. */
  store: boolean;
  /** What was not removed, each with its reason in plain words. */
  notRemoved: string[];
  /** Why removal stopped part-way, in plain words; absent when nothing failed. */
  error?: string;
}
