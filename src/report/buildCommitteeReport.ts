import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type FileChild,
  type Table,
  type ISectionOptions,
} from "docx";
import { formatMoney } from "../engine/finance/formatMoney";
import { moneyTableUnit, tableFigure, type MoneyTableUnit } from "../engine/finance/moneyTableUnit";
import type { VarianceResult } from "../engine/finance/VarianceResult";
import type { KpiResult, KpiStatus, StatusCounts } from "../engine/kpi/KpiResult";
import { formatValue, signedPercent } from "../engine/kpi/kpiSentence";
import { directionLabel, statusChangeWords, statusLabel, trendLabel } from "../engine/kpi/statusLabel";
import type { ScoreResult } from "../engine/ScoreResult";
import { orderByException, polarityWords } from "../engine/writeplan/buildCommentarySheet";
import { orderVariances } from "../engine/writeplan/buildNarrativeSheet";
import {
  COUNT_COLUMNS,
  pointsChange,
  reportedSentence,
  sumCounts,
} from "../engine/writeplan/buildSummarySheet";
import { RAG_PALETTE } from "../engine/writeplan/ragPalette";
import { kpiSource, varianceSource, type ReportCommentary } from "./commentaryFromPlan";
import {
  dataTable,
  REPORT_LANGUAGE,
  run,
  TEXT_WIDTH_TWIPS,
  type DataCell,
  type DataTableSpec,
} from "./dataTable";
import type { ReportChart } from "./ReportChart";
import { statusChart } from "./statusChart";
import { statusChartData } from "../engine/writeplan/statusChartData";
import { readTemplate, applyTemplateParts, type ReportTemplate } from "./applyTemplate";
import { varianceChart } from "./varianceChart";
import { financeTableNames } from "../engine/writeplan/financeTableNames";
import { varianceChartData } from "../engine/writeplan/varianceChartData";

/**
 * Turns a chart's SVG into PNG bytes, for readers that cannot show SVG (older Word, LibreOffice):
 * in Node `rasterizeSvg` (src/cli), in the browser `rasterizeSvgInBrowser` (src/taskpane).
 */
export type SvgToPng = (svg: string, width: number, height: number) => Promise<Uint8Array>;

/** What the committee report is built from. */
export interface CommitteeReportInput {
  /** The scored workbook's result (`scoreWorkbook` or `inspectXlsxBuffer`). */
  result: ScoreResult;
  /** The officer's commentary for the period (`commentaryFromPlan`). */
  commentary: ReportCommentary;
  /** The variance threshold in pounds that flagged the key variances (`settings.threshold`). */
  threshold: number;
  /** Draws the charts' PNG fallbacks. */
  svgToPng: SvgToPng;
  /** The report's title (default "Quarterly performance report"). */
  title?: string;
  /** The workbook's name, for the note on how the report was made. */
  source?: string;
  /**
   * A council's own Word template (.docx or .dotx bytes): its styles (fonts, heading styles), theme,
   * page size and margins, and page header and footer are used instead of ours.
   */
  template?: Uint8Array;
}

/** The marked placeholder where an officer has typed no commentary. */
export const NO_COMMENTARY = "[No commentary yet]";

/** The report's section headings (Heading 1), in order. */
export const REPORT_SECTIONS = {
  summary: "Performance summary",
  exceptions: "Exceptions",
  demand: "Demand and context",
  finance: "Finance",
  appendix: "Appendix: every measure",
  about: "About this report",
} as const;

const DEFAULT_TITLE = "Quarterly performance report";

/**
 * Builds the quarter's committee paper as a Word document, in the seeds' style and accessible by
 * construction: the title and period; the performance summary (the "N of M reported are within or
 * better than target (x%)" sentence, a bar chart of statuses by group, counts by service area and by
 * group, direction of travel); the exceptions (every measure outside tolerance, then within, each
 * with its figure against target and tolerance, the rule that decided it, trend, change of status
 * and the officer's commentary or "[No commentary yet]"), then those better than target and those
 * not reported; the demand and context table with changes on the previous quarter and the same
 * quarter last year; finance (headlines, each table's summary in £000's, a column chart of its
 * variances over the threshold, and "Key variances over/under £100k", each led by its narrative
 * and followed by the officer's commentary); an appendix of every measure; and a note on how
 * it was made.
 *
 * Headings use Heading 1/2/3 styles; every table has a repeating header row and no merged cells;
 * status is given in words and symbols (colour only repeats them); every chart is an SVG with a
 * PNG fallback and alt text stating its numbers; the document's title and language (en-GB) are
 * set. Uses the `docx` package only (no Node, DOM or Office APIs), so it runs in the CLI and in
 * the task pane alike.
 *
 * @example
 * const outcome = await inspectXlsxBuffer(bytes);
 * const docx = await buildCommitteeReport({ result: outcome.result, commentary: commentaryFromPlan(outcome.plan),
 *   threshold: outcome.settings.threshold, svgToPng: rasterizeSvg });
 */
export async function buildCommitteeReport(input: CommitteeReportInput): Promise<Uint8Array> {
  const { result } = input;
  const template: ReportTemplate | undefined = input.template ? readTemplate(input.template) : undefined;
  const title = input.title?.trim() || DEFAULT_TITLE;
  const period = result.period || financePeriod(result) || "";
  const docTitle = period ? `${title}: ${period}` : title;
  const numbering = { table: 0, figure: 0 };
  const page = template?.page;
  const textWidth = page ? page.size.width - page.margin.left - page.margin.right : TEXT_WIDTH_TWIPS;
  const table = (spec: DataTableSpec): Table => dataTable({ ...spec, textWidth });

  const body: FileChild[] = [];
  body.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [run(docTitle)] }));
  body.push(
    para([
      run("Period: ", { bold: true }),
      run(period || "not stated in the workbook"),
      ...(input.source ? [run(". Workbook: ", { bold: true }), run(input.source)] : []),
    ]),
  );

  body.push(...(await performanceSummary()));
  body.push(...exceptions());
  body.push(...demand());
  body.push(...(await finance()));
  body.push(...appendix());
  body.push(...about());

  const section: ISectionOptions = {
    properties: {
      page: template?.page ?? {
        size: { width: 11906, height: 16838 },
        margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 },
      },
      ...(template?.titlePage ? { titlePage: true } : {}),
    },
    headers: template ? template.placeholders.headers() : { default: ourHeader(docTitle) },
    footers: template ? template.placeholders.footers() : { default: ourFooter() },
    children: body,
  };
  const doc = new Document({
    title: docTitle,
    subject: "Quarterly performance and finance report",
    creator: "Quarterly Scorecard",
    description: `Performance and finance for ${period || "the period"}, from the scored workbook${input.source ? ` ${input.source}` : ""}.`,
    ...(template
      ? { externalStyles: template.styles, styles: { default: missingStyles(template.styles) } }
      : { styles: OUR_STYLES }),
    sections: [section],
  });
  const bytes = await Packer.pack(doc, "uint8array");
  return template ? applyTemplateParts(bytes, template) : bytes;

  // ---- sections ----

  async function performanceSummary(): Promise<FileChild[]> {
    const out: FileChild[] = [h1(REPORT_SECTIONS.summary)];
    const groups = result.counts.filter((c) => c.dimension === "group");
    const total = result.counts.find((c) => c.dimension === "total");
    if (result.kpis.length === 0) {
      out.push(para([run("No KPI tables were found in the workbook.")]));
      return out;
    }
    out.push(para([run(reportedSentence(total ?? sumCounts(groups)))]));
    if (result.summaryLines.length > 0) out.push(...result.summaryLines.map((l) => bullet(l)));
    const data = statusChartData(result.counts);
    if (data) out.push(...(await figure(statusChart(data))));

    const areas = result.serviceAreaCounts.filter((c) => c.dimension !== "total" && c.group.trim() !== "");
    if (areas.length > 0) {
      out.push(h2("Measures by service area"));
      out.push(...captioned("Measures by service area and status", countsTable("Service area", areas)));
    }
    if (groups.length > 0) {
      out.push(h2("Measures by group"));
      out.push(...captioned("Measures by group and status", countsTable("Group", groups, total)));
    }

    const trends = directionCounts(result.kpis);
    if (trends.scored > 0) {
      out.push(h2("Direction of travel"));
      out.push(
        para([
          run(
            `Against the previous period, of the ${trends.scored} measures with a target: ${trends.improving} improving, ${trends.stable} stable, ${trends.declining} declining and ${trends.unknown} not known (no previous figure, or which way is better is not known).`,
          ),
        ]),
      );
      out.push(
        ...captioned(
          "Direction of travel against the previous period",
          table({
            headers: [
              "Measures",
              `↑ ${trendLabel("improving")}`,
              `→ ${trendLabel("stable")}`,
              `↓ ${trendLabel("declining")}`,
              "Not known",
            ],
            rows: [
              [
                "With a target",
                ...[trends.improving, trends.stable, trends.declining, trends.unknown].map(String),
              ],
            ],
            widths: [3, 1.4, 1.4, 1.4, 1.4],
            numeric: [false, true, true, true, true],
          }),
        ),
      );
    }
    return out;
  }

  function exceptions(): FileChild[] {
    const out: FileChild[] = [h1(REPORT_SECTIONS.exceptions)];
    const scored = result.kpis.filter((k) => k.status !== "no-target");
    if (scored.length === 0) {
      out.push(para([run("No measure was scored against a target this period.")]));
      return out;
    }
    out.push(
      para([
        run(
          "Every measure outside tolerance, then every measure within tolerance, with its figure against target and tolerance, the rule that decided its status, its trend, and the officer's commentary.",
        ),
      ]),
    );
    const ordered = orderByException(scored);
    const of = (s: KpiStatus) => ordered.filter((k) => k.status === s);
    const outside = of("outside");
    const within = of("within");
    out.push(h2(`${statusLabel("outside")} (${outside.length})`));
    if (outside.length === 0) out.push(para([run("No measure is outside tolerance this period.")]));
    for (const k of outside) out.push(...kpiDetail(k));
    out.push(h2(`${statusLabel("within")} (${within.length})`));
    if (within.length === 0) out.push(para([run("No measure is within tolerance this period.")]));
    for (const k of within) out.push(...kpiDetail(k));

    const better = of("better");
    out.push(h2(`${statusLabel("better")} (${better.length})`));
    if (better.length === 0) out.push(para([run("No measure is better than target this period.")]));
    for (const k of better) out.push(bullet(`${measureName(k)}: ${figureWords(k)}.`));

    const unscored = ordered.filter(
      (k) => k.status !== "outside" && k.status !== "within" && k.status !== "better",
    );
    if (unscored.length > 0) {
      out.push(h2(`Not scored this period (${unscored.length})`));
      for (const k of unscored) {
        const why = k.reason?.trim() ? ` ("${k.reason.trim()}")` : "";
        out.push(bullet(`${measureName(k)}: ${statusLabel(k.status)}${why}.`));
      }
    }
    return out;
  }

  function kpiDetail(k: KpiResult): FileChild[] {
    const officer = input.commentary.kpis.get(kpiSource(k));
    const change = statusChangeWords(k.previousStatus, k.status);
    const lines: [string, string][] = [
      ["Status", statusLabel(k.status)],
      ["Figure", `${figureWords(k)}.`],
      ...(k.rule ? ([["Rule", sentence(k.rule)]] as [string, string][]) : []),
      ["Trend", trendWords(k)],
      ["Change of status", change ? `${change}.` : "No previous period to compare with."],
    ];
    if (k.statedStatus && k.statedStatus !== k.status)
      lines.push([
        "Your status column",
        `${statusLabel(k.statedStatus)} ("${k.statedText ?? ""}"), which differs from the rule.`,
      ]);
    if (k.group) lines.push(["Group", k.group]);
    return [
      new Paragraph({ heading: HeadingLevel.HEADING_3, keepNext: true, children: [run(measureName(k))] }),
      ...lines.map(([label, value]) => labelled(label, value)),
      commentaryParagraph(officer),
    ];
  }

  function demand(): FileChild[] {
    const measures = result.kpis.filter((k) => k.status === "no-target");
    const out: FileChild[] = [h1(REPORT_SECTIONS.demand)];
    if (measures.length === 0) {
      out.push(para([run("The workbook has no demand or context measures (measures without a target).")]));
      return out;
    }
    out.push(
      para([
        run(
          "Measures without a target, with their recent figures and their change against the previous quarter and the same quarter last year (percentages change in percentage points).",
        ),
      ]),
    );
    const byTable = new Map<string, KpiResult[]>();
    for (const k of measures) byTable.set(k.tableId, [...(byTable.get(k.tableId) ?? []), k]);
    for (const kpis of byTable.values()) {
      const labels: string[] = [];
      for (const k of kpis) for (const r of k.recent) if (!labels.includes(r.label)) labels.push(r.label);
      const shown = labels.slice(-MAX_PERIODS);
      const rows = kpis.map((k) => {
        const points = k.unit.kind === "percent";
        const change = (old: number | null, fraction: number | null): string => {
          if (points) {
            const p = pointsChange(k.actual, old);
            return p === null ? "" : `${p > 0 ? "+" : p < 0 ? "-" : ""}${Math.abs(Math.round(p))} pts`;
          }
          return fraction === null ? "" : signedPercent(fraction);
        };
        return [
          k.measure,
          ...shown.map((l) => {
            const v = k.recent.find((r) => r.label === l)?.value;
            return v === undefined || v === null ? "" : formatValue(v, k.unit);
          }),
          change(k.previous, k.changeVsPrevious),
          change(k.yearAgo, k.changeVsYearAgo),
        ];
      });
      const where = kpis[0].group || kpis[0].sheet;
      out.push(
        ...captioned(
          `Demand and context measures: ${where}`,
          table({
            headers: [
              "Measure",
              ...shown,
              "Change against previous quarter",
              "Change against same quarter last year",
            ],
            rows,
            widths: [3.2, ...shown.map(() => 1), 1.3, 1.3],
            numeric: [false, ...shown.map(() => true), true, true],
          }),
        ),
      );
    }
    return out;
  }

  async function finance(): Promise<FileChild[]> {
    const out: FileChild[] = [h1(REPORT_SECTIONS.finance)];
    const names = financeTableNames(result);
    const tableIds = [...names.keys()];
    const charts = varianceChartData(result, input.threshold);
    const threshold = formatMoney(input.threshold);
    if (tableIds.length === 0) {
      out.push(para([run("No finance tables (budget against forecast) were found in the workbook.")]));
      return out;
    }
    for (const h of result.financeHeadlines) out.push(para([run(h.sentence)]));
    out.push(
      para([
        run(
          "Variance = budget − forecast: a positive variance is an underspend, a negative one (shown with a minus) an overspend.",
        ),
      ]),
    );
    const name = (id: string): string => names.get(id) ?? id;
    for (const id of tableIds) {
      const lines = result.variances.filter((v) => v.tableId === id).sort((a, b) => a.row - b.row);
      if (lines.length === 0) continue;
      out.push(h2(`Summary: ${name(id)}`));
      const { spec, unit } = financeTable(lines);
      out.push(...captioned(`${name(id)}, ${unit.label}`, table(spec)));
      const data = charts.find((c) => c.tableId === id);
      if (data) out.push(...(await figure(varianceChart(data))));
    }

    out.push(h2(`Key variances over/under ${threshold}`));
    const flagged = orderVariances(result.variances.filter((v) => v.overThreshold && !v.isTotal));
    if (flagged.length === 0)
      out.push(para([run(`No heading or line is over or under budget by ${threshold} or more.`)]));
    for (const v of flagged) out.push(varianceParagraph(v));
    return out;
  }

  function varianceParagraph(v: VarianceResult): Paragraph {
    const lead = v.narrative.trim() || `${v.name} – ${formatMoney(Math.abs(v.variance))} ${v.direction}.`;
    const officer = input.commentary.variances.get(varianceSource(v));
    return new Paragraph({
      spacing: { after: 160 },
      children: [
        run(lead, { bold: true }),
        run(" "),
        officer ? run(officer) : run(NO_COMMENTARY, { italics: true }),
      ],
    });
  }

  function appendix(): FileChild[] {
    const out: FileChild[] = [h1(REPORT_SECTIONS.appendix)];
    const scored = result.kpis.filter((k) => k.status !== "no-target");
    if (scored.length === 0) {
      out.push(para([run("No measure was scored against a target.")]));
      return out;
    }
    out.push(
      para([
        run(
          "Every measure scored against a target, in the workbook's order, by group. Status is in words with a symbol; the colours repeat it.",
        ),
      ]),
    );
    const byGroup = new Map<string, KpiResult[]>();
    for (const k of scored) byGroup.set(k.group, [...(byGroup.get(k.group) ?? []), k]);
    for (const [group, kpis] of byGroup) {
      const hasRef = kpis.some((k) => k.ref);
      const rows = kpis.map((k) => [
        ...(hasRef ? [k.ref ?? ""] : []),
        k.measure,
        shown(k, k.target, k.targetText),
        shown(k, k.tolerance),
        shown(k, k.actual, k.actualText, k.qualifier),
        statusCell(k.status),
        directionLabel(k),
      ]);
      out.push(
        ...captioned(
          `Measures: ${group || "ungrouped"}`,
          table({
            headers: [
              ...(hasRef ? ["Ref"] : []),
              "Measure",
              "Target",
              "Tolerance",
              "Actual",
              "Status",
              "Trend",
            ],
            rows,
            widths: [...(hasRef ? [0.8] : []), 4, 1.2, 1.2, 1.2, 1.8, 1.6],
            numeric: [...(hasRef ? [false] : []), false, true, true, true, false, false],
          }),
        ),
      );
    }
    return out;

    function shown(
      k: KpiResult,
      value: number | null,
      text?: string,
      qualifier?: KpiResult["qualifier"],
    ): string {
      if (value === null) return text ?? "";
      return `${qualifier ? QUALIFIER_WORDS[qualifier] : ""}${formatValue(value, k.unit)}`;
    }
  }

  function about(): FileChild[] {
    const warnings = result.warnings.length;
    return [
      h1(REPORT_SECTIONS.about),
      para([
        run(
          `Made by Quarterly Scorecard from the scored workbook${input.source ? ` ${input.source}` : ""}. Each status follows the rule given with it: better than target when the figure meets or beats the target; within tolerance when it misses the target but not the tolerance; outside tolerance when it misses the tolerance.`,
        ),
      ]),
      para([
        run(
          `Key: ${(["better", "within", "outside", "no-data", "target-tbc", "not-due", "no-target"] as const).map(statusLabel).join("; ")}. Trend arrows give the figure's direction against the previous period (↑ up, ↓ down, → stable), with "improving" or "declining" where which way is better is known.`,
        ),
      ]),
      para([
        run(
          `Officer commentary is the text typed in the workbook's KPI Commentary and Variance Narrative sheets for this period; ${NO_COMMENTARY} marks a measure or line with none.${warnings > 0 ? ` Scoring raised ${warnings} ${warnings === 1 ? "warning" : "warnings"} about the workbook's cells; they are listed by the task pane and by scorecard score.` : ""}`,
        ),
      ]),
    ];
  }

  // ---- building blocks ----

  function countsTable(dimension: string, rows: StatusCounts[], totals?: StatusCounts): Table {
    const sum = totals ?? sumCounts(rows);
    const count = (c: StatusCounts) => COUNT_COLUMNS.map((col) => c[col.field] as number);
    const line = (name: string, c: StatusCounts): string[] => {
      const counts = count(c);
      return [name, ...counts.map(String), String(counts.reduce((a, x) => a + x, 0))];
    };
    const all = count(sum).reduce((a, x) => a + x, 0);
    const statusHeader = (h: string, i: number): string => {
      const status = (["outside", "within", "better"] as const)[i];
      return status ? `${statusLabel(status).split(" ")[0]} ${h}` : h;
    };
    return table({
      headers: [dimension, ...COUNT_COLUMNS.map((c, i) => statusHeader(c.header, i)), "Total"],
      rows: [
        ...rows.map((r) => line(r.group, r)),
        line("Total", sum),
        [
          "% of all measures",
          ...count(sum).map((n) => (all ? `${((n / all) * 100).toFixed(1)}%` : "")),
          all ? "100%" : "",
        ],
      ],
      widths: [3, ...COUNT_COLUMNS.map(() => 1), 0.9],
      numeric: [false, ...COUNT_COLUMNS.map(() => true), true],
      boldRows: [rows.length],
    });
  }

  function financeTable(lines: VarianceResult[]): { spec: DataTableSpec; unit: MoneyTableUnit } {
    const split = lines.some((v) => v.gross || v.income);
    const headed = lines.some((v) => v.heading !== undefined);
    const unit = moneyTableUnit(
      lines.flatMap((v) => [
        v.budget,
        v.forecast,
        v.variance,
        v.gross?.budget,
        v.gross?.forecast,
        v.income?.budget,
        v.income?.forecast,
      ]),
    );
    const money = (n: number | null | undefined): string =>
      typeof n === "number" ? tableFigure(n, unit) : "";
    const names = (v: VarianceResult): string[] =>
      headed
        ? [v.heading ?? (v.isTotal ? "" : v.name), v.heading !== undefined || v.isTotal ? v.name : ""]
        : [v.name];
    const nameHeaders = headed ? ["Heading", "Line"] : ["Heading"];
    const u = unit.label;
    const spec: DataTableSpec = split
      ? {
          headers: [
            ...nameHeaders,
            ...["Budget", "Forecast", "Variance"].flatMap((b) =>
              ["gross", "income", "net"].map((p) => `${b} ${p} ${u}`),
            ),
          ],
          rows: lines.map((v) => [
            ...names(v),
            money(v.gross?.budget),
            money(v.income?.budget),
            money(v.budget),
            money(v.gross?.forecast),
            money(v.income?.forecast),
            money(v.forecast),
            money(v.gross?.variance),
            money(v.income?.variance),
            money(v.variance),
          ]),
          widths: [...nameHeaders.map(() => 2), ...new Array<number>(9).fill(1)],
          numeric: [...nameHeaders.map(() => false), ...new Array<boolean>(9).fill(true)],
        }
      : {
          headers: [...nameHeaders, `Budget ${u}`, `Forecast ${u}`, `Variance ${u}`, "Variance %"],
          rows: lines.map((v) => [
            ...names(v),
            money(v.budget),
            money(v.forecast),
            money(v.variance),
            v.variancePct === null ? "" : `${(v.variancePct * 100).toFixed(1)}%`,
          ]),
          widths: [...nameHeaders.map(() => 3), 1.2, 1.2, 1.2, 1],
          numeric: [...nameHeaders.map(() => false), true, true, true, true],
        };
    spec.boldRows = lines.flatMap((v, i) => (v.isTotal ? [i] : []));
    return { spec, unit };
  }

  async function figure(chart: ReportChart): Promise<FileChild[]> {
    const n = ++numbering.figure;
    const png = await input.svgToPng(chart.svg, chart.width, chart.height);
    // Shrunk to the page's text width (15 twips to the pixel) where a template's margins are wider.
    const scale = Math.min(1, textWidth / 15 / chart.width);
    return [
      new Paragraph({
        keepNext: true,
        children: [
          new ImageRun({
            type: "svg",
            data: new TextEncoder().encode(chart.svg),
            fallback: { type: "png", data: png },
            transformation: {
              width: Math.round(chart.width * scale),
              height: Math.round(chart.height * scale),
            },
            altText: { name: `Figure ${n}`, title: chart.title, description: chart.description },
          }),
        ],
      }),
      new Paragraph({ style: "Caption", children: [run(`Figure ${n}: ${chart.title}`)] }),
    ];
  }

  function captioned(caption: string, t: Table): FileChild[] {
    const n = ++numbering.table;
    return [
      new Paragraph({ style: "Caption", keepNext: true, children: [run(`Table ${n}: ${caption}`)] }),
      t,
      new Paragraph({ spacing: { after: 120 }, children: [] }),
    ];
  }

  function commentaryParagraph(officer: string | undefined): Paragraph {
    return new Paragraph({
      spacing: { after: 200 },
      children: [
        run("Officer commentary: ", { bold: true }),
        officer ? run(officer) : run(NO_COMMENTARY, { italics: true }),
      ],
    });
  }
}

/** Most period columns the demand table shows (the latest). */
const MAX_PERIODS = 8;

/** Our styles where no council template is given: Arial, en-GB, plain dark headings. */
const OUR_STYLES = {
  default: {
    document: {
      run: { font: "Arial", size: 22, language: REPORT_LANGUAGE },
      // lineRule must be given: LibreOffice reads a bare `line` as exact, which clips pictures.
      paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
    },
    title: {
      run: { font: "Arial", size: 40, bold: true, color: "1F1F1F" },
      paragraph: { spacing: { after: 160 } },
    },
    heading1: {
      run: { font: "Arial", size: 32, bold: true, color: "1F3864" },
      paragraph: { spacing: { before: 360, after: 160 }, keepNext: true },
    },
    heading2: {
      run: { font: "Arial", size: 26, bold: true, color: "1F3864" },
      paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
    },
    heading3: {
      run: { font: "Arial", size: 23, bold: true, color: "1F1F1F" },
      paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
    },
    caption: { run: { font: "Arial", size: 20, bold: true, italics: false, color: "1F1F1F" } },
  },
};

/** The styles the report uses, by the id a template's styles.xml gives them. */
const STYLE_IDS = {
  title: "Title",
  heading1: "Heading1",
  heading2: "Heading2",
  heading3: "Heading3",
  caption: "Caption",
} as const;

/**
 * Our definitions of the styles the report uses that a template does not define, so that a heading
 * is still a heading (a paragraph whose style is undefined falls back to Normal). The template's own
 * definitions are kept for the rest.
 */
function missingStyles(templateStyles: string): Partial<typeof OUR_STYLES.default> {
  const out: Partial<typeof OUR_STYLES.default> = {};
  for (const [key, id] of Object.entries(STYLE_IDS) as [keyof typeof STYLE_IDS, string][])
    if (!new RegExp(`w:styleId="${id}"`).test(templateStyles))
      Object.assign(out, { [key]: OUR_STYLES.default[key] });
  return out;
}

function h1(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(text)] });
}

function h2(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(text)] });
}

function para(children: TextRun[]): Paragraph {
  return new Paragraph({ children });
}

function bullet(text: string): Paragraph {
  return new Paragraph({ bullet: { level: 0 }, children: [run(text)] });
}

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ spacing: { after: 40 }, children: [run(`${label}: `, { bold: true }), run(value)] });
}

function ourHeader(title: string): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [run(title, { size: 16, color: "595959" })],
      }),
    ],
  });
}

function ourFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            language: REPORT_LANGUAGE,
            size: 16,
            color: "595959",
            children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });
}

/** A KPI's name as the report heads it: its reference code first, when it has one. */
function measureName(k: KpiResult): string {
  return k.ref ? `${k.ref} ${k.measure}` : k.measure;
}

/**
 * A KPI's figure against its target and tolerance, in the officer's units, and which way is better:
 * "85% against a target of 90% and a tolerance of 75%; higher is better".
 */
function figureWords(k: KpiResult): string {
  const v = (n: number): string => formatValue(n, k.unit);
  const actual =
    k.actual !== null
      ? `${k.qualifier ? QUALIFIER_WORDS[k.qualifier] : ""}${v(k.actual)}`
      : k.actualText
        ? `no figure ("${k.actualText.replace(/\.$/, "")}")`
        : "no figure";
  const target = k.target !== null ? v(k.target) : k.targetText || null;
  const tolerance =
    k.tolerance !== null && k.tolerance !== k.target
      ? ` and a tolerance of ${v(k.tolerance)}`
      : ", with no tolerance";
  const against = target ? ` against a target of ${target}${tolerance}` : "; no target";
  return `${actual}${against}; ${polarityWords(k).toLowerCase()}`;
}

/** A qualifier in words ("<1%" is "less than 1%"), as the automatic commentary writes it. */
const QUALIFIER_WORDS: Record<NonNullable<KpiResult["qualifier"]>, string> = {
  "<": "less than ",
  "<=": "at most ",
  ">": "more than ",
  ">=": "at least ",
  approx: "about ",
};

/** Text as a sentence: capital first letter, one full stop at the end (or its own ? or !). */
function sentence(text: string): string {
  const t = capitalise(text.trim());
  return /[.?!]["')]*$/.test(t) ? t : `${t}.`;
}

/** The trend in words, with the earlier figures it compares. */
function trendWords(k: KpiResult): string {
  const direction = directionLabel(k) || "Not known";
  const v = (n: number): string => formatValue(n, k.unit);
  const earlier = [
    ...(k.previous !== null ? [`${v(k.previous)} in ${k.previousLabel ?? "the previous period"}`] : []),
    ...(k.yearAgo !== null ? [`${v(k.yearAgo)} in ${k.yearAgoLabel ?? "the same period last year"}`] : []),
  ];
  return earlier.length > 0 ? `${direction} (was ${earlier.join("; ")}).` : `${direction}.`;
}

/** Trend counts of the measures with a target, as the Scorecard Summary counts them. */
function directionCounts(
  kpis: KpiResult[],
): Record<"improving" | "stable" | "declining" | "unknown" | "scored", number> {
  const t = { improving: 0, stable: 0, declining: 0, unknown: 0, scored: 0 };
  for (const k of kpis) {
    if (k.status === "no-target") continue;
    t.scored++;
    if (k.polaritySource === "assumed" || k.trend === null) t.unknown++;
    else t[k.trend]++;
  }
  return t;
}

/** A status cell: words with a symbol, in the RAG colours where the status has them. */
function statusCell(status: KpiStatus): DataCell {
  const colours =
    status === "better" || status === "within" || status === "outside" || status === "no-data"
      ? RAG_PALETTE[status]
      : undefined;
  return { text: statusLabel(status), ...(colours ? { fill: colours.fill, color: colours.font } : {}) };
}

/** The finance tables' period when no KPI was scored ("Quarter 3"). */
function financePeriod(result: ScoreResult): string | undefined {
  return result.financeHeadlines.find((h) => h.periodLabel?.trim())?.periodLabel?.trim();
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
