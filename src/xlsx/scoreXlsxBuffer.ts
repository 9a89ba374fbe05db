import type { ScoreOutcome } from "../engine/scoreWorkbook";
import type { Settings } from "../engine/Settings";

/** Options for scoring an .xlsx held in memory. */
export interface ScoreXlsxOptions {
  overrides?: Partial<Settings>;
  /** Go on even when the file holds parts ExcelJS would drop (charts, pivots, ...). */
  force?: boolean;
}

/**
 * Scores an .xlsx held in memory and returns the outcome plus the scored file's bytes.
 * Shared by the CLI (Node) and the browser preview. Refuses unsafe or lossy input with an
 * `XlsxInputError` naming the problem.
 * STUB: owned by the xlsx-host work.
 */
export async function scoreXlsxBuffer(
  input: Uint8Array,
  options: ScoreXlsxOptions = {},
): Promise<{ outcome: ScoreOutcome; output: Uint8Array }> {
  void input;
  void options;
  throw new Error("scoreXlsxBuffer: not implemented yet");
}
