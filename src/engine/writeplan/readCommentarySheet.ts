import type { SheetGrid } from "../Grid";
import { gridText } from "../cells/gridText";
import { toA1 } from "../cells/toA1";

/** Header of the column officers type in. */
export const OFFICER_HEADER = "Officer commentary";
/** Header of the column that shows last period's officer text. */
export const PREVIOUS_HEADER = "Previous commentary";
/** Header of the column naming the source cell ("KPIs!D7"). */
export const SOURCE_HEADER = "Source";
/** Label of the cell beside which we write the period scored. */
export const PERIOD_LABEL = "Period scored";
/** Label of the cell beside which we write the period of the previous commentary. */
export const PREVIOUS_PERIOD_LABEL = "Previous commentary is for";
/** Title of the foot block holding commentary whose row has gone. */
export const UNMATCHED_TITLE = "Unmatched commentary";
/** Title of the foot block holding commentary from before the previous period. */
export const EARLIER_TITLE = "Earlier commentary";
/** Headers of a foot block after the two identifying columns. */
export const BLOCK_HEADERS = ["Sheet", "Period", OFFICER_HEADER] as const;

/** Officer text kept in a foot block, with what identifies its row. */
export interface KeptCommentary {
  /** The two identifying texts, e.g. [group, measure] or [heading, line]. */
  labels: [string, string];
  sheet: string;
  period: string;
  text: string;
}

/** One row of the main table of a commentary sheet as we wrote it and the officers edited it. */
export interface OldCommentaryRow {
  labels: [string, string];
  /** Sheet of the source cell ("" when the Source column is gone). */
  sheet: string;
  officer: string;
  previous: string;
  /** A1 address of the officer cell, for messages. */
  cell: string;
}

/** What a commentary sheet from the last run holds. */
export interface OldCommentary {
  period?: string;
  previousPeriod?: string;
  rows: OldCommentaryRow[];
  unmatched: KeptCommentary[];
  earlier: KeptCommentary[];
}

/**
 * Reads officer commentary back from one of our commentary sheets (KPI Commentary or Variance
 * Narrative). Everything is found by its text, not its position, so it still works when
 * officers insert rows or columns: the "Period scored" cell, the header row holding "Officer
 * commentary" and the columns named `keyHeaders`, and the "Unmatched commentary" and "Earlier
 * commentary" blocks at the foot.
 *
 * @example
 * readCommentarySheet(grid, ["Group", "Measure"]).rows[0] // { labels: ["Contract", "% visits"], officer: "...", ... }
 */
export function readCommentarySheet(sheet: SheetGrid, keyHeaders: [string, string]): OldCommentary {
  const out: OldCommentary = { rows: [], unmatched: [], earlier: [] };
  const rowEnd = sheet.originRow + sheet.values.length;
  const colEnd = sheet.originCol + (sheet.values[0]?.length ?? 0);
  const norm = (s: string): string => s.trim().toLowerCase();
  const findCol = (row: number, header: string): number => {
    for (let c = sheet.originCol; c < colEnd; c++)
      if (norm(gridText(sheet, row, c)) === norm(header)) return c;
    return -1;
  };
  const isTitle = (row: number): "unmatched" | "earlier" | undefined => {
    for (let c = sheet.originCol; c < colEnd; c++) {
      const t = norm(gridText(sheet, row, c));
      if (t === "") continue;
      return t === norm(UNMATCHED_TITLE) ? "unmatched" : t === norm(EARLIER_TITLE) ? "earlier" : undefined;
    }
    return undefined;
  };

  let mode: "before" | "main" | "unmatched" | "earlier" = "before";
  let pendingBlock = false;
  let cols = { a: -1, b: -1, sheet: -1, officer: -1, previous: -1, period: -1 };
  for (let r = sheet.originRow; r < rowEnd; r++) {
    const title = isTitle(r);
    if (title) {
      mode = title;
      pendingBlock = true;
      continue;
    }
    if (mode === "before") {
      readLabelled(r);
      if (findCol(r, OFFICER_HEADER) >= 0) {
        cols = headerCols(r, SOURCE_HEADER);
        mode = "main";
      }
      continue;
    }
    if (pendingBlock) {
      if (findCol(r, OFFICER_HEADER) >= 0) {
        cols = headerCols(r, BLOCK_HEADERS[0]);
        cols.period = findCol(r, BLOCK_HEADERS[1]);
        pendingBlock = false;
      }
      continue;
    }
    const text = (c: number): string => (c >= 0 ? gridText(sheet, r, c) : "");
    const labels: [string, string] = [text(cols.a).trim(), text(cols.b).trim()];
    if (mode === "main") {
      const source = text(cols.sheet);
      const bang = source.lastIndexOf("!");
      const officer = text(cols.officer);
      const previous = text(cols.previous);
      if (!officer.trim() && !previous.trim()) continue;
      out.rows.push({
        labels,
        sheet: bang > 0 ? unquote(source.slice(0, bang)) : "",
        officer,
        previous,
        cell: toA1(r, Math.max(cols.officer, 0)),
      });
    } else {
      const officer = text(cols.officer);
      if (!officer.trim()) continue;
      const kept = {
        labels,
        sheet: text(cols.sheet).trim(),
        period: text(cols.period).trim(),
        text: officer,
      };
      (mode === "unmatched" ? out.unmatched : out.earlier).push(kept);
    }
  }
  return out;

  function headerCols(r: number, sheetHeader: string): typeof cols {
    return {
      a: findCol(r, keyHeaders[0]),
      b: findCol(r, keyHeaders[1]),
      sheet: findCol(r, sheetHeader),
      officer: findCol(r, OFFICER_HEADER),
      previous: findCol(r, PREVIOUS_HEADER),
      period: -1,
    };
  }

  function readLabelled(r: number): void {
    for (let c = sheet.originCol; c < colEnd - 1; c++) {
      const label = norm(gridText(sheet, r, c));
      if (label === norm(PERIOD_LABEL)) out.period = gridText(sheet, r, c + 1).trim();
      if (label === norm(PREVIOUS_PERIOD_LABEL)) out.previousPeriod = gridText(sheet, r, c + 1).trim();
    }
  }
}

/** "'My sheet'" → "My sheet" (quotes doubled inside are undone). */
function unquote(name: string): string {
  return /^'.*'$/.test(name) ? name.slice(1, -1).replace(/''/g, "'") : name;
}
