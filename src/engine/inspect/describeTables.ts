import { columnLetters, toA1 } from "../cells/toA1";
import type { FinanceTable } from "../finance/FinanceTable";
import type { KpiTable } from "../kpi/KpiTable";
import { KPI_ROLES } from "../Settings";

/** What was found for one table, in plain data: the JSON's `tables[]` and `scorecard inspect`. */
export interface TableDescription {
  id: string;
  kind: "kpi" | "finance";
  sheet: string;
  title?: string;
  /** The table's cells, header included ("A4:H30"). */
  range: string;
  /** 1-based header rows. */
  headerRows: number[];
  /** Column role → "D (Target)": letter and header text. */
  columns: Record<string, string>;
  /** KPI tables: each period column, left to right ("D: Q1 2014/15 (header \"Previous\")"). */
  periods?: string[];
  /** KPI tables: the amber rule, in words. */
  rule?: string;
  /** Finance tables: the money unit ("£000"). */
  unit?: string;
  /** Finance tables: the variance sign convention, in words. */
  signConvention?: string;
  /** Measures or lines read. */
  rows: number;
}

type CellText = (row: number, col: number) => string;

/**
 * Describes every table found, so an officer or a support desk can see why a table was read as
 * it was: range, header rows, column roles, periods, rule, unit and sign convention.
 * @example describeTables([contractTable], [], text)[0].columns.target === "B (Target)"
 */
export function describeTables(
  kpi: KpiTable[],
  finance: FinanceTable[],
  text: (sheet: string) => CellText,
): TableDescription[] {
  return [
    ...kpi.map((t) => describeKpi(t, text(t.sheet))),
    ...finance.map((t) => describeFinance(t, text(t.sheet))),
  ];
}

/**
 * A column's letter and header text: the nearest header words above the data for a KPI table
 * ("D (Target)"), every stacked header row for a finance one ("E (CURRENT YEAR / BUDGET / £000)").
 */
function headerLabel(
  text: CellText,
  t: { top: number; headerRows: number[] },
  c: number,
  stacked: boolean,
): string {
  const header = t.headerRows[t.headerRows.length - 1];
  const words: string[] = [];
  for (let r = header; r >= t.top; r--) {
    const s = text(r, c);
    if (s && !words.includes(s)) words.unshift(s);
    if (words.length && !stacked) break;
  }
  return words.length ? `${columnLetters(c)} (${words.join(" / ")})` : columnLetters(c);
}

function describeKpi(t: KpiTable, text: CellText): TableDescription {
  const label = (c: number) => headerLabel(text, t, c, false);
  const columns: Record<string, string> = {};
  for (const role of KPI_ROLES) {
    const c = t.columns[role];
    if (typeof c === "number") columns[role] = label(c);
  }
  const periods = t.columns.periods.map((p) => {
    const own = [
      p.target !== undefined ? `target ${columnLetters(p.target)}` : "",
      p.tolerance !== undefined ? `tolerance ${columnLetters(p.tolerance)}` : "",
      p.status !== undefined ? `status ${columnLetters(p.status)}` : "",
    ].filter(Boolean);
    const header = p.period.header ? ` (header "${p.period.header}")` : "";
    return `${columnLetters(p.col)}: ${p.period.label}${header}${own.length ? `; ${own.join(", ")}` : ""}`;
  });
  const right = Math.max(
    t.columns.measure,
    ...Object.values(t.columns).filter((v): v is number => typeof v === "number"),
    ...t.columns.periods.flatMap((p) => [
      p.col,
      p.target ?? p.col,
      p.tolerance ?? p.col,
      p.status ?? p.col,
      p.trend ?? p.col,
    ]),
  );
  const left = Math.min(t.columns.measure, ...(t.columns.ref !== undefined ? [t.columns.ref] : []));
  return {
    id: t.id,
    kind: "kpi",
    sheet: t.sheet,
    ...(t.title ? { title: t.title } : {}),
    range: `${toA1(t.top, left)}:${toA1(t.bottom, right)}`,
    headerRows: t.headerRows.map((r) => r + 1),
    columns,
    periods,
    rule: t.rule.words + (t.periodFrom ? `; periods named from ${t.periodFrom}` : ""),
    rows: t.rows.length,
  };
}

function describeFinance(t: FinanceTable, text: CellText): TableDescription {
  const label = (c: number) => headerLabel(text, t, c, true);
  const columns: Record<string, string> = { line: label(t.columns.name) };
  const cols: number[] = [t.columns.name];
  for (const part of ["budget", "forecast", "variance"] as const)
    for (const kind of ["gross", "income", "net"] as const) {
      const c = t.columns[part][kind];
      if (c === undefined) continue;
      columns[kind === "net" ? part : `${part} ${kind}`] = label(c);
      cols.push(c);
    }
  const extra = t as FinanceTable & { signConvention?: string };
  const unit = t.scale === 1 ? "£" : t.scale === 1000 ? "£000" : "£m";
  return {
    id: t.id,
    kind: "finance",
    sheet: t.sheet,
    ...(t.title ? { title: t.title } : {}),
    range: `${toA1(t.top, Math.min(...cols))}:${toA1(t.bottom, Math.max(...cols))}`,
    headerRows: t.headerRows.map((r) => r + 1),
    columns,
    unit: `${unit}${t.scaleSource ? ` (from the ${t.scaleSource === "assumed" ? "default" : t.scaleSource})` : ""}`,
    signConvention:
      extra.signConvention ??
      (t.invertedSign
        ? "variance = forecast − budget; + = overspend"
        : "variance = budget − forecast; + = underspend"),
    rows: t.lines.length,
  };
}
