/** Why an input workbook was refused. */
export type XlsxInputErrorCode =
  | "too-large"
  | "zip-bomb"
  | "not-xlsx"
  | "encrypted"
  | "corrupt"
  | "unsupported-parts"
  | "unreadable"
  | "no-tables";

/**
 * An input .xlsx we refuse to score, with a one-line message fit to show an officer
 * (the CLI prints it on stderr; the preview shows it on the page).
 *
 * @example throw new XlsxInputError("not-xlsx", "not a readable .xlsx: the file is not a zip package");
 */
export class XlsxInputError extends Error {
  readonly code: XlsxInputErrorCode;
  constructor(code: XlsxInputErrorCode, message: string) {
    super(message);
    this.name = "XlsxInputError";
    this.code = code;
  }
}

/**
 * The one-line refusal for a damaged workbook, naming what cannot be read and why.
 * @example damaged('sheet "KPIs"', "its XML is not well-formed").message
 * // 'The workbook is damaged: sheet "KPIs" cannot be read (its XML is not well-formed).'
 */
export function damaged(what: string, why: string): XlsxInputError {
  return new XlsxInputError("corrupt", `The workbook is damaged: ${what} cannot be read (${why}).`);
}
