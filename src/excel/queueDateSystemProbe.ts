import { OFFSET_1904 } from "../engine/cells/to1900Serial";

/** The workbook's date system as the host read it. */
export interface DateSystem {
  /** The workbook counts dates from 1904 (Excel for Mac's old default). */
  date1904: boolean;
  /** Set when the probe could not tell: why. Dates are then read in the 1900 system, Excel's default. */
  unknown?: string;
}

/** Excel's DATE(2000, 1, 1) in the 1900 date system; the 1904 system gives 1,462 less. */
const JAN_2000 = 36_526;

/**
 * Queues the date-system probe: Excel's own DATE(2000, 1, 1) through `workbook.functions`
 * (ExcelApi 1.2), which is 36,526 in a 1900-system workbook and 35,064 in a 1904-system one.
 * Office.js has no property for the date system, and `range.values` gives each workbook's own
 * serials. Only queues: call the returned reader after the sync. A probe that cannot be queued,
 * or that gives no answer or an unexpected one, reads as 1900 with the reason in `unknown`.
 *
 * @example
 * const dateSystem = queueDateSystemProbe(context);
 * await context.sync();
 * dateSystem().date1904; // true in a 1904-system workbook
 */
export function queueDateSystemProbe(context: Excel.RequestContext): () => DateSystem {
  let result: Excel.FunctionResult<number>;
  try {
    result = context.workbook.functions.date(2000, 1, 1);
    result.load("value");
  } catch (e) {
    const unknown = `Excel's DATE function could not be called (${reason(e)})`;
    return () => ({ date1904: false, unknown });
  }
  return () => {
    let value: unknown;
    try {
      // Not set when Excel answered with an error value instead (FunctionResult.error).
      value = result.value;
    } catch (e) {
      return { date1904: false, unknown: `Excel's DATE function gave no value (${reason(e)})` };
    }
    if (value === JAN_2000) return { date1904: false };
    if (value === JAN_2000 - OFFSET_1904) return { date1904: true };
    return { date1904: false, unknown: `Excel's DATE(2000, 1, 1) gave ${JSON.stringify(value)}` };
  };
}

/** An error's code and message, for the officer's info note. */
function reason(e: unknown): string {
  const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : String(e);
  return typeof code === "string" && code ? `${code}: ${text}` : text;
}
