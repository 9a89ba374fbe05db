import { EngineError } from "../EngineError";

/**
 * Turns 0-based sheet coordinates into an A1 address.
 * @example toA1(0, 0) === "A1"; toA1(9, 27) === "AB10"
 */
export function toA1(row: number, col: number): string {
  const letters =
    col >= 0 && col < LETTERS.length && Number.isInteger(col) ? LETTERS[col] : columnLetters(col);
  return letters + String(row + 1);
}

/** Letters of the first 702 columns (A to ZZ), worked out once. */
const LETTERS: string[] = Array.from({ length: 702 }, (_, c) => lettersOf(c + 1));

/**
 * 0-based column index to letters.
 * @example columnLetters(0) === "A"; columnLetters(26) === "AA"
 */
export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 0)
    throw new EngineError("bad-argument", `column index ${col} is not a non-negative integer`);
  return col < LETTERS.length ? LETTERS[col] : lettersOf(col + 1);
}

/** Letters of the 1-based column `n`. */
function lettersOf(n: number): string {
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Parses an A1 address ("$B$7" allowed) to 0-based coordinates.
 * @example fromA1("C5") => { row: 4, col: 2 }
 */
export function fromA1(address: string): { row: number; col: number } {
  const at = parseA1(address);
  if (at) return at;
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new EngineError("bad-argument", `"${address}" is not an A1 cell address`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/**
 * A cell address as Excel writes one ("B12", "$B$12", "xfd1048576": 1 to 3 letters, 1 to 7 digits,
 * row 1 or more) read without a regular expression, as 0-based coordinates; null for anything
 * else. It runs once a cell when a sheet part is read, and on every KPI row's address.
 * @example parseA1("$AB$10") // { row: 9, col: 27 }; parseA1("A0") === null
 */
export function parseA1(address: string): { row: number; col: number } | null {
  const n = address.length;
  let i = address.charCodeAt(0) === 36 ? 1 : 0; // "$"
  let col = 0;
  const lettersFrom = i;
  for (; i < n; i++) {
    const ch = address.charCodeAt(i) | 32; // lower case
    if (ch < 97 || ch > 122) break;
    col = col * 26 + (ch - 96);
  }
  if (i === lettersFrom || i - lettersFrom > 3) return null;
  if (address.charCodeAt(i) === 36) i++;
  const digitsFrom = i;
  let row = 0;
  for (; i < n; i++) {
    const d = address.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
  }
  if (i === digitsFrom || i - digitsFrom > 7 || row < 1) return null;
  return { row: row - 1, col: col - 1 };
}
