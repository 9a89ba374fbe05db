import { from1900Serial } from "../engine/cells/to1900Serial";
import { columnLetters } from "../engine/cells/toA1";
import type {
  CellStyle,
  CfRule,
  CfWrite,
  PlanCell,
  SheetWrite,
  WritePlan,
} from "../engine/writeplan/WritePlan";
import { chartOp, removeChartsOp } from "./chartOps";
import { printSetupOps } from "./printSetupOps";
import { jsonBytes, RequestBytes } from "./RequestBytes";

/** One unit of queued work: it only queues (never syncs) and knows its request size. */
export interface WriteOp {
  /** What the officer is told if this op is not written, e.g. `sheet "KPI Commentary"`. */
  group: string;
  kind: "cf-remove" | "sheet-delete" | "sheet" | "cf-add" | "store" | "chart";
  /** Estimated bytes this op adds to the request, as Office.js serialises it (`RequestBytes`). */
  bytes: number;
  apply(context: Excel.RequestContext): void;
}

/** What the host knows about the workbook before writing. */
export interface WriteTarget {
  /** Existing sheets by name; `visibility` as Excel reports it, when known. */
  sheets: Map<string, { protected: boolean; visibility?: "Visible" | "Hidden" | "VeryHidden" }>;
  /** Our old conditional formats (loaded in the read sync with their `id`), by sheet name. */
  ourConditionalFormats: Map<string, Excel.ConditionalFormat[]>;
  /** Our old charts (`CHART_NAME_PREFIX`, loaded in the read sync with their `id`), by sheet name. */
  ourCharts?: Map<string, Excel.Chart[]>;
  /**
   * The workbook counts dates from 1904. The plan's date-formatted numbers are 1900-system serials
   * (the engine's, from the grid), so they are written 1,462 less, to show the same dates.
   */
  date1904?: boolean;
}

/** Planned ops plus the parts we will not attempt, with the reason. */
export interface PlannedWrite {
  ops: WriteOp[];
  skipped: { group: string; sheet: string; reason: string }[];
}

/** Excel's limit on characters in one cell. */
export const MAX_CELL_CHARS = 32_767;
/** Most conditional formats one removal op deletes (about 400 KB of request). */
export const RULES_PER_OP = 2_000;
/** Largest data we put in one op, so ops can be spread over requests when needed. */
const MAX_OP_BYTES = 1_000_000;

/**
 * Turns a write plan into ops in the plan's order: remove our old rules on `cfSheets`, delete
 * sheets we no longer write, write our sheets, add the new rules, write the store; then each of our
 * sheets' font and print setup (`printSetupOps`); then the charts on our sheets (`chartOp`; our
 * charts from the last run are deleted before their sheet is written). Anything on a
 * protected sheet, or a cell over Excel's 32,767-character limit, is skipped and reported.
 * A multi-area rule range is added through one `RangeAreas` (`getRanges`, ExcelApi 1.9, which the
 * manifest requires). Each op's `bytes` is what Office.js's serializer will send for it.
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
    appendAll(ops, removeRulesOps(ours, group));
  }

  for (const name of plan.deleteSheets) {
    if (!target.sheets.has(name) || name === plan.store.sheetName) continue;
    const veryHidden = target.sheets.get(name)?.visibility === "VeryHidden";
    ops.push(deleteSheetOp(name, veryHidden, `deletion of old sheet "${name}"`));
  }

  for (const sheet of plan.sheets) {
    const group = `sheet "${sheet.name}"`;
    // Clearing the sheet leaves its charts: ours from the last run go first.
    const oldCharts = target.ourCharts?.get(sheet.name) ?? [];
    if (oldCharts.length && !isProtected(sheet.name))
      ops.push(removeChartsOp(oldCharts, `removal of old scorecard charts on "${sheet.name}"`));
    if (isProtected(sheet.name)) skip(group, sheet.name, `"${sheet.name}" is protected`);
    else if (tooLong(sheet.cells))
      skip(group, sheet.name, `a cell holds more than ${MAX_CELL_CHARS} characters`);
    else appendAll(ops, sheetOps(sheet, target.sheets.has(sheet.name), group, target.date1904 === true));
  }

  for (const cf of plan.conditionalFormats) {
    const group = `conditional formatting on ${cfLabel(cf)}`;
    if (!target.sheets.has(cf.sheet)) skip(group, cf.sheet, `sheet "${cf.sheet}" was not found`);
    else if (isProtected(cf.sheet)) skip(group, cf.sheet, `"${cf.sheet}" is protected`);
    else ops.push(cfOp(cf, group));
  }

  const { sheetName, rows } = plan.store;
  if (sheetName && rows.length) {
    const group = "saved settings and scoring record (hidden store sheet)";
    if (isProtected(sheetName)) skip(group, sheetName, `"${sheetName}" is protected`);
    else if (rows.some((r) => r.some((s) => s.length > MAX_CELL_CHARS)))
      skip(group, sheetName, `a store entry is longer than ${MAX_CELL_CHARS} characters`);
    else appendAll(ops, storeOps(sheetName, rows, target.sheets.has(sheetName), group));
  }
  // Fonts and print setup last, so a host that refuses any of it loses only that.
  for (const sheet of plan.sheets)
    if (!isProtected(sheet.name) && !tooLong(sheet.cells)) appendAll(ops, printSetupOps(sheet));
  // Charts last: on the sheets just written, over their data blocks.
  const written = new Set(
    plan.sheets.filter((s) => !isProtected(s.name) && !tooLong(s.cells)).map((s) => s.name),
  );
  for (const chart of plan.charts ?? []) if (written.has(chart.sheet)) ops.push(chartOp(chart));
  return { ops, skipped };
}

/** Appends `more` to `ops` one by one: `push(...more)` spreads its arguments and fails past ~100,000. */
function appendAll<T>(ops: T[], more: T[]): void {
  for (const op of more) ops.push(op);
}

/**
 * Ops that delete conditional formats read earlier in the run (loaded with their `id`, so Office.js
 * addresses each by id and earlier deletes cannot shift later ones), at most 2,000 an op so a sheet
 * with very many can be spread over requests.
 * @example removeRulesOps(ourConditionalFormats(handle), 'removal of old scorecard formatting on "KPIs"')
 */
export function removeRulesOps(rules: Excel.ConditionalFormat[], group: string): WriteOp[] {
  const ops: WriteOp[] = [];
  for (let i = 0; i < rules.length; i += RULES_PER_OP) {
    const some = rules.slice(i, i + RULES_PER_OP);
    // The read's range by reference and its collection, then `getItem(id)` and a delete per rule.
    const bytes = new RequestBytes().reference().prop("conditionalFormats");
    for (const cf of some) bytes.item([cf.id]).call("delete");
    ops.push({
      group,
      kind: "cf-remove",
      bytes: bytes.bytes,
      apply: () => some.forEach((cf) => cf.delete()),
    });
  }
  return ops;
}

/**
 * The op that deletes a sheet. Excel refuses to delete a very hidden sheet (Worksheet.delete), so
 * one is made hidden first.
 * @example deleteSheetOp("QScorecard_Store", true, "the hidden store sheet")
 */
export function deleteSheetOp(name: string, veryHidden: boolean, group: string): WriteOp {
  const bytes = new RequestBytes().sheet(name);
  if (veryHidden) bytes.set("visibility", jsonBytes("Hidden"));
  return {
    group,
    kind: "sheet-delete",
    bytes: bytes.call("delete").bytes,
    apply: (context) => {
      const ws = context.workbook.worksheets.getItem(name);
      if (veryHidden) ws.visibility = "Hidden";
      ws.delete();
    },
  };
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
  const first = exists
    ? new RequestBytes().sheet(sheetName).method("getRange", [], true).call("clear", [null])
    : new RequestBytes().method("add", [sheetName]);
  const ops: WriteOp[] = [
    {
      group,
      kind: "store",
      bytes: first.set("visibility", jsonBytes("VeryHidden")).bytes,
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
    const formats = chunk.map(() => ["@", "@"]);
    ops.push({
      group,
      kind: "store",
      bytes: new RequestBytes()
        .sheet(sheetName)
        .method("getRangeByIndexes", [top, 0, chunk.length, 2], true)
        .setArray("numberFormat", chunk.length, 2, jsonBytes(formats))
        .setArray("values", chunk.length, 2, jsonBytes(chunk)).bytes,
      apply: (context) => {
        const range = context.workbook.worksheets
          .getItem(sheetName)
          .getRangeByIndexes(top, 0, chunk.length, 2);
        range.numberFormat = formats;
        range.values = chunk;
      },
    });
  }
  return ops;
}

function sheetOps(sheet: SheetWrite, exists: boolean, group: string, date1904: boolean): WriteOp[] {
  const name = sheet.name;
  const ops: WriteOp[] = [];
  const ws = (context: Excel.RequestContext) => context.workbook.worksheets.getItem(name);
  ops.push({
    group,
    kind: "sheet",
    bytes: exists
      ? new RequestBytes()
          .sheet(name)
          .method("getRange", [], true)
          .call("clear", [null])
          .prop("freezePanes")
          .call("unfreeze").bytes
      : new RequestBytes().method("add", [name]).bytes,
    apply: (context) => {
      if (exists) {
        const existing = ws(context);
        existing.getRange().clear();
        existing.freezePanes.unfreeze();
      } else context.workbook.worksheets.add(name);
    },
  });
  if (sheet.cells.length) {
    const { top, left, bottom, right } = bounds(sheet.cells);
    const width = right - left + 1;
    const grid: (string | number | boolean | null)[][] = Array.from({ length: bottom - top + 1 }, () =>
      new Array<string | number | boolean | null>(width).fill(null),
    );
    let anyFormula = false;
    for (const c of sheet.cells) {
      if (c.formula) anyFormula = true;
      grid[c.row - top][c.col - left] = c.formula ? `=${c.formula}` : escapeText(inDateSystem(c, date1904));
    }
    for (const [rowOffset, chunk] of chunkRows(grid)) {
      ops.push({
        group,
        kind: "sheet",
        bytes: new RequestBytes()
          .sheet(name)
          .method("getRangeByIndexes", [top + rowOffset, left, chunk.length, width], true)
          .setArray("values", chunk.length, width, jsonBytes(chunk)).bytes,
        apply: (context) => {
          const range = ws(context).getRangeByIndexes(top + rowOffset, left, chunk.length, width);
          if (anyFormula) range.formulas = chunk;
          else range.values = chunk;
        },
      });
    }
    appendAll(ops, numberFormatOps(sheet.cells, name, group));
    for (const block of styleBlocks(sheet.cells)) {
      ops.push({
        group,
        kind: "sheet",
        bytes: styleBytes(name, block.address, block.style),
        apply: (context) => applyStyle(ws(context).getRange(block.address), block.style),
      });
    }
  }
  sheet.columnWidths.forEach((chars, col) => {
    if (!(chars > 0)) return;
    const points = charsToPoints(chars);
    ops.push({
      group,
      kind: "sheet",
      bytes: new RequestBytes()
        .sheet(name)
        .method("getRangeByIndexes", [0, col, 1, 1], true)
        .prop("format")
        .set("columnWidth", jsonBytes(points)).bytes,
      apply: (context) => {
        ws(context).getRangeByIndexes(0, col, 1, 1).format.columnWidth = points;
      },
    });
  });
  if (sheet.freezeRows > 0) {
    ops.push({
      group,
      kind: "sheet",
      bytes: new RequestBytes().sheet(name).prop("freezePanes").call("freezeRows", [sheet.freezeRows]).bytes,
      apply: (context) => ws(context).freezePanes.freezeRows(sheet.freezeRows),
    });
  }
  return ops;
}

/** The rows and columns the cells span, found in one pass (no argument spreads over the cells). */
function bounds(cells: PlanCell[]): { top: number; left: number; bottom: number; right: number } {
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (const c of cells) {
    if (c.row < top) top = c.row;
    if (c.row > bottom) bottom = c.row;
    if (c.col < left) left = c.col;
    if (c.col > right) right = c.col;
  }
  return { top, left, bottom, right };
}

/** Number formats as column runs of one format; "General" is what a cleared sheet has already. */
function numberFormatOps(cells: PlanCell[], sheet: string, group: string): WriteOp[] {
  const byCol = new Map<number, PlanCell[]>();
  for (const c of cells) {
    if (!c.style?.numberFormat || c.style.numberFormat === "General") continue;
    const list = byCol.get(c.col);
    if (list) list.push(c);
    else byCol.set(c.col, [c]);
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
        bytes: new RequestBytes()
          .sheet(sheet)
          .method("getRangeByIndexes", [run[0].row, col, run.length, 1], true)
          .setArray("numberFormat", run.length, 1, jsonBytes(formats)).bytes,
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
    for (const c of list) {
      const cols = rows.get(c.row);
      if (cols) cols.push(c.col);
      else rows.set(c.row, [c.col]);
    }
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

/** The request bytes of `applyStyle` on one range: the range, `format`, and each part it sets. */
function styleBytes(sheet: string, address: string, style: VisualStyle): number {
  const bytes = new RequestBytes().sheet(sheet).method("getRange", [address], true).prop("format");
  const font = style.bold !== undefined || style.italic !== undefined || !!style.fontColor;
  if (font) bytes.prop("font");
  if (style.bold !== undefined) bytes.set("bold", jsonBytes(style.bold));
  if (style.italic !== undefined) bytes.set("italic", jsonBytes(style.italic));
  if (style.fontColor) bytes.set("color", jsonBytes(style.fontColor));
  if (style.fill) bytes.prop("fill").set("color", jsonBytes(style.fill));
  if (style.wrap !== undefined) bytes.set("wrapText", jsonBytes(style.wrap));
  if (style.horizontal) bytes.set("horizontalAlignment", jsonBytes("Center"));
  if (style.borderBottom) bytes.prop("borders").item(["EdgeBottom"]).set("style", jsonBytes("Continuous"));
  return bytes.bytes;
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

/**
 * The op that adds one CfWrite's rules: a single area is one `Range`; several areas are one
 * `RangeAreas` (`getRanges("D4:D6, D9")`, ExcelApi 1.9) whose formulas stay relative to the anchor.
 * Every rule is added through that one object, so the address is sent once.
 */
function cfOp(cf: CfWrite, group: string): WriteOp {
  const areas = cf.range.split(" ").filter(Boolean);
  const address = areas.join(", ");
  const method = areas.length === 1 ? "getRange" : "getRanges";
  const bytes = new RequestBytes().sheet(cf.sheet).method(method, [address], true).prop("conditionalFormats");
  // Per rule: add("Custom"), custom, rule, format, fill, font; the formula, two colours, stopIfTrue.
  for (const r of cf.rules) {
    bytes
      .method("add", ["Custom"])
      .prop("custom")
      .prop("rule")
      .set("formula", jsonBytes(`=${r.formula}`));
    bytes.prop("format").prop("fill").set("color", jsonBytes(r.fill));
    bytes.prop("font").set("color", jsonBytes(r.fontColor)).set("stopIfTrue", jsonBytes(r.stopIfTrue));
  }
  return {
    group,
    kind: "cf-add",
    bytes: bytes.bytes,
    apply: (context) => {
      const ws = context.workbook.worksheets.getItem(cf.sheet);
      addRules(areas.length === 1 ? ws.getRange(address) : ws.getRanges(address), cf.rules);
    },
  };
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
 * A cell's value in the workbook's date system: the plan's date-formatted numbers (an officer's
 * date figure copied onto our sheets) are 1900-system serials, 1,462 less in a 1904 workbook.
 */
function inDateSystem(c: PlanCell, date1904: boolean): PlanCell["value"] {
  return typeof c.value === "number" ? from1900Serial(c.value, c.style?.numberFormat, date1904) : c.value;
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

function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const a = `${columnLetters(left)}${top + 1}`;
  return top === bottom && left === right ? a : `${a}:${columnLetters(right)}${bottom + 1}`;
}

/** Excel column widths are in points; plans give characters of the default font. */
function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}
