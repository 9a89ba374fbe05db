import ExcelJS from "exceljs";
import type { WorkbookGrid } from "../engine/Grid";
import { readStore } from "../engine/writeplan/readStore";
import { STORE_SHEET } from "../engine/writeplan/StoreState";
import { CF_MARKER } from "../engine/writeplan/WritePlan";
import type { RemoveReport } from "../taskpane/ScorecardHost";
import { inspectPackage, type PackageLimits } from "./inspectPackage";
import { readWorkbookGrid } from "./readWorkbookGrid";
import { readZipEntries } from "./readZipEntries";
import { XlsxInputError } from "./XlsxInputError";

/** Options of `removeScorecard`. */
export interface RemoveXlsxOptions {
  /** Go on although ExcelJS would drop parts of the file (charts, pivot tables, macros...). */
  force?: boolean;
  /** Size limits passed to `inspectPackage` (its defaults otherwise). */
  limits?: Partial<PackageLimits>;
}

/**
 * Parts ExcelJS does not carry from a file it loads to the file it writes. (Pictures come across,
 * but the drawing part that holds them also holds shapes and text boxes, which do not.)
 */
const DROPPED: { re: RegExp; what: string }[] = [
  { re: /^xl\/(charts|chartsheets)\//, what: "chart part" },
  { re: /^xl\/(pivottables|pivotcache)\//, what: "pivot table part" },
  { re: /^xl\/drawings\/drawing\d+\.xml$/, what: "drawing (shapes, text boxes, charts)" },
  { re: /^customxml\//, what: "custom XML part" },
  { re: /^xl\/vbaproject(signature)?\.bin$/, what: "macro project" },
  { re: /^xl\/(slicers|slicercaches|timelines|timelinecaches)\//, what: "slicer or timeline" },
  { re: /^xl\/externallinks\//, what: "external link" },
  { re: /^xl\/(embeddings|activex|ctrlprops)\//, what: "embedded object or control" },
  { re: /^xl\/threadedcomments\//, what: "threaded comment" },
];

/**
 * "Remove scorecard" for an .xlsx held in memory (the CLI's `scorecard remove` and the browser
 * preview): takes our conditional-format rules (formula holding `N("qscorecard")`) off every
 * sheet, and deletes our sheets (those the store names) and the very hidden store. The officer's
 * cells and rules are not changed. A store that cannot be read is kept, with our sheets, and
 * `notRemoved` says why (it is the only record of which sheets are ours).
 *
 * For now this works through ExcelJS, which writes the whole workbook anew and drops what it does
 * not know (charts, pivot tables, macros...): such a file is refused with an `XlsxInputError`
 * ("unsupported-parts") unless `force`. When `XlsxPackage` (the in-place package editor that
 * scoring uses) can delete sheets and rules, this should move onto it and the refusal go.
 *
 * @example
 * const { output, report } = await removeScorecard(bytes);
 * report; // { sheets: ["Scorecard Summary", "KPI Commentary"], rules: 8, store: true, notRemoved: [] }
 */
export async function removeScorecard(
  input: Uint8Array,
  options: RemoveXlsxOptions = {},
): Promise<{ output: Uint8Array; report: RemoveReport }> {
  const checked = await inspectPackage(input, options.limits);
  if (checked.problems.length > 0)
    throw new XlsxInputError(checked.problems[0].code, checked.problems.map((p) => p.message).join("; "));
  if (!options.force) refuseLossyParts(input);

  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS's types ask for a Node Buffer; JSZip (underneath) takes any Uint8Array.
    await workbook.xlsx.load(input as unknown as ArrayBuffer);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new XlsxInputError("unreadable", `not a readable .xlsx: ${message.replace(/\s+/g, " ").trim()}`);
  }

  const grid: WorkbookGrid = readWorkbookGrid(workbook);
  const { state, issues } = readStore({ sheets: grid.sheets.filter((s) => s.name === STORE_SHEET) });
  const store = workbook.worksheets.find((ws) => key(ws.name) === key(STORE_SHEET));
  const owned = new Set(store && !issues.length ? state.owned.map((o) => key(o.name)) : []);
  const report: RemoveReport = { sheets: [], rules: 0, store: false, notRemoved: [] };

  const active = activeSheet(workbook);
  for (const ws of workbook.worksheets) {
    if (ws === store || owned.has(key(ws.name))) continue;
    report.rules += removeOurRules(ws);
  }
  for (const ws of [...workbook.worksheets]) {
    if (!owned.has(key(ws.name)) || ws === store) continue;
    workbook.removeWorksheet(ws.id);
    report.sheets.push(ws.name);
  }
  if (store && issues.length)
    report.notRemoved.push(
      `our sheets and the hidden store (the store could not be read, so which sheets are ours is not known: ${issues[0].message})`,
    );
  else if (store) {
    workbook.removeWorksheet(store.id);
    report.store = true;
  }
  keepActiveTab(workbook, active);
  const written = await workbook.xlsx.writeBuffer();
  return { output: new Uint8Array(written as ArrayBuffer), report };
}

/** Refuses a package holding parts ExcelJS would drop, naming them. */
function refuseLossyParts(input: Uint8Array): void {
  const found = new Map<string, string[]>();
  for (const entry of readZipEntries(input)) {
    const name = entry.name.replace(/^\/+/, "");
    if (name.endsWith("/")) continue; // a folder entry, not a part
    const hit = DROPPED.find((d) => d.re.test(name.toLowerCase()));
    if (!hit) continue;
    const list = found.get(hit.what);
    if (list) list.push(name);
    else found.set(hit.what, [name]);
  }
  if (!found.size) return;
  const pieces = [...found].map(([what, names]) => {
    const shown = names.slice(0, 3).join(", ") + (names.length > 3 ? `, +${names.length - 3} more` : "");
    return `${names.length} ${what}${names.length === 1 ? "" : "s"} (${shown})`;
  });
  throw new XlsxInputError(
    "unsupported-parts",
    `this workbook holds ${pieces.join(", ")} that would be lost in the copy without the scorecard; use --force to remove it anyway`,
  );
}

interface CfEntry {
  ref: string;
  rules: ExcelJS.ConditionalFormattingRule[];
}

/** Removes our rules from a worksheet (others kept, in order); returns how many went. */
function removeOurRules(ws: ExcelJS.Worksheet): number {
  const holder = ws as unknown as { conditionalFormattings?: CfEntry[] };
  const before = holder.conditionalFormattings ?? [];
  let removed = 0;
  const after: CfEntry[] = [];
  for (const cf of before) {
    const kept = cf.rules.filter((r) => !isOurs(r));
    removed += cf.rules.length - kept.length;
    if (kept.length || !cf.rules.length) after.push({ ...cf, rules: kept });
  }
  holder.conditionalFormattings = after;
  return removed;
}

/** A rule whose formula carries our marker (compared without case or spaces, as Excel may change them). */
function isOurs(rule: ExcelJS.ConditionalFormattingRule): boolean {
  const squash = (s: string) => s.replace(/\s+/g, "").toUpperCase();
  const formulae = (rule as { formulae?: unknown[] }).formulae ?? [];
  return formulae.some((f) => typeof f === "string" && squash(f).includes(squash(CF_MARKER)));
}

function activeSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const tab = (workbook.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0;
  return workbook.worksheets[tab];
}

/** The tab that was active stays active (its index moves when sheets before it go), else the first visible. */
function keepActiveTab(workbook: ExcelJS.Workbook, active: ExcelJS.Worksheet | undefined): void {
  const sheets = workbook.worksheets;
  for (const view of workbook.views ?? []) {
    const v = view as { activeTab?: number; firstSheet?: number };
    const still = active ? sheets.indexOf(active) : -1;
    v.activeTab =
      still >= 0 && active?.state === "visible"
        ? still
        : Math.max(
            0,
            sheets.findIndex((s) => s.state === "visible"),
          );
    if ((v.firstSheet ?? 0) >= sheets.length) v.firstSheet = 0;
  }
}

/** Sheet names match without regard to case, as in Excel. */
function key(name: string): string {
  return name.toLowerCase();
}
