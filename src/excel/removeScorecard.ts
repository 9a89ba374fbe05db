import { emitRunEvent, type RunSource } from "../commands/runEvents";
import { locateStore } from "../engine/writeplan/locateStore";
import { readStore } from "../engine/writeplan/readStore";
import type { RemoveReport } from "../taskpane/ScorecardHost";
import { applyWriteOps, groupsNotApplied } from "./applyWriteOps";
import { describeOfficeError } from "./describeOfficeError";
import { defaultExcelDeps, type ExcelDeps } from "./excelDeps";
import { ExcelRunError } from "./ExcelRunError";
import { deleteSheetOp, removeRulesOps, RULES_PER_OP, type WriteOp } from "./planWriteOps";
import { CONDITIONAL_FORMAT_FIELDS, ourRulesIn } from "./queueSheetContents";
import { queueStoreSheets, storeSheetGrids } from "./queueStoreSheets";
import { isInFlight, singleFlight } from "./singleFlight";

/**
 * "Remove scorecard" in Excel: takes our RAG rules (those whose formula carries `N("qscorecard")`)
 * off every sheet, deletes our sheets (the ones the store names) and the very hidden store, and
 * forgets the remembered sheet names. No cell of the officer's own sheets is touched, nor any
 * rule of theirs; the store is found by its content (`locateStore`), so an officer's sheet called
 * "QScorecard_Store" stays. Two read syncs (the sheet list; every sheet's rules and the sheets
 * named like the store) and one write sync, split only past Excel's 5 MB limit. Rules on a
 * protected sheet are not attempted and are listed. A store that cannot be read is kept (it is the
 * only record of which sheets are ours), and our sheets then stay too, named in `notRemoved`.
 *
 * Refused while a scoring run is in flight (and a run is refused while this is); a second call
 * while one is in flight gets the same removal. Read failures throw `ExcelRunError`; what the
 * write could not do is in the report.
 *
 * @example
 * const report = await removeScorecard(); // { sheets: ["Scorecard Summary", ...], rules: 8, store: true, notRemoved: [] }
 */
export function removeScorecard(
  deps: ExcelDeps = defaultExcelDeps(),
  source: RunSource = "taskpane",
): Promise<RemoveReport> {
  if (isInFlight("score"))
    return Promise.reject(
      new ExcelRunError("Busy", "The scorecard is being scored. Remove it when scoring has finished."),
    );
  return singleFlight("remove", async () => {
    const report = await removeOnce(deps);
    // A pane opened later must not replay the last run's results for sheets now gone.
    emitRunEvent({ type: "removed", source, report });
    return report;
  });
}

async function removeOnce(deps: ExcelDeps): Promise<RemoveReport> {
  return deps.run(async (context) => {
    const read = async () => {
      try {
        // Reads in order: the list and store first, then each listed sheet's rules.
        await context.sync();
      } catch (e) {
        const plain = describeOfficeError(e);
        throw new ExcelRunError(plain.code, `Could not read the workbook. ${plain.message}`, { cause: e });
      }
    };
    const list = context.workbook.worksheets;
    list.load("items/name,items/visibility,items/protection/protected");
    await read();
    const sheets = list.items.map((ws) => {
      const rules = ws.getRange().conditionalFormats;
      rules.load(CONDITIONAL_FORMAT_FIELDS);
      return { name: ws.name, visibility: ws.visibility, protected: ws.protection.protected, rules };
    });
    const storeSheets = queueStoreSheets(list.items);
    await read();

    // The store is ours by its content: an officer's sheet called "QScorecard_Store" stays.
    const grids = storeSheetGrids(storeSheets);
    const at = locateStore({ sheets: grids });
    const store = at.sheet && sheets.find((s) => s.name === at.sheet?.name);
    const { state, issues } = readStore({ sheets: grids });
    const theirs = new Set(at.officers.map(key));
    const owned = new Set(state.owned.map((o) => key(o.name)).filter((n) => !theirs.has(n)));
    const ops: WriteOp[] = [];
    const rulesOf = new Map<WriteOp, number>();
    const notRemoved: string[] = [];
    for (const s of sheets) {
      if (owned.has(key(s.name)) || s === store) continue;
      const ours = ourRulesIn(s.rules);
      if (!ours.length) continue;
      const group = `scorecard formatting on "${s.name}"`;
      if (s.protected) notRemoved.push(`${group} ("${s.name}" is protected)`);
      else
        removeRulesOps(ours, group).forEach((op, i) => {
          ops.push(op);
          rulesOf.set(op, Math.min(RULES_PER_OP, ours.length - i * RULES_PER_OP));
        });
    }
    const ourSheets = sheets.filter((s) => owned.has(key(s.name)) && s !== store);
    for (const s of ourSheets)
      ops.push(deleteSheetOp(s.name, s.visibility === "VeryHidden", `sheet "${s.name}"`));
    if (store && issues.length)
      notRemoved.push(
        `our sheets and the hidden store (the store could not be read, so which sheets are ours is not known: ${issues[0].message})`,
      );
    else if (store)
      ops.push(deleteSheetOp(store.name, store.visibility === "VeryHidden", "the hidden store sheet"));

    const done = await applyWriteOps(context, ops, () => context.sync());
    deps.sheetMemory?.forget();
    const removed = (group: string) =>
      ops.some((op) => op.group === group) && ops.every((op) => op.group !== group || done.applied.has(op));
    const report: RemoveReport = {
      sheets: ourSheets.map((s) => s.name).filter((name) => removed(`sheet "${name}"`)),
      rules: ops.filter((op) => done.applied.has(op)).reduce((n, op) => n + (rulesOf.get(op) ?? 0), 0),
      store: removed("the hidden store sheet"),
      notRemoved: [...groupsNotApplied(ops, done, "partly removed"), ...notRemoved],
    };
    if (done.writeError) report.error = done.writeError;
    return report;
  });
}

/** Excel matches sheet names without regard to case. */
function key(name: string): string {
  return name.toLowerCase();
}
