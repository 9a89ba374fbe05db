import { directionWord } from "../finance/directionWord";
import { formatMoney } from "../finance/formatMoney";
import type { SheetGrid } from "../Grid";
import type { Issue } from "../Issue";
import { measureKey } from "../kpi/measureKey";
import type { Settings } from "../Settings";
import type { FinanceHeadline, VarianceResult } from "../finance/VarianceResult";
import { moneyTableUnit, tableMoneyValue } from "../finance/moneyTableUnit";
import type { CellStyle, SheetWrite } from "./WritePlan";
import { writeCommentarySheet, type CommentaryRow } from "./writeCommentarySheet";

/** What the Variance Narrative sheet is built from. */
export interface NarrativeSheetInput {
  name: string;
  /** The KPI period scored ("" when there is none: the finance headlines' period is used). */
  period: string;
  variances: VarianceResult[];
  headlines: FinanceHeadline[];
  /** False when the workbook has no finance table at all (the sheet says so). */
  hasFinanceTables: boolean;
  settings: Pick<Settings, "threshold" | "directionWords">;
  old?: SheetGrid;
  lastPeriod?: string;
}

/** The two columns that identify a variance row. */
export const NARRATIVE_KEY_HEADERS: [string, string] = ["Heading", "Line"];

const WRAP: CellStyle = { wrap: true };
const PERCENT: CellStyle = { numberFormat: "0.0%" };

/** Header of the column naming the finance table a row comes from. */
export const TABLE_HEADER = "Table";

/**
 * Builds the Variance Narrative sheet: one row per heading or line whose variance is at or over the
 * threshold (totals excluded), grouped by finance table (a "Table" column names it: its sheet, plus its
 * period when a sheet has several) and within a table by heading with the largest first; every amount
 * (budget, forecast, variance, movement, volume and price effects) in one unit stated in the headers
 * (£000's as the seeds' tables, or £m for large amounts: `moneyTableUnit`), with the sign convention
 * stated; the finance
 * headlines above, and officer commentary carried over from the last run (matched by heading, line and
 * the sheet of the Source cell, so two tables' same-named lines keep their own commentary).
 *
 * @example
 * buildNarrativeSheet({ name: "Variance Narrative", period: "Q3", variances, headlines, ... })
 */
export function buildNarrativeSheet(input: NarrativeSheetInput): { sheet: SheetWrite; issues: Issue[] } {
  const tableName = tableNamer(input.variances, input.headlines);
  const labelsOf = (v: VarianceResult): [string, string] => [
    v.heading ?? v.name,
    v.heading !== undefined ? v.name : "",
  ];
  const flagged = orderVariances(input.variances.filter((v) => v.overThreshold && !v.isTotal));
  // One unit for the whole table, stated in its headers: £000's, or £m for large amounts.
  const unit = moneyTableUnit(
    flagged.flatMap((v) => [v.budget, v.forecast, v.variance, v.movement, v.volumeEffect, v.priceEffect]),
  );
  const money: CellStyle = { numberFormat: unit.numberFormat };
  const amount = (pounds: number | null | undefined): number | null =>
    typeof pounds === "number" ? tableMoneyValue(pounds, unit) : null;
  const rows: CommentaryRow[] = flagged.map((v) => {
    const [heading, line] = labelsOf(v);
    return {
      values: [
        heading,
        line,
        tableName(v),
        amount(v.budget),
        amount(v.forecast),
        amount(v.variance),
        v.variancePct,
        capitalise(directionWord(v.direction, input.settings.directionWords)),
        amount(v.movement),
        amount(v.volumeEffect),
        amount(v.priceEffect),
        v.narrative,
      ],
      styles: [WRAP, WRAP, WRAP, money, money, money, PERCENT, WRAP, money, money, money, WRAP],
      identity: { primary: narrativeKey(heading, line), secondary: "", sheet: v.sheet },
      source: `${v.sheet}!${v.cell}`,
    };
  });
  const threshold = formatMoney(input.settings.threshold);
  return writeCommentarySheet({
    role: "narrative",
    name: input.name,
    title: "Variance Narrative",
    // A finance-only workbook has no KPI period: the finance tables name theirs ("Quarter 3").
    period:
      input.period.trim() || input.headlines.find((h) => h.periodLabel?.trim())?.periodLabel?.trim() || "",
    intro: [
      `Key variances over/under ${threshold}. Figures in ${unit.label}; variance = budget − forecast, so a positive variance (+) is an underspend and a negative one (−) an overspend.`,
      ...input.headlines.map((h) => h.sentence),
    ],
    keyHeaders: NARRATIVE_KEY_HEADERS,
    identify: ([heading, line]) => ({ primary: narrativeKey(heading, line), secondary: "" }),
    columns: [
      { header: "Heading", width: 16, min: 12 },
      { header: "Line", width: 16, min: 12 },
      { header: TABLE_HEADER, width: 11, min: 9 },
      { header: `Budget ${unit.label}`, width: 9 },
      { header: `Forecast ${unit.label}`, width: 9 },
      { header: `Variance ${unit.label} (+ under, − over)`, width: 9 },
      { header: "Variance %", width: 9 },
      { header: "Direction", width: 11 },
      { header: `Movement ${unit.label}`, width: 9 },
      { header: `Volume effect ${unit.label}`, width: 9 },
      { header: `Price effect ${unit.label}`, width: 9 },
      { header: "Narrative", width: 30, min: 20 },
    ],
    rows,
    emptyLine: input.hasFinanceTables
      ? `No heading or line is over or under budget by ${threshold} or more.`
      : "No finance tables (budget against forecast) were found in this workbook.",
    old: input.old,
    lastPeriod: input.lastPeriod,
    unlisted: {
      identities: input.variances
        .filter((v) => !v.overThreshold && !v.isTotal)
        .map((v) => ({ primary: narrativeKey(...labelsOf(v)), secondary: "", sheet: v.sheet })),
      reason: `now under the ${threshold} threshold`,
      what: "line",
      returns: "if the line is flagged again",
    },
  });
}

/**
 * Flagged variances grouped by finance table in workbook order (the order given), within a table by
 * heading, headings ordered by their largest variance, and within a heading the heading's own row
 * first, then its lines, largest first.
 */
export function orderVariances(variances: VarianceResult[]): VarianceResult[] {
  const tables = new Map<string, Map<string, VarianceResult[]>>();
  for (const v of variances) {
    const table = tables.get(v.tableId) ?? new Map<string, VarianceResult[]>();
    tables.set(v.tableId, table);
    const key = `${v.sheet}\u0000${v.heading ?? v.name}`;
    table.set(key, [...(table.get(key) ?? []), v]);
  }
  const size = (v: VarianceResult): number => Math.abs(v.variance);
  return [...tables.values()].flatMap((groups) => {
    const sorted = [...groups.values()].map((g) =>
      [...g].sort(
        (a, b) => Number(a.heading !== undefined) - Number(b.heading !== undefined) || size(b) - size(a),
      ),
    );
    return sorted.sort((a, b) => Math.max(...b.map(size)) - Math.max(...a.map(size))).flat();
  });
}

/**
 * Names a variance's table: its sheet, or "Sheet: period" (else "Sheet: table 2") when the sheet
 * holds several finance tables.
 */
function tableNamer(
  variances: VarianceResult[],
  headlines: FinanceHeadline[],
): (v: VarianceResult) => string {
  const perSheet = new Map<string, string[]>();
  for (const { tableId, sheet } of [...headlines, ...variances]) {
    const ids = perSheet.get(sheet) ?? [];
    if (!ids.includes(tableId)) ids.push(tableId);
    perSheet.set(sheet, ids);
  }
  return (v) => {
    const ids = perSheet.get(v.sheet) ?? [v.tableId];
    if (ids.length < 2) return v.sheet;
    const period = headlines.find((h) => h.tableId === v.tableId)?.periodLabel?.trim();
    return `${v.sheet}: ${period || `table ${ids.indexOf(v.tableId) + 1}`}`;
  };
}

function narrativeKey(heading: string, line: string): string {
  return `${measureKey(heading)}|${measureKey(line)}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
