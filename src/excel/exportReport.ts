import type { SvgToPng } from "../report/buildCommitteeReport";
import type { ReportRequest } from "../taskpane/ScorecardHost";
import { defaultExcelDeps, type ExcelDeps } from "./excelDeps";
import { runScore } from "./runScore";

/**
 * The add-in's "Export committee report": reads and scores the open workbook without writing
 * (`runScore` as a dry run, so the officer's text on KPI Commentary and Variance Narrative is
 * carried onto its measures), then builds the report in the task pane with the same code as the
 * CLI, loaded as its own chunk on first use. Charts' PNG fallbacks are drawn by the browser unless
 * `svgToPng` is given (tests).
 *
 * @example
 * const docx = await exportReport({ overrides: { period: "Q3" } });
 */
export async function exportReport(
  request: ReportRequest = {},
  deps: ExcelDeps = defaultExcelDeps(),
  svgToPng?: SvgToPng,
): Promise<Uint8Array> {
  const { outcome } = await runScore({ overrides: request.overrides, dryRun: true }, deps);
  const [{ buildCommitteeReport }, { commentaryFromPlan }] = await Promise.all([
    import(/* webpackChunkName: "report" */ "../report/buildCommitteeReport"),
    import(/* webpackChunkName: "report" */ "../report/commentaryFromPlan"),
  ]);
  const draw =
    svgToPng ??
    (await import(/* webpackChunkName: "report" */ "../taskpane/rasterizeSvgInBrowser"))
      .rasterizeSvgInBrowser;
  return buildCommitteeReport({
    result: outcome.result,
    commentary: commentaryFromPlan(outcome.plan),
    threshold: outcome.settings.threshold,
    svgToPng: draw,
    template: request.template,
  });
}
