/**
 * A cell value as the hosts hand it to the engine.
 * - numbers are raw (dates are Excel serial numbers with a date number format);
 * - Excel errors arrive as their text ("#N/A", "#DIV/0!");
 * - blanks are `null`.
 */
export type CellValue = string | number | boolean | null;

/** A rectangular merged area, 0-based and inclusive, in sheet coordinates. */
export interface MergeArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One worksheet's used range: values plus number formats, positioned in the sheet.
 *
 * @example
 * // A sheet whose used range starts at B3:
 * const g: SheetGrid = { name: "KPIs", originRow: 2, originCol: 1, values: [["Measure"]], formats: [["General"]] };
 */
export interface SheetGrid {
  /** Worksheet name as the user sees it. */
  name: string;
  /** 0-based sheet row of `values[0]`. */
  originRow: number;
  /** 0-based sheet column of `values[r][0]`. */
  originCol: number;
  /** Row-major values; every row has the same length. */
  values: CellValue[][];
  /** Number formats, same shape as `values` ("General", "0%", "mmm-yy", ...). */
  formats: string[][];
  /** Formulas where the host knows them (same shape, `null` for constants). */
  formulas?: (string | null)[][];
  /** Merged areas in sheet coordinates. */
  merges?: MergeArea[];
  /** 0-based sheet rows that are hidden. */
  hiddenRows?: number[];
  /** 0-based sheet columns that are hidden. */
  hiddenCols?: number[];
  /** "visible" | "hidden" | "veryHidden". */
  visibility?: "visible" | "hidden" | "veryHidden";
  /** Solid fill colours of cells, where the host reads them (an officer's colour-only RAG column). */
  fills?: CellFill[];
  /** True when the sheet is protected (writes to it will fail). */
  protected?: boolean;
  /**
   * Filled areas far outside `values` that the host left out (`chooseDataRegion`): the engine
   * reports them as stray cells and ignores them.
   */
  strays?: MergeArea[];
}

/** A cell's solid fill colour, where the host reads it ("FF00B050"). */
export interface CellFill {
  /** 0-based sheet row and column. */
  row: number;
  col: number;
  argb: string;
}

/** Every sheet of a workbook, in tab order. */
export interface WorkbookGrid {
  sheets: SheetGrid[];
}
