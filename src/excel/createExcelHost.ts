import type { ScorecardHost } from "../taskpane/ScorecardHost";
import { listPeriods } from "../taskpane/listPeriods";
import { describeOfficeError } from "./describeOfficeError";
import { defaultExcelDeps, type ExcelDeps } from "./excelDeps";
import { ExcelRunError } from "./ExcelRunError";
import { runScore } from "./runScore";
import { saveSettingsToStore } from "./saveSettingsToStore";

/**
 * The task pane's host inside Excel (Office.js). Scoring goes through `runScore`, so a ribbon run
 * and a pane run never overlap: the second caller gets the run already in flight.
 *
 * @example
 * <App host={createExcelHost()} runEvents={subscribeRunEvents} />
 */
export function createExcelHost(deps: ExcelDeps = defaultExcelDeps()): ScorecardHost {
  return {
    kind: "excel",
    async inspect(overrides) {
      const { outcome } = await runScore({ overrides, dryRun: true }, deps);
      return {
        kpiTables: outcome.kpiTables,
        financeTables: outcome.financeTables,
        periods: listPeriods(outcome.kpiTables),
        settings: outcome.settings,
        preview: outcome.result,
      };
    },
    async score(overrides, onProgress) {
      const { report } = await runScore({ overrides, onProgress, source: "taskpane" }, deps);
      return report;
    },
    async saveSettings(settings) {
      await saveSettingsToStore(settings, deps);
    },
    async selectCell(sheet, cell) {
      await deps.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        try {
          await context.sync();
        } catch (e) {
          const plain = describeOfficeError(e);
          throw new ExcelRunError(plain.code, `Could not go to ${sheet}!${cell}. ${plain.message}`, {
            cause: e,
          });
        }
      });
    },
  };
}
