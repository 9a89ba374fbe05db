/** What kind of data problem an issue reports. */
export type IssueCode =
  | "unparsed-value" // a cell we could not read as a number or known marker
  | "polarity-assumed" // no polarity found; higher-is-better assumed
  | "polarity-inferred" // polarity taken from the measure's words (lexicon): confirm it
  | "status-disagrees" // the officer's own status column says otherwise
  | "rule-from-legend" // a key in the sheet set the amber rule
  | "stray-cells" // cells far from every table, ignored
  | "tolerance-wrong-side" // tolerance on the wrong side of the target: ignored
  | "unit-mismatch" // e.g. a % target against a bare 85
  | "period-not-found" // requested --period is not in a table
  | "no-kpi-table" // nothing found on a sheet that looked like it should have a table
  | "row-skipped" // a row that looked like a KPI but could not be scored
  | "tie-out" // finance lines do not add up to a total, or gross+income≠net
  | "variance-mismatch" // a given variance ≠ budget − forecast
  | "variance-sign" // the sheet's variance uses the opposite sign
  | "sheet-name-taken" // a user's sheet already has one of our names
  | "store-corrupt" // our hidden store sheet could not be read
  | "store-name-taken" // a user's sheet has our store's name: ours went to another name
  | "commentary-unmatched" // officer commentary whose row has gone
  | "protected-sheet" // a sheet we need to write is protected
  | "other";

/**
 * A problem in the user's workbook, always tied to a sheet and a cell so the officer can find it.
 *
 * @example
 * { severity: "warning", code: "polarity-assumed", sheet: "KPIs", cell: "A7",
 *   message: "No polarity for \"Referrals\"; assumed higher is better." }
 */
export interface Issue {
  severity: "error" | "warning" | "info";
  code: IssueCode;
  sheet: string;
  /** A1 address of the cell the officer should look at. */
  cell: string;
  message: string;
}

/** Builds an `Issue`. @example issue("warning", "unit-mismatch", "KPIs", "C4", "...") */
export function issue(
  severity: Issue["severity"],
  code: IssueCode,
  sheet: string,
  cell: string,
  message: string,
): Issue {
  return { severity, code, sheet, cell, message };
}
