import ExcelJS from "exceljs";
import { CF_MARKER } from "../../src/engine/writeplan/WritePlan";

/** Everything of one user sheet that scoring must leave alone, as plain comparable data. */
export interface SheetSnapshot {
  name: string;
  state: string;
  /** "A1" → { value, formula, numFmt, note } for every cell with a value, formula, format or note. */
  cells: Record<
    string,
    { value: unknown; formula: string | null; numFmt: string | null; note: string | null }
  >;
  merges: string[];
  widths: (number | null)[];
  hiddenRows: number[];
  /** The user's own conditional-format rules in priority order (ours, with CF_MARKER, left out). */
  userRules: string[];
}

/** Loads .xlsx bytes into an ExcelJS workbook. */
export async function loadWorkbook(bytes: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Sheet names in tab order. */
export function sheetOrder(wb: ExcelJS.Workbook): string[] {
  return wb.worksheets.map((w) => w.name);
}

/**
 * Snapshots the named sheets (every cell's value, formula, number format and note; merges,
 * widths, hidden rows, state and the user's CF rules).
 */
export function snapshotSheets(wb: ExcelJS.Workbook, names: string[]): SheetSnapshot[] {
  return names.map((name) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`no sheet "${name}"`);
    const cells: SheetSnapshot["cells"] = {};
    const hiddenRows: number[] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.findRow(r);
      if (!row) continue;
      if (row.hidden) hiddenRows.push(r);
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as unknown;
        const formula =
          typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v)
            ? cell.formula
            : null;
        const value = v instanceof Date ? v.toISOString() : JSON.parse(JSON.stringify(v ?? null));
        const note = cell.note === undefined ? null : JSON.stringify(cell.note);
        cells[cell.address] = { value, formula, numFmt: cell.numFmt ?? null, note };
      });
    }
    const cfs =
      (ws as unknown as { conditionalFormattings?: { ref: string; rules: { formulae?: unknown[] }[] }[] })
        .conditionalFormattings ?? [];
    // The user's rules in priority order. Their priority numbers may all move down together
    // (ours go first, as Excel does when a rule is added at the top): the order is what counts.
    const userRules = cfs
      .flatMap((cf) =>
        cf.rules.filter((r) => !isOurRule(r)).map((r) => ({ ref: cf.ref, rule: r as { priority?: number } })),
      )
      .sort((a, b) => (a.rule.priority ?? 0) - (b.rule.priority ?? 0))
      // dxfId is ExcelJS's bookkeeping (an index into the styles part), not the rule.
      .map(({ ref, rule }) => JSON.stringify({ ref, ...rule, dxfId: undefined, priority: undefined }));
    return {
      name,
      state: ws.state,
      cells,
      merges: [...(ws.model.merges ?? [])].sort(),
      widths: (ws.columns ?? []).map((c) => c?.width ?? null),
      hiddenRows,
      userRules,
    };
  });
}

/** Counts conditional-format rules on every sheet, ours (CF_MARKER) and the user's. */
export function countRules(wb: ExcelJS.Workbook): { ours: number; user: number } {
  let ours = 0;
  let user = 0;
  for (const ws of wb.worksheets) {
    const cfs =
      (ws as unknown as { conditionalFormattings?: { rules: { formulae?: unknown[] }[] }[] })
        .conditionalFormattings ?? [];
    for (const cf of cfs) {
      for (const r of cf.rules) {
        if (isOurRule(r)) ours++;
        else user++;
      }
    }
  }
  return { ours, user };
}

/** Every cell's display value of one sheet as rows of strings (for reading our own sheets). */
export function sheetText(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    const out: string[] = [];
    if (row) {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        out[c - 1] = cell.text ?? "";
      });
    }
    rows.push(Array.from(out, (x) => x ?? ""));
  }
  return rows;
}

function isOurRule(r: { formulae?: unknown[] }): boolean {
  return (r.formulae ?? []).some((f) => typeof f === "string" && f.includes(CF_MARKER));
}
