/**
 * The unit a number is expressed in.
 * - "percent": `value` is a fraction (85% → 0.85);
 * - "rate": a rate per `per` population ("194 per 100,000 of 10-17 year olds");
 * - "money": whole pounds after scaling.
 */
export type Unit =
  | { kind: "number" }
  | { kind: "percent" }
  | { kind: "days" }
  | { kind: "weeks" }
  | { kind: "rate"; per: number; of?: string }
  | { kind: "money" };

/** Where a parsed value came from, so any message can name the cell. */
export interface CellRef {
  sheet: string;
  /** A1 address. */
  cell: string;
  /** The cell's text as the officer typed or Excel displays it (numbers as `String(v)`). */
  text: string;
}

/** A comparison qualifier typed in front of a number: "<1%", ">95%", "approx. 8%". */
export type Qualifier = "<" | "<=" | ">" | ">=" | "approx";

/**
 * What one cell means, after parsing.
 *
 * @example
 * parseCell("85%", "General", ref) => { kind: "number", value: 0.85, unit: { kind: "percent" }, ...ref }
 * parseCell("TBC", ...)            => { kind: "tbc", ...ref }
 */
export type ParsedValue =
  | (CellRef & { kind: "number"; value: number; unit: Unit; qualifier?: Qualifier; note?: string })
  | (CellRef & { kind: "date"; serial: number; year: number; month: number; day: number })
  | (CellRef & { kind: "month"; year: number; month: number }) // "Dec-15", "March 2022"
  | (CellRef & { kind: "blank" })
  | (CellRef & { kind: "na" }) // "N/A", "n/a", "-"
  | (CellRef & { kind: "tbc" }) // "TBC", "to be confirmed"
  | (CellRef & { kind: "not-due" }) // "annual", "not yet due"
  | (CellRef & { kind: "new-measure" }) // "new measure", "under development"
  | (CellRef & { kind: "error"; code: string }) // "#N/A", "#DIV/0!"
  | (CellRef & { kind: "text" }); // anything else, e.g. "This data is not reportable"
