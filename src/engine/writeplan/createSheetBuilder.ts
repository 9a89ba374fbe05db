import type { CellStyle, OwnedSheetRole, PlanCell, SheetWrite } from "./WritePlan";

/** Styles shared by our sheets. */
export const STYLES = {
  title: { bold: true } as CellStyle,
  header: { bold: true, wrap: true, borderBottom: true, fill: "#DDEBF7" } as CellStyle,
  label: { bold: true } as CellStyle,
  note: { italic: true, fontColor: "#595959" } as CellStyle,
  text: { wrap: true } as CellStyle,
  officer: { wrap: true, fill: "#FFF9E6" } as CellStyle,
};

/** Appends rows of cells to one of our sheets, keeping track of the next free row. */
export interface SheetBuilder {
  /** 0-based row the next `row()` call writes. */
  readonly next: number;
  /**
   * Writes one row from column A; `undefined` entries are skipped, `null` writes nothing either
   * (unless styled). `style` is one style for every cell, one per column, or a function of the column.
   */
  row(
    values: (PlanCell["value"] | undefined)[],
    style?: CellStyle | readonly (CellStyle | undefined)[] | ((col: number) => CellStyle | undefined),
  ): number;
  /** Writes one cell on an existing row. */
  cell(row: number, col: number, value: PlanCell["value"], style?: CellStyle): void;
  /** Leaves a blank row. */
  gap(): void;
  /** The finished sheet. */
  done(extra: Omit<SheetWrite, "role" | "name" | "cells">): SheetWrite;
}

/**
 * A small helper for laying out one of our sheets row by row. `expectedCells`, when given, sizes
 * the cell list up front (a list grown cell by cell leaves its outgrown copies as garbage; the
 * KPI Commentary sheet holds about a million cells).
 * @example const b = createSheetBuilder("summary", "Scorecard Summary"); b.row(["Scorecard Summary"], STYLES.title);
 */
export function createSheetBuilder(role: OwnedSheetRole, name: string, expectedCells = 0): SheetBuilder {
  const cells: PlanCell[] = expectedCells > 0 ? new Array<PlanCell>(expectedCells) : [];
  let count = 0;
  let next = 0;
  const put = (row: number, col: number, value: PlanCell["value"], style?: CellStyle): void => {
    if (value === null && !style) return;
    cells[count++] = style ? { row, col, value, style } : { row, col, value };
  };
  return {
    get next() {
      return next;
    },
    row(values, style) {
      const r = next++;
      for (let c = 0; c < values.length; c++) {
        const v = values[c];
        if (v === undefined) continue;
        put(r, c, v, typeof style === "function" ? style(c) : Array.isArray(style) ? style[c] : style);
      }
      return r;
    },
    cell: put,
    gap() {
      next++;
    },
    done(extra) {
      if (cells.length > count) cells.length = count; // drop the unused end of the estimate
      return { role, name, cells, ...extra };
    },
  };
}
