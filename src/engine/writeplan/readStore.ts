import type { SheetGrid, WorkbookGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import { locateStore } from "./locateStore";
import type { StoreState } from "./StoreState";
import { toA1 } from "../cells/toA1";

/** The state of a workbook we have never scored. */
export function emptyStoreState(): StoreState {
  return { version: 1, owned: [], settings: {}, cf: [] };
}

/**
 * Reads our store sheet, found by its content (`locateStore`: an officer's sheet called
 * "QScorecard_Store" is not read as ours): rows of [key, json] in columns A:B, long JSON split over
 * `key#1`, `key#2`, ... rows. An empty state when there is no store. Bad JSON or a value of the
 * wrong shape gives a "store-corrupt" issue naming the store's sheet and cell, and an empty state
 * (never throws).
 *
 * @example
 * readStore({ sheets: [] }).state.owned // []
 */
export function readStore(workbook: WorkbookGrid): { state: StoreState; issues: Issue[] } {
  const { sheet } = locateStore(workbook);
  if (!sheet) return { state: emptyStoreState(), issues: [] };

  const parts = collectParts(sheet);
  const state = emptyStoreState();
  for (const [key, { cell, chunks }] of parts) {
    const text = chunks
      .sort((a, b) => a.n - b.n)
      .map((c) => c.text)
      .join("");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return corrupt(
        sheet.name,
        cell,
        `The scorecard's store cell ${cell} ("${key}") is not valid JSON (${(e as Error).message}).`,
      );
    }
    const problem = assign(state, key, value);
    if (problem)
      return corrupt(sheet.name, cell, `The scorecard's store cell ${cell} ("${key}") ${problem}.`);
  }
  return { state, issues: [] };
}

function corrupt(sheet: string, cell: string, message: string): { state: StoreState; issues: Issue[] } {
  const full = `${message} Saved settings and the record of our sheets were ignored; our sheets are written afresh.`;
  return { state: emptyStoreState(), issues: [issue("warning", "store-corrupt", sheet, cell, full)] };
}

/** Groups the sheet's rows by key: whole keys and `key#n` chunks. */
function collectParts(
  sheet: SheetGrid,
): Map<string, { cell: string; chunks: { n: number; text: string }[] }> {
  const parts = new Map<string, { cell: string; chunks: { n: number; text: string }[] }>();
  const keyIdx = 0 - sheet.originCol;
  const jsonIdx = 1 - sheet.originCol;
  if (keyIdx < 0) return parts;
  sheet.values.forEach((row, r) => {
    const rawKey = row[keyIdx];
    if (rawKey === null || rawKey === undefined || String(rawKey).trim() === "") return;
    const m = /^(.*)#(\d+)$/.exec(String(rawKey).trim());
    const key = m ? m[1] : String(rawKey).trim();
    const n = m ? Number(m[2]) : 0;
    const raw = jsonIdx < row.length ? row[jsonIdx] : null;
    const text = raw === null || raw === undefined ? "" : String(raw);
    const entry = parts.get(key) ?? { cell: toA1(sheet.originRow + r, 1), chunks: [] };
    entry.chunks.push({ n, text });
    parts.set(key, entry);
  });
  return parts;
}

/** Puts one parsed value into the state; returns what is wrong with it, if anything. */
function assign(state: StoreState, key: string, value: unknown): string | undefined {
  switch (key) {
    case "version":
      if (typeof value !== "number") return "should hold a version number";
      state.version = value;
      return undefined;
    case "owned":
      if (!Array.isArray(value) || !value.every(isOwned)) return "should list our sheets by role and name";
      state.owned = value;
      return undefined;
    case "settings":
      if (!isObject(value)) return "should hold the settings as an object";
      state.settings = value;
      return undefined;
    case "lastPeriod":
      if (typeof value !== "string") return "should hold a period label";
      state.lastPeriod = value;
      return undefined;
    case "cf":
      if (!Array.isArray(value) || !value.every(isCfRange)) return "should list conditional-format ranges";
      state.cf = value;
      return undefined;
    default:
      return undefined; // a key from a later version: ignored
  }
}

function isObject(v: unknown): v is Record<string, never> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isOwned(v: unknown): v is StoreState["owned"][number] {
  return (
    isObject(v) &&
    typeof (v as { name?: unknown }).name === "string" &&
    ["summary", "commentary", "narrative"].includes((v as { role?: unknown }).role as string)
  );
}

function isCfRange(v: unknown): v is StoreState["cf"][number] {
  return (
    isObject(v) &&
    typeof (v as { sheet?: unknown }).sheet === "string" &&
    typeof (v as { range?: unknown }).range === "string"
  );
}
