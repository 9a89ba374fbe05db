import { locateStore } from "../engine/writeplan/locateStore";
import { readStore } from "../engine/writeplan/readStore";
import type { Settings } from "../engine/Settings";
import { writeStoreRows } from "../engine/writeplan/writeStoreRows";
import { describeOfficeError } from "./describeOfficeError";
import type { ExcelDeps } from "./excelDeps";
import { ExcelRunError } from "./ExcelRunError";
import { storeOps } from "./planWriteOps";
import { queueStoreSheets, storeSheetGrids } from "./queueStoreSheets";

/**
 * Saves settings in the store sheet without scoring: lists the sheets (1 sync), reads those named
 * like the store (1 sync) to find ours by its content (`locateStore`), merges `settings` over the
 * saved ones, and rewrites the store rows (1 sync). The rest of the store (our sheets, the last
 * period) is kept as it was. An officer's sheet called "QScorecard_Store" is left as it is: a new
 * store then goes to "QScorecard_Store (2)", where scoring finds it.
 *
 * @example await saveSettingsToStore({ threshold: 250_000 }, deps);
 */
export async function saveSettingsToStore(settings: Partial<Settings>, deps: ExcelDeps): Promise<void> {
  await deps.run(async (context) => {
    try {
      const list = context.workbook.worksheets;
      list.load("items/name,items/visibility,items/protection/protected");
      await context.sync();
      const handles = queueStoreSheets(list.items);
      if (handles.length) await context.sync();
      // Ours by content: an officer's sheet called "QScorecard_Store" is never read or written.
      const sheets = storeSheetGrids(handles);
      const at = locateStore({ sheets });
      const { state, issues } = readStore({ sheets });
      if (issues.length) throw new ExcelRunError("store-corrupt", issues[0].message);
      state.settings = mergeSaved(state.settings, settings);
      const store = list.items.find((ws) => ws.name === at.sheet?.name);
      if (store?.protection.protected) {
        throw new ExcelRunError("AccessDenied", describeOfficeError({ code: "AccessDenied" }).message);
      }
      const ops = storeOps(at.name, writeStoreRows(state), store !== undefined, "saved settings");
      context.application.suspendApiCalculationUntilNextSync();
      ops.forEach((op) => op.apply(context));
      await context.sync();
    } catch (e) {
      if (e instanceof ExcelRunError) throw e;
      const plain = describeOfficeError(e);
      throw new ExcelRunError(plain.code, `Settings were not saved. ${plain.message}`, { cause: e });
    }
  });
}

/**
 * Saved settings with `changes` laid over them; nested maps are merged one level, `tables` replaced.
 * @example mergeSaved({ threshold: 1 }, { moneyStyle: "long" }) // { threshold: 1, moneyStyle: "long" }
 */
export function mergeSaved(saved: Partial<Settings>, changes: Partial<Settings>): Partial<Settings> {
  const out: Partial<Settings> = { ...saved };
  for (const [key, value] of Object.entries(changes) as [keyof Settings, unknown][]) {
    if (value === undefined) continue;
    if (key === "sheetNames" || key === "polarityOverrides") {
      Object.assign(out, { [key]: { ...(saved[key] ?? {}), ...(value as object) } });
    } else Object.assign(out, { [key]: value });
  }
  return out;
}
