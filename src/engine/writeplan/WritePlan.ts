/** A cell style the hosts know how to apply. Colours are "#RRGGBB". */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /**
   * Font size in points where it differs from the sheet's `font` (titles are 12). The font's name
   * is always the sheet's: hosts write every font of our sheets with the sheet's name and a size.
   */
  fontSize?: number;
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
  /**
   * The font of every cell on the sheet (Arial 10): hosts give each cell this name and size, and
   * each bold, italic or coloured font of a cell's style the same name, with `CellStyle.fontSize`
   * where given. Always set by the engine; optional only so hand-made plans in tests stay short.
   */
  font?: SheetFont;
  /**
   * Rows (0-based) holding wrapped text, with the height in points that shows all of it in
   * `font`; rows not listed keep the default height. For writers of .xlsx files: Excel and
   * LibreOffice do not fit row heights to wrapped text when they open a file. (Excel's add-in host
   * may let Excel fit them instead.) Always set by the engine.
   */
  rowHeights?: [row: number, points: number][];
  /** How the sheet prints. Always set by the engine. */
  pageSetup?: PageSetup;
}

/** A font: its name and size in points. */
export interface SheetFont {
  name: string;
  size: number;
}

/**
 * How one of our sheets prints, as plain data (the .xlsx writers map it to `<pageSetup>`,
 * `<pageMargins>`, `<headerFooter>` and the `_xlnm.Print_Area` / `_xlnm.Print_Titles` names;
 * Office.js to `Worksheet.pageLayout`, ExcelApi 1.9).
 *
 * The columns printed are sized so that fitting them one page wide needs a scale of at least
 * `MIN_PRINT_SCALE` (so 10 pt text prints at 8 pt or more): `scale` is that scale.
 *
 * @example
 * { orientation: "landscape", paperSize: "A4", fitToWidth: 1, fitToHeight: 0, scale: 86,
 *   printArea: { lastRow: 80, lastCol: 10 }, printTitleRows: { first: 5, last: 5 },
 *   margins: { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
 *   header: { left: "KPI Commentary", right: "Period: Q3" }, footer: { center: "Page &P of &N" },
 *   rowBreaks: [52, 89] }
 */
export interface PageSetup {
  orientation: "landscape" | "portrait";
  /** A4 (OOXML paperSize 9; Office.js "A4"). */
  paperSize: "A4";
  /** Fit the print area to this many pages wide (1). */
  fitToWidth: number;
  /** Fit to this many pages tall; 0: as many pages as the rows need. */
  fitToHeight: number;
  /**
   * The scale, in percent (at most 100), at which the print area's columns fit `fitToWidth` pages
   * wide, worked out from `columnWidths`: what fitting comes to, for hosts that set a scale instead.
   */
  scale: number;
  /**
   * What prints: from A1 to this row and column (0-based, inclusive). Columns to the right (the
   * Source column, the previous period's commentary) are for the screen only.
   */
  printArea: { lastRow: number; lastCol: number };
  /** Rows repeated at the top of every printed page (0-based, inclusive), or null for none. */
  printTitleRows: { first: number; last: number } | null;
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /**
   * The page header's and footer's left, centre and right sections, in Excel's header/footer codes
   * (hosts write them as given): "&P" the page number, "&N" the number of pages, "&&" an
   * ampersand; text the engine puts in (titles, periods) has its "&" doubled. An absent section is
   * empty.
   */
  header: HeaderFooterText;
  footer: HeaderFooterText;
  /**
   * Manual page breaks: 0-based rows that start a new printed page, ascending, each inside the
   * print area and above row 0 (.xlsx: `<rowBreaks>`, `<brk id>` being that row; Office.js:
   * `horizontalPageBreaks.add`). Absent or empty: the pages break where they fill.
   * @example [52, 89] // "Charts" (row 53) and "Chart data" (row 90) each start a page
   */
  rowBreaks?: number[];
}

/** The three sections of a page header or footer, in Excel's header/footer codes. */
export interface HeaderFooterText {
  left?: string;
  center?: string;
  right?: string;
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

/** A block of cells on one of our sheets (0-based, inclusive). */
export interface CellBlock {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One series of a chart: its name in words, its values, and its colours. */
export interface ChartSeriesWrite {
  /** The series' name in words ("Outside tolerance"), as written in the data block's header row. */
  name: string;
  /** The values, as written in the series' column of the data block (cached values for .xlsx writers). */
  values: number[];
  /** The bars' fill and outline ("#RRGGBB"), from `RAG_PALETTE`. */
  fill: string;
  line: string;
  /** Per bar, where bars differ (underspends green, overspends red): fill and outline by point. */
  points?: { fill: string; line: string }[];
}

/** Prefix of every chart name we give: a re-run deletes the charts whose names start with it, and no others. */
export const CHART_NAME_PREFIX = "QScorecard chart: ";

/**
 * A native chart on one of our sheets, as plain data. Its data is a block of cells the sheet's
 * plan writes (`data`): the top-left cell blank, series names across the top row, category names
 * down the left column, one column of values per series. Hosts refer the chart to those cells
 * (formulas, `charts.add(type, range, "Columns")`) and may cache `categories` and the series'
 * values. `anchor` is the block of cells the chart covers, clear of every cell the plan writes.
 *
 * @example
 * { name: "QScorecard chart: statuses", kind: "bar", sheet: "Scorecard Summary",
 *   title: "Measures by group and status", description: "Bar chart. Measures by group and status. ...",
 *   data: { top: 60, left: 0, bottom: 62, right: 4 }, categories: ["Contract KPIs", "Partnership KPIs"],
 *   series: [{ name: "Outside tolerance", values: [3, 1], fill: "#FFC7CE", line: "#9C0006" }, ...],
 *   anchor: { top: 30, left: 0, bottom: 47, right: 5 }, legend: true, labelFormat: "0", axisTitle: "Measures" }
 */
export interface ChartWrite {
  /** Unique on the workbook's sheet, starting `CHART_NAME_PREFIX`. */
  name: string;
  /** "bar": horizontal bars (clustered); "column": vertical columns (clustered). */
  kind: "bar" | "column";
  sheet: string;
  title: string;
  /** Alt text: what the chart shows, every number stated. */
  description: string;
  data: CellBlock;
  categories: string[];
  series: ChartSeriesWrite[];
  anchor: CellBlock;
  /** Show a legend (the series' names); off where one series says nothing the title does not. */
  legend: boolean;
  /** Number format of the data labels (each bar shows its value, so colour is not the only key). */
  labelFormat: string;
  /** The value axis's title ("Measures", "£000's"). */
  axisTitle: string;
}

/**
 * Everything a host must do to the workbook, as plain data.
 *
 * Hosts apply it in this order: remove our old CF rules (those whose formula contains `CF_MARKER`)
 * on `cfSheets`; write `sheets` (replacing our old ones, our old charts on them removed); add
 * `conditionalFormats`; write `store`; add `charts`.
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
  /**
   * Native charts on our sheets (the Scorecard Summary), added after the sheets are written; a
   * host first removes our charts from the last run (named with `CHART_NAME_PREFIX`). Always set
   * by the engine; optional only so hand-made plans in tests stay short.
   */
  charts?: ChartWrite[];
}
