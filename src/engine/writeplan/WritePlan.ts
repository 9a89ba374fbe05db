/** A cell style the hosts know how to apply. Colours are "#RRGGBB". */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fill?: string;
  fontColor?: string;
  numberFormat?: string;
  wrap?: boolean;
  horizontal?: "left" | "center" | "right";
  /** Thin bottom border (for header rows). */
  borderBottom?: boolean;
}

/** One cell we write on one of our own sheets (0-based, relative to A1). */
export interface PlanCell {
  row: number;
  col: number;
  value: string | number | boolean | null;
  /** A formula without the leading "=", when the cell should be live. */
  formula?: string;
  style?: CellStyle;
}

/** Role of a sheet we own. */
export type OwnedSheetRole = "summary" | "commentary" | "narrative";

/**
 * A whole sheet we own and rewrite on every run (its previous content is replaced).
 * Officer commentary has already been carried into `cells` by the engine.
 */
export interface SheetWrite {
  role: OwnedSheetRole;
  /** Final name (may carry a suffix when the user owns the plain name). */
  name: string;
  cells: PlanCell[];
  /** Column widths in characters, by 0-based column. */
  columnWidths: number[];
  /** Rows to freeze at the top (0 = none). */
  freezeRows: number;
  /** Columns officers may type in (0-based), e.g. the "Officer commentary" column. */
  editableCols: number[];
}

/** A conditional-format rule we add to a user's sheet. */
export interface CfRule {
  /** Excel formula without "=", written relative to `anchor` (the range's top-left cell). */
  formula: string;
  fill: string;
  fontColor: string;
  /** Status this rule shows, for the record and for non-colour signals. */
  status: "better" | "within" | "outside" | "no-data";
  /** Stop evaluating further rules when this one matches. */
  stopIfTrue: boolean;
}

/**
 * Conditional formatting for one range of a user's sheet: a single area or several.
 * Every formula carries the marker `CF_MARKER` so a re-run can find and replace only ours.
 *
 * `range` may hold several areas separated by single spaces, as OOXML's `sqref` does, all on
 * `sheet`; `anchor` is the top-left cell of the first area, and the engine lists areas top to
 * bottom so the first area is also the topmost. Relative references in the formulas are written
 * for the anchor and apply to every cell of every area shifted by its offset from the anchor.
 * Hosts that need another separator (Office.js `getRanges` takes commas) split on " ".
 *
 * @example
 * // Rows 4-6, 9 and 12-14 of column D; "$B4" in a formula means B9 for D9, B13 for D13.
 * { sheet: "KPIs", range: "D4:D6 D9 D12:D14", anchor: "D4", rules: [...] }
 */
export interface CfWrite {
  sheet: string;
  /** A1 areas separated by single spaces, e.g. "D4:D14" or "D4:D6 D9 D12:D14". */
  range: string;
  /** Top-left cell of the first area, which the relative formulas are written for, e.g. "D4". */
  anchor: string;
  rules: CfRule[];
}

/** Text in every conditional-format formula we write: `N("qscorecard")` evaluates to 0. */
export const CF_MARKER = 'N("qscorecard")';

/**
 * Everything a host must do to the workbook, as plain data.
 *
 * Hosts apply it in this order: remove our old CF rules (those whose formula contains `CF_MARKER`)
 * on `cfSheets`; write `sheets` (replacing our old ones); add `conditionalFormats`; write `store`.
 * Hosts never touch a user's cell values, formats, merges, widths or order.
 */
export interface WritePlan {
  sheets: SheetWrite[];
  /** User sheets whose old CF rules of ours must be removed before adding new ones. */
  cfSheets: string[];
  conditionalFormats: CfWrite[];
  /** Our very hidden store sheet: its name and rows of [key, json] to write. */
  store: { sheetName: string; rows: [string, string][] };
  /** Names of sheets we owned before that this run no longer writes (hosts delete them). */
  deleteSheets: string[];
}
