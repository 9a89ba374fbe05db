import type { ScoreOutcome } from "../engine/scoreWorkbook";
import { buildCommitteeReport, type SvgToPng } from "../report/buildCommitteeReport";
import { commentaryFromPlan } from "../report/commentaryFromPlan";
import { inspectXlsxBuffer, type ScoreXlsxOptions } from "./scoreXlsxBuffer";

/** Options for building the committee report from an .xlsx held in memory. */
export interface ReportXlsxOptions extends Pick<ScoreXlsxOptions, "overrides" | "limits"> {
  /** Draws the charts' PNG fallbacks (Node: `rasterizeSvg`; browser: `rasterizeSvgInBrowser`). */
  svgToPng: SvgToPng;
  /** The workbook's name, for the report's note on how it was made. */
  source?: string;
  /** The report's title. */
  title?: string;
  /** A council's Word template (.docx bytes) whose styles, header and footer the report takes. */
  template?: Uint8Array;
}

/**
 * Builds the committee report (.docx bytes) from an .xlsx held in memory: reads and scores it
 * without writing anything (`inspectXlsxBuffer`, so the file's own KPI Commentary and Variance
 * Narrative supply the officer's commentary), then `buildCommitteeReport`. Shared by the CLI and
 * the browser preview; no Node APIs. Refuses what `inspectXlsxBuffer` refuses, with an
 * `XlsxInputError`.
 *
 * @example
 * const { report } = await reportXlsxBuffer(bytes, { svgToPng: rasterizeSvg, overrides: { period: "Q3" } });
 */
export async function reportXlsxBuffer(
  input: Uint8Array,
  options: ReportXlsxOptions,
): Promise<{ outcome: ScoreOutcome; report: Uint8Array }> {
  const outcome = await inspectXlsxBuffer(input, { overrides: options.overrides, limits: options.limits });
  const report = await buildCommitteeReport({
    result: outcome.result,
    commentary: commentaryFromPlan(outcome.plan),
    threshold: outcome.settings.threshold,
    svgToPng: options.svgToPng,
    source: options.source,
    title: options.title,
    template: options.template,
  });
  return { outcome, report };
}
