import type { SheetGrid } from "../engine/Grid";
import { readStore } from "../engine/writeplan/readStore";
import type { Settings } from "../engine/Settings";
import { STORE_SHEET } from "../engine/writeplan/StoreState";
import { writeStoreRows } from "../engine/writeplan/writeStoreRows";
import { describeOfficeError } from "./describeOfficeError";
import type { ExcelDeps } from "./excelDeps";
import { ExcelRunError } from "./ExcelRunError";
import { storeOps } from "./planWriteOps";

/**
 * Saves settings in the store sheet without scoring: reads the store (1 sync to find it, 1 to read
 * it), merges `settings` over the saved ones, and rewrites the store rows (1 sync). The rest of the
 * store (our sheets, the last period) is kept as it was.
 *
 * @example await saveSettingsToStore({ threshold: 250_000 }, deps);
 */
export async function saveSettingsToStore(settings: Partial<Settings>, deps: ExcelDeps): Promise<void> {
  await deps.run(async (context) => {
    try {
      const store = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
      store.load("protection/protected");
      await context.sync();
      let grid: SheetGrid | undefined;
      if (!store.isNullObject) {
        const used = store.getUsedRangeOrNullObject(true);
        used.load("rowIndex,columnIndex,values");
        await context.sync();
        if (!used.isNullObject) {
          const values = used.values.map((row) =>
            row.map((v) => (v === "" ? null : (v as string | number | boolean))),
          );
          grid = {
            name: STORE_SHEET,
            originRow: used.rowIndex,
            originCol: used.columnIndex,
            values,
            formats: values.map((row) => row.map(() => "@")),
          };
        }
      }
      const { state, issues } = readStore({ sheets: grid ? [grid] : [] });
      if (issues.length) throw new ExcelRunError("store-corrupt", issues[0].message);
      state.settings = mergeSaved(state.settings, settings);
      if (!store.isNullObject && store.protection.protected) {
        throw new ExcelRunError("AccessDenied", describeOfficeError({ code: "AccessDenied" }).message);
      }
      const ops = storeOps(STORE_SHEET, writeStoreRows(state), !store.isNullObject, "saved settings");
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
