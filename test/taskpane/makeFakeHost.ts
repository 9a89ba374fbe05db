import type { FinanceTable } from "../../src/engine/finance/FinanceTable";
import type { KpiResult, StatusCounts } from "../../src/engine/kpi/KpiResult";
import type { KpiTable } from "../../src/engine/kpi/KpiTable";
import type { ScoreResult } from "../../src/engine/ScoreResult";
import { mergeSettings } from "../../src/engine/scoreWorkbook";
import type { Settings } from "../../src/engine/Settings";
import type { VarianceResult } from "../../src/engine/finance/VarianceResult";
import type {
  HeaderCell,
  InspectResult,
  RemoveReport,
  RunReport,
  ScorecardHost,
  SelectedRange,
} from "../../src/taskpane/ScorecardHost";

/** A promise with its resolve/reject exposed, so a test decides when a host call ends. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** Makes a `Deferred`. */
export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Status counts for one group, with the sentence worded like the engine's. */
export function counts(
  group: string,
  better: number,
  within: number,
  outside: number,
  noData: number,
  dimension: StatusCounts["dimension"] = "group",
): StatusCounts {
  const reported = better + within + outside;
  return {
    group,
    better,
    within,
    outside,
    noData,
    noTarget: 0,
    targetTbc: 0,
    notDue: 0,
    dimension,
    reported,
    pctBetter: reported ? better / reported : null,
    pctWithin: reported ? within / reported : null,
    pctOutside: reported ? outside / reported : null,
    sentence: `${better + within} of the ${reported} reported are within or better than target`,
  };
}

/** One scored KPI on sheet "KPIs". */
export function kpi(
  measure: string,
  row: number,
  polaritySource: KpiResult["polaritySource"],
  group = "Contract",
): KpiResult {
  return {
    sheet: "KPIs",
    row,
    measure,
    group,
    serviceArea: "Children",
    polarity: "higher",
    polaritySource,
    target: 0.8,
    tolerance: 0.75,
    actual: 0.82,
    status: "better",
    trend: null,
    changeVsPrevious: null,
    changeVsYearAgo: null,
    period: "Q4",
    unit: { kind: "percent" },
    actualCell: `E${row}`,
    previous: null,
    yearAgo: null,
    recent: [],
    tableId: "KPIs!1",
    contract: group === "Contract",
  };
}

/** A flagged (or not) variance on sheet "Finance". */
export function variance(name: string, amount: number, overThreshold: boolean): VarianceResult {
  return {
    sheet: "Finance",
    row: 5,
    name,
    budget: 1_000_000,
    forecast: 1_000_000 - amount,
    variance: amount,
    direction: amount > 0 ? "underspend" : amount < 0 ? "overspend" : "on budget",
    overThreshold,
    isTotal: false,
    movement: null,
    volumeEffect: null,
    priceEffect: null,
    narrative: `${name} is forecast to ${amount < 0 ? "overspend" : "underspend"} by £${Math.abs(amount / 1000)}k.`,
    variancePct: null,
    covid: null,
    tableId: "Finance!2",
    cell: "D5",
  };
}

/** A result with two groups, a total, one flagged variance and two warnings. */
export function sampleResult(): ScoreResult {
  return {
    period: "Q4 2019/20",
    kpis: [
      kpi("% assessments in 45 days", 3, "column"),
      kpi("Referrals", 4, "assumed", "Other"),
      kpi("Re-referrals", 5, "assumed", "Other"),
    ],
    counts: [
      counts("Contract", 4, 3, 2, 2),
      counts("Other", 1, 0, 1, 0),
      counts("Total", 5, 3, 3, 2, "total"),
    ],
    variances: [variance("Children's social care", -1_200_000, true), variance("Libraries", 20_000, false)],
    warnings: [
      { sheet: "KPIs", cell: "D7", message: 'Could not read "tbc" as a number.' },
      { sheet: "Finance", cell: "B9", message: "Lines do not add up to the total." },
    ],
    issues: [],
    serviceAreaCounts: [],
    financeHeadlines: [],
    summaryLines: ["Contract measures: 4 better than target, 3 within tolerance, 2 outside, 2 no data"],
    tables: [],
    skipped: [],
  };
}

/** A KPI table on "KPIs" with a header on row 2 (1-based) and period columns Q3, Q4. */
export function kpiTable(): KpiTable {
  return {
    kind: "kpi",
    id: "KPIs!2",
    sheet: "KPIs",
    title: "Contract Key Performance Indicators",
    headerRows: [1],
    columns: {
      measure: 0,
      target: 1,
      periods: [
        { col: 4, period: { kind: "quarter", fy: 2019, quarter: 3, label: "Q3 2019/20" } },
        { col: 5, period: { kind: "quarter", fy: 2019, quarter: 4, label: "Q4 2019/20" } },
      ],
    },
    rows: [
      {
        row: 2,
        measure: "A",
        group: "Contract",
        serviceArea: "",
        polarity: "higher",
        polaritySource: "column",
        contract: true,
      },
      {
        row: 3,
        measure: "B",
        group: "Other",
        serviceArea: "",
        polarity: "higher",
        polaritySource: "assumed",
        contract: false,
      },
    ],
    top: 0,
    bottom: 3,
    rule: { kind: "tolerance", source: "columns", words: "amber between the target and the tolerance" },
  };
}

/** A finance table on "Finance" with a header on row 4 (1-based). */
export function financeTable(): FinanceTable {
  return {
    kind: "finance",
    id: "Finance!4",
    sheet: "Finance",
    title: "Revenue budget monitoring",
    headerRows: [3],
    columns: { name: 0, budget: { net: 1 }, forecast: { net: 2 }, variance: { net: 3 } },
    scale: 1000,
    lines: [{ row: 4, name: "Children's social care", heading: "People", isTotal: false, isIncome: false }],
    invertedSign: false,
    top: 3,
    bottom: 6,
    careLadder: false,
  };
}

/**
 * Header cells of the two sample tables, as a host reads them: the KPI table has a Tolerance
 * column (C) and a Notes column (D) that detection gave no role.
 * @example sampleHeaders()["KPIs!2"][2] // { col: 2, text: "Tolerance" }
 */
export function sampleHeaders(): Record<string, HeaderCell[]> {
  return {
    "KPIs!2": [
      { col: 0, text: "Measure" },
      { col: 1, text: "Target" },
      { col: 2, text: "Tolerance" },
      { col: 3, text: "Notes" },
      { col: 4, text: "Q3 2019/20" },
      { col: 5, text: "Q4 2019/20" },
    ],
    "Finance!4": [
      { col: 0, text: "Service" },
      { col: 1, text: "Budget £000" },
      { col: 2, text: "Forecast £000" },
      { col: 3, text: "Variance £000" },
    ],
  };
}

/** What `makeFakeHost` records, and the knobs a test turns. */
export interface FakeHost extends ScorecardHost {
  scoreCalls: (Partial<Settings> | undefined)[];
  inspectCalls: (Partial<Settings> | undefined)[];
  selected: [string, string][];
  /** What each `getSelection` call was given (the typed range, or undefined). */
  selectionCalls: (string | undefined)[];
  /** Settings saved in the "workbook" by runs: read back by the next inspect, as the real hosts do. */
  saved: Partial<Settings>;
  /** The pending score call's control, and its progress callback. */
  pendingScore: Deferred<RunReport> | null;
  progress: ((stage: "reading" | "scoring" | "writing" | "done") => void) | null;
  /** How many times "Remove scorecard" ran. */
  removeCalls: number;
}

/**
 * Knobs of `makeFakeHost`.
 * @example makeFakeHost({ kind: "excel", selection: { sheet: "Data", address: "B4:H30" } })
 */
export interface FakeHostOptions {
  /** Score resolves at once (else the test resolves `pendingScore`). */
  scoreNow?: boolean;
  inspectError?: string;
  /** Settings already saved in the workbook. */
  settings?: Partial<Settings>;
  /** "excel" to stand for the Office.js host (default "preview"). */
  kind?: ScorecardHost["kind"];
  /** What `getSelection` gives: a range, a note, or a function of the typed text. */
  selection?: SelectedRange | string | ((typed?: string) => SelectedRange | string);
  /** Header cells (default `sampleHeaders()`); null: the host gives none. */
  headers?: Record<string, HeaderCell[]> | null;
  /** What "Remove scorecard" gives (default: two sheets, 8 rules and the store removed), or an error to throw. */
  remove?: RemoveReport | Error;
}

/**
 * A fake `ScorecardHost`: inspect resolves with one KPI and one finance table and the settings
 * saved plus the overrides (as the real hosts merge them); score saves its overrides (the store)
 * and waits for the test to resolve `pendingScore` (or resolves at once when `scoreNow` is set).
 */
export function makeFakeHost(opts: FakeHostOptions = {}): FakeHost {
  const host: FakeHost = {
    kind: opts.kind ?? "preview",
    scoreCalls: [],
    inspectCalls: [],
    selected: [],
    selectionCalls: [],
    saved: { ...opts.settings },
    pendingScore: null,
    progress: null,
    removeCalls: 0,
    async inspect(overrides) {
      host.inspectCalls.push(overrides);
      if (opts.inspectError) throw new Error(opts.inspectError);
      const data: InspectResult = {
        kpiTables: [kpiTable()],
        financeTables: [financeTable()],
        periods: ["Q4 2019/20", "Q3 2019/20"],
        settings: mergeSettings(host.saved, overrides ?? {}),
        preview: sampleResult(),
        ...(opts.headers === null ? {} : { headers: opts.headers ?? sampleHeaders() }),
      };
      return data;
    },
    score(overrides, onProgress) {
      host.scoreCalls.push(overrides);
      host.saved = { ...host.saved, ...overrides };
      host.progress = onProgress ?? null;
      const report: RunReport = {
        result: sampleResult(),
        written: { sheets: ["Scorecard Summary"], cfRanges: 2, notWritten: [] },
      };
      if (opts.scoreNow) return Promise.resolve(report);
      host.pendingScore = deferred<RunReport>();
      return host.pendingScore.promise;
    },
    async saveSettings() {},
    async selectCell(sheet, cell) {
      host.selected.push([sheet, cell]);
    },
    async getSelection(typed) {
      host.selectionCalls.push(typed);
      const s = opts.selection ?? "No selection.";
      return typeof s === "function" ? s(typed) : s;
    },
    async removeScorecard() {
      host.removeCalls++;
      if (opts.remove instanceof Error) throw opts.remove;
      return (
        opts.remove ?? {
          sheets: ["Scorecard Summary", "KPI Commentary"],
          rules: 8,
          store: true,
          notRemoved: [],
        }
      );
    },
  };
  return host;
}
