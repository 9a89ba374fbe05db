import { analyseVariances } from "./finance/analyseVariances";
import { gridText } from "./cells/gridText";
import { strayCellIssues } from "./cells/strayCellIssues";
import { describeTables } from "./inspect/describeTables";
import { buildWritePlan } from "./writeplan/buildWritePlan";
import { countStatuses } from "./kpi/countStatuses";
import { EngineError } from "./EngineError";
import type { FinanceTable } from "./finance/FinanceTable";
import { findFinanceTables } from "./finance/findFinanceTables";
import { findKpiTables } from "./kpi/findKpiTables";
import type { SheetGrid, WorkbookGrid } from "./Grid";
import type { Issue } from "./Issue";
import type { KpiTable } from "./kpi/KpiTable";
import { readStore } from "./writeplan/readStore";
import type { ScoreResult } from "./ScoreResult";
import { scoreKpis } from "./kpi/scoreKpis";
import { DEFAULT_SETTINGS, type Settings, type TableMapping } from "./Settings";
import { locateStore } from "./writeplan/locateStore";
import type { WritePlan } from "./writeplan/WritePlan";

/** What one scoring run produces: the result, the tables found, and the write plan. */
export interface ScoreOutcome {
  result: ScoreResult;
  plan: WritePlan;
  kpiTables: KpiTable[];
  financeTables: FinanceTable[];
  /** Settings actually used: defaults, then the workbook's saved settings, then the caller's. */
  settings: Settings;
  /** The settings saved in the workbook's store before this run (empty when none or unreadable). */
  savedSettings?: Partial<Settings>;
}

/** How a run treats the caller's overrides. */
export interface ScoreOptions {
  /**
   * Save the overrides in the workbook's store for later runs (default true: the task pane's
   * choices are kept). False for one-off options such as the CLI's `--threshold`: the store keeps
   * the settings it had.
   */
  saveOverrides?: boolean;
}

/**
 * Scores a whole workbook: finds KPI and finance tables on the user's sheets (ours and the
 * store, found by its content, are skipped), scores the period, analyses variances and builds
 * the write plan.
 * Data problems come back in `result.issues`; only a malformed grid throws (`EngineError`).
 * The overrides are saved in the store unless `options.saveOverrides` is false.
 *
 * @example
 * const { result, plan } = scoreWorkbook(grid, { threshold: 250_000 }); // saved for later runs
 * scoreWorkbook(grid, { threshold: 250_000 }, { saveOverrides: false }); // this run only
 */
export function scoreWorkbook(
  workbook: WorkbookGrid,
  overrides: Partial<Settings> = {},
  options: ScoreOptions = {},
): ScoreOutcome {
  validateWorkbook(workbook);
  const { state, issues: storeIssues } = readStore(workbook);
  const settings = mergeSettings(state.settings, overrides);
  // Our store is known by its content: an officer's sheet called "QScorecard_Store" is theirs.
  const ours = new Set([locateStore(workbook).name, ...state.owned.map((o) => o.name)].map(lower));
  const userSheets = workbook.sheets.filter((s) => !ours.has(lower(s.name)));

  const issues: Issue[] = [...storeIssues];
  const kpiTables: KpiTable[] = [];
  const financeTables: FinanceTable[] = [];
  // Kind is detected, not chosen: an old "finance" mapping must not make a KPI table vanish.
  const kpiSettings = { ...settings, tables: settings.tables.filter((m) => m.kind !== "finance") };
  for (const sheet of userSheets) {
    issues.push(...strayCellIssues(sheet));
    const fin = findFinanceTables(sheet, settings);
    const keptFin = fin.tables.filter((t) => !isIgnored(t, settings.tables));
    const droppedFin = fin.tables.filter((t) => !keptFin.includes(t));
    financeTables.push(...keptFin);
    issues.push(...fin.issues.filter((i) => !droppedFin.some((t) => holdsIssue(t, i))));
    const kpi = findKpiTables(sheet, kpiSettings);
    // An ignored finance table still hides the KPI-looking rows inside it.
    kpiTables.push(
      ...kpi.tables.filter(
        (t) => !overlapsAny(t, [...fin.tables, ...fin.ignored]) && !isIgnored(t, settings.tables),
      ),
    );
    for (const i of kpi.issues) issues.push(i);
  }

  const scored = scoreKpis(kpiTables, settings, userSheets);
  // Loops, not push(...): one issue a measure can pass the ~120,000 arguments a call may take.
  for (const i of scored.issues) issues.push(i);
  const counts = countStatuses(scored.kpis);
  const sheetsByName = new Map(userSheets.map((s) => [s.name, s] as [string, SheetGrid]));
  const fin = analyseVariances(financeTables, sheetsByName, settings);
  for (const i of fin.issues) issues.push(i);

  const result: ScoreResult = {
    period: scored.period,
    kpis: scored.kpis,
    counts: [...counts.groups, counts.total],
    variances: fin.variances,
    warnings: [],
    issues,
    serviceAreaCounts: counts.serviceAreas,
    financeHeadlines: fin.headlines,
    summaryLines: counts.summaryLines,
    tables: describeTables(kpiTables, financeTables, (name) => {
      const sheet = sheetsByName.get(name);
      return (r, c) => (sheet ? gridText(sheet, r, c).replace(/\s+/g, " ").trim() : "");
    }),
    skipped: scored.skipped,
  };
  const built = buildWritePlan({
    result,
    kpiTables,
    financeTables,
    workbook,
    settings,
    state,
    ...(options.saveOverrides === false ? { savedSettings: state.settings } : {}),
  });
  for (const i of built.issues) result.issues.push(i);
  result.warnings = result.issues
    .filter((i) => i.severity !== "info")
    .map((i) => ({ sheet: i.sheet, cell: i.cell, message: i.message }));
  return { result, plan: built.plan, kpiTables, financeTables, settings, savedSettings: state.settings };
}

/**
 * Defaults, then saved settings, then the caller's overrides (nested objects merged one level).
 * @example mergeSettings({ threshold: 250000 }, { moneyStyle: "long" }).threshold === 250000
 */
export function mergeSettings(saved: Partial<Settings>, overrides: Partial<Settings>): Settings {
  const defined = <T extends object>(o: T): Partial<T> =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const s = defined(saved);
  const o = defined(overrides);
  return {
    ...DEFAULT_SETTINGS,
    ...s,
    ...o,
    sheetNames: { ...DEFAULT_SETTINGS.sheetNames, ...s.sheetNames, ...o.sheetNames },
    polarityOverrides: {
      ...DEFAULT_SETTINGS.polarityOverrides,
      ...s.polarityOverrides,
      ...o.polarityOverrides,
    },
    tables: o.tables ?? s.tables ?? DEFAULT_SETTINGS.tables,
  };
}

/**
 * The 1-based header row by which `settings.tables` names a table: its last header row (the label
 * row under a band row), as the task pane saves it.
 * @example tableHeaderRow({ headerRows: [2, 3], top: 2 }) === 4
 */
export function tableHeaderRow(t: { headerRows: number[]; top: number }): number {
  return (t.headerRows.length ? Math.max(...t.headerRows) : t.top) + 1;
}

/** True when an "ignore" mapping names the table (KPI or finance) by sheet and header row. */
function isIgnored(t: KpiTable | FinanceTable, mappings: TableMapping[]): boolean {
  const row = tableHeaderRow(t);
  return mappings.some((m) => m.kind === "ignore" && m.sheet === t.sheet && m.headerRow === row);
}

/** True when the issue's cell lies in the table's rows. */
function holdsIssue(t: FinanceTable, issue: Issue): boolean {
  const row = Number(/(\d+)$/.exec(issue.cell ?? "")?.[1] ?? NaN) - 1;
  return issue.sheet === t.sheet && row >= t.top && row <= t.bottom;
}

function overlapsAny(t: KpiTable, fins: FinanceTable[]): boolean {
  return fins.some((f) => f.sheet === t.sheet && f.top <= t.bottom && t.top <= f.bottom);
}

/** Excel compares sheet names without regard to case. */
function lower(name: string): string {
  return name.toLowerCase();
}

function validateWorkbook(workbook: WorkbookGrid): void {
  if (!workbook || !Array.isArray(workbook.sheets))
    throw new EngineError("bad-grid", "workbook.sheets must be an array");
  for (const s of workbook.sheets) {
    if (typeof s.name !== "string") throw new EngineError("bad-grid", "every sheet needs a name");
    if (!Array.isArray(s.values) || !Array.isArray(s.formats) || s.values.length !== s.formats.length) {
      throw new EngineError(
        "bad-grid",
        `sheet "${s.name}": values and formats must be arrays of the same length`,
      );
    }
    const width = s.values[0]?.length ?? 0;
    s.values.forEach((row, r) => {
      if (row.length !== width || s.formats[r].length !== width) {
        throw new EngineError(
          "bad-grid",
          `sheet "${s.name}": row ${r} is not ${width} cells wide in values and formats`,
        );
      }
    });
  }
}
