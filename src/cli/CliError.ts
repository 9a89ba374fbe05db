/**
 * A usage problem (exit 2) or an input problem (exit 1): printed as one line, never a stack trace.
 * @example throw new CliError("--docx needs a value", 2)
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/**
 * Reports any error a command threw as one line on stderr and returns its exit code: a `CliError`'s
 * own, else 1 with "internal error".
 * @example return reportCliFailure(err, io.stderr)
 */
export function reportCliFailure(err: unknown, stderr: { write(text: string): unknown }): number {
  if (err instanceof CliError) {
    stderr.write(`scorecard: ${err.message}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  stderr.write(`scorecard: internal error: ${message.replace(/\s+/g, " ").trim()}\n`);
  return 1;
}
