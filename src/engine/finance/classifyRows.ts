import type { SheetGrid } from "../Grid";
import { readMoney } from "../cells/readMoney";

/**
 * What a row is, for finding header blocks:
 * - `words`: two or more text cells and no amounts (a header, a band or a section row);
 * - `years`: words with year numbers (2019, 2020) among them: can start a header, never continue one;
 * - `band`: one text cell merged over several columns, right of where the row below starts;
 * - `units`: mostly units ("£000", "£'000", "£m", "%"), e.g. a unit row under the header;
 * - `numbers`: column numbers or letters ("1 2 3 4", "(A) (B) C = B − A");
 * - `title`: one text cell; `data`: holds an amount; `blank`.
 * @example "units" // [null, "£000", "£000"]
 */
export type RowKind = "blank" | "title" | "band" | "words" | "years" | "units" | "numbers" | "data";

const UNIT_RE =
  /^\(?\s*(£|£\s*'?0{3}'?s?|'?0{3}'?s|£\s*k|£\s*m|£\s*millions?|£\s*thousands?|%|£\s*(\/|per)\s*(week|wk|year|annum))\s*\)?$/i;
const NUMBERING_RE =
  /^(?:\(?\s*\d{1,2}\s*\)?|\[\s*\d{1,2}\s*\]|\(?\s*[A-Z]\s*\)?|(?:col(?:umn)?\.?\s*)\w{1,2}|[\w()]{1,3}\s*=\s*[\w()]{1,3}(?:\s*[-−–+]\s*[\w()]{1,3})+)$/;
const MARKER_RE = /^(#[A-Z/0!?]+|tbc|n\/?a|nil|-|–|—)$/i;

/** True for a unit token such as "£000's", "£'000", "£m", "%". @example isUnitText("£'000") === true */
export function isUnitText(s: string): boolean {
  return UNIT_RE.test(s.trim());
}

/**
 * Classifies every row of a sheet once (local row indices). Never throws.
 * @example classifyRows(grid)[3] === "words" // "Service | Budget | Forecast"
 */
export function classifyRows(sheet: SheetGrid): RowKind[] {
  const kinds = sheet.values.map((_, r) => kindOf(sheet, r));
  // a single merged cell is a band only over columns right of where the rows under it start
  const firstFilled = (r: number) => {
    const i = (sheet.values[r] ?? []).findIndex((v) => v !== null && String(v).trim() !== "");
    return i < 0 ? Infinity : i;
  };
  kinds.forEach((k, r) => {
    if (k !== "band") return;
    const under = Math.min(firstFilled(r + 1), firstFilled(r + 2), firstFilled(r + 3));
    if (firstFilled(r) <= under) kinds[r] = "title";
  });
  return kinds;
}

function kindOf(sheet: SheetGrid, r: number): RowKind {
  const row = sheet.values[r] ?? [];
  let filled = 0;
  let texts = 0;
  let units = 0;
  let years = 0;
  let amounts = 0;
  let markers = 0;
  let numbering = 0;
  let lastNumber = -Infinity;
  let increasing = true;
  let textCol = -1;
  for (let c = 0; c < row.length; c++) {
    // An amount in a row that is not all numbering makes it data, whatever follows (a cell adds
    // one to `filled` and at most one to `numbering`): most rows of a long sheet stop here.
    if (amounts > 0 && numbering < filled) return "data";
    const v = row[c];
    if (v === null || (typeof v === "string" && v.trim() === "")) continue;
    filled++;
    if (typeof v === "number") {
      if (Number.isInteger(v) && v >= 1 && v <= 99) {
        numbering++;
        if (v <= lastNumber) increasing = false;
        lastNumber = v;
      }
      if (Number.isInteger(v) && v >= 1990 && v <= 2100) years++;
      else amounts++;
      continue;
    }
    if (typeof v !== "string") {
      amounts++;
      continue;
    }
    const t = v.trim();
    if (NUMBERING_RE.test(t)) {
      numbering++;
      const n = /\d+/.exec(t);
      if (n && /^\(?\[?\s*\d/.test(t)) {
        if (Number(n[0]) <= lastNumber) increasing = false;
        lastNumber = Number(n[0]);
      }
    }
    if (UNIT_RE.test(t)) units++;
    else if (MARKER_RE.test(t)) markers++;
    else if (/^\d{4}$/.test(t) && Number(t) >= 1990 && Number(t) <= 2100) years++;
    else if (readMoney(t, "General").kind === "number") amounts++;
    else {
      texts++;
      textCol = c;
    }
  }
  if (filled === 0) return "blank";
  if (filled >= 2 && numbering === filled && increasing) return "numbers";
  if (amounts > 0 || markers > 0) return "data";
  if (units > 0 && units * 2 >= filled) return "units";
  if (filled === 1) return texts === 1 && mergedAcross(sheet, r, textCol) ? "band" : "title";
  return years > 0 ? "years" : "words";
}

function mergedAcross(sheet: SheetGrid, r: number, c: number): boolean {
  const sr = r + sheet.originRow;
  const sc = c + sheet.originCol;
  return (sheet.merges ?? []).some((m) => m.top <= sr && sr <= m.bottom && m.left === sc && m.right > m.left);
}
