/**
 * A run that stopped before writing anything, with a plain message for the officer
 * (see `describeOfficeError`) and the Office error code for logs.
 */
export class ExcelRunError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ExcelRunError";
    this.code = code;
  }
}
