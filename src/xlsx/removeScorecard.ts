import { locateStore } from "../engine/writeplan/locateStore";
import { readStore } from "../engine/writeplan/readStore";
import type { WritePlan } from "../engine/writeplan/WritePlan";
import type { RemoveReport } from "../taskpane/ScorecardHost";
import { applyWritePlanToPackage } from "./applyWritePlanToPackage";
import type { PackageLimits } from "./inspectPackage";
import { openCheckedPackage } from "./read/openCheckedPackage";
import type { ZipCodec } from "./ZipCodec";

/** Options of `removeScorecard`. */
export interface RemoveXlsxOptions {
  /** Go on although something an officer added to one of our sheets (a picture, a note) goes with it. */
  force?: boolean;
  /** Size limits passed to `inspectPackage` (its defaults otherwise). */
  limits?: Partial<PackageLimits>;
  /** Zip compression: fflate by default (browser and Node); the CLI may pass Node's zlib. */
  codec?: ZipCodec;
}

/**
 * "Remove scorecard" for an .xlsx held in memory (the CLI's `scorecard remove` and the browser
 * preview): takes our conditional-format rules (formula holding `N("qscorecard")`) off every
 * sheet, and deletes our sheets (those the store names, with their charts) and the very hidden
 * store, found by its content (an officer's sheet called "QScorecard_Store" stays). It edits the
 * package in place as scoring does (`applyWritePlanToPackage`): every part it does not change
 * keeps its bytes, so charts, pivots, macros and everything else of the officer's come across.
 * A store that cannot be read is kept, with our sheets, and `notRemoved` says why (it is the only
 * record of which sheets are ours). Something an officer added to one of our sheets is refused
 * (`XlsxInputError`, "unsupported-parts") unless `force`.
 *
 * @example
 * const { output, report } = await removeScorecard(bytes);
 * report; // { sheets: ["Scorecard Summary", "KPI Commentary"], rules: 8, store: true, notRemoved: [] }
 */
export async function removeScorecard(
  input: Uint8Array,
  options: RemoveXlsxOptions = {},
): Promise<{ output: Uint8Array; report: RemoveReport }> {
  const { pkg, grid } = await openCheckedPackage(input, options);

  // The store is ours by its content: an officer's sheet called "QScorecard_Store" stays.
  const at = locateStore(grid);
  const { state, issues } = readStore(grid);
  const theirs = new Set(at.officers.map(key));
  const readable = Boolean(at.sheet) && issues.length === 0;
  const owned = new Set(readable ? state.owned.map((o) => key(o.name)).filter((n) => !theirs.has(n)) : []);
  const ourSheets = grid.sheets.filter((s) => owned.has(key(s.name)) && s !== at.sheet).map((s) => s.name);
  const userSheets = grid.sheets.filter((s) => s !== at.sheet && !owned.has(key(s.name))).map((s) => s.name);

  const plan: WritePlan = {
    sheets: [],
    cfSheets: userSheets,
    conditionalFormats: [],
    store: { sheetName: "", rows: [] },
    deleteSheets: readable && at.sheet ? [...ourSheets, at.sheet.name] : [],
    charts: [],
  };
  const { removedRules } = applyWritePlanToPackage(pkg, plan, { force: options.force });
  const report: RemoveReport = {
    sheets: plan.deleteSheets.filter((n) => n !== at.sheet?.name),
    rules: removedRules,
    store: readable,
    notRemoved: [],
  };
  if (at.sheet && !readable)
    report.notRemoved.push(
      `our sheets and the hidden store (the store could not be read, so which sheets are ours is not known: ${issues[0].message})`,
    );
  return { output: pkg.toBytes(), report };
}

/** Sheet names match without regard to case, as in Excel. */
function key(name: string): string {
  return name.toLowerCase();
}
