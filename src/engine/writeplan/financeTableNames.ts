import type { ScoreResult } from "../ScoreResult";

/**
 * The finance tables of a result, by id in order of first mention (headlines, then variances),
 * each named by its sheet, or "Sheet (table 2)" where a sheet holds several. The committee report
 * and the Scorecard Summary's charts name tables this way.
 *
 * @example
 * financeTableNames(result) // Map { "t3" => "Finance Summary Dec 2019", "t4" => "Care Ladder Dec 2019" }
 */
export function financeTableNames(
  result: Pick<ScoreResult, "variances" | "financeHeadlines">,
): Map<string, string> {
  const sheetOf = new Map<string, string>();
  for (const { tableId, sheet } of [...result.financeHeadlines, ...result.variances])
    if (!sheetOf.has(tableId)) sheetOf.set(tableId, sheet);
  const ids = [...sheetOf.keys()];
  const names = new Map<string, string>();
  for (const id of ids) {
    const same = ids.filter((x) => sheetOf.get(x) === sheetOf.get(id));
    names.set(id, same.length < 2 ? sheetOf.get(id)! : `${sheetOf.get(id)!} (table ${same.indexOf(id) + 1})`);
  }
  return names;
}
