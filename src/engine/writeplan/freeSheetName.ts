/** Excel's longest sheet name. */
export const MAX_SHEET_NAME = 31;

/**
 * The first of `base`, "base (2)", "base (3)", ... that `taken` does not hold, cut so the
 * suffixed name keeps to Excel's 31 characters. `taken` holds lower-case names: Excel compares
 * sheet names without regard to case.
 *
 * @example
 * freeSheetName("QScorecard_Store", new Set(["qscorecard_store"])) === "QScorecard_Store (2)"
 */
export function freeSheetName(base: string, taken: ReadonlySet<string>): string {
  let name = base.slice(0, MAX_SHEET_NAME);
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  return name;
}
