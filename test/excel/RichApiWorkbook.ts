import { columnLetters } from "../../src/engine/cells/toA1";
import {
  areasOf,
  cellInput,
  cellsOf,
  cfTouches,
  FakeOfficeError,
  guard,
  intersects,
  MAX_COLS,
  MAX_ROWS,
  parseArea,
  selectedRef,
  sheetInAddress,
  specialCellAreas,
  tooManyMerges,
  type AreasRef,
  type FakeCell,
  type FakeChart,
  type FakeConditionalFormat,
  type FakeExcel,
  type FakeSheet,
  type RangeRef,
} from "./FakeExcel";

/** One object path of a RichApi request, as Office.js serialises it (`ObjectPaths`). */
export interface RichApiObjectPath {
  Id: number;
  /** 1 global object, 3 method, 4 property, 5 indexer, 6 reference id, 7 null object. */
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  /** Arguments; those that are objects are object path ids, flagged in `ReferencedObjectPathIds`. */
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: unknown[] };
}

/** One action of a RichApi request (`Actions`). */
export interface RichApiAction {
  Id: number;
  /** 1 Instantiate, 2 Query, 3 Method, 4 SetProperty, 5 Trace. */
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: RichApiObjectPath["ArgumentInfo"];
  QueryInfo?: { Select?: string[]; Expand?: string[] };
}

/** The body Office.js posts for one `context.sync()`. */
export interface RichApiRequestBody {
  Actions: RichApiAction[];
  ObjectPaths: Record<string, RichApiObjectPath>;
}

/** The body Excel answers with: each action's result, and the error that stopped the request. */
export interface RichApiResponseBody {
  Results: { ActionId: number; Value: unknown }[];
  Error?: { Code: string; Message: string; Location: string; ActionIndex: number; HttpStatusCode: number };
}

/** A server object: its type and what it stands for in the model. */
interface Obj {
  type: string;
  sheet?: FakeSheet;
  r?: RangeRef;
  a?: AreasRef;
  cf?: FakeConditionalFormat;
  edge?: string;
  chart?: FakeChart;
  /** A chart's series and point (`series.getItemAt(i).points.getItemAt(j)`). */
  series?: number;
  point?: number;
  /** A worksheet function's answer (`functions.date(...)`). */
  value?: unknown;
}

type Args = unknown[];
/** The members of one server type, by the names the request uses (Pascal case). */
interface TypeDef {
  get?: Record<string, (o: Obj) => unknown>;
  set?: Record<string, (o: Obj, v: unknown) => void>;
  /** Navigation properties and methods that give objects (object paths). */
  nav?: Record<string, (o: Obj, args: Args) => Obj | null>;
  /** A collection's indexer (`getItem(key)`). */
  index?: (o: Obj, key: unknown) => Obj;
  items?: (o: Obj) => Obj[];
  /** Methods queued as actions; a returned value is the action's result. */
  call?: Record<string, (o: Obj, args: Args) => unknown>;
}

/** Members the add-in uses above ExcelApi 1.7 (and `functions`, 1.2), with the set that brought them. */
const SINCE: Record<string, string> = {
  "Workbook.Functions": "1.2",
  "Worksheet.GetRanges": "1.9",
  "Worksheet.PageLayout": "1.9",
  "Worksheet.HorizontalPageBreaks": "1.9",
  "Range.GetMergedAreasOrNullObject": "1.13",
  "Range.GetSpecialCellsOrNullObject": "1.9",
};

/** Properties set above ExcelApi 1.7, with the set that brought them. */
const SET_SINCE: Record<string, string> = {
  "ChartDataLabels.NumberFormat": "1.8",
};

/** No result for this action in the response. */
const NONE = Symbol("no result");

/**
 * The server side of the Office.js harness: runs a RichApi request (the `Actions` and
 * `ObjectPaths` Office.js's serializer sends) against the fake's workbook model (`FakeExcel`: its
 * sheets, cells, conditional formats, merges, protection), as Excel does: actions in order, each
 * object path bound at its Instantiate, a failing action stopping the request with the actions
 * before it applied, results keyed by action id with Excel's (Pascal-case) property names.
 * Ranges the client keeps (`_KeepReference`) get reference ids that later requests of the same
 * run address them by (`_RemoveReference` at the end of `Excel.run` drops them). A member this
 * model does not have fails with `HarnessNotModelled`, naming it: a gap in the harness, never a
 * pass. `excel.failWhen` is matched against each action's statement, such as
 * `worksheets.getItem("KPIs").getRange().conditionalFormats.add("Custom")`.
 *
 * @example
 * const server = new RichApiWorkbook(FakeExcel.fromGrid(grid));
 * const response = server.execute(JSON.parse(requestBody));
 */
export class RichApiWorkbook {
  private readonly refs = new Map<string, { obj: Obj; expr: string }>();
  private nextRef = 1;
  private readonly types: Record<string, TypeDef>;

  constructor(readonly excel: FakeExcel) {
    this.types = this.defineTypes();
  }

  /** Reference ids still held (kept ranges not yet removed). */
  get heldReferences(): number {
    return this.refs.size;
  }

  /** Runs one request and returns Excel's answer. */
  execute(body: RichApiRequestBody): RichApiResponseBody {
    const run = new RequestRun(this, body);
    const Results: RichApiResponseBody["Results"] = [];
    for (let i = 0; i < body.Actions.length; i++) {
      const action = body.Actions[i];
      try {
        if (this.excel.failWhen?.match(run.statement(action))) throw this.excel.failWhen.error;
        const value = run.act(action);
        if (value !== NONE) Results.push({ ActionId: action.Id, Value: value });
      } catch (e) {
        if (!(e instanceof FakeOfficeError)) throw e;
        const Location = e.debugInfo.errorLocation ?? run.statement(action);
        return {
          Results,
          Error: { Code: e.code, Message: e.message, Location, ActionIndex: i, HttpStatusCode: 400 },
        };
      }
    }
    return { Results };
  }

  /** @internal The type definition of `o`, or HarnessNotModelled. */
  typeOf(o: Obj): TypeDef {
    const def = this.types[o.type];
    if (!def) throw notModelled(o.type);
    return def;
  }

  /**
   * @internal Fails with `ApiNotFound` when the host lacks the member's requirement set, as Excel
   * does. (Office.js's own client-side check is inert in this build: it reads
   * `CommonUtility._doApiNotSupportedCheck`, while the library sets `Utility._doApiNotSupportedCheck`.)
   */
  requireSet(member: string): void {
    const version = SINCE[member];
    if (version && !this.excel.supports("ExcelApi", version))
      throw new FakeOfficeError(
        "ApiNotFound",
        `${member} needs ExcelApi ${version}, which this Excel lacks.`,
      );
  }

  /** @internal Fails with `ApiNotFound` when the host lacks the set that brought a property (`SET_SINCE`). */
  requireSetOf(member: string): void {
    const version = SET_SINCE[member];
    if (version && !this.excel.supports("ExcelApi", version))
      throw new FakeOfficeError(
        "ApiNotFound",
        `${member} needs ExcelApi ${version}, which this Excel lacks.`,
      );
  }

  /** @internal Keeps `obj` under a new reference id. */
  keep(obj: Obj, expr: string): string {
    const id = `ref${this.nextRef++}`;
    this.refs.set(id, { obj, expr });
    return id;
  }

  /** @internal A kept object, or InvalidArgument. */
  reference(id: string): { obj: Obj; expr: string } {
    const found = this.refs.get(id);
    if (!found) throw new FakeOfficeError("InvalidArgument", `The reference id ${id} is not valid.`);
    return found;
  }

  private defineTypes(): Record<string, TypeDef> {
    const excel = this.excel;
    const sheetOf = (o: Obj): FakeSheet => {
      const s = o.sheet as FakeSheet;
      if (s.deleted) throw new FakeOfficeError("ItemNotFound", `The worksheet "${s.name}" has been deleted.`);
      return s;
    };
    const rangeOf = (o: Obj): RangeRef => {
      const r = o.r as RangeRef;
      sheetOf({ type: "Range", sheet: r.sheet });
      return r;
    };
    const range = (r: RangeRef): Obj => ({ type: "Range", sheet: r.sheet, r });
    const wholeSheet = (sheet: FakeSheet): RangeRef => ({
      sheet,
      top: 0,
      left: 0,
      rows: MAX_ROWS,
      cols: MAX_COLS,
    });
    const findSheet = (name: unknown): FakeSheet => {
      const s = excel.findSheet(String(name));
      if (!s) throw new FakeOfficeError("ItemNotFound", `The worksheet "${String(name)}" does not exist.`);
      return s;
    };
    const cfsOf = (o: Obj): FakeConditionalFormat[] => {
      const { sheet, areas } = o.a as AreasRef;
      sheetOf({ type: "", sheet });
      return sheet.conditionalFormats.filter((cf) => cfTouches(cf, areas));
    };
    const cfObj = (sheet: FakeSheet, cf: FakeConditionalFormat): Obj => ({
      type: "ConditionalFormat",
      sheet,
      cf,
    });
    const liveCf = (o: Obj): FakeConditionalFormat => {
      const sheet = sheetOf(o);
      const cf = o.cf as FakeConditionalFormat;
      if (!sheet.conditionalFormats.includes(cf))
        throw new FakeOfficeError("ItemNotFound", "The conditional format has been deleted.");
      return cf;
    };
    const cfPart =
      (type: string) =>
      (o: Obj): Obj => ({ type, sheet: o.sheet, cf: o.cf });
    const editCells = (o: Obj, change: Partial<FakeCell>) => {
      const r = rangeOf(o);
      guard(r.sheet);
      cellsOf(r, (row, col) => r.sheet.edit(row, col, change));
    };
    const editCf = (o: Obj, change: Partial<FakeConditionalFormat>) => {
      const cf = liveCf(o);
      guard(o.sheet as FakeSheet);
      Object.assign(cf, change);
    };
    const readGrid = (o: Obj, f: (c: FakeCell) => unknown) => {
      const r = rangeOf(o);
      if (r.rows * r.cols > excel.options.maxReadCells)
        throw new FakeOfficeError(
          "RangeExceedsLimit",
          "The cell count in the range has exceeded the maximum supported number.",
        );
      return Array.from({ length: r.rows }, (_, i) =>
        Array.from({ length: r.cols }, (_, j) => f(r.sheet.at(r.top + i, r.left + j))),
      );
    };
    const writeGrid = (o: Obj, v: unknown, set: (row: number, col: number, x: unknown) => void) => {
      const r = rangeOf(o);
      guard(r.sheet);
      if (
        !Array.isArray(v) ||
        v.length !== r.rows ||
        v.some((row) => !Array.isArray(row) || row.length !== r.cols)
      )
        throw new FakeOfficeError("InvalidArgument", `The array is not ${r.rows}×${r.cols}.`);
      (v as unknown[][]).forEach((row, i) =>
        row.forEach((x, j) => {
          if (x !== null) set(r.top + i, r.left + j, x);
        }),
      );
    };
    const typedInput = (o: Obj) => (row: number, col: number, x: unknown) => {
      const sheet = (o.r as RangeRef).sheet;
      sheet.edit(row, col, cellInput(x, sheet.at(row, col)));
    };
    const layoutSet = (o: Obj, key: string, v: unknown) => {
      const sheet = sheetOf(o);
      guard(sheet);
      sheet.pageLayout[key] = v;
      return NONE;
    };
    const chartObj = (o: Obj, chart: FakeChart): Obj => ({ type: "Chart", sheet: o.sheet, chart });
    const liveChart = (o: Obj): FakeChart => {
      const sheet = sheetOf(o);
      const chart = o.chart as FakeChart;
      if (!sheet.charts.includes(chart))
        throw new FakeOfficeError("ItemNotFound", "The chart has been deleted.");
      return chart;
    };
    const editChart = (o: Obj, change: (c: FakeChart) => void) => {
      const chart = liveChart(o);
      guard(o.sheet as FakeSheet);
      change(chart);
    };
    const chartPart =
      (type: string) =>
      (o: Obj): Obj => ({ type, sheet: o.sheet, chart: o.chart });
    const usedRange = (o: Obj): RangeRef | null => {
      const sheet = sheetOf(o);
      const b = sheet.usedBounds();
      return b
        ? { sheet, top: b.top, left: b.left, rows: b.bottom - b.top + 1, cols: b.right - b.left + 1 }
        : null;
    };

    return {
      Workbook: {
        nav: {
          Worksheets: () => ({ type: "WorksheetCollection" }),
          Application: () => ({ type: "Application" }),
          Functions: () => ({ type: "Functions" }),
          GetSelectedRange: () => range(selectedRef(excel)),
        },
        call: {
          _RemoveReference: (_o, [id]) => {
            this.refs.delete(String(id));
            return NONE;
          },
        },
      },
      Application: { call: { SuspendApiCalculationUntilNextSync: () => NONE } },
      // Worksheet functions: DATE only, in the workbook's date system (`FakeExcel.dateSerial`).
      Functions: {
        nav: {
          Date: (_o, args) => {
            if (!args.every((n) => typeof n === "number"))
              throw notModelled("functions.date with arguments other than numbers");
            const [year, month, day] = args as number[];
            return { type: "FunctionResult", value: excel.dateSerial(year, month, day) };
          },
        },
      },
      FunctionResult: { get: { Value: (o) => o.value, Error: () => null } },
      WorksheetCollection: {
        index: (_o, name) => ({ type: "Worksheet", sheet: findSheet(name) }),
        items: () => excel.sheets.filter((s) => !s.deleted).map((sheet) => ({ type: "Worksheet", sheet })),
        nav: {
          GetItem: (_o, [name]) => ({ type: "Worksheet", sheet: findSheet(name) }),
          GetItemOrNullObject: (_o, [name]) => {
            const sheet = excel.findSheet(String(name));
            return sheet ? { type: "Worksheet", sheet } : null;
          },
          GetItemAt: (_o, [i]) => {
            const sheet = excel.sheets.filter((s) => !s.deleted)[Number(i)];
            if (!sheet) throw new FakeOfficeError("ItemNotFound", `There is no worksheet at ${String(i)}.`);
            return { type: "Worksheet", sheet };
          },
          Add: (_o, [name]) => {
            const text = String(name);
            if (excel.findSheet(text))
              throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${text}" already exists.`);
            if (!text || text.length > 31 || /[\\/?*[\]:]/.test(text))
              throw new FakeOfficeError("InvalidArgument", `"${text}" is not a valid sheet name.`);
            return { type: "Worksheet", sheet: excel.addSheet(text) };
          },
        },
      },
      Worksheet: {
        get: {
          Name: (o) => sheetOf(o).name,
          Visibility: (o) => sheetOf(o).visibility,
          Position: (o) => excel.sheets.filter((s) => !s.deleted).indexOf(sheetOf(o)),
        },
        set: {
          Visibility: (o, v) => {
            sheetOf(o).visibility = v as FakeSheet["visibility"];
          },
        },
        nav: {
          Protection: (o) => ({ type: "WorksheetProtection", sheet: sheetOf(o) }),
          FreezePanes: (o) => ({ type: "WorksheetFreezePanes", sheet: sheetOf(o) }),
          Charts: (o) => ({ type: "ChartCollection", sheet: sheetOf(o) }),
          PageLayout: (o) => ({ type: "PageLayout", sheet: sheetOf(o) }),
          HorizontalPageBreaks: (o) => ({ type: "PageBreakCollection", sheet: sheetOf(o) }),
          GetRange: (o, [address]) => {
            const sheet = sheetOf(o);
            if (address === null || address === undefined || address === "") return range(wholeSheet(sheet));
            const a = parseArea(String(address));
            return range({
              sheet,
              top: a.top,
              left: a.left,
              rows: a.bottom - a.top + 1,
              cols: a.right - a.left + 1,
            });
          },
          GetRangeByIndexes: (o, [top, left, rows, cols]) => {
            const [t, l, r, c] = [top, left, rows, cols].map(Number);
            if (r < 1 || c < 1 || t < 0 || l < 0 || t + r > MAX_ROWS || l + c > MAX_COLS)
              throw new FakeOfficeError("InvalidArgument", "The range is outside the sheet or empty.");
            return range({ sheet: sheetOf(o), top: t, left: l, rows: r, cols: c });
          },
          GetUsedRangeOrNullObject: (o) => {
            const r = usedRange(o);
            return r ? range(r) : null;
          },
          GetUsedRange: (o) =>
            range(usedRange(o) ?? { sheet: sheetOf(o), top: 0, left: 0, rows: 1, cols: 1 }),
          GetRanges: (o, [address]) => {
            const areas = String(address)
              .split(/[,;]/)
              .map((a) => parseArea(a.trim()));
            const sheet = sheetOf(o);
            return { type: "RangeAreas", sheet, a: { sheet, areas } };
          },
        },
        call: {
          Delete: (o) => {
            const s = sheetOf(o);
            if (s.visibility === "VeryHidden")
              throw new FakeOfficeError(
                "InvalidOperation",
                `The very hidden sheet "${s.name}" cannot be deleted.`,
              );
            s.deleted = true;
            return NONE;
          },
          Activate: (o) => {
            const s = sheetOf(o);
            if (s.visibility !== "Visible")
              throw new FakeOfficeError("InvalidOperation", "A hidden sheet cannot be activated.");
            excel.active = { sheet: s.name, range: excel.active?.range ?? "A1" };
            return NONE;
          },
        },
      },
      WorksheetProtection: { get: { Protected: (o) => sheetOf(o).protected } },
      // Charts: what the host sets is recorded on the sheet's `charts` (FakeChart).
      ChartCollection: {
        items: (o) => sheetOf(o).charts.map((chart) => chartObj(o, chart)),
        index: (o, id) => {
          const chart = sheetOf(o).charts.find((c) => c.id === id);
          if (!chart) throw new FakeOfficeError("ItemNotFound", `No chart has the id ${String(id)}.`);
          return chartObj(o, chart);
        },
        nav: {
          Add: (o, [type, source, seriesBy]) => {
            const r = rangeOf(source as Obj);
            if (r.sheet !== sheetOf(o))
              throw new FakeOfficeError("InvalidArgument", "The chart's data is on another sheet.");
            const area = { top: r.top, left: r.left, bottom: r.top + r.rows - 1, right: r.left + r.cols - 1 };
            return chartObj(o, excel.addChart(r.sheet, String(type), area, String(seriesBy)));
          },
        },
      },
      Chart: {
        get: { Id: (o) => liveChart(o).id, Name: (o) => liveChart(o).name },
        set: { Name: (o, v) => editChart(o, (c) => (c.name = String(v))) },
        nav: {
          Title: chartPart("ChartTitle"),
          Legend: chartPart("ChartLegend"),
          DataLabels: chartPart("ChartDataLabels"),
          Axes: chartPart("ChartAxes"),
          Series: chartPart("ChartSeriesCollection"),
        },
        call: {
          SetPosition: (o, [start, end]) => {
            parseArea(String(start));
            const to = end === undefined || end === null ? undefined : String(end);
            if (to !== undefined) parseArea(to);
            editChart(o, (c) => (c.position = { start: String(start), end: to }));
            return NONE;
          },
          Delete: (o) => {
            const chart = liveChart(o);
            const sheet = sheetOf(o);
            guard(sheet);
            sheet.charts = sheet.charts.filter((c) => c !== chart);
            return NONE;
          },
        },
      },
      ChartTitle: { set: { Text: (o, v) => editChart(o, (c) => (c.title = String(v))) } },
      ChartLegend: {
        set: {
          Visible: (o, v) => editChart(o, (c) => (c.legend.visible = Boolean(v))),
          Position: (o, v) => editChart(o, (c) => (c.legend.position = String(v))),
        },
      },
      ChartDataLabels: {
        set: {
          ShowValue: (o, v) => editChart(o, (c) => (c.dataLabels.showValue = Boolean(v))),
          NumberFormat: (o, v) => {
            this.requireSetOf("ChartDataLabels.NumberFormat");
            editChart(o, (c) => (c.dataLabels.numberFormat = String(v)));
          },
        },
      },
      ChartAxes: { nav: { ValueAxis: chartPart("ChartValueAxis") } },
      ChartValueAxis: { nav: { Title: chartPart("ChartAxisTitle") } },
      ChartAxisTitle: { set: { Text: (o, v) => editChart(o, (c) => (c.valueAxisTitle = String(v))) } },
      ChartSeriesCollection: {
        nav: {
          GetItemAt: (o, [i]) => {
            if (!liveChart(o).series[Number(i)])
              throw new FakeOfficeError("ItemNotFound", `The chart has no series ${String(i)}.`);
            return { ...chartPart("ChartSeries")(o), series: Number(i) };
          },
        },
      },
      ChartSeries: {
        nav: {
          Format: (o) => ({ ...o, type: "ChartSeriesFormat" }),
          Points: (o) => ({ ...o, type: "ChartPointsCollection" }),
        },
      },
      ChartSeriesFormat: {
        nav: { Fill: (o) => ({ ...o, type: "ChartFill" }), Line: (o) => ({ ...o, type: "ChartLineFormat" }) },
      },
      ChartFill: {
        call: {
          SetSolidColor: (o, [color]) => {
            editChart(o, (c) => {
              const s = c.series[o.series as number];
              if (o.point === undefined) s.fill = String(color);
              else s.points[o.point].fill = String(color);
            });
            return NONE;
          },
        },
      },
      ChartLineFormat: {
        set: { Color: (o, v) => editChart(o, (c) => (c.series[o.series as number].line = String(v))) },
      },
      ChartPointsCollection: {
        nav: {
          GetItemAt: (o, [j]) => {
            if (!liveChart(o).series[o.series as number].points[Number(j)])
              throw new FakeOfficeError("ItemNotFound", `The series has no point ${String(j)}.`);
            return { ...o, type: "ChartPoint", point: Number(j) };
          },
        },
      },
      ChartPoint: { nav: { Format: (o) => ({ ...o, type: "ChartPointFormat" }) } },
      ChartPointFormat: { nav: { Fill: (o) => ({ ...o, type: "ChartFill" }) } },
      // Page layout (ExcelApi 1.9): what is set is recorded on the sheet's `pageLayout`.
      PageLayout: {
        set: {
          Orientation: (o, v) => layoutSet(o, "orientation", v),
          PaperSize: (o, v) => layoutSet(o, "paperSize", v),
          Zoom: (o, v) => layoutSet(o, "zoom", v),
        },
        call: {
          SetPrintMargins: (o, [unit, margins]) => layoutSet(o, "margins", { unit, ...(margins as object) }),
          SetPrintArea: (o, [address]) => {
            parseArea(String(address));
            return layoutSet(o, "printArea", address);
          },
          SetPrintTitleRows: (o, [rows]) => layoutSet(o, "printTitleRows", rows),
        },
        nav: { HeadersFooters: (o) => ({ type: "HeaderFooterGroup", sheet: sheetOf(o) }) },
      },
      // Manual page breaks (ExcelApi 1.9): the rows that start a page, on the sheet's `pageBreaks`.
      PageBreakCollection: {
        nav: {
          // A break above the top-left cell of the range (an address or a range of this sheet).
          Add: (o, [at]) => {
            const sheet = sheetOf(o);
            guard(sheet);
            let top: number;
            if (typeof at === "string") top = parseArea(at).top;
            else {
              const r = rangeOf(at as Obj);
              if (r.sheet !== sheet)
                throw new FakeOfficeError("InvalidArgument", "The page break's range is on another sheet.");
              top = r.top;
            }
            if (top === 0) throw new FakeOfficeError("InvalidArgument", "No page break can go above row 1.");
            sheet.pageBreaks.push(top);
            return { type: "PageBreak", sheet };
          },
        },
        call: {
          RemovePageBreaks: (o) => {
            const sheet = sheetOf(o);
            guard(sheet);
            sheet.pageBreaks = [];
            return NONE;
          },
        },
      },
      HeaderFooterGroup: {
        nav: { DefaultForAllPages: (o) => ({ type: "HeaderFooter", sheet: sheetOf(o) }) },
      },
      HeaderFooter: {
        set: Object.fromEntries(
          ["LeftHeader", "CenterHeader", "RightHeader", "LeftFooter", "CenterFooter", "RightFooter"].map(
            (n) => [n, (o: Obj, v: unknown) => layoutSet(o, n.charAt(0).toLowerCase() + n.slice(1), v)],
          ),
        ),
      },
      WorksheetFreezePanes: {
        call: {
          FreezeRows: (o, [count]) => {
            guard(sheetOf(o));
            sheetOf(o).freezeRows = Number(count);
            return NONE;
          },
          Unfreeze: (o) => {
            sheetOf(o).freezeRows = 0;
            return NONE;
          },
        },
      },
      Range: {
        get: {
          Values: (o) => readGrid(o, (c) => (c.formula ? "" : (c.value ?? ""))),
          NumberFormat: (o) => readGrid(o, (c) => c.numberFormat),
          Formulas: (o) => readGrid(o, (c) => (c.formula ? `=${c.formula}` : (c.value ?? ""))),
          RowIndex: (o) => rangeOf(o).top,
          ColumnIndex: (o) => rangeOf(o).left,
          RowCount: (o) => rangeOf(o).rows,
          ColumnCount: (o) => rangeOf(o).cols,
          Address: (o) => addressOf(rangeOf(o)),
        },
        set: {
          Values: (o, v) => writeGrid(o, v, typedInput(o)),
          Formulas: (o, v) => writeGrid(o, v, typedInput(o)),
          NumberFormat: (o, v) =>
            writeGrid(o, v, (row, col, x) =>
              (o.r as RangeRef).sheet.edit(row, col, { numberFormat: String(x) }),
            ),
        },
        nav: {
          Format: (o) => ({ type: "RangeFormat", r: rangeOf(o) }),
          ConditionalFormats: (o) => ({ type: "ConditionalFormatCollection", a: areasOf(rangeOf(o)) }),
          // Office.js writes a big array in row chunks: getRow(i).getBoundingRect(getRow(j)).
          GetRow: (o, [i]) => {
            const r = rangeOf(o);
            if (Number(i) < 0 || Number(i) >= r.rows)
              throw new FakeOfficeError("InvalidArgument", `Row ${String(i)} is outside the range.`);
            return range({ ...r, top: r.top + Number(i), rows: 1 });
          },
          GetBoundingRect: (o, [other]) => {
            const a = rangeOf(o);
            const b = rangeOf(other as Obj);
            if (a.sheet !== b.sheet)
              throw new FakeOfficeError("InvalidArgument", "The ranges are on different sheets.");
            const top = Math.min(a.top, b.top);
            const left = Math.min(a.left, b.left);
            const bottom = Math.max(a.top + a.rows, b.top + b.rows);
            const right = Math.max(a.left + a.cols, b.left + b.cols);
            return range({ sheet: a.sheet, top, left, rows: bottom - top, cols: right - left });
          },
          GetSpecialCellsOrNullObject: (o, [cellType, cellValueType]) => {
            const r = rangeOf(o);
            const valueType =
              cellValueType === null || cellValueType === undefined ? undefined : String(cellValueType);
            const areas = specialCellAreas(r, String(cellType), valueType);
            return areas ? { type: "RangeAreas", sheet: r.sheet, a: { sheet: r.sheet, areas } } : null;
          },
          GetMergedAreasOrNullObject: (o) => {
            const r = rangeOf(o);
            const areas = r.sheet.merges.filter((m) => intersects(m, r));
            if (areas.length > excel.options.maxMergedAreas) throw tooManyMerges(areas.length);
            return areas.length ? { type: "RangeAreas", sheet: r.sheet, a: { sheet: r.sheet, areas } } : null;
          },
        },
        call: {
          _ValidateArraySize: (o, [rows, cols]) => {
            const r = rangeOf(o);
            if (Number(rows) !== r.rows || Number(cols) !== r.cols)
              throw new FakeOfficeError("InvalidArgument", `The array is not ${r.rows}×${r.cols}.`);
            return NONE;
          },
          Clear: (o) => {
            const r = rangeOf(o);
            guard(r.sheet);
            cellsOf(r, (row, col) => r.sheet.cells.delete(`${row},${col}`));
            const areas = areasOf(r).areas;
            r.sheet.conditionalFormats = r.sheet.conditionalFormats.filter((cf) => !cfTouches(cf, areas));
            return NONE;
          },
          Select: (o) => {
            const r = rangeOf(o);
            const first = `${columnLetters(r.left)}${r.top + 1}`;
            const last = `${columnLetters(r.left + r.cols - 1)}${r.top + r.rows}`;
            excel.active = { sheet: r.sheet.name, range: r.rows * r.cols > 1 ? `${first}:${last}` : first };
            return NONE;
          },
        },
      },
      RangeAreas: {
        get: { AreaCount: (o) => (o.a as AreasRef).areas.length },
        nav: {
          Areas: (o) => ({ type: "RangeCollection", a: o.a }),
          ConditionalFormats: (o) => ({ type: "ConditionalFormatCollection", a: o.a }),
        },
      },
      RangeCollection: {
        items: (o) => {
          const { sheet, areas } = o.a as AreasRef;
          return areas.map((m) =>
            range({
              sheet,
              top: m.top,
              left: m.left,
              rows: m.bottom - m.top + 1,
              cols: m.right - m.left + 1,
            }),
          );
        },
      },
      RangeFormat: {
        call: {
          AutofitRows: (o) => {
            const r = rangeOf(o);
            guard(r.sheet);
            r.sheet.autofitRows.push(`${r.top}:${r.top + r.rows - 1}`);
            return NONE;
          },
        },
        set: {
          ColumnWidth: (o, v) => {
            const r = rangeOf(o);
            guard(r.sheet);
            for (let c = r.left; c < r.left + r.cols; c++) r.sheet.columnWidths.set(c, Number(v));
          },
          WrapText: (o, v) => editCells(o, { wrap: Boolean(v) }),
          HorizontalAlignment: (o, v) => editCells(o, { horizontal: String(v) }),
        },
        nav: {
          Font: (o) => ({ type: "RangeFont", r: o.r }),
          Fill: (o) => ({ type: "RangeFill", r: o.r }),
          Borders: (o) => ({ type: "RangeBorderCollection", r: o.r }),
        },
      },
      RangeFont: {
        set: {
          Bold: (o, v) => editCells(o, { bold: Boolean(v) }),
          Italic: (o, v) => editCells(o, { italic: Boolean(v) }),
          Color: (o, v) => editCells(o, { fontColor: String(v) }),
          Name: (o, v) => editCells(o, { fontName: String(v) }),
          Size: (o, v) => editCells(o, { fontSize: Number(v) }),
        },
      },
      RangeFill: { set: { Color: (o, v) => editCells(o, { fill: String(v) }) } },
      RangeBorderCollection: {
        index: (o, edge) => ({ type: "RangeBorder", r: o.r, edge: String(edge) }),
        nav: { GetItem: (o, [edge]) => ({ type: "RangeBorder", r: o.r, edge: String(edge) }) },
      },
      RangeBorder: {
        set: {
          Style: (o, v) => {
            if (o.edge !== "EdgeBottom") throw notModelled(`RangeBorder ${o.edge}`);
            editCells(o, { borderBottom: String(v) });
          },
        },
      },
      ConditionalFormatCollection: {
        items: (o) => cfsOf(o).map((cf) => cfObj((o.a as AreasRef).sheet, cf)),
        index: (o, id) => {
          const cf = cfsOf(o).find((c) => c.id === id);
          if (!cf)
            throw new FakeOfficeError("ItemNotFound", `No conditional format has the id ${String(id)}.`);
          return cfObj((o.a as AreasRef).sheet, cf);
        },
        nav: {
          GetItemAt: (o, [i]) => {
            const cf = cfsOf(o)[Number(i)];
            if (!cf)
              throw new FakeOfficeError("ItemNotFound", `There is no conditional format at ${String(i)}.`);
            return cfObj((o.a as AreasRef).sheet, cf);
          },
          Add: (o, [type]) => {
            const { sheet, areas } = o.a as AreasRef;
            guard(sheet);
            const format = { type: String(type), range: areas[0], stopIfTrue: false };
            return cfObj(
              sheet,
              excel.addConditionalFormat(sheet, areas.length > 1 ? { ...format, areas } : format),
            );
          },
        },
        call: { GetCount: (o) => cfsOf(o).length },
      },
      ConditionalFormat: {
        get: {
          Type: (o) => liveCf(o).type,
          Id: (o) => liveCf(o).id,
          Priority: (o) => sheetOf(o).conditionalFormats.indexOf(liveCf(o)),
          StopIfTrue: (o) => liveCf(o).stopIfTrue,
        },
        set: { StopIfTrue: (o, v) => editCf(o, { stopIfTrue: Boolean(v) }) },
        nav: {
          Custom: (o) => {
            if (liveCf(o).type !== "Custom")
              throw new FakeOfficeError("InvalidOperation", "The conditional format is not a custom format.");
            return cfPart("CustomConditionalFormat")(o);
          },
          CustomOrNullObject: (o) =>
            liveCf(o).type === "Custom" ? cfPart("CustomConditionalFormat")(o) : null,
        },
        call: {
          Delete: (o) => {
            liveCf(o);
            const sheet = o.sheet as FakeSheet;
            guard(sheet);
            sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => x !== o.cf);
            return NONE;
          },
        },
      },
      CustomConditionalFormat: {
        nav: { Rule: cfPart("ConditionalFormatRule"), Format: cfPart("ConditionalRangeFormat") },
      },
      ConditionalFormatRule: {
        get: { Formula: (o) => liveCf(o).formula ?? null },
        set: { Formula: (o, v) => editCf(o, { formula: String(v) }) },
      },
      ConditionalRangeFormat: {
        nav: { Fill: cfPart("ConditionalRangeFill"), Font: cfPart("ConditionalRangeFont") },
      },
      ConditionalRangeFill: { set: { Color: (o, v) => editCf(o, { fill: String(v) }) } },
      ConditionalRangeFont: { set: { Color: (o, v) => editCf(o, { fontColor: String(v) }) } },
    };
  }
}

/** One request being run: the objects bound so far, by object path id. */
class RequestRun {
  private readonly bound = new Map<number, Obj | null>();
  private readonly kept = new Map<number, string>();

  constructor(
    private readonly server: RichApiWorkbook,
    private readonly body: RichApiRequestBody,
  ) {}

  /** Runs one action; its result, or NONE. */
  act(action: RichApiAction): unknown {
    const id = action.ObjectPathId;
    const args = this.args(action.ArgumentInfo);
    switch (action.ActionType) {
      case 1: {
        const obj = this.resolve(id);
        if (obj === null) return null;
        const ref = this.kept.get(id);
        return ref ? { _ReferenceId: ref } : {};
      }
      case 2: {
        const obj = this.resolve(id);
        return obj === null ? null : this.query(obj, action.QueryInfo?.Select ?? []);
      }
      case 3: {
        if (action.Name === "_KeepReference") {
          // Office.js keeps every range it makes; a null object has nothing to keep.
          const obj = this.resolve(id);
          if (obj) this.kept.set(id, this.server.keep(obj, this.expression(id)));
          return NONE;
        }
        const obj = this.need(id);
        const call = this.server.typeOf(obj).call?.[action.Name];
        if (!call) throw notModelled(`${obj.type}.${action.Name}()`);
        return call(obj, args);
      }
      case 4: {
        const obj = this.need(id);
        const set = this.server.typeOf(obj).set?.[action.Name];
        if (!set) throw notModelled(`setting ${obj.type}.${action.Name}`);
        set(obj, args[0]);
        return NONE;
      }
      case 5:
        return NONE;
      default:
        throw notModelled(`action type ${action.ActionType}`);
    }
  }

  /** A readable statement for `failWhen` and error locations, with the client's (camel-case) names. */
  statement(action: RichApiAction): string {
    const on = this.expression(action.ObjectPathId);
    const args = shortArgs(action.ArgumentInfo?.Arguments ?? []);
    switch (action.ActionType) {
      case 1:
        return on;
      case 2:
        return `${on}.load(${JSON.stringify((action.QueryInfo?.Select ?? []).join(","))})`;
      case 4:
        return `${on}.${camel(action.Name)} = ${args}`;
      default:
        return `${on}.${camel(action.Name)}(${args})`;
    }
  }

  /** The path to an object as code: `worksheets.getItem("KPIs").getRange()`. */
  expression(id: number): string {
    const p = this.body.ObjectPaths[id];
    if (!p) return `?${id}`;
    const parent = p.ParentObjectPathId === undefined ? "" : this.expression(p.ParentObjectPathId);
    const args = shortArgs((p.ArgumentInfo?.Arguments ?? []).filter((a) => a !== null));
    switch (p.ObjectPathType) {
      case 1:
        return "workbook";
      case 4:
        return parent === "workbook" ? camel(p.Name) : `${parent}.${camel(p.Name)}`;
      case 5:
        return `${parent}.getItem(${args})`;
      case 6:
        return this.server.reference(p.Name).expr;
      case 7:
        return "(null object)";
      default:
        return `${parent === "workbook" ? "" : `${parent}.`}${camel(p.Name)}(${args})`;
    }
  }

  private need(id: number): Obj {
    const obj = this.resolve(id);
    if (obj === null) throw new FakeOfficeError("ItemNotFound", `${this.expression(id)} is a null object.`);
    return obj;
  }

  /** Binds an object path (once per request), as Excel does at its Instantiate. */
  private resolve(id: number): Obj | null {
    if (this.bound.has(id)) return this.bound.get(id) as Obj | null;
    const p = this.body.ObjectPaths[id];
    if (!p) throw new FakeOfficeError("InvalidArgument", `The request has no object path ${id}.`);
    let obj: Obj | null;
    if (p.ObjectPathType === 1) obj = { type: "Workbook" };
    else if (p.ObjectPathType === 6) obj = this.server.reference(p.Name).obj;
    else if (p.ObjectPathType === 7) obj = null;
    else {
      const parent = this.resolve(p.ParentObjectPathId as number);
      if (parent === null) {
        if (!this.server.excel.options.propagateNullObjects)
          throw new FakeOfficeError("ItemNotFound", `${this.expression(id)} is on a null object.`);
        obj = null;
      } else obj = this.step(parent, p);
    }
    this.bound.set(id, obj);
    return obj;
  }

  /** Arguments with object paths (`ReferencedObjectPathIds`) replaced by their objects. */
  private args(info: RichApiObjectPath["ArgumentInfo"]): Args {
    const args = info?.Arguments ?? [];
    const refs = info?.ReferencedObjectPathIds;
    if (!refs) return args;
    return args.map((a, i) =>
      typeof refs[i] === "number" && refs[i] > 0 ? this.need(refs[i] as number) : a,
    );
  }

  private step(parent: Obj, p: RichApiObjectPath): Obj | null {
    const def = this.server.typeOf(parent);
    const args = this.args(p.ArgumentInfo);
    if (p.ObjectPathType === 5) {
      if (!def.index) throw notModelled(`${parent.type} indexer`);
      return def.index(parent, args[0]);
    }
    const nav = def.nav?.[p.Name];
    if (!nav) throw notModelled(`${parent.type}.${p.Name}`);
    this.server.requireSet(`${parent.type}.${p.Name}`);
    return nav(parent, args);
  }

  /** A Query's answer: the selected properties (Pascal case), nested objects and `_Items`. */
  private query(obj: Obj, select: string[]): unknown {
    const def = this.server.typeOf(obj);
    // "items" and "*" (all scalars) select nothing by name.
    const paths = select
      .map((s) => s.split("/").filter((x) => x && x !== "items" && x !== "*"))
      .filter((s) => s.length);
    if (def.items)
      return {
        _Items: def.items(obj).map((item) =>
          this.query(
            item,
            paths.map((s) => s.join("/")),
          ),
        ),
      };
    if (!paths.length) {
      const out: Record<string, unknown> = {};
      for (const [name, get] of Object.entries(def.get ?? {})) out[name] = get(obj);
      return out;
    }
    const out: Record<string, unknown> = {};
    const nested = new Map<string, string[]>();
    for (const [head, ...rest] of paths) {
      const name = pascal(head);
      const get = def.get?.[name];
      if (get && !rest.length) out[name] = get(obj);
      else if (def.nav?.[name]) nested.set(name, [...(nested.get(name) ?? []), rest.join("/")]);
      else
        throw new FakeOfficeError("InvalidArgument", `The property '${head}' does not exist on ${obj.type}.`);
    }
    for (const [name, rests] of nested) {
      const child = (def.nav?.[name] as (o: Obj, a: Args) => Obj | null)(obj, []);
      out[name] = child === null ? null : this.query(child, rests.filter(Boolean));
    }
    return out;
  }
}

function notModelled(what: string): FakeOfficeError {
  return new FakeOfficeError("HarnessNotModelled", `The Office.js harness does not model ${what}.`);
}

/** Excel's `Range.address`: `Sheet1!B4:H30`, the sheet quoted when needed. */
function addressOf(r: RangeRef): string {
  const first = `${columnLetters(r.left)}${r.top + 1}`;
  const last = `${columnLetters(r.left + r.cols - 1)}${r.top + r.rows}`;
  return `${sheetInAddress(r.sheet.name)}!${first}${r.rows * r.cols > 1 ? `:${last}` : ""}`;
}

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** Arguments as code, long values cut short. */
function shortArgs(args: unknown[]): string {
  return args
    .map((a) => {
      const text = JSON.stringify(a) ?? "undefined";
      return text.length > 120 ? `${text.slice(0, 117)}...` : text;
    })
    .join(", ");
}
