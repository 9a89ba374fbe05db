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
  const plain = plainA1(address);
  if (plain >= 0) return { row: Math.floor(plain / PLAIN_COLS), col: plain % PLAIN_COLS };
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new EngineError("bad-argument", `"${address}" is not an A1 cell address`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** Columns in the packed result of `plainA1` (more than Excel's 16,384). */
const PLAIN_COLS = 1 << 15;

/**
 * A plain address ("D7", "$D$7", "ab10"; no spaces, at most nine digits) read without a regular
 * expression, packed as row × PLAIN_COLS + col (0-based); -1 for anything else, which `fromA1`
 * reads with its expression (every call site of 100,000s of KPI rows passes plain addresses).
 */
function plainA1(address: string): number {
  const n = address.length;
  let i = address.charCodeAt(0) === 36 ? 1 : 0; // "$"
  let col = 0;
  const lettersFrom = i;
  for (; i < n && i - lettersFrom < 3; i++) {
    const ch = address.charCodeAt(i) | 32; // lower case
    if (ch < 97 || ch > 122) break;
    col = col * 26 + (ch - 96);
  }
  if (i === lettersFrom) return -1;
  if (address.charCodeAt(i) === 36) i++;
  const digitsFrom = i;
  let row = 0;
  for (; i < n; i++) {
    const ch = address.charCodeAt(i);
    if (ch < 48 || ch > 57) return -1;
    row = row * 10 + (ch - 48);
  }
  if (i === digitsFrom || i - digitsFrom > 9) return -1;
  return (row - 1) * PLAIN_COLS + (col - 1);
}
