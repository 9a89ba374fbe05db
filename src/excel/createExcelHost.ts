import type { SvgToPng } from "../report/buildCommitteeReport";
import type { ScorecardHost } from "../taskpane/ScorecardHost";
import { listPeriods } from "../taskpane/listPeriods";
import { parseTableRange } from "../taskpane/parseTableRange";
import { tableHeaders } from "../taskpane/tableHeaders";
import { describeOfficeError } from "./describeOfficeError";
import { defaultExcelDeps, type ExcelDeps } from "./excelDeps";
import { ExcelRunError } from "./ExcelRunError";

// Scoring, writing and the report load on first use, as chunks of their own: the pane opens on a
// smaller initial script (docs/benchmarks.md case d).
const runScore: typeof import("./runScore").runScore = async (...args) =>
  (await import(/* webpackChunkName: "excel-run" */ "./runScore")).runScore(...args);
const saveSettingsToStore: typeof import("./saveSettingsToStore").saveSettingsToStore = async (...args) =>
  (await import(/* webpackChunkName: "excel-run" */ "./saveSettingsToStore")).saveSettingsToStore(...args);
const removeScorecard: typeof import("./removeScorecard").removeScorecard = async (...args) =>
  (await import(/* webpackChunkName: "excel-run" */ "./removeScorecard")).removeScorecard(...args);
const exportReport: typeof import("./exportReport").exportReport = async (...args) =>
  (await import(/* webpackChunkName: "excel-run" */ "./exportReport")).exportReport(...args);

/**
 * The task pane's host inside Excel (Office.js). Scoring goes through `runScore`, so a ribbon run
 * and a pane run never overlap: the second caller gets the run already in flight.
 * "Export committee report" (`exportReport`) draws its charts' PNG fallbacks with the browser
 * unless `svgToPng` is given (tests pass Node's `rasterizeSvg`).
 *
 * @example
 * <App host={createExcelHost()} runEvents={subscribeRunEvents} />
 */
export function createExcelHost(deps: ExcelDeps = defaultExcelDeps(), svgToPng?: SvgToPng): ScorecardHost {
  return {
    kind: "excel",
    async inspect(overrides) {
      const { outcome, grid } = await runScore({ overrides, dryRun: true }, deps);
      return {
        kpiTables: outcome.kpiTables,
        financeTables: outcome.financeTables,
        periods: listPeriods(outcome.kpiTables),
        settings: outcome.settings,
        preview: outcome.result,
        // From the cells already read: no extra sync.
        headers: tableHeaders(
          grid,
          [...outcome.kpiTables, ...outcome.financeTables],
          outcome.settings.tables,
        ),
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
    async getSelection() {
      return deps.run(async (context) => {
        const range = context.workbook.getSelectedRange();
        range.load("address");
        try {
          await context.sync();
        } catch (e) {
          // Excel refuses getSelectedRange when several blocks are selected.
          const plain = describeOfficeError(e);
          throw new ExcelRunError(
            plain.code,
            `Could not read the selection: select one block of cells, from the table's header row to its last row. ${plain.message}`,
            { cause: e },
          );
        }
        // "Sheet1!B4:H30" (or "'Q3 data'!B4:H30"): the shape is checked, the sheet is Excel's own.
        return parseTableRange(range.address);
      });
    },
    removeScorecard() {
      return removeScorecard(deps, "taskpane");
    },
    exportReport: (request) => exportReport(request, deps, svgToPng),
  };
}
