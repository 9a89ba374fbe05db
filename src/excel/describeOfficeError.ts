/** A plain-language account of an error, for the task pane and the ribbon command. */
export interface PlainError {
  /** The Office error code ("AccessDenied", ...), or the error's name when it is not an Office error. */
  code: string;
  /** What happened and what the officer can do, in plain words. */
  message: string;
}

/** Office error codes we explain; anything else falls back to Excel's own message. */
const MESSAGES: Record<string, string> = {
  InvalidOperationInCellEditMode:
    "Excel is busy because a cell is being edited. Press Enter or Esc to finish editing the cell, then try again.",
  AccessDenied:
    "A sheet the scorecard needs to change is protected. Unprotect it (Review > Unprotect Sheet), or ask its owner to, then score again.",
  RequestPayloadSizeLimitExceeded:
    "This workbook is too large to send to Excel in one request (Excel on the web allows 5 MB per request). Try Excel on Windows or Mac, or remove sheets the scorecard does not need.",
  ResponsePayloadSizeLimitExceeded:
    "This workbook is too large to read in one request (Excel on the web allows 5 MB per request). Try Excel on Windows or Mac, or remove sheets the scorecard does not need.",
  RangeExceedsLimit:
    "A sheet is too large to read (Excel reads at most 5 million cells at a time). Remove unused rows or columns from it and try again.",
  ItemNotFound:
    "A sheet or cell the scorecard expected is no longer there; it may have been renamed or deleted while scoring ran. Score again.",
  Conflict:
    "Someone else changed the workbook at the same moment (co-authoring). Score again when their change has saved.",
  InsertDeleteConflict: "Rows or columns were inserted or deleted while scoring ran. Score again.",
  ApiNotFound:
    "This version of Excel does not support a feature the scorecard needs (Excel API 1.9: Microsoft 365, Excel 2021 or later, or Excel on the web). Update Office, or use Excel on the web.",
  NotImplemented:
    "This version of Excel does not support a feature the scorecard needs (Excel API 1.9: Microsoft 365, Excel 2021 or later, or Excel on the web). Update Office, or use Excel on the web.",
  RequestAborted: "Excel stopped the request before it finished. Score again.",
};

/**
 * Maps an `OfficeExtension.Error` (or any thrown value) to a plain message an officer can act on.
 * A protected sheet is reported by some hosts as `InvalidOperation` with "protected" in the text;
 * that is treated as `AccessDenied`.
 *
 * @example
 * describeOfficeError({ code: "InvalidOperationInCellEditMode", message: "..." }).message
 * // "Excel is busy because a cell is being edited. ..."
 */
export function describeOfficeError(error: unknown): PlainError {
  const code = errorCode(error);
  const raw = errorMessage(error);
  if (code === "InvalidOperation" && /protect/i.test(raw))
    return { code: "AccessDenied", message: MESSAGES.AccessDenied };
  const known = MESSAGES[code];
  if (known) return { code, message: known };
  if (code === "Error" || code === "")
    return { code: code || "Error", message: raw || "Something went wrong." };
  return { code, message: `Excel reported a problem (${code}): ${raw || "no details given"}` };
}

function errorCode(error: unknown): string {
  if (error && typeof error === "object") {
    const e = error as { code?: unknown; name?: unknown };
    if (typeof e.code === "string" && e.code) return e.code;
    if (typeof e.name === "string") return e.name;
  }
  return "";
}

function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") {
    return (error as { message: string }).message;
  }
  return typeof error === "string" ? error : "";
}
