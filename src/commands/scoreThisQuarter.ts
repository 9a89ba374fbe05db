import { describeOfficeError } from "../excel/describeOfficeError";
import type { ExcelDeps } from "../excel/excelDeps";
import { ExcelRunError } from "../excel/ExcelRunError";
import { runScore } from "../excel/runScore";

/** What the ribbon handler needs from Office; tests pass stand-ins. */
export interface CommandDeps {
  /** Office.addin.showAsTaskpane (shared runtime). */
  showTaskpane(): Promise<void>;
  /** The Excel environment; omitted in Office, where the default is used. */
  excel?: ExcelDeps;
}

/**
 * The "Score this quarter" ribbon button. Opens the task pane (so progress and the result show
 * with no further clicks), scores with the settings saved in the workbook, and always calls
 * `event.completed()`. A click while a run is in flight joins that run instead of starting another.
 * Failures reach the officer through the run events the task pane shows.
 *
 * @example Office.actions.associate("scoreThisQuarter", (e) => scoreThisQuarter(e, deps));
 */
export async function scoreThisQuarter(event: { completed(): void }, deps: CommandDeps): Promise<void> {
  try {
    try {
      await deps.showTaskpane();
    } catch (e) {
      // The run still happens and its result waits in the pane; say why the pane did not open.
      console.warn("Could not open the Scorecard task pane", e);
    }
    await runScore({ source: "ribbon" }, deps.excel);
  } catch (e) {
    // runScore has already sent a "failed" run event with the plain message; log the detail.
    const plain = e instanceof ExcelRunError ? e : describeOfficeError(e);
    console.error(`Score this quarter failed (${plain.code}): ${plain.message}`, e);
  } finally {
    event.completed();
  }
}
