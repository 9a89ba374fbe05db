/**
 * A reporting period named by a column header.
 *
 * Financial years run April–March and are named by their starting calendar year:
 * `fy: 2015` is 2015/16, and Dec-15 is Q3 of fy 2015.
 *
 * @example
 * { kind: "quarter", fy: 2019, quarter: 3, label: "2019/20 Q3" }
 * { kind: "month", fy: 2015, quarter: 3, month: 12, label: "Dec-15" }
 */
export interface Period {
  /** "relative": a column named only by its place ("Current", "Previous", "Latest"). */
  kind: "quarter" | "month" | "ytd" | "outturn" | "year" | "relative";
  /** Start year of the financial year, or null when the header gives no year ("Q4 Performance"). */
  fy: number | null;
  /** 1–4 in the financial year (Q1 = Apr–Jun); null for ytd/outturn/year. */
  quarter: number | null;
  /** Calendar month 1–12 for month columns. */
  month?: number;
  /** The header text as written (band and label joined, e.g. "2019/20 Qtr3"). */
  label: string;
  /** Relative columns: 0 for "Current"/"This quarter", −1 for "Previous"/"Last quarter". */
  offset?: number;
  /**
   * The column's own header when `label` names the period from elsewhere (a "Current" column
   * under a sheet titled "Q1 2014/15" has label "Q1 2014/15" and header "Current").
   */
  header?: string;
}
