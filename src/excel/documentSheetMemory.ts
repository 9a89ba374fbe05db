/**
 * The workbook's sheet names as the last run left them, so the next run can read those sheets in
 * the same request that lists the sheets (one read sync instead of two).
 */
export interface SheetMemory {
  /** Names remembered for this document, or undefined when there is no memory yet. */
  recall(): string[] | undefined;
  /** Replaces the remembered names. */
  remember(names: string[]): void;
  /** Forgets them, in the runtime and in the document (after "Remove scorecard"). */
  forget(): void;
}

/** The part of `Office.context.document.settings` (Settings requirement set 1.1) we use. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { error?: unknown }) => void): void;
}

/** Where the runtime keeps its copy; one runtime serves one document. */
export interface RuntimeCache {
  sheetNames?: string[];
}

/** The key of our entry in the add-in's per-document settings. */
export const SHEET_NAMES_SETTING = "qscorecard.sheetNames";

/**
 * Remembers sheet names in two places: the runtime's memory (shared by the ribbon and task pane
 * bundles through `globalThis`), and the add-in's per-document settings, which Excel saves in the
 * workbook so a reopened workbook also starts with one read sync. Either may be missing (a
 * workbook saved by the CLI keeps no add-in settings): then the run lists the sheets first.
 * `saveAsync` is called only when the names change; a failed save is reported on the console and
 * costs the next run one extra read sync, nothing more.
 *
 * @example
 * const memory = documentSheetMemory(Office.context.document.settings);
 * memory.remember(["KPIs", "Scorecard Summary"]); memory.recall(); // ["KPIs", "Scorecard Summary"]
 */
export function documentSheetMemory(
  settings: DocumentSettings | undefined,
  cache: RuntimeCache = runtimeCache(),
): SheetMemory {
  return {
    recall() {
      if (cache.sheetNames) return [...cache.sheetNames];
      const saved: unknown = settings?.get(SHEET_NAMES_SETTING);
      if (!Array.isArray(saved) || !saved.every((n) => typeof n === "string")) return undefined;
      cache.sheetNames = saved;
      return [...saved];
    },
    remember(names) {
      const same =
        cache.sheetNames?.length === names.length && cache.sheetNames.every((n, i) => n === names[i]);
      cache.sheetNames = [...names];
      if (same || !settings) return;
      settings.set(SHEET_NAMES_SETTING, [...names]);
      save(settings);
    },
    forget() {
      delete cache.sheetNames;
      if (!settings || settings.get(SHEET_NAMES_SETTING) === null) return;
      settings.remove(SHEET_NAMES_SETTING);
      save(settings);
    },
  };
}

/** Saves the settings in the document; a failure costs the next run a read sync, so it is only logged. */
function save(settings: DocumentSettings): void {
  settings.saveAsync((result) => {
    if (result.error)
      console.warn("Could not save the sheet list in the workbook's add-in settings", result.error);
  });
}

const CACHE = Symbol.for("quarterly-scorecard.sheetMemory");

/** The runtime-wide cache on `globalThis`, so the commands and task pane bundles share it. */
function runtimeCache(): RuntimeCache {
  const g = globalThis as unknown as Record<symbol, RuntimeCache | undefined>;
  return (g[CACHE] ??= {});
}
