import { isDateFormat } from "./excelSerialToDate";

/**
 * Days between the two date systems: the 1904 system's day 0 (1 January 1904) is serial 1,462 in
 * the 1900 system. A date's 1904 serial is its 1900 serial less this.
 * @example 42339 - OFFSET_1904 === 40877 // 1 Dec 2015 in the 1904 system
 */
export const OFFSET_1904 = 1_462;

/**
 * A cell's number as the engine reads it: in the 1900 date system. A date-formatted number
 * (`isDateFormat`) from a 1904-system workbook moves on 1,462 days; any other number, or any
 * number from a 1900-system workbook, is returned as it is. Both hosts use it when building the grid.
 * @example to1900Serial(40877, "mmm-yy", true) === 42339; to1900Serial(0.5, "0%", true) === 0.5
 */
export function to1900Serial(value: number, format: string, date1904: boolean): number {
  return date1904 && isDateFormat(format) ? value + OFFSET_1904 : value;
}

/**
 * The reverse, for what we write: a 1900-system date-formatted number (an officer's date copied
 * onto our sheets) as the workbook's own system counts it.
 * @example from1900Serial(42339, "mmm-yy", true) === 40877
 */
export function from1900Serial(value: number, format: string | undefined, date1904: boolean): number {
  return date1904 && format !== undefined && isDateFormat(format) ? value - OFFSET_1904 : value;
}
