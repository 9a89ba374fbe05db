import type { CellValue, MergeArea, WorkbookGrid } from "../../src/engine/Grid";
import { columnLetters, fromA1 } from "../../src/engine/cells/toA1";
import {
  documentSheetMemory,
  type DocumentSettings,
  type RuntimeCache,
} from "../../src/excel/documentSheetMemory";
import type { ExcelDeps } from "../../src/excel/excelDeps";

/**
 * A fake of the Excel JavaScript API that keeps Office's rules, for testing the Office.js host:
 * - reading a property you did not `load` (and `sync`) throws `PropertyNotLoaded`;
 * - `isNullObject` can be read only after a sync;
 * - queued writes take effect only at `context.sync()`, in order; a failing action stops the
 *   batch but leaves the earlier actions applied (Office batches are not transactions);
 * - each sync is counted and its request size measured as Office.js sends it: each object path
 *   once, actions naming it by id (see `requestBytes`);
 * - requests over 5 MB, responses over 5 MB and reads over 5 million cells fail as in Excel on the web;
 * - writes to a protected sheet fail with `AccessDenied`; a sync in cell-edit mode fails with
 *   `InvalidOperationInCellEditMode` unless the run asked for `delayForCellEdit`.
 * - a method called on a null object (from an `*OrNullObject` call) gives a null object, whose
 *   loads return nothing (`propagateNullObjects`, on by default; off, such a call fails the sync
 *   with `ItemNotFound`: Office's documentation does not say which, so the host copes with both);
 * - the add-in's document settings (`Office.context.document.settings`) and the runtime's memory
 *   are kept per fake, and `reopen()` starts a new runtime on the same document.
 * - `workbook.getSelectedRange()` stands for the block `select()` (or `selectRange`) chose, as Office
 *   gives it: its `address` needs `load` and `sync` ("Sheet1!B4:H30", "'Q3 data'!B4", sheet quoted
 *   as Excel quotes it); several blocks selected fail the sync with `InvalidSelection` (Office's
 *   documentation says only that it throws);
 * - `worksheet.getRanges("D4:D6, D9")` (ExcelApi 1.9; fails the sync with `ApiNotFound` where the
 *   fake's `supported` says no) gives range areas whose `conditionalFormats.add` makes one format
 *   over every area; a format is listed by any range touching any of its areas, and deleted whole.
 * It supports exactly the API surface the host uses. `office-addin-mock` does not throw on
 * unloaded reads, so it cannot catch the classic bug; this fake does.
 */

/** An error shaped like `OfficeExtension.Error`. */
export class FakeOfficeError extends Error {
  readonly code: string;
  /** Raised because the object is a null object (so its children are null objects too). */
  ofNullObject = false;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

/** One cell of the fake workbook. */
export interface FakeCell {
  value: CellValue;
  formula?: string;
  numberFormat: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontName?: string;
  fontSize?: number;
  fill?: string;
  wrap?: boolean;
  horizontal?: string;
  borderBottom?: string;
}

/** A rectangle of cells, 0-based and inclusive. */
export interface FakeArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One conditional format of the fake workbook. */
export interface FakeConditionalFormat {
  id: string;
  type: string;
  /** The (first) area the format applies to. */
  range: FakeArea;
  /** Every area, in order, when the format applies to several (added through `RangeAreas`). */
  areas?: FakeArea[];
  formula?: string;
  fill?: string;
  fontColor?: string;
  stopIfTrue: boolean;
}

/** The areas a conditional format applies to. */
export function cfAreas(cf: FakeConditionalFormat): FakeArea[] {
  return cf.areas ?? [cf.range];
}

/** Excel's sheet size. */
/** Chart types the fake adds (those the host uses). */
export const CHART_TYPES = ["BarClustered", "ColumnClustered"];

/** One chart of the fake workbook: what the host set on it. */
export interface FakeChart {
  id: string;
  name: string;
  type: string;
  /** The block `charts.add` was given. */
  source: FakeArea;
  title?: string;
  legend: { visible?: boolean; position?: string };
  dataLabels: { showValue?: boolean; numberFormat?: string };
  valueAxisTitle?: string;
  /** `setPosition(start, end)`. */
  position?: { start: string; end?: string };
  categories: string[];
  series: {
    name: string;
    values: unknown[];
    fill?: string;
    line?: string;
    points: { fill?: string }[];
  }[];
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** One worksheet of the fake workbook (the model, not a proxy). */
export class FakeSheet {
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  protected = false;
  deleted = false;
  cells = new Map<string, FakeCell>();
  conditionalFormats: FakeConditionalFormat[] = [];
  /** Charts on the sheet (clearing its cells leaves them; deleting the sheet takes them). */
  charts: FakeChart[] = [];
  merges: MergeArea[] = [];
  columnWidths = new Map<number, number>();
  freezeRows = 0;
  /** What `worksheet.pageLayout` set: property and method names to their last value or arguments. */
  pageLayout: Record<string, unknown> = {};
  /**
   * Manual page breaks (`horizontalPageBreaks`, ExcelApi 1.9): the 0-based rows that start a page,
   * in the order added, duplicates kept (so a host that piles them up run after run shows it).
   * Clearing the sheet's cells leaves them; `removePageBreaks()` empties the list.
   */
  pageBreaks: number[] = [];
  /** Rows whose heights `format.autofitRows()` fitted, as "top:bottom" (0-based). */
  autofitRows: string[] = [];
  constructor(public name: string) {}

  /** The cell at an A1 address (a blank "General" cell when never written). */
  cell(a1: string): FakeCell {
    const { row, col } = fromA1(a1);
    return this.at(row, col);
  }
  at(row: number, col: number): FakeCell {
    return this.cells.get(`${row},${col}`) ?? { value: null, numberFormat: "General" };
  }
  edit(row: number, col: number, change: Partial<FakeCell>): void {
    const next = { ...this.at(row, col), ...change };
    this.cells.set(`${row},${col}`, next);
  }
  /** Bounds of cells holding a value or formula, or null when there are none. */
  usedBounds(): { top: number; left: number; bottom: number; right: number } | null {
    let b: { top: number; left: number; bottom: number; right: number } | null = null;
    for (const [key, c] of this.cells) {
      if ((c.value === null || c.value === "") && !c.formula) continue;
      const [row, col] = key.split(",").map(Number);
      if (!b) b = { top: row, left: col, bottom: row, right: col };
      else {
        b.top = Math.min(b.top, row);
        b.left = Math.min(b.left, col);
        b.bottom = Math.max(b.bottom, row);
        b.right = Math.max(b.right, col);
      }
    }
    return b;
  }
  /** Everything about the sheet's cells, for before/after comparisons. */
  snapshot(): string {
    const cells = [...this.cells.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    return JSON.stringify({
      cells,
      merges: this.merges,
      widths: [...this.columnWidths],
      freeze: this.freezeRows,
    });
  }
}

/** Options that make the fake behave like a particular Excel. */
export interface FakeExcelOptions {
  maxRequestBytes?: number;
  maxResponseBytes?: number;
  maxReadCells?: number;
  /** Sets supported, as [name, version] pairs (default: ExcelApi up to 1.13). */
  supported?: (set: string, version: string) => boolean;
  /** Methods on a null object give null objects (default true); false: they fail with ItemNotFound. */
  propagateNullObjects?: boolean;
  /**
   * Merged areas `getMergedAreasOrNullObject` gives before it fails (office-js typings: "if the
   * merged areas count in this range is more than 512, then this method will fail"; default 512).
   */
  maxMergedAreas?: number;
  /**
   * The workbook counts dates from 1904 (default false: the 1900 system). Only what Excel computes
   * follows it (`workbook.functions.date`); cells hold whatever serials a test puts in them.
   */
  date1904?: boolean;
}

/** A queued action: what it would send to Excel, and what it does at sync. */
interface Action {
  /** The action with its object's whole path in `o` (`failWhen` matches it as a statement). */
  record: { o: string };
  /** The object acted on, and any sub-object step below it (e.g. `font`) it has no proxy for. */
  on: { proxy: FakeProxy; sub?: string };
  run(stage: Stage): void;
}

/** Loaded values waiting for the sync to succeed. */
interface Stage {
  props: { proxy: FakeProxy; prop: string; value: unknown }[];
  items: { proxy: FakeCollection; items: FakeProxy[] }[];
}

/** What one sync sent. */
export interface SyncRecord {
  bytes: number;
  actions: number;
  suspendedCalculation: boolean;
  error?: string;
}

/** The fake Excel application: a workbook model plus `run`, counters and failure switches. */
export class FakeExcel {
  sheets: FakeSheet[] = [];
  /** Every sync, in order, across runs. */
  syncs: SyncRecord[] = [];
  /** The officer is typing in a cell. */
  cellEditMode = false;
  /**
   * Throws this error when an action's statement matches (to test failures part-way). A statement
   * is the action as code, e.g. `worksheets.getItem("KPIs").getRange().conditionalFormats.add("Custom")`
   * (the office.js harness gives the same text).
   */
  failWhen?: { match: (statement: string) => boolean; error: FakeOfficeError };
  /** The active sheet and the selected block ("D3", "B4:H30"; blocks joined by "," for a multi-selection). */
  active?: { sheet: string; range: string };
  readonly options: Required<Omit<FakeExcelOptions, "supported">> & Pick<FakeExcelOptions, "supported">;
  /** The add-in's document settings as saved in the file (by `saveAsync`). */
  savedSettings = new Map<string, unknown>();
  /** The in-memory copy of the document settings (`get`/`set`). */
  settingsBag = new Map<string, unknown>();
  /** The add-in runtime's memory (cleared by `reopen`). */
  readonly runtimeCache: RuntimeCache = {};
  private nextCfId = 1;
  private nextChartId = 1;

  constructor(options: FakeExcelOptions = {}) {
    this.options = {
      maxRequestBytes: options.maxRequestBytes ?? 5 * 1024 * 1024,
      maxResponseBytes: options.maxResponseBytes ?? 5 * 1024 * 1024,
      maxReadCells: options.maxReadCells ?? 5_000_000,
      supported: options.supported,
      propagateNullObjects: options.propagateNullObjects ?? true,
      maxMergedAreas: options.maxMergedAreas ?? 512,
      date1904: options.date1904 ?? false,
    };
  }

  /**
   * Excel's DATE(year, month, day) in this workbook's date system (`date1904`): 36,526 for
   * 1 Jan 2000 in the 1900 system, 35,064 in the 1904 system. Dates from 1 Mar 1900 on.
   */
  dateSerial(year: number, month: number, day: number): number {
    const serial1900 = (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
    return this.options.date1904 ? serial1900 - 1_462 : serial1900;
  }

  /** Like `Office.context.document.settings`: `set` is in memory until `saveAsync`. */
  documentSettings(): DocumentSettings {
    return {
      get: (name: string) =>
        this.settingsBag.has(name) ? structuredClone(this.settingsBag.get(name)) : null,
      set: (name: string, value: unknown) => {
        this.settingsBag.set(name, structuredClone(value));
      },
      remove: (name: string) => {
        this.settingsBag.delete(name);
      },
      saveAsync: (callback?: (result: { error?: unknown }) => void) => {
        this.savedSettings = new Map(this.settingsBag);
        callback?.({});
      },
    };
  }

  /**
   * The workbook closed and opened again: a new add-in runtime (its memory empty) loads the
   * document settings saved in the file. `keepSettings: false` is a file re-saved by a tool that
   * drops add-in settings (ExcelJS, the CLI).
   */
  reopen(options: { keepSettings?: boolean } = {}): void {
    delete this.runtimeCache.sheetNames;
    if (options.keepSettings === false) this.savedSettings.clear();
    this.settingsBag = new Map(this.savedSettings);
  }

  /** A fake holding the sheets of a `WorkbookGrid` (values, number formats, merges, visibility, protection). */
  static fromGrid(grid: WorkbookGrid, options?: FakeExcelOptions): FakeExcel {
    const fake = new FakeExcel(options);
    for (const g of grid.sheets) {
      const sheet = fake.addSheet(g.name);
      g.values.forEach((row, r) =>
        row.forEach((value, c) => {
          const numberFormat = g.formats[r]?.[c] ?? "General";
          if (value === null && numberFormat === "General") return;
          sheet.edit(g.originRow + r, g.originCol + c, { value, numberFormat });
        }),
      );
      sheet.merges = [...(g.merges ?? [])];
      sheet.visibility =
        g.visibility === "veryHidden" ? "VeryHidden" : g.visibility === "hidden" ? "Hidden" : "Visible";
      sheet.protected = g.protected ?? false;
    }
    return fake;
  }

  /** The officer selects cells ("B4:H30", or "B4:C6,E4:E6" for several blocks) on a sheet. */
  selectRange(sheet: string, range: string): void {
    this.active = { sheet: this.sheet(sheet).name, range };
  }

  addSheet(name: string): FakeSheet {
    const sheet = new FakeSheet(name);
    this.sheets.push(sheet);
    return sheet;
  }
  /** The live sheet with this name (throws when absent, for tests). */
  sheet(name: string): FakeSheet {
    const s = this.findSheet(name);
    if (!s) throw new Error(`fake workbook has no sheet "${name}"`);
    return s;
  }
  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => !s.deleted && s.name.toLowerCase() === name.toLowerCase());
  }
  /**
   * Adds a chart over a block of `sheet` as Excel's `charts.add(type, range, "Columns")` reads one
   * with a blank top-left cell: series names across the first row, categories down the first
   * column, one series per further column. Only the types and the series order the host uses.
   */
  addChart(sheet: FakeSheet, type: string, source: FakeArea, seriesBy: string): FakeChart {
    guard(sheet);
    if (!CHART_TYPES.includes(type))
      throw new FakeOfficeError("InvalidArgument", `The fake has no chart type "${type}".`);
    if (seriesBy !== "Columns")
      throw new FakeOfficeError(
        "InvalidArgument",
        `The fake reads series by columns only, not "${seriesBy}".`,
      );
    const rows: number[] = [];
    for (let r = source.top + 1; r <= source.bottom; r++) rows.push(r);
    const text = (row: number, col: number) => String(sheet.at(row, col).value ?? "");
    const chart: FakeChart = {
      id: `chart${this.nextChartId++}`,
      name: `Chart ${this.nextChartId - 1}`,
      type,
      source,
      legend: {},
      dataLabels: {},
      categories: rows.map((r) => text(r, source.left)),
      series: [],
    };
    for (let c = source.left + 1; c <= source.right; c++)
      chart.series.push({
        name: text(source.top, c),
        values: rows.map((r) => sheet.at(r, c).value),
        points: rows.map(() => ({})),
      });
    sheet.charts.push(chart);
    return chart;
  }
  addConditionalFormat(sheet: FakeSheet, cf: Omit<FakeConditionalFormat, "id">): FakeConditionalFormat {
    const made = { ...cf, id: `cf${this.nextCfId++}` };
    sheet.conditionalFormats.unshift(made);
    return made;
  }

  /** Like `Excel.run`: `run(batch)` or `run(options, batch)`. */
  run<T>(
    a: { delayForCellEdit?: boolean } | ((context: Excel.RequestContext) => Promise<T>),
    b?: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    const options = typeof a === "function" ? {} : a;
    const batch = typeof a === "function" ? a : b;
    if (!batch) throw new Error("run needs a batch function");
    const context = new FakeContext(this, options.delayForCellEdit === true);
    return batch(context as unknown as Excel.RequestContext);
  }

  /** Host dependencies over this fake, with `delayForCellEdit` as the real host passes it. */
  deps(): ExcelDeps {
    return {
      run: (batch) => this.run({ delayForCellEdit: true }, batch),
      sheetMemory: documentSheetMemory(this.documentSettings(), this.runtimeCache),
      supports: (set, version) => this.supports(set, version),
    };
  }

  /** Like `isSetSupported` (default: ExcelApi up to 1.13). */
  supports(set: string, version: string): boolean {
    return this.options.supported
      ? this.options.supported(set, version)
      : set === "ExcelApi" && Number(version.split(".")[1]) <= 13;
  }

  /** Syncs so far. */
  get syncCount(): number {
    return this.syncs.length;
  }
}

/** The request context the host sees. */
class FakeContext {
  queue: Action[] = [];
  nullables: FakeProxy[] = [];
  workbook: {
    worksheets: FakeWorksheetCollection;
    application: FakeApplication;
    functions: FakeFunctions;
    getSelectedRange(): FakeRange;
  };
  application: FakeApplication;
  constructor(
    readonly excel: FakeExcel,
    private readonly delayForCellEdit: boolean,
  ) {
    this.application = new FakeApplication(this, "application", () => ({}));
    this.workbook = {
      worksheets: new FakeWorksheetCollection(this, "worksheets", () => excel),
      application: this.application,
      // Worksheet functions (ExcelApi 1.2): only `date`, computed in the workbook's date system.
      functions: new FakeFunctions(this, "functions", () => {
        if (!excel.supports("ExcelApi", "1.2"))
          throw new FakeOfficeError("ApiNotFound", "Workbook.functions needs ExcelApi 1.2.");
        return excel;
      }),
      getSelectedRange: () => new FakeRange(this, "getSelectedRange()", () => selectedRef(excel)),
    };
  }

  enqueue(on: Action["on"], record: Omit<Action["record"], "o">, run: (stage: Stage) => void): void {
    const o = on.sub ? `${on.proxy.path}.${on.sub}` : on.proxy.path;
    this.queue.push({ record: { o, ...record }, on, run });
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    const excel = this.excel;
    const records = queue.map((a) => a.record);
    const bytes = requestBytes(queue);
    const log: SyncRecord = {
      bytes,
      actions: queue.length,
      suspendedCalculation: records.some((r) =>
        JSON.stringify(r).includes("suspendApiCalculationUntilNextSync"),
      ),
    };
    excel.syncs.push(log);
    const fail = (e: FakeOfficeError) => {
      log.error = e.code;
      throw e;
    };
    if (excel.cellEditMode) {
      if (!this.delayForCellEdit)
        fail(
          new FakeOfficeError(
            "InvalidOperationInCellEditMode",
            "The operation isn't available while Excel is in Edit cell mode.",
          ),
        );
      excel.cellEditMode = false; // Excel waited until the officer pressed Enter.
    }
    if (bytes > excel.options.maxRequestBytes)
      fail(
        new FakeOfficeError(
          "RequestPayloadSizeLimitExceeded",
          "The request payload size has exceeded the limit.",
        ),
      );
    const stage: Stage = { props: [], items: [] };
    for (const action of queue) {
      if (excel.failWhen?.match(statementOf(action.record))) fail(excel.failWhen.error);
      try {
        action.run(stage);
      } catch (e) {
        if (e instanceof FakeOfficeError) fail(e);
        throw e;
      }
    }
    const response = Buffer.byteLength(JSON.stringify(stage.props.map((p) => p.value)));
    if (response > excel.options.maxResponseBytes)
      fail(
        new FakeOfficeError(
          "ResponsePayloadSizeLimitExceeded",
          "The response payload size has exceeded the limit.",
        ),
      );
    for (const p of stage.props) p.proxy.loaded.set(p.prop, p.value);
    for (const i of stage.items) i.proxy.loadedItems = i.items;
    for (const p of this.nullables) p.settleNull();
    this.nullables = [];
  }
}

/** An action as code: `o.call(args)`, `o.prop = value` or `o.load("a,b")`, long values cut short. */
function statementOf(record: Action["record"]): string {
  const r = record as { o: string; call?: string; a?: unknown[]; set?: string; v?: unknown; load?: string[] };
  const short = (x: unknown) => {
    const text = JSON.stringify(x) ?? "undefined";
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  };
  if (r.call !== undefined) return `${r.o}.${r.call}(${(r.a ?? []).map(short).join(", ")})`;
  if (r.set !== undefined) return `${r.o}.${r.set} = ${short(r.v)}`;
  return `${r.o}.load(${JSON.stringify((r.load ?? []).join(","))})`;
}

/**
 * Bytes of a request as Office.js sends it: each object path once (an id, its parent's id and
 * its own step, e.g. `getRanges("D4:D6, D9")`), and each action naming its object by id. So
 * re-using one object across calls costs its path once; a new object for the same range costs
 * it again, as in Excel.
 */
function requestBytes(queue: Action[]): number {
  const paths: { i: number; p?: number; s: string }[] = [];
  const proxyIds = new Map<FakeProxy, number>();
  const subIds = new Map<string, number>();
  const add = (s: string, p?: number) => paths.push({ i: paths.length, p, s }) - 1;
  const idOf = (proxy: FakeProxy): number => {
    let id = proxyIds.get(proxy);
    if (id === undefined) {
      id = add(proxy.segment, proxy.parent ? idOf(proxy.parent) : undefined);
      proxyIds.set(proxy, id);
    }
    return id;
  };
  const actions = queue.map(({ record, on }) => {
    let id = idOf(on.proxy);
    if (on.sub) {
      const key = `${id}.${on.sub}`;
      id = subIds.get(key) ?? add(on.sub, id);
      subIds.set(key, id);
    }
    return { ...record, o: id };
  });
  return Buffer.byteLength(JSON.stringify({ paths, actions }));
}

type Resolver = () => unknown;

/** Base of every proxy: lazy binding, loading, and the not-loaded rule. */
abstract class FakeProxy {
  loaded = new Map<string, unknown>();
  private bound?: { value: unknown };
  private nullKnown?: boolean;
  /** A null object because the object it came from is one (see `propagateNullObjects`). */
  private nulled = false;
  protected abstract readonly scalars: readonly string[];

  readonly ctx: FakeContext;
  /** The object this one was reached from (its object path's parent), if any. */
  readonly parent?: FakeProxy;

  /** `owner` is the context for a root object, else the proxy it is reached from. */
  constructor(
    owner: FakeContext | FakeProxy,
    readonly path: string,
    private readonly resolver: Resolver,
    readonly nullable = false,
  ) {
    if (owner instanceof FakeProxy) {
      if (!path.startsWith(`${owner.path}.`)) throw new Error(`${path} is not under ${owner.path}`);
      this.parent = owner;
      this.ctx = owner.ctx;
    } else this.ctx = owner;
    if (nullable) this.ctx.nullables.push(this);
  }
  /** This object's step from its parent, e.g. `getRange("A1")`. */
  get segment(): string {
    return this.parent ? this.path.slice(this.parent.path.length + 1) : this.path;
  }

  /** The model object this proxy stands for; resolved once, at the first action that needs it. */
  target<T>(): T | null {
    if (!this.bound) {
      let value: unknown;
      try {
        value = this.resolver();
      } catch (e) {
        if (!(e instanceof FakeOfficeError) || e.code !== "ItemNotFound") throw e;
        if (this.nullable) value = null;
        else if (e.ofNullObject && this.ctx.excel.options.propagateNullObjects) {
          value = null;
          this.nulled = true;
        } else throw e;
      }
      this.bound = { value };
    }
    return this.bound.value as T | null;
  }
  /** The target, or ItemNotFound when it is a null object. */
  need<T>(): T {
    const t = this.target<T>();
    if (t === null || t === undefined) {
      const error = new FakeOfficeError("ItemNotFound", `${this.path} does not exist.`);
      error.ofNullObject = this.nullable || this.nulled;
      throw error;
    }
    return t;
  }
  /** True when loads on this proxy return nothing: it is (or came from) a null object. */
  protected isNull(): boolean {
    return (this.nullable || this.ctx.excel.options.propagateNullObjects) && this.target() === null;
  }

  get isNullObject(): boolean {
    if (this.nullKnown === undefined)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `isNullObject of ${this.path} is not available before context.sync().`,
      );
    return this.nullKnown;
  }
  settleNull(): void {
    try {
      this.nullKnown = this.target() === null;
    } catch (e) {
      if (!(e instanceof FakeOfficeError)) throw e;
      this.nullKnown = true;
    }
  }

  /** Reads a loaded scalar, or throws PropertyNotLoaded like Office does. */
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop))
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' of ${this.path} is not available. Before reading it, call load and context.sync().`,
      );
    return this.loaded.get(prop) as T;
  }
  /** Queues a property write. */
  protected write(prop: string, value: unknown, apply: () => void): void {
    this.ctx.enqueue({ proxy: this }, { set: prop, v: value }, () => apply());
  }
  /** Queues a method call. */
  protected call(method: string, args: unknown[], apply: () => void): void {
    this.ctx.enqueue({ proxy: this }, { call: method, a: args }, () => apply());
  }

  load(spec?: string | string[]): this {
    const paths = (Array.isArray(spec) ? spec : (spec ?? "").split(",")).map((p) => p.trim()).filter(Boolean);
    this.ctx.enqueue({ proxy: this }, { load: paths }, (stage) => {
      for (const p of paths) this.loadPath(p.split("/"), stage);
    });
    return this;
  }

  /** Stages a load of `segments` (at sync). */
  loadPath(segments: string[], stage: Stage): void {
    if (this.isNull()) return;
    const [head, ...rest] = segments;
    if (head === "$all") {
      for (const prop of this.scalars) stage.props.push({ proxy: this, prop, value: this.snapshot(prop) });
      return;
    }
    if (rest.length === 0 && this.scalars.includes(head)) {
      stage.props.push({ proxy: this, prop: head, value: this.snapshot(head) });
      return;
    }
    const child = this.child(head);
    if (!child)
      throw new FakeOfficeError("InvalidArgument", `${this.path} has no property '${head}' to load.`);
    child.loadPath(rest.length ? rest : ["$all"], stage);
  }
  protected child(name: string): FakeProxy | undefined {
    void name;
    return undefined;
  }
  /** The current model value of a scalar (at sync). */
  protected abstract snapshot(prop: string): unknown;
}

/** A collection proxy: `items` is available after loading. */
abstract class FakeCollection extends FakeProxy {
  loadedItems?: FakeProxy[];
  protected readonly scalars: readonly string[] = [];
  protected abstract makeItems(): FakeProxy[];
  override loadPath(segments: string[], stage: Stage): void {
    if (this.isNull()) return;
    const rest = segments[0] === "items" ? segments.slice(1) : segments;
    // One set of item proxies per sync, however many paths load them.
    let staged = stage.items.find((i) => i.proxy === this);
    if (!staged) {
      staged = { proxy: this, items: this.makeItems() };
      stage.items.push(staged);
    }
    const items = staged.items;
    if (rest.length && rest[0] !== "$all") for (const item of items) item.loadPath(rest, stage);
  }
  protected snapshot(): unknown {
    return undefined;
  }
  protected readItems<T>(): T[] {
    if (!this.loadedItems)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The items of ${this.path} are not available. Load them and call context.sync().`,
      );
    return this.loadedItems as unknown as T[];
  }
}

const q = (s: string) => JSON.stringify(s);

class FakeApplication extends FakeProxy {
  protected readonly scalars = [] as const;
  suspendApiCalculationUntilNextSync(): void {
    this.call("suspendApiCalculationUntilNextSync", [], () => undefined);
  }
  protected snapshot(): unknown {
    return undefined;
  }
}

/** `workbook.functions`: `date(year, month, day)` only (what the host's date-system probe calls). */
class FakeFunctions extends FakeProxy {
  protected readonly scalars = [] as const;
  protected snapshot(): unknown {
    return undefined;
  }
  date(year: number, month: number, day: number): FakeFunctionResult {
    if (![year, month, day].every((n) => typeof n === "number"))
      throw new Error("The fake's functions.date takes numbers (the host passes numbers).");
    return new FakeFunctionResult(this, `${this.path}.date(${year}, ${month}, ${day})`, () =>
      this.need<FakeExcel>().dateSerial(year, month, day),
    );
  }
}

/** A `FunctionResult`: `value` is the function's answer; `error` is never set here. */
class FakeFunctionResult extends FakeProxy {
  protected readonly scalars = ["value", "error"] as const;
  protected snapshot(prop: string): unknown {
    return prop === "value" ? this.need<number>() : null;
  }
  get value(): number {
    return this.read<number>("value");
  }
  get error(): string | null {
    return this.read<string | null>("error");
  }
}

class FakeWorksheetCollection extends FakeCollection {
  private excel(): FakeExcel {
    return this.need<FakeExcel>();
  }
  get items(): FakeWorksheet[] {
    return this.readItems<FakeWorksheet>();
  }
  protected makeItems(): FakeProxy[] {
    return this.excel()
      .sheets.filter((s) => !s.deleted)
      .map((s) => new FakeWorksheet(this, `worksheets.getItem(${q(s.name)})`, () => s));
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this, `worksheets.getItem(${q(name)})`, () => {
      const s = this.excel().findSheet(name);
      if (!s) throw new FakeOfficeError("ItemNotFound", `The worksheet "${name}" does not exist.`);
      return s;
    });
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(
      this,
      `worksheets.getItemOrNullObject(${q(name)})`,
      () => this.excel().findSheet(name) ?? null,
      true,
    );
  }
  add(name: string): FakeWorksheet {
    let made: FakeSheet | undefined;
    this.call("add", [name], () => {
      const excel = this.excel();
      if (excel.findSheet(name))
        throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
      if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name))
        throw new FakeOfficeError("InvalidArgument", `"${name}" is not a valid sheet name.`);
      made = excel.addSheet(name);
    });
    return new FakeWorksheet(this, `worksheets.add(${q(name)})`, () => {
      if (!made) throw new FakeOfficeError("ItemNotFound", `The sheet "${name}" was not added.`);
      return made;
    });
  }
}

class FakeWorksheet extends FakeProxy {
  protected readonly scalars = ["name", "visibility", "position"] as const;
  private sheet(): FakeSheet {
    const s = this.need<FakeSheet>();
    if (s.deleted) throw new FakeOfficeError("ItemNotFound", `The worksheet "${s.name}" has been deleted.`);
    return s;
  }
  protected snapshot(prop: string): unknown {
    const s = this.sheet();
    if (prop === "name") return s.name;
    if (prop === "visibility") return s.visibility;
    return this.ctx.excel.sheets.filter((x) => !x.deleted).indexOf(s);
  }
  get name(): string {
    return this.read("name");
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(v: string) {
    this.write("visibility", v, () => {
      this.sheet().visibility = v as FakeSheet["visibility"];
    });
  }
  private protectionProxy?: FakeProtection;
  get protection(): FakeProtection {
    return (this.protectionProxy ??= new FakeProtection(this, `${this.path}.protection`, () => this.sheet()));
  }
  private pageLayoutProxy?: FakePageLayout;
  /** `pageLayout` (ExcelApi 1.9): writes only, recorded on the sheet's `pageLayout`. */
  get pageLayout(): FakePageLayout {
    return (this.pageLayoutProxy ??= new FakePageLayout(this, `${this.path}.pageLayout`, () => {
      if (!this.ctx.excel.supports("ExcelApi", "1.9"))
        throw new FakeOfficeError("ApiNotFound", "Worksheet.pageLayout needs ExcelApi 1.9.");
      return this.sheet();
    }));
  }
  private pageBreaksProxy?: FakePageBreakCollection;
  /** `horizontalPageBreaks` (ExcelApi 1.9): `add` and `removePageBreaks`, recorded on the sheet's `pageBreaks`. */
  get horizontalPageBreaks(): FakePageBreakCollection {
    return (this.pageBreaksProxy ??= new FakePageBreakCollection(
      this,
      `${this.path}.horizontalPageBreaks`,
      () => {
        if (!this.ctx.excel.supports("ExcelApi", "1.9"))
          throw new FakeOfficeError("ApiNotFound", "Worksheet.horizontalPageBreaks needs ExcelApi 1.9.");
        return this.sheet();
      },
    ));
  }
  private chartsProxy?: FakeChartCollection;
  /** The sheet's charts: `add`, and items (id, name) to load. */
  get charts(): FakeChartCollection {
    return (this.chartsProxy ??= new FakeChartCollection(this, `${this.path}.charts`, () => this.sheet()));
  }
  private freezeProxy?: FakeFreezePanes;
  get freezePanes(): FakeFreezePanes {
    return (this.freezeProxy ??= new FakeFreezePanes(this, `${this.path}.freezePanes`, () => this.sheet()));
  }
  protected override child(name: string): FakeProxy | undefined {
    if (name === "protection") return this.protection;
    if (name === "charts") return this.charts;
    return undefined;
  }
  getRange(address?: string): FakeRange {
    const path = `${this.path}.getRange(${address ? q(address) : ""})`;
    return new FakeRange(this, path, () => {
      const sheet = this.sheet();
      if (!address) return { sheet, top: 0, left: 0, rows: MAX_ROWS, cols: MAX_COLS };
      const a = parseArea(address);
      return { sheet, top: a.top, left: a.left, rows: a.bottom - a.top + 1, cols: a.right - a.left + 1 };
    });
  }
  /** `getRanges("D4:D6, D9")` (ExcelApi 1.9): areas separated by commas or semicolons. */
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this, `${this.path}.getRanges(${q(address)})`, () => {
      if (!this.ctx.excel.supports("ExcelApi", "1.9"))
        throw new FakeOfficeError("ApiNotFound", "Worksheet.getRanges needs ExcelApi 1.9.");
      const areas = address.split(/[,;]/).map((a) => parseArea(a.trim()));
      return { sheet: this.sheet(), areas };
    });
  }
  getRangeByIndexes(top: number, left: number, rows: number, cols: number): FakeRange {
    const path = `${this.path}.getRangeByIndexes(${top},${left},${rows},${cols})`;
    return new FakeRange(this, path, () => {
      if (rows < 1 || cols < 1)
        throw new FakeOfficeError("InvalidArgument", "A range needs at least one row and column.");
      return { sheet: this.sheet(), top, left, rows, cols };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    const path = `${this.path}.getUsedRangeOrNullObject(${valuesOnly ? "true" : ""})`;
    return new FakeRange(
      this,
      path,
      () => {
        const sheet = this.sheet();
        const b = sheet.usedBounds();
        return b
          ? { sheet, top: b.top, left: b.left, rows: b.bottom - b.top + 1, cols: b.right - b.left + 1 }
          : null;
      },
      true,
    );
  }
  activate(): void {
    this.call("activate", [], () => {
      const s = this.sheet();
      if (s.visibility !== "Visible")
        throw new FakeOfficeError("InvalidOperation", "A hidden sheet cannot be activated.");
      this.ctx.excel.active = { sheet: s.name, range: this.ctx.excel.active?.range ?? "A1" };
    });
  }
  /** Fails on a very hidden sheet, as Excel's `Worksheet.delete` does. */
  delete(): void {
    this.call("delete", [], () => {
      const s = this.sheet();
      if (s.visibility === "VeryHidden")
        throw new FakeOfficeError("InvalidOperation", `The very hidden sheet "${s.name}" cannot be deleted.`);
      s.deleted = true;
    });
  }
}

class FakeProtection extends FakeProxy {
  protected readonly scalars = ["protected"] as const;
  protected snapshot(): unknown {
    return this.need<FakeSheet>().protected;
  }
  get protected(): boolean {
    return this.read("protected");
  }
}

class FakePageLayout extends FakeProxy {
  protected readonly scalars = [] as const;
  protected snapshot(): unknown {
    return undefined;
  }
  private record(key: string, value: unknown): void {
    const sheet = this.need<FakeSheet>();
    guard(sheet);
    sheet.pageLayout[key] = value;
  }
  set orientation(v: string) {
    this.write("orientation", v, () => this.record("orientation", v));
  }
  set paperSize(v: string) {
    this.write("paperSize", v, () => this.record("paperSize", v));
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    this.write("zoom", v, () => this.record("zoom", v));
  }
  setPrintMargins(unit: string, margins: Excel.PageLayoutMarginOptions): void {
    this.call("setPrintMargins", [unit, margins], () => this.record("margins", { unit, ...margins }));
  }
  setPrintArea(address: string): void {
    this.call("setPrintArea", [address], () => {
      parseArea(address);
      this.record("printArea", address);
    });
  }
  setPrintTitleRows(rows: string): void {
    this.call("setPrintTitleRows", [rows], () => this.record("printTitleRows", rows));
  }
  /** `headersFooters.defaultForAllPages`: its six sections, write-only. */
  get headersFooters(): { defaultForAllPages: Record<string, never> } {
    const sections = [
      "leftHeader",
      "centerHeader",
      "rightHeader",
      "leftFooter",
      "centerFooter",
      "rightFooter",
    ];
    const setters: Record<string, (v: never) => void> = {};
    for (const section of sections)
      setters[section] = (v: never) =>
        this.ctx.enqueue({ proxy: this, sub: "headersFooters.defaultForAllPages" }, { set: section, v }, () =>
          this.record(section, v),
        );
    return { defaultForAllPages: writeOnly(setters, `${this.path}.headersFooters.defaultForAllPages`) };
  }
}

/**
 * `Worksheet.horizontalPageBreaks`: write-only here (the host never loads breaks). `add` takes an
 * A1 address (the host passes strings) and breaks above its top-left cell; row 1 cannot have a
 * break above it.
 */
class FakePageBreakCollection extends FakeProxy {
  protected readonly scalars = [] as const;
  protected snapshot(): unknown {
    return undefined;
  }
  add(pageBreakRange: string): void {
    if (typeof pageBreakRange !== "string")
      throw new Error("The fake's horizontalPageBreaks.add takes an address (the host passes strings).");
    this.call("add", [pageBreakRange], () => {
      const sheet = this.need<FakeSheet>();
      guard(sheet);
      const { top } = parseArea(pageBreakRange);
      if (top === 0) throw new FakeOfficeError("InvalidArgument", "No page break can go above row 1.");
      sheet.pageBreaks.push(top);
    });
  }
  removePageBreaks(): void {
    this.call("removePageBreaks", [], () => {
      const sheet = this.need<FakeSheet>();
      guard(sheet);
      sheet.pageBreaks = [];
    });
  }
}

class FakeFreezePanes extends FakeProxy {
  protected readonly scalars = [] as const;
  protected snapshot(): unknown {
    return undefined;
  }
  freezeRows(count: number): void {
    this.call("freezeRows", [count], () => {
      guard(this.need<FakeSheet>());
      this.need<FakeSheet>().freezeRows = count;
    });
  }
  unfreeze(): void {
    this.call("unfreeze", [], () => {
      this.need<FakeSheet>().freezeRows = 0;
    });
  }
}

/** A rectangle of one sheet, as the model's ranges stand for it. */
export interface RangeRef {
  sheet: FakeSheet;
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/** What a `RangeAreas` proxy stands for. */
export interface AreasRef {
  sheet: FakeSheet;
  areas: FakeArea[];
}

/** One A1 area ("D4" or "D4:D6"), or InvalidArgument. */
export function parseArea(address: string): FakeArea {
  const [a, b, extra] = address.split(":");
  try {
    if (extra !== undefined) throw new Error("three parts");
    const tl = fromA1(a);
    const br = b ? fromA1(b) : tl;
    if (br.row < tl.row || br.col < tl.col) throw new Error("reversed");
    return { top: tl.row, left: tl.col, bottom: br.row, right: br.col };
  } catch {
    throw new FakeOfficeError("InvalidArgument", `"${address}" is not a range address.`);
  }
}

/** A range or range areas as a list of areas. */
export function areasOf(x: RangeRef | AreasRef): AreasRef {
  if ("areas" in x) return x;
  return {
    sheet: x.sheet,
    areas: [{ top: x.top, left: x.left, bottom: x.top + x.rows - 1, right: x.left + x.cols - 1 }],
  };
}

/** True when a conditional format covers any cell of any of `areas`. */
export function cfTouches(cf: FakeConditionalFormat, areas: FakeArea[]): boolean {
  return cfAreas(cf).some((a) => areas.some((b) => overlaps(a, b)));
}

function overlaps(a: FakeArea, b: FakeArea): boolean {
  return a.top <= b.bottom && a.bottom >= b.top && a.left <= b.right && a.right >= b.left;
}

/** Writes to a protected sheet fail as in Excel. */
export function guard(sheet: FakeSheet): void {
  if (sheet.deleted)
    throw new FakeOfficeError("ItemNotFound", `The worksheet "${sheet.name}" has been deleted.`);
  if (sheet.protected)
    throw new FakeOfficeError(
      "AccessDenied",
      `The cell or chart you're trying to change is on a protected sheet ("${sheet.name}").`,
    );
}

/** Calls `each` for every cell of `r` (for whole rows or columns, only the cells that exist). */
export function cellsOf(r: RangeRef, each: (row: number, col: number) => void): void {
  const bottom = Math.min(r.top + r.rows, MAX_ROWS);
  const right = Math.min(r.left + r.cols, MAX_COLS);
  // Whole rows/columns: only touch cells that exist.
  if (r.rows * r.cols > 1_000_000) {
    for (const key of [...r.sheet.cells.keys()]) {
      const [row, col] = key.split(",").map(Number);
      if (row >= r.top && row < bottom && col >= r.left && col < right) each(row, col);
    }
    return;
  }
  for (let row = r.top; row < bottom; row++) for (let col = r.left; col < right; col++) each(row, col);
}

class FakeRange extends FakeProxy {
  protected readonly scalars = [
    "values",
    "numberFormat",
    "formulas",
    "rowIndex",
    "columnIndex",
    "rowCount",
    "columnCount",
    "address",
  ] as const;
  private ref(): RangeRef {
    const r = this.need<RangeRef>();
    if (r.sheet.deleted)
      throw new FakeOfficeError("ItemNotFound", `The worksheet "${r.sheet.name}" has been deleted.`);
    return r;
  }
  protected snapshot(prop: string): unknown {
    const r = this.ref();
    if (
      ["values", "numberFormat", "formulas"].includes(prop) &&
      r.rows * r.cols > this.ctx.excel.options.maxReadCells
    )
      throw new FakeOfficeError(
        "RangeExceedsLimit",
        "The cell count in the range has exceeded the maximum supported number.",
      );
    const grid = (f: (c: FakeCell) => unknown) =>
      Array.from({ length: r.rows }, (_, i) =>
        Array.from({ length: r.cols }, (_, j) => f(r.sheet.at(r.top + i, r.left + j))),
      );
    switch (prop) {
      case "values":
        return grid((c) => (c.formula ? "" : (c.value ?? "")));
      case "numberFormat":
        return grid((c) => c.numberFormat);
      case "formulas":
        return grid((c) => (c.formula ? `=${c.formula}` : (c.value ?? "")));
      case "rowIndex":
        return r.top;
      case "columnIndex":
        return r.left;
      case "rowCount":
        return r.rows;
      case "columnCount":
        return r.cols;
      default: {
        const first = `${columnLetters(r.left)}${r.top + 1}`;
        const last = `${columnLetters(r.left + r.cols - 1)}${r.top + r.rows}`;
        return `${sheetInAddress(r.sheet.name)}!${first}${r.rows * r.cols > 1 ? `:${last}` : ""}`;
      }
    }
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(v: unknown[][]) {
    this.write("values", v, () =>
      this.setGrid(v, (row, col, x) => {
        const sheet = this.ref().sheet;
        sheet.edit(row, col, cellInput(x, sheet.at(row, col)));
      }),
    );
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(v: unknown[][]) {
    this.write("formulas", v, () =>
      this.setGrid(v, (row, col, x) => {
        const sheet = this.ref().sheet;
        sheet.edit(row, col, cellInput(x, sheet.at(row, col)));
      }),
    );
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this.write("numberFormat", v, () =>
      this.setGrid(v, (row, col, x) => this.ref().sheet.edit(row, col, { numberFormat: String(x) })),
    );
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get address(): string {
    return this.read("address");
  }
  private setGrid(v: unknown[][], set: (row: number, col: number, x: unknown) => void): void {
    const r = this.ref();
    guard(r.sheet);
    if (
      !Array.isArray(v) ||
      v.length !== r.rows ||
      v.some((row) => !Array.isArray(row) || row.length !== r.cols)
    )
      throw new FakeOfficeError("InvalidArgument", `The array is not ${r.rows}×${r.cols} for ${this.path}.`);
    v.forEach((row, i) =>
      row.forEach((x, j) => {
        if (x !== null) set(r.top + i, r.left + j, x);
      }),
    );
  }
  private formatProxy?: FakeRangeFormat;
  get format(): FakeRangeFormat {
    return (this.formatProxy ??= new FakeRangeFormat(this, `${this.path}.format`, () => this.ref()));
  }
  private cfProxy?: FakeConditionalFormatCollection;
  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.cfProxy ??= new FakeConditionalFormatCollection(
      this,
      `${this.path}.conditionalFormats`,
      () => this.ref(),
    ));
  }
  clear(): void {
    this.call("clear", [], () => {
      const r = this.ref();
      guard(r.sheet);
      cellsOf(r, (row, col) => r.sheet.cells.delete(`${row},${col}`));
      const areas = areasOf(r).areas;
      r.sheet.conditionalFormats = r.sheet.conditionalFormats.filter((cf) => !cfTouches(cf, areas));
    });
  }
  select(): void {
    this.call("select", [], () => {
      const r = this.ref();
      const first = `${columnLetters(r.left)}${r.top + 1}`;
      const last = `${columnLetters(r.left + r.cols - 1)}${r.top + r.rows}`;
      this.ctx.excel.active = {
        sheet: r.sheet.name,
        range: r.rows * r.cols > 1 ? `${first}:${last}` : first,
      };
    });
  }
  /**
   * `getSpecialCellsOrNullObject` (ExcelApi 1.9) for "Constants" and "Formulas" (all value types):
   * the areas of matching cells, found from the sheet's stored cells (never its area), or a null
   * object when there are none (`specialCellAreas`).
   */
  getSpecialCellsOrNullObject(cellType: string, cellValueType?: string): FakeRangeAreas {
    const args = [cellType, ...(cellValueType === undefined ? [] : [cellValueType])].map(q).join(", ");
    return new FakeRangeAreas(
      this,
      `${this.path}.getSpecialCellsOrNullObject(${args})`,
      () => {
        if (!this.ctx.excel.supports("ExcelApi", "1.9"))
          throw new FakeOfficeError("ApiNotFound", "Range.getSpecialCellsOrNullObject needs ExcelApi 1.9.");
        const r = this.ref();
        const areas = specialCellAreas(r, cellType, cellValueType);
        return areas ? { sheet: r.sheet, areas } : null;
      },
      true,
    );
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(
      this,
      `${this.path}.getMergedAreasOrNullObject()`,
      () => {
        const r = this.ref();
        const areas = r.sheet.merges.filter((m) => intersects(m, r));
        if (areas.length > this.ctx.excel.options.maxMergedAreas) throw tooManyMerges(areas.length);
        return areas.length ? { sheet: r.sheet, areas } : null;
      },
      true,
    );
  }
}

/**
 * The areas `getSpecialCells(cellType)` gives for a range: the cells holding a constant
 * ("Constants": a value, no formula) or a formula ("Formulas"), as runs of neighbouring cells in
 * a row, runs with the same columns in consecutive rows joined into one rectangle; null when no
 * cell matches. Found from the stored cells, so a range of 17 billion cells costs its content.
 * Other cell types, or a value type other than "All", are not modelled (`NotModelled`).
 */
export function specialCellAreas(r: RangeRef, cellType: string, cellValueType?: string): FakeArea[] | null {
  if ((cellType !== "Constants" && cellType !== "Formulas") || (cellValueType ?? "All") !== "All")
    throw new FakeOfficeError(
      "NotModelled",
      `getSpecialCells(${cellType}, ${cellValueType ?? "All"}) is not modelled: Constants or Formulas, All values.`,
    );
  const cells: { row: number; col: number }[] = [];
  for (const [key, c] of r.sheet.cells) {
    const filled =
      cellType === "Formulas" ? Boolean(c.formula) : !c.formula && c.value !== null && c.value !== "";
    if (!filled) continue;
    const [row, col] = key.split(",").map(Number);
    if (row >= r.top && row < r.top + r.rows && col >= r.left && col < r.left + r.cols)
      cells.push({ row, col });
  }
  if (cells.length === 0) return null;
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: FakeArea[] = [];
  for (const { row, col } of cells) {
    const last = runs[runs.length - 1];
    if (last && last.top === row && last.right + 1 === col) last.right = col;
    else runs.push({ top: row, left: col, bottom: row, right: col });
  }
  // Join a run to the rectangle ending just above it with the same columns.
  const open = new Map<string, FakeArea>();
  const areas: FakeArea[] = [];
  for (const run of runs) {
    const key = `${run.left}:${run.right}`;
    const above = open.get(key);
    if (above && above.bottom + 1 === run.top) above.bottom = run.top;
    else {
      areas.push(run);
      open.set(key, run);
    }
  }
  return areas;
}

/**
 * Excel's refusal of more than 512 merged areas. Its code is not documented; we use
 * `InvalidOperation`, and the host treats any failure of a read with merges the same way.
 */
export function tooManyMerges(count: number): FakeOfficeError {
  return new FakeOfficeError(
    "InvalidOperation",
    `The range has ${count} merged areas; getMergedAreasOrNullObject returns at most 512.`,
  );
}

/** The block selected (Excel always has one: A1 of the first visible sheet when nothing was chosen). */
export function selectedRef(excel: FakeExcel): RangeRef {
  const active = excel.active ?? {
    sheet: excel.sheets.find((s) => !s.deleted && s.visibility === "Visible")?.name ?? "",
    range: "A1",
  };
  if (/[,;]/.test(active.range))
    throw new FakeOfficeError("InvalidSelection", "The current selection is invalid for this operation.");
  const sheet = excel.findSheet(active.sheet);
  if (!sheet) throw new FakeOfficeError("ItemNotFound", `The worksheet "${active.sheet}" does not exist.`);
  const a = parseArea(active.range);
  return { sheet, top: a.top, left: a.left, rows: a.bottom - a.top + 1, cols: a.right - a.left + 1 };
}

/** A sheet name as Excel writes it in `Range.address`: quoted (with ' doubled) unless plain. */
export function sheetInAddress(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** True when a merge area `a` overlaps the range `r`. */
export function intersects(
  a: { top: number; left: number; bottom: number; right: number },
  r: RangeRef,
): boolean {
  return a.top < r.top + r.rows && a.bottom >= r.top && a.left < r.left + r.cols && a.right >= r.left;
}

/**
 * A value written through `values`/`formulas`, read as Excel reads typed input (office-js typings,
 * `Range.values`: a string starting with "+", "-" or "=" is a formula; ISO dates become dates):
 * "=..." is a formula and so is "+..."/"-..." (a formula Excel cannot evaluate stays one);
 * "'..." is text; a number, percentage or ISO date in a string becomes a number. In a cell
 * formatted as text ("@") every string is kept as text.
 */
export function cellInput(x: unknown, cell: FakeCell): Partial<FakeCell> {
  if (x === "") return { value: null, formula: undefined };
  if (typeof x !== "string") return { value: x as CellValue, formula: undefined };
  if (x.startsWith("'")) return { value: x.slice(1), formula: undefined };
  if (cell.numberFormat === "@") return { value: x, formula: undefined };
  if (x.startsWith("=")) return { formula: x.slice(1), value: null };
  const number = typedNumber(x);
  if (number !== undefined) return { value: number, formula: undefined };
  if (x.length > 1 && (x.startsWith("+") || x.startsWith("-"))) return { formula: x, value: null };
  return { value: x, formula: undefined };
}

/** The number Excel makes of typed text such as "12", "-0.5", "10%" or "2025-04-01", if any. */
function typedNumber(text: string): number | undefined {
  const t = text.trim();
  const num = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?(%?)$/i.exec(t);
  if (num) return Number(t.replace("%", "")) / (num[4] ? 100 : 1);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return (Date.UTC(+iso[1], +iso[2] - 1, +iso[3]) - Date.UTC(1899, 11, 30)) / 86_400_000;
  return undefined;
}

class FakeRangeAreas extends FakeProxy {
  protected readonly scalars = [] as const;
  protected snapshot(): unknown {
    return undefined;
  }
  private areasProxy?: FakeRangeCollection;
  get areas(): FakeRangeCollection {
    return (this.areasProxy ??= new FakeRangeCollection(this, `${this.path}.areas`, () => this.target()));
  }
  private cfProxy?: FakeConditionalFormatCollection;
  /** Conditional formats touching any area; `add` applies one format to every area (ExcelApi 1.9). */
  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.cfProxy ??= new FakeConditionalFormatCollection(
      this,
      `${this.path}.conditionalFormats`,
      () => this.need<AreasRef>(),
    ));
  }
  protected override child(name: string): FakeProxy | undefined {
    if (name === "areas") return this.areas;
    if (name === "conditionalFormats") return this.conditionalFormats;
    return undefined;
  }
}

class FakeRangeCollection extends FakeCollection {
  get items(): FakeRange[] {
    return this.readItems<FakeRange>();
  }
  protected makeItems(): FakeProxy[] {
    const t = this.need<AreasRef>();
    return t.areas.map(
      (m, i) =>
        new FakeRange(this, `${this.path}.getItemAt(${i})`, () => ({
          sheet: t.sheet,
          top: m.top,
          left: m.left,
          rows: m.bottom - m.top + 1,
          cols: m.right - m.left + 1,
        })),
    );
  }
}

class FakeRangeFormat extends FakeProxy {
  protected readonly scalars = [] as const;
  protected snapshot(): unknown {
    return undefined;
  }
  private each(change: Partial<FakeCell>): void {
    const r = this.need<RangeRef>();
    guard(r.sheet);
    cellsOf(r, (row, col) => r.sheet.edit(row, col, change));
  }
  set columnWidth(points: number) {
    this.write("columnWidth", points, () => {
      const r = this.need<RangeRef>();
      guard(r.sheet);
      for (let c = r.left; c < r.left + r.cols; c++) r.sheet.columnWidths.set(c, points);
    });
  }
  set wrapText(v: boolean) {
    this.write("wrapText", v, () => this.each({ wrap: v }));
  }
  set horizontalAlignment(v: string) {
    this.write("horizontalAlignment", v, () => this.each({ horizontal: v }));
  }
  get font(): { bold: boolean; italic: boolean; color: string; name: string; size: number } {
    const set = (prop: string, change: (v: never) => Partial<FakeCell>) => (v: never) =>
      this.ctx.enqueue({ proxy: this, sub: "font" }, { set: prop, v }, () => this.each(change(v)));
    const bold = set("bold", (v: boolean) => ({ bold: v }));
    const italic = set("italic", (v: boolean) => ({ italic: v }));
    const color = set("color", (v: string) => ({ fontColor: v }));
    const name = set("name", (v: string) => ({ fontName: v }));
    const size = set("size", (v: number) => ({ fontSize: v }));
    return writeOnly({ bold, italic, color, name, size }, `${this.path}.font`);
  }
  /** Fits the rows' heights to their text (recorded on the sheet). */
  autofitRows(): void {
    this.call("autofitRows", [], () => {
      const r = this.need<RangeRef>();
      guard(r.sheet);
      r.sheet.autofitRows.push(`${r.top}:${r.top + r.rows - 1}`);
    });
  }
  get fill(): { color: string } {
    return writeOnly(
      {
        color: (v: never) =>
          this.ctx.enqueue({ proxy: this, sub: "fill" }, { set: "color", v }, () =>
            this.each({ fill: v as string }),
          ),
      },
      `${this.path}.fill`,
    );
  }
  get borders(): { getItem(edge: string): { style: string } } {
    return {
      getItem: (edge: string) =>
        writeOnly(
          {
            style: (v: never) =>
              this.ctx.enqueue(
                { proxy: this, sub: `borders.getItem(${q(edge)})` },
                { set: "style", v },
                () => {
                  if (edge !== "EdgeBottom")
                    throw new FakeOfficeError(
                      "InvalidArgument",
                      `The fake supports EdgeBottom only, not ${edge}.`,
                    );
                  this.each({ borderBottom: v as string });
                },
              ),
          },
          `${this.path}.borders`,
        ),
    };
  }
}

/** An object whose properties can be set (queued) but not read without loading. */
function writeOnly<T extends Record<string, (v: never) => void>>(
  setters: T,
  path: string,
): { [K in keyof T]: never } {
  const obj = {};
  for (const [k, set] of Object.entries(setters)) {
    Object.defineProperty(obj, k, {
      set: (v: never) => {
        set(v);
      },
      get: () => {
        throw new FakeOfficeError("PropertyNotLoaded", `The property '${k}' of ${path} is not available.`);
      },
    });
  }
  // Nothing else can be set on it: a property the fake does not model throws, as on a proxy.
  return Object.preventExtensions(obj) as { [K in keyof T]: never };
}

class FakeConditionalFormatCollection extends FakeCollection {
  get items(): FakeConditionalFormatProxy[] {
    return this.readItems<FakeConditionalFormatProxy>();
  }
  protected makeItems(): FakeProxy[] {
    const r = areasOf(this.need<RangeRef | AreasRef>());
    return r.sheet.conditionalFormats
      .filter((cf) => cfTouches(cf, r.areas))
      .map(
        (cf) =>
          new FakeConditionalFormatProxy(this, `${this.path}.getItem(${q(cf.id)})`, () => ({
            sheet: r.sheet,
            cf,
          })),
      );
  }
  add(type: string): FakeConditionalFormatProxy {
    let made: { sheet: FakeSheet; cf: FakeConditionalFormat } | undefined;
    this.call("add", [type], () => {
      const { sheet, areas } = areasOf(this.need<RangeRef | AreasRef>());
      guard(sheet);
      const format = { type, range: areas[0], stopIfTrue: false };
      made = {
        sheet,
        cf: this.ctx.excel.addConditionalFormat(sheet, areas.length > 1 ? { ...format, areas } : format),
      };
    });
    return new FakeConditionalFormatProxy(this, `${this.path}.add(${q(type)})`, () => made ?? null);
  }
}

interface CfRef {
  sheet: FakeSheet;
  cf: FakeConditionalFormat;
}

class FakeConditionalFormatProxy extends FakeProxy {
  protected readonly scalars = ["type", "stopIfTrue", "id", "priority"] as const;
  private ref(): CfRef {
    const r = this.need<CfRef>();
    if (!r.sheet.conditionalFormats.includes(r.cf))
      throw new FakeOfficeError("ItemNotFound", `${this.path} has been deleted.`);
    return r;
  }
  protected snapshot(prop: string): unknown {
    const { sheet, cf } = this.ref();
    if (prop === "priority") return sheet.conditionalFormats.indexOf(cf);
    return cf[prop as "type" | "stopIfTrue" | "id"];
  }
  get type(): string {
    return this.read("type");
  }
  set stopIfTrue(v: boolean) {
    this.write("stopIfTrue", v, () => {
      guard(this.ref().sheet);
      this.ref().cf.stopIfTrue = v;
    });
  }
  get stopIfTrue(): boolean {
    return this.read("stopIfTrue");
  }
  private customProxy?: FakeCustomFormat;
  get custom(): FakeCustomFormat {
    return (this.customProxy ??= new FakeCustomFormat(this, `${this.path}.custom`, () => {
      const r = this.ref();
      if (r.cf.type !== "Custom")
        throw new FakeOfficeError("InvalidOperation", `${this.path} is not a custom format.`);
      return r;
    }));
  }
  private customOrNull?: FakeCustomFormat;
  get customOrNullObject(): FakeCustomFormat {
    return (this.customOrNull ??= new FakeCustomFormat(
      this,
      `${this.path}.customOrNullObject`,
      () => {
        const r = this.ref();
        return r.cf.type === "Custom" ? r : null;
      },
      true,
    ));
  }
  protected override child(name: string): FakeProxy | undefined {
    if (name === "custom") return this.custom;
    if (name === "customOrNullObject") return this.customOrNullObject;
    return undefined;
  }
  delete(): void {
    this.call("delete", [], () => {
      const { sheet, cf } = this.ref();
      guard(sheet);
      sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => x !== cf);
    });
  }
}

class FakeCustomFormat extends FakeProxy {
  protected readonly scalars = [] as const;
  protected snapshot(): unknown {
    return undefined;
  }
  private ruleProxy?: FakeRule;
  get rule(): FakeRule {
    return (this.ruleProxy ??= new FakeRule(this, `${this.path}.rule`, () => this.target()));
  }
  protected override child(name: string): FakeProxy | undefined {
    return name === "rule" ? this.rule : undefined;
  }
  get format(): { fill: { color: string }; font: { color: string } } {
    const ref = () => {
      const r = this.need<CfRef>();
      guard(r.sheet);
      return r.cf;
    };
    return {
      fill: writeOnly(
        {
          color: (v: never) =>
            this.ctx.enqueue(
              { proxy: this, sub: "format.fill" },
              { set: "color", v },
              () => (ref().fill = v),
            ),
        },
        `${this.path}.format.fill`,
      ),
      font: writeOnly(
        {
          color: (v: never) =>
            this.ctx.enqueue(
              { proxy: this, sub: "format.font" },
              { set: "color", v },
              () => (ref().fontColor = v),
            ),
        },
        `${this.path}.format.font`,
      ),
    };
  }
}

class FakeRule extends FakeProxy {
  protected readonly scalars = ["formula"] as const;
  protected snapshot(): unknown {
    return this.need<CfRef>().cf.formula ?? null;
  }
  get formula(): string {
    return this.read("formula");
  }
  set formula(v: string) {
    this.write("formula", v, () => {
      const r = this.need<CfRef>();
      guard(r.sheet);
      r.cf.formula = v;
    });
  }
}

class FakeChartCollection extends FakeCollection {
  get items(): FakeChartProxy[] {
    return this.readItems<FakeChartProxy>();
  }
  protected makeItems(): FakeProxy[] {
    const sheet = this.need<FakeSheet>();
    return sheet.charts.map(
      (chart) => new FakeChartProxy(this, `${this.path}.getItem(${q(chart.id)})`, () => ({ sheet, chart })),
    );
  }
  /** `add(type, sourceData, seriesBy)`: `sourceData` a range of this sheet. */
  add(type: string, sourceData: FakeRange, seriesBy: string): FakeChartProxy {
    let made: ChartRef | undefined;
    this.call("add", [type, sourceData.path, seriesBy], () => {
      const sheet = this.need<FakeSheet>();
      const r = sourceData.need<RangeRef>();
      if (r.sheet !== sheet)
        throw new FakeOfficeError("InvalidArgument", "The chart's data is on another sheet.");
      const source = { top: r.top, left: r.left, bottom: r.top + r.rows - 1, right: r.left + r.cols - 1 };
      made = { sheet, chart: this.ctx.excel.addChart(sheet, type, source, seriesBy) };
    });
    return new FakeChartProxy(this, `${this.path}.add(${q(type)})`, () => made ?? null);
  }
}

interface ChartRef {
  sheet: FakeSheet;
  chart: FakeChart;
}

/**
 * A chart proxy with exactly the members the host uses; it cannot be extended, so setting any
 * other property (alt text, say, which Excel's charts do not have) throws.
 */
class FakeChartProxy extends FakeProxy {
  protected readonly scalars = ["id", "name"] as const;
  constructor(owner: FakeProxy, path: string, resolver: () => unknown) {
    super(owner, path, resolver);
    Object.preventExtensions(this);
  }
  private ref(): ChartRef {
    const r = this.need<ChartRef>();
    if (r.sheet.deleted || !r.sheet.charts.includes(r.chart))
      throw new FakeOfficeError("ItemNotFound", `${this.path} has been deleted.`);
    return r;
  }
  private edit(change: (chart: FakeChart) => void): void {
    const { sheet, chart } = this.ref();
    guard(sheet);
    change(chart);
  }
  /** Queues a set on a part of the chart with no proxy of its own (`title`, `legend`...). */
  private setOn(sub: string, prop: string, change: (chart: FakeChart, v: never) => void) {
    return (v: never) =>
      this.ctx.enqueue({ proxy: this, sub }, { set: prop, v }, () => this.edit((c) => change(c, v)));
  }
  /** Queues a method call on a part of the chart with no proxy of its own. */
  private callOn(sub: string, method: string, args: unknown[], run: (chart: FakeChart) => void): void {
    this.ctx.enqueue({ proxy: this, sub }, { call: method, a: args }, () => this.edit(run));
  }
  protected snapshot(prop: string): unknown {
    const { chart } = this.ref();
    return prop === "id" ? chart.id : chart.name;
  }
  get id(): string {
    return this.read("id");
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.write("name", v, () => this.edit((c) => (c.name = v)));
  }
  get title(): { text: string } {
    return writeOnly(
      { text: this.setOn("title", "text", (c, v: string) => (c.title = v)) },
      `${this.path}.title`,
    );
  }
  get legend(): { visible: boolean; position: string } {
    return writeOnly(
      {
        visible: this.setOn("legend", "visible", (c, v: boolean) => (c.legend.visible = v)),
        position: this.setOn("legend", "position", (c, v: string) => (c.legend.position = v)),
      },
      `${this.path}.legend`,
    );
  }
  get dataLabels(): { showValue: boolean; numberFormat: string } {
    return writeOnly(
      {
        showValue: this.setOn("dataLabels", "showValue", (c, v: boolean) => (c.dataLabels.showValue = v)),
        numberFormat: this.setOn("dataLabels", "numberFormat", (c, v: string) => {
          if (!this.ctx.excel.supports("ExcelApi", "1.8"))
            throw new FakeOfficeError("ApiNotFound", "ChartDataLabels.numberFormat needs ExcelApi 1.8.");
          c.dataLabels.numberFormat = v;
        }),
      },
      `${this.path}.dataLabels`,
    );
  }
  get axes(): { valueAxis: { title: { text: string } } } {
    const title = writeOnly(
      { text: this.setOn("axes.valueAxis.title", "text", (c, v: string) => (c.valueAxisTitle = v)) },
      `${this.path}.axes.valueAxis.title`,
    );
    return Object.freeze({ valueAxis: Object.freeze({ title }) });
  }
  /** `series.getItemAt(i)`: its fill and outline, and `points.getItemAt(j)`'s fill. */
  get series(): { getItemAt(i: number): unknown } {
    const seriesAt = (c: FakeChart, i: number) => {
      const s = c.series[i];
      if (!s) throw new FakeOfficeError("ItemNotFound", `The chart has no series ${i}.`);
      return s;
    };
    return Object.freeze({
      getItemAt: (i: number) => {
        const at = `series.getItemAt(${i})`;
        const fill = Object.freeze({
          setSolidColor: (color: string) =>
            this.callOn(`${at}.format.fill`, "setSolidColor", [color], (c) => (seriesAt(c, i).fill = color)),
        });
        const line = writeOnly(
          { color: this.setOn(`${at}.format.line`, "color", (c, v: string) => (seriesAt(c, i).line = v)) },
          `${this.path}.${at}.format.line`,
        );
        const points = Object.freeze({
          getItemAt: (j: number) => {
            const pointFill = Object.freeze({
              setSolidColor: (color: string) =>
                this.callOn(`${at}.points.getItemAt(${j}).format.fill`, "setSolidColor", [color], (c) => {
                  const point = seriesAt(c, i).points[j];
                  if (!point) throw new FakeOfficeError("ItemNotFound", `The series has no point ${j}.`);
                  point.fill = color;
                }),
            });
            return Object.freeze({ format: Object.freeze({ fill: pointFill }) });
          },
        });
        return Object.freeze({ format: Object.freeze({ fill, line }), points });
      },
    });
  }
  /** `setPosition(startCell, endCell)`: both must be cell addresses. */
  setPosition(start: string, end?: string): void {
    this.call("setPosition", end === undefined ? [start] : [start, end], () => {
      parseArea(start);
      if (end !== undefined) parseArea(end);
      this.edit((c) => (c.position = { start, end }));
    });
  }
  delete(): void {
    this.call("delete", [], () => {
      const { sheet, chart } = this.ref();
      guard(sheet);
      sheet.charts = sheet.charts.filter((x) => x !== chart);
    });
  }
}
