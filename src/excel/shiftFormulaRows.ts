/**
 * Moves the relative row references of an A1 formula `by` rows (down when positive), as Excel
 * does when a formula written for one cell is applied `by` rows lower. References with `$` before
 * the row stay; text in double quotes and function names ("LOG10(") are left alone. Used
 * when one multi-area rule must be added area by area, each area with its own top-left cell.
 *
 * @example
 * shiftFormulaRows('AND(N("qscorecard")=0,$D4>=$B4,C$1>0)', 5) === 'AND(N("qscorecard")=0,$D9>=$B9,C$1>0)'
 */
export function shiftFormulaRows(formula: string, by: number): string {
  if (by === 0) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      // A text literal runs to the next lone quote ("" is an escaped quote).
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"'))
        j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = WORD.exec(formula.slice(i));
    if (!m) {
      out += ch;
      i++;
      continue;
    }
    const word = m[0];
    const next = formula[i + word.length] ?? "";
    const ref = REF.exec(word);
    // A cell reference is a whole word not followed by "(" (that is a function, e.g. LOG10).
    if (ref && next !== "(") {
      const [, colAbs, col, rowAbs, row] = ref;
      const moved = rowAbs ? Number(row) : Number(row) + by;
      if (moved < 1) throw new RangeError(`shifting "${formula}" by ${by} rows leaves the sheet`);
      out += `${colAbs}${col}${rowAbs}${moved}`;
    } else out += word;
    i += word.length;
  }
  return out;
}

/** A run of name characters (letters, digits, "$", "_", "."), read as one word. */
const WORD = /^[$A-Za-z0-9_.]+/;
/** A whole word that is an A1 cell reference. */
const REF = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/;
