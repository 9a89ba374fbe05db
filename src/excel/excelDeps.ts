import type { scoreWorkbook } from "../engine/scoreWorkbook";
import { documentSheetMemory, type SheetMemory } from "./documentSheetMemory";

/** Runs a batch in a fresh request context (Excel.run, or the fake in tests). */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** What the Office.js host needs from its environment; tests pass the fake. */
export interface ExcelDeps {
  /** The engine; tests may pass a stand-in that returns a hand-built plan. Default: `scoreWorkbook`. */
  scoreWorkbook?: typeof scoreWorkbook;
  run: ExcelRunner;
  /** Office.context.requirements.isSetSupported. */
  supports(set: string, version: string): boolean;
  /** The sheet names the last run left, so a run can read the sheets with the listing. */
  sheetMemory?: SheetMemory;
}

/**
 * The real environment: `Excel.run({ delayForCellEdit: true }, ...)` so a run waits while the
 * officer finishes editing a cell instead of failing. Sheet names are remembered in the runtime and
 * in the add-in's document settings (Settings requirement set 1.1).
 */
export function defaultExcelDeps(): ExcelDeps {
  return {
    run: (batch) => Excel.run({ delayForCellEdit: true }, batch),
    supports: (set, version) => Office.context.requirements.isSetSupported(set, version),
    sheetMemory: documentSheetMemory(Office.context.document?.settings),
  };
}
