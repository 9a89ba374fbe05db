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
  /** Writes one row from column A; `undefined` entries are skipped, `null` writes nothing either. */
  row(
    values: (PlanCell["value"] | undefined)[],
    style?: CellStyle | ((col: number) => CellStyle | undefined),
  ): number;
  /** Writes one cell on an existing row. */
  cell(row: number, col: number, value: PlanCell["value"], style?: CellStyle): void;
  /** Leaves a blank row. */
  gap(): void;
  /** The finished sheet. */
  done(extra: Omit<SheetWrite, "role" | "name" | "cells">): SheetWrite;
}

/**
 * A small helper for laying out one of our sheets row by row.
 * @example const b = createSheetBuilder("summary", "Scorecard Summary"); b.row(["Scorecard Summary"], STYLES.title);
 */
export function createSheetBuilder(role: OwnedSheetRole, name: string): SheetBuilder {
  const cells: PlanCell[] = [];
  let next = 0;
  const put = (row: number, col: number, value: PlanCell["value"], style?: CellStyle): void => {
    if (value === null && !style) return;
    cells.push(style ? { row, col, value, style } : { row, col, value });
  };
  return {
    get next() {
      return next;
    },
    row(values, style) {
      const r = next++;
      values.forEach((v, c) => {
        if (v === undefined) return;
        put(r, c, v, typeof style === "function" ? style(c) : style);
      });
      return r;
    },
    cell: put,
    gap() {
      next++;
    },
    done(extra) {
      return { role, name, cells, ...extra };
    },
  };
}
