import { buildCommentarySheet } from "./buildCommentarySheet";
import { buildNarrativeSheet } from "./buildNarrativeSheet";
import { buildRagRules } from "./buildRagRules";
import { buildSummarySheet } from "./buildSummarySheet";
import type { FinanceTable } from "../finance/FinanceTable";
import type { SheetGrid, WorkbookGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import type { KpiTable } from "../kpi/KpiTable";
import { locateStore, type StoreLocation } from "./locateStore";
import { resolveSheetNames } from "./resolveSheetNames";
import type { ScoreResult } from "../ScoreResult";
import type { Settings } from "../Settings";
import { STORE_SHEET, type StoreState } from "./StoreState";
import type { OwnedSheetRole, WritePlan } from "./WritePlan";
import { writeStoreRows } from "./writeStoreRows";

/** Version of the store layout we write. */
export const STORE_VERSION = 1;

/** Everything the write plan is built from. */
export interface WritePlanInput {
  result: ScoreResult;
  kpiTables: KpiTable[];
  financeTables: FinanceTable[];
  /** The whole workbook as read, including our own sheets from last time (for commentary). */
  workbook: WorkbookGrid;
  settings: Settings;
  state: StoreState;
  /** Settings to save in the store; default `settings` (those in force, the period left out). */
  savedSettings?: Partial<Settings>;
}

/**
 * Builds the write plan: our summary, commentary and narrative sheets (carrying officer
 * commentary over), RAG conditional formatting on the user's cells, and the store.
 * - All three sheets are written on every run (a sheet with nothing to show says so), so the
 *   set of sheets is stable; a sheet we owned under another name (settings renamed, or a suffix
 *   no longer needed) is deleted after its commentary has been carried into the new one.
 * - A user's sheet is never overwritten: ours get a suffixed name and a "sheet-name-taken" warning.
 *   The store is found by its content (`locateStore`); when an officer's sheet is called
 *   "QScorecard_Store", the store goes to "QScorecard_Store (2)" (`plan.store.sheetName`), with a
 *   "store-name-taken" warning, and `deleteSheets` never names a sheet of the officer's.
 * - Defined names: the hosts add only the print area and print titles of our own sheets
 *   (`_xlnm.Print_Area`, `_xlnm.Print_Titles`, scoped to those sheets), never a workbook-scoped
 *   name, so no name of ours can take one of the officer's (test/xlsx/ourNames.test.ts checks it).
 * - Building a plan from a workbook that already holds our sheets and store gives the same plan.
 *
 * @example
 * const { plan, issues } = buildWritePlan({ result, kpiTables, financeTables, workbook, settings, state });
 */
export function buildWritePlan(input: WritePlanInput): { plan: WritePlan; issues: Issue[] } {
  const { result, workbook, settings, state } = input;
  const issues: Issue[] = [];
  const byName = new Map(workbook.sheets.map((s) => [s.name.toLowerCase(), s] as [string, SheetGrid]));
  const oldSheet = (role: OwnedSheetRole): SheetGrid | undefined => {
    const owned = state.owned.find((o) => o.role === role);
    return owned ? byName.get(owned.name.toLowerCase()) : undefined;
  };

  const storeAt = locateStore(workbook);
  const storeTaken = storeNameTaken(storeAt);
  if (storeTaken) issues.push(storeTaken);
  const named = resolveSheetNames(settings.sheetNames, workbook, state, storeAt.name);
  issues.push(...named.issues);
  const { names } = named;

  const commentary = buildCommentarySheet({
    name: names.commentary,
    period: result.period,
    kpis: result.kpis,
    old: oldSheet("commentary"),
    lastPeriod: state.lastPeriod,
    sheets: workbook.sheets,
  });
  const narrative = buildNarrativeSheet({
    name: names.narrative,
    period: result.period,
    variances: result.variances,
    headlines: result.financeHeadlines,
    hasFinanceTables: input.financeTables.length > 0,
    settings,
    old: oldSheet("narrative"),
    lastPeriod: state.lastPeriod,
  });
  // Loops, not push(...): a spread of one issue a row fails past ~120,000 arguments.
  for (const i of [commentary.issues, narrative.issues].flat()) issues.push(i);
  const { sheet: summary, charts } = buildSummarySheet({
    name: names.summary,
    result,
    settings,
    commentaryName: names.commentary,
    narrativeName: names.narrative,
  });

  const rag = buildRagRules(result.kpis, workbook);
  for (const i of rag.issues) issues.push(i);

  const ourNames = new Set(
    [storeAt.name, ...state.owned.map((o) => o.name), ...Object.values(names)].map((n) => n.toLowerCase()),
  );
  const userSheets = workbook.sheets.filter((s) => !ourNames.has(s.name.toLowerCase()) && !s.protected);
  const cfSheets = unique([
    ...state.cf.map((c) => c.sheet),
    ...input.kpiTables.map((t) => t.sheet),
    ...rag.conditionalFormats.map((c) => c.sheet),
  ]).filter((name) => userSheets.some((s) => s.name === name));

  // Never delete the store, or a sheet of the officer's named like it (a damaged record may list it).
  const written = new Set(
    [...Object.values(names), storeAt.name, ...storeAt.officers].map((n) => n.toLowerCase()),
  );
  const deleteSheets = unique(
    state.owned
      .filter((o) => !written.has(o.name.toLowerCase()) && byName.has(o.name.toLowerCase()))
      .map((o) => byName.get(o.name.toLowerCase())!.name),
  );

  const { period: _period, ...kept } = input.savedSettings ?? settings;
  void _period; // the period is chosen per run, not saved
  const store: StoreState = {
    version: STORE_VERSION,
    owned: (["summary", "commentary", "narrative"] as const).map((role) => ({ role, name: names[role] })),
    settings: kept,
    lastPeriod: result.period,
    cf: rag.conditionalFormats.map((c) => ({ sheet: c.sheet, range: c.range })),
  };

  return {
    plan: {
      sheets: [summary, commentary.sheet, narrative.sheet],
      cfSheets,
      conditionalFormats: rag.conditionalFormats,
      store: { sheetName: storeAt.name, rows: writeStoreRows(store) },
      deleteSheets,
      charts,
    },
    issues,
  };
}

/** The warning when an officer's sheet holds the store's own name and ours went elsewhere. */
function storeNameTaken(at: StoreLocation): Issue | undefined {
  const plain = STORE_SHEET.toLowerCase();
  const theirs = at.officers.find((n) => n.toLowerCase() === plain);
  if (!theirs || at.name.toLowerCase() === plain) return undefined;
  return issue(
    "warning",
    "store-name-taken",
    theirs,
    "A1",
    `A sheet of yours is already called "${theirs}", the name of the scorecard's hidden store (its saved settings and the record of its sheets), so your sheet was left as it is and the store was written to "${at.name}".`,
  );
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
