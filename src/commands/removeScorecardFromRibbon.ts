import { describeOfficeError } from "../excel/describeOfficeError";
import type { ExcelDeps } from "../excel/excelDeps";
import { ExcelRunError } from "../excel/ExcelRunError";
import { removeScorecard } from "../excel/removeScorecard";
import type { RemoveReport } from "../taskpane/ScorecardHost";

/**
 * The "Remove scorecard" ribbon button: takes our RAG rules, our sheets and the store out of the
 * workbook (`removeScorecard`), leaving the officer's cells as they were, and always calls
 * `event.completed()`. What was removed, and anything that could not be, goes to the console;
 * the task pane's own "Remove scorecard" asks first and shows the same report on the page.
 * Resolves with the report, or undefined when the removal failed.
 *
 * @example Office.actions.associate("removeScorecard", (e) => removeScorecardFromRibbon(e));
 */
export async function removeScorecardFromRibbon(
  event: { completed(): void },
  deps?: ExcelDeps,
): Promise<RemoveReport | undefined> {
  try {
    const report = await removeScorecard(deps, "ribbon");
    const lost = report.notRemoved.length ? `; not removed: ${report.notRemoved.join("; ")}` : "";
    console.info(
      `Remove scorecard: ${report.sheets.length} sheets, ${report.rules} rules${report.store ? " and the store" : ""} removed${lost}`,
    );
    return report;
  } catch (e) {
    const plain = e instanceof ExcelRunError ? e : describeOfficeError(e);
    console.error(`Remove scorecard failed (${plain.code}): ${plain.message}`, e);
    return undefined;
  } finally {
    event.completed();
  }
}
