import { columnLetters, fromA1 } from "../engine/cells/toA1";
import type {
  CellStyle,
  CfRule,
  CfWrite,
  PlanCell,
  SheetWrite,
  WritePlan,
} from "../engine/writeplan/WritePlan";
import { shiftFormulaRows } from "./shiftFormulaRows";

/** One unit of queued work: it only queues (never syncs) and knows its rough request size. */
export interface WriteOp {
  /** What the officer is told if this op is not written, e.g. `sheet "KPI Commentary"`. */
  group: string;
  kind: "cf-remove" | "sheet-delete" | "sheet" | "cf-add" | "store";
  /** Estimated bytes this op adds to the request. */
  bytes: number;
  apply(context: Excel.RequestContext): void;
}

/** What the host knows about the workbook before writing. */
export interface WriteTarget {
  /** Existing sheets by name; `visibility` as Excel reports it, when known. */
  sheets: Map<string, { protected: boolean; visibility?: "Visible" | "Hidden" | "VeryHidden" }>;
  /** Our old conditional formats (loaded in the read sync), by sheet name. */
  ourConditionalFormats: Map<string, Excel.ConditionalFormat[]>;
  /**
   * Excel has `Worksheet.getRanges` / `RangeAreas.conditionalFormats` (ExcelApi 1.9), so a
   * multi-area range gets one set of rules. Without it (Excel 2019), each area gets its own.
   */
  rangeAreas?: boolean;
}

/** Planned ops plus the parts we will not attempt, with the reason. */
export interface PlannedWrite {
  ops: WriteOp[];
  skipped: { group: string; sheet: string; reason: string }[];
}

/** Excel's limit on characters in one cell. */
export const MAX_CELL_CHARS = 32_767;
/**
 * Bytes one object path costs in a request beyond its own step's text. A request carries each
 * object's path once (its id, its parent's id, the step) and actions name objects by id, so
 * re-using one object costs its path once. Measured on the fake's request JSON at 20-28 bytes.
 */
const PATH_BYTES = 22;
/** Bytes one action costs beyond its value: the object's id, the verb and property name. */
const ACTION_BYTES = 32;
/** Text of the steps to a range beyond the sheet name and address (`worksheets`, `getItem`, `getRange…`). */
const RANGE_TEXT = 40;

/** Estimated bytes of `actions` actions on `paths` objects whose steps hold `text` bytes, data aside. */
function cost(paths: number, actions: number, text: number): number {
  return paths * PATH_BYTES + actions * ACTION_BYTES + text;
}
/** Estimated bytes of `actions` actions on one range of `sheet` (3 paths to it, `more` below it). */
function rangeCost(sheet: string, address: string, actions = 1, more = 0): number {
  return cost(3 + more, actions, RANGE_TEXT + sheet.length + address.length + 12 * more);
}
/** Most conditional formats one removal op deletes (about 350 KB of request). */
const CF_PER_OP = 2_000;
/** Largest data we put in one op, so ops can be spread over requests when needed. */
const MAX_OP_BYTES = 1_000_000;

/**
 * Turns a write plan into ops in the plan's order: remove our old rules on `cfSheets`, delete
 * sheets we no longer write, write our sheets, add the new rules, write the store. Anything on a
 * protected sheet, or a cell over Excel's 32,767-character limit, is skipped and reported.
 * A multi-area rule range is added through `RangeAreas` when `target.rangeAreas` says Excel has
 * ExcelApi 1.9, otherwise area by area (see `cfOps`); its ops share one group either way.
 *
 * @example
 * const { ops, skipped } = planWriteOps(plan, { sheets, ourConditionalFormats });
 */
export function planWriteOps(plan: WritePlan, target: WriteTarget): PlannedWrite {
  const ops: WriteOp[] = [];
  const skipped: PlannedWrite["skipped"] = [];
  const isProtected = (name: string) => target.sheets.get(name)?.protected === true;
  const skip = (group: string, sheet: string, reason: string) => skipped.push({ group, sheet, reason });

  for (const sheet of plan.cfSheets) {
    const ours = target.ourConditionalFormats.get(sheet) ?? [];
    if (!ours.length) continue;
    const group = `removal of old scorecard formatting on "${sheet}"`;
    if (isProtected(sheet)) {
      skip(group, sheet, `"${sheet}" is protected`);
      continue;
    }
    // In ops of at most CF_PER_OP rules, so a sheet with very many can be spread over requests.
    for (let i = 0; i < ours.length; i += CF_PER_OP) {
      const some = ours.slice(i, i + CF_PER_OP);
      ops.push({
        group,
        kind: "cf-remove",
        // The collection's paths once, then a path (`getItem(id)`) and a delete for each rule.
        bytes: rangeCost(sheet, "", 0, 1) + some.length * cost(1, 1, 20),
        apply: () => some.forEach((cf) => cf.delete()),
      });
    }
  }

  for (const name of plan.deleteSheets) {
    if (!target.sheets.has(name) || name === plan.store.sheetName) continue;
    // Excel refuses to delete a very hidden sheet (Worksheet.delete): make it hidden first.
    const veryHidden = target.sheets.get(name)?.visibility === "VeryHidden";
    ops.push({
      group: `deletion of old sheet "${name}"`,
      kind: "sheet-delete",
      bytes: cost(2, veryHidden ? 2 : 1, 40 + 2 * name.length),
      apply: (context) => {
        const ws = context.workbook.worksheets.getItem(name);
        if (veryHidden) ws.visibility = "Hidden";
        ws.delete();
      },
    });
  }

  for (const sheet of plan.sheets) {
    const group = `sheet "${sheet.name}"`;
    if (isProtected(sheet.name)) skip(group, sheet.name, `"${sheet.name}" is protected`);
    else if (tooLong(sheet.cells))
      skip(group, sheet.name, `a cell holds more than ${MAX_CELL_CHARS} characters`);
    else ops.push(...sheetOps(sheet, target.sheets.has(sheet.name), group));
  }

  for (const cf of plan.conditionalFormats) {
    const group = `conditional formatting on ${cfLabel(cf)}`;
    if (!target.sheets.has(cf.sheet)) skip(group, cf.sheet, `sheet "${cf.sheet}" was not found`);
    else if (isProtected(cf.sheet)) skip(group, cf.sheet, `"${cf.sheet}" is protected`);
    else ops.push(...cfOps(cf, group, target.rangeAreas === true));
  }

  const { sheetName, rows } = plan.store;
  if (sheetName && rows.length) {
    const group = "saved settings and scoring record (hidden store sheet)";
    if (isProtected(sheetName)) skip(group, sheetName, `"${sheetName}" is protected`);
    else if (rows.some((r) => r.some((s) => s.length > MAX_CELL_CHARS)))
      skip(group, sheetName, `a store entry is longer than ${MAX_CELL_CHARS} characters`);
    else ops.push(...storeOps(sheetName, rows, target.sheets.has(sheetName), group));
  }
  return { ops, skipped };
}

/**
 * Ops that write a 2-column [key, json] store sheet, very hidden, with text number format so
 * Excel never converts a value. Shared by scoring and by saving settings.
 */
export function storeOps(
  sheetName: string,
  rows: [string, string][],
  exists: boolean,
  group: string,
): WriteOp[] {
  const ops: WriteOp[] = [
    {
      group,
      kind: "store",
      bytes: rangeCost(sheetName, "", 3),
      apply: (context) => {
        const ws = exists
          ? context.workbook.worksheets.getItem(sheetName)
          : context.workbook.worksheets.add(sheetName);
        if (exists) ws.getRange().clear();
        ws.visibility = "VeryHidden";
      },
    },
  ];
  for (const [top, chunk] of chunkRows(rows)) {
    ops.push({
      group,
      kind: "store",
      bytes: rangeCost(sheetName, "0,0,0,0", 2) + jsonBytes(chunk) + 12 * chunk.length,
      apply: (context) => {
        const range = context.workbook.worksheets
          .getItem(sheetName)
          .getRangeByIndexes(top, 0, chunk.length, 2);
        range.numberFormat = chunk.map(() => ["@", "@"]);
        range.values = chunk;
      },
    });
  }
  return ops;
}

function sheetOps(sheet: SheetWrite, exists: boolean, group: string): WriteOp[] {
  const name = sheet.name;
  const ops: WriteOp[] = [];
  const ws = (context: Excel.RequestContext) => context.workbook.worksheets.getItem(name);
  ops.push({
    group,
    kind: "sheet",
    bytes: exists ? rangeCost(name, "", 2, 1) : cost(2, 1, 30 + name.length),
    apply: (context) => {
      if (exists) {
        const existing = ws(context);
        existing.getRange().clear();
        existing.freezePanes.unfreeze();
      } else context.workbook.worksheets.add(name);
    },
  });
  if (sheet.cells.length) {
    const top = Math.min(...sheet.cells.map((c) => c.row));
    const left = Math.min(...sheet.cells.map((c) => c.col));
    const bottom = Math.max(...sheet.cells.map((c) => c.row));
    const right = Math.max(...sheet.cells.map((c) => c.col));
    const width = right - left + 1;
    const grid: (string | number | boolean | null)[][] = Array.from({ length: bottom - top + 1 }, () =>
      new Array<string | number | boolean | null>(width).fill(null),
    );
    let anyFormula = false;
    for (const c of sheet.cells) {
      if (c.formula) anyFormula = true;
      grid[c.row - top][c.col - left] = c.formula ? `=${c.formula}` : escapeText(c.value);
    }
    for (const [rowOffset, chunk] of chunkRows(grid)) {
      ops.push({
        group,
        kind: "sheet",
        bytes: rangeCost(name, "0,0,0,0") + jsonBytes(chunk),
        apply: (context) => {
          const range = ws(context).getRangeByIndexes(top + rowOffset, left, chunk.length, width);
          if (anyFormula) range.formulas = chunk;
          else range.values = chunk;
        },
      });
    }
    ops.push(...numberFormatOps(sheet.cells, name, group));
    for (const block of styleBlocks(sheet.cells)) {
      ops.push({
        group,
        kind: "sheet",
        bytes:
          // The style's JSON holds each property's name and value; each set adds the object's id.
          rangeCost(name, block.address, 0, 1 + styleParts(block.style)) +
          20 * styleActions(block.style) +
          jsonBytes(block.style),
        apply: (context) => applyStyle(ws(context).getRange(block.address), block.style),
      });
    }
  }
  sheet.columnWidths.forEach((chars, col) => {
    if (!(chars > 0)) return;
    ops.push({
      group,
      kind: "sheet",
      bytes: rangeCost(name, "0,0,0,0", 1, 1),
      apply: (context) => {
        ws(context).getRangeByIndexes(0, col, 1, 1).format.columnWidth = charsToPoints(chars);
      },
    });
  });
  if (sheet.freezeRows > 0) {
    ops.push({
      group,
      kind: "sheet",
      bytes: rangeCost(name, ""),
      apply: (context) => ws(context).freezePanes.freezeRows(sheet.freezeRows),
    });
  }
  return ops;
}

/** Number formats as column runs of one format; "General" is what a cleared sheet has already. */
function numberFormatOps(cells: PlanCell[], sheet: string, group: string): WriteOp[] {
  const byCol = new Map<number, PlanCell[]>();
  for (const c of cells) {
    if (!c.style?.numberFormat || c.style.numberFormat === "General") continue;
    byCol.set(c.col, [...(byCol.get(c.col) ?? []), c]);
  }
  const ops: WriteOp[] = [];
  for (const [col, list] of byCol) {
    list.sort((a, b) => a.row - b.row);
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      const contiguous = i < list.length && list[i].row === list[i - 1].row + 1;
      if (contiguous) continue;
      const run = list.slice(start, i);
      const formats = run.map((c) => [c.style?.numberFormat ?? "General"]);
      ops.push({
        group,
        kind: "sheet",
        bytes: rangeCost(sheet, "0,0,0,0") + jsonBytes(formats),
        apply: (context) => {
          context.workbook.worksheets
            .getItem(sheet)
            .getRangeByIndexes(run[0].row, col, run.length, 1).numberFormat = formats;
        },
      });
      start = i;
    }
  }
  return ops;
}

type VisualStyle = Omit<CellStyle, "numberFormat">;

/** Cells with the same visual style grouped into rectangles: runs along rows, then stacked down. */
function styleBlocks(cells: PlanCell[]): { address: string; style: VisualStyle }[] {
  const keyed = new Map<string, { style: VisualStyle; cells: PlanCell[] }>();
  for (const c of cells) {
    const { numberFormat, ...visual } = c.style ?? {};
    void numberFormat;
    if (!Object.values(visual).some((v) => v !== undefined && v !== false)) continue;
    const key = JSON.stringify(visual, Object.keys(visual).sort());
    const entry = keyed.get(key) ?? { style: visual, cells: [] };
    entry.cells.push(c);
    keyed.set(key, entry);
  }
  const blocks: { address: string; style: VisualStyle }[] = [];
  for (const { style, cells: list } of keyed.values()) {
    // Runs along each row.
    const rows = new Map<number, number[]>();
    for (const c of list) rows.set(c.row, [...(rows.get(c.row) ?? []), c.col]);
    const runs: { row: number; left: number; right: number }[] = [];
    for (const [row, cols] of [...rows].sort((a, b) => a[0] - b[0])) {
      cols.sort((a, b) => a - b);
      let left = cols[0];
      for (let i = 1; i <= cols.length; i++) {
        if (i < cols.length && cols[i] === cols[i - 1] + 1) continue;
        runs.push({ row, left, right: cols[i - 1] });
        left = cols[i];
      }
    }
    // Stack identical runs on consecutive rows.
    const open = new Map<string, { top: number; bottom: number; left: number; right: number }>();
    const close = (b: { top: number; bottom: number; left: number; right: number }) =>
      blocks.push({ address: rangeAddress(b.top, b.left, b.bottom, b.right), style });
    for (const r of runs) {
      const k = `${r.left}:${r.right}`;
      const b = open.get(k);
      if (b && b.bottom === r.row - 1) b.bottom = r.row;
      else {
        if (b) close(b);
        open.set(k, { top: r.row, bottom: r.row, left: r.left, right: r.right });
      }
    }
    open.forEach(close);
  }
  return blocks;
}

/** How many objects below `format` `applyStyle` sets properties on (font, fill, bottom border). */
function styleParts(style: VisualStyle): number {
  const font = style.bold !== undefined || style.italic !== undefined || !!style.fontColor;
  return [font, !!style.fill, !!style.borderBottom].filter(Boolean).length;
}

/** How many property sets `applyStyle` queues for a style. */
function styleActions(style: VisualStyle): number {
  return Object.values(style).filter((v) => v !== undefined && v !== "").length;
}

function applyStyle(range: Excel.Range, style: VisualStyle): void {
  const f = range.format;
  if (style.bold !== undefined) f.font.bold = style.bold;
  if (style.italic !== undefined) f.font.italic = style.italic;
  if (style.fontColor) f.font.color = style.fontColor;
  if (style.fill) f.fill.color = style.fill;
  if (style.wrap !== undefined) f.wrapText = style.wrap;
  if (style.horizontal)
    f.horizontalAlignment =
      style.horizontal === "center" ? "Center" : style.horizontal === "right" ? "Right" : "Left";
  if (style.borderBottom) f.borders.getItem("EdgeBottom").style = "Continuous";
}

/** A short, unique name for a CfWrite: `"KPIs"!D4:D6` or `"KPIs"!D4:D6 and 12 more areas`. */
function cfLabel(cf: CfWrite): string {
  const areas = cf.range.split(" ").filter(Boolean);
  const more = areas.length - 1;
  return `"${cf.sheet}"!${areas[0]}${more ? ` and ${more} more area${more === 1 ? "" : "s"}` : ""}`;
}

/** Most areas one fallback op adds rules to (each area takes 5 actions a rule). */
const AREAS_PER_OP = 100;

/**
 * Ops that add one CfWrite's rules. A single area is one `Range`; several areas are one
 * `RangeAreas` (`getRanges("D4:D6, D9")`, ExcelApi 1.9) whose formulas stay relative to the anchor,
 * or, without 1.9, one `Range` per area with each formula moved to the area's own top-left row.
 */
function cfOps(cf: CfWrite, group: string, rangeAreas: boolean): WriteOp[] {
  const areas = cf.range.split(" ").filter(Boolean);
  // Each rule is five objects (the format, custom, rule, fill, font) and five actions (add,
  // formula, fill, font colour, stopIfTrue); the range and its collection are paid for once.
  const perRule = (rules: CfRule[]) =>
    rules.reduce((n, r) => n + cost(5, 5, 90) + jsonBytes(r.formula) + r.fill.length + r.fontColor.length, 0);
  const bytes = (address: string, rules: CfRule[]) => cost(2, 0, 30 + address.length) + perRule(rules);
  if (areas.length === 1 || rangeAreas) {
    const address = areas.join(", ");
    return [
      {
        group,
        kind: "cf-add",
        bytes: cost(2, 0, 20 + cf.sheet.length) + bytes(address, cf.rules),
        apply: (context) => {
          const ws = context.workbook.worksheets.getItem(cf.sheet);
          addRules(areas.length === 1 ? ws.getRange(address) : ws.getRanges(address), cf.rules);
        },
      },
    ];
  }
  const anchorRow = fromA1(cf.anchor).row;
  const ops: WriteOp[] = [];
  for (let i = 0; i < areas.length; i += AREAS_PER_OP) {
    const some = areas.slice(i, i + AREAS_PER_OP).map((address) => {
      const by = fromA1(address.split(":")[0]).row - anchorRow;
      const rules = cf.rules.map((r) => ({ ...r, formula: shiftFormulaRows(r.formula, by) }));
      return { address, rules };
    });
    ops.push({
      group,
      kind: "cf-add",
      bytes: cost(2, 0, 20 + cf.sheet.length) + some.reduce((n, a) => n + bytes(a.address, a.rules), 0),
      apply: (context) => {
        const ws = context.workbook.worksheets.getItem(cf.sheet);
        for (const a of some) addRules(ws.getRange(a.address), a.rules);
      },
    });
  }
  return ops;
}

/** Queues `rules` on a range or range areas, keeping their order as priority. */
function addRules(target: Excel.Range | Excel.RangeAreas, rules: CfRule[]): void {
  // Excel adds each new format at the top priority, so add the lowest-priority rule first.
  for (const rule of [...rules].reverse()) {
    const format = target.conditionalFormats.add("Custom");
    format.custom.rule.formula = `=${rule.formula}`;
    format.custom.format.fill.color = rule.fill;
    format.custom.format.font.color = rule.fontColor;
    format.stopIfTrue = rule.stopIfTrue;
  }
}

/**
 * Text is written with a leading apostrophe (Excel's text prefix, not part of the value), because
 * Office.js reads a string written to `values`/`formulas` as typed input: "=", "+" or "-" at the
 * start makes a formula ("- fewer visits" becomes #NAME?), and "0.5", "10%" or "2025-04-01"
 * become numbers and dates. Numbers and booleans go as they are; "" stays "" (it clears).
 */
function escapeText(value: PlanCell["value"]): PlanCell["value"] {
  return typeof value === "string" && value !== "" ? `'${value}` : value;
}

function tooLong(cells: PlanCell[]): boolean {
  return cells.some((c) => typeof c.value === "string" && c.value.length > MAX_CELL_CHARS);
}

/** Splits rows into chunks of at most MAX_OP_BYTES of JSON; yields [first row offset, rows]. */
function* chunkRows<T>(rows: T[][]): Generator<[number, T[][]]> {
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    const b = jsonBytes(rows[i]);
    if (i > start && bytes + b > MAX_OP_BYTES) {
      yield [start, rows.slice(start, i)];
      start = i;
      bytes = 0;
    }
    bytes += b;
  }
  if (rows.length > start) yield [start, rows.slice(start)];
}

function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const a = `${columnLetters(left)}${top + 1}`;
  return top === bottom && left === right ? a : `${a}:${columnLetters(right)}${bottom + 1}`;
}

/** Excel column widths are in points; plans give characters of the default font. */
function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}
