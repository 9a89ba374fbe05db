import type { KpiResult } from "../engine/kpi/KpiResult";
import type { VarianceResult } from "../engine/finance/VarianceResult";
import {
  EARLIER_TITLE,
  OFFICER_HEADER,
  SOURCE_HEADER,
  UNMATCHED_TITLE,
} from "../engine/writeplan/readCommentarySheet";
import type { OwnedSheetRole, SheetWrite, WritePlan } from "../engine/writeplan/WritePlan";

/** The officer's commentary for the period scored, keyed by the cell each row comes from. */
export interface ReportCommentary {
  /** KPI Commentary's Officer commentary, keyed by `kpiSource(k)` ("KPIs!D7"). */
  kpis: ReadonlyMap<string, string>;
  /** Variance Narrative's Officer commentary, keyed by `varianceSource(v)` ("Finance!J5"). */
  variances: ReadonlyMap<string, string>;
}

/**
 * The officer's commentary to print in the committee report, read from the write plan of a run
 * over the workbook: the engine has already read the workbook's own KPI Commentary and Variance
 * Narrative sheets and carried each officer's text onto its measure or line for the period scored
 * (`carryCommentary`: matched by name and sheet, not position; text for another period is not this
 * period's). Each row is keyed by its Source cell ("KPIs!D7"), which `kpiSource` / `varianceSource`
 * give for a result. Rows with no text are left out; the foot blocks (Unmatched, Earlier) are not read.
 *
 * @example
 * const { result, plan } = scoreWorkbook(grid, {}, { saveOverrides: false });
 * commentaryFromPlan(plan).kpis.get(kpiSource(result.kpis[0])) // "Agency staff recruited in March."
 */
export function commentaryFromPlan(plan: Pick<WritePlan, "sheets">): ReportCommentary {
  return { kpis: officerText(plan, "commentary"), variances: officerText(plan, "narrative") };
}

/**
 * The Source cell of a KPI's row on KPI Commentary, "Sheet!D7" (a row with no value cell for the
 * period: its whole sheet row, "Sheet!7:7").
 * @example kpiSource({ sheet: "KPIs", actualCell: "D7", row: 7 }) === "KPIs!D7"
 */
export function kpiSource(k: Pick<KpiResult, "sheet" | "actualCell" | "row">): string {
  return `${k.sheet}!${k.actualCell || `${k.row}:${k.row}`}`;
}

/**
 * The Source cell of a variance's row on Variance Narrative, "Sheet!J5".
 * @example varianceSource({ sheet: "Finance", cell: "J5" }) === "Finance!J5"
 */
export function varianceSource(v: Pick<VarianceResult, "sheet" | "cell">): string {
  return `${v.sheet}!${v.cell}`;
}

/** Officer commentary by Source on our sheet of `role`: the main table only. */
function officerText(plan: Pick<WritePlan, "sheets">, role: OwnedSheetRole): Map<string, string> {
  const out = new Map<string, string>();
  const sheet = plan.sheets.find((s) => s.role === role);
  if (!sheet) return out;
  const rows = cellRows(sheet);
  const header = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .find(([, cells]) => [...cells.values()].some((v) => v === OFFICER_HEADER));
  if (!header) return out;
  const [headerRow, headerCells] = header;
  const colOf = (text: string): number => [...headerCells.entries()].find(([, v]) => v === text)?.[0] ?? -1;
  const officerCol = colOf(OFFICER_HEADER);
  const sourceCol = colOf(SOURCE_HEADER);
  if (sourceCol < 0) return out;
  const blockTitles = new Set([UNMATCHED_TITLE, EARLIER_TITLE]);
  for (const [r, cells] of [...rows.entries()].sort(([a], [b]) => a - b)) {
    if (r <= headerRow) continue;
    if ([...cells.values()].some((v) => typeof v === "string" && blockTitles.has(v))) break;
    const source = cells.get(sourceCol);
    const text = cells.get(officerCol);
    if (typeof source === "string" && typeof text === "string" && text.trim() !== "")
      out.set(source, text.trim());
  }
  return out;
}

/** A sheet's cells as row → column → value. */
function cellRows(sheet: SheetWrite): Map<number, Map<number, SheetWrite["cells"][number]["value"]>> {
  const rows = new Map<number, Map<number, SheetWrite["cells"][number]["value"]>>();
  for (const c of sheet.cells) {
    let row = rows.get(c.row);
    if (!row) rows.set(c.row, (row = new Map()));
    row.set(c.col, c.value);
  }
  return rows;
}
