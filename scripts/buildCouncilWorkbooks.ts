/**
 * Writes each council fixture (test/fixtures/councils) as an .xlsx, laid out as published, so the
 * CLI can be tried on other councils' layouts:
 *
 *   node bin/run-ts.js scripts/buildCouncilWorkbooks.ts [DIR]   # default: councils/ in the OS temp folder
 *   node bin/scorecard.js inspect DIR/maidstoneBoroughKpis.xlsx
 */
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { loadCouncilFixtures } from "../test/corpus/councilAgreement";
import { addSeedSheet } from "./buildSample";

/**
 * Writes every council fixture into `dir` as `<fixture>.xlsx` and returns the paths.
 * @example await buildCouncilWorkbooks("/tmp/councils") // ["/tmp/councils/hartDistrictKpis.xlsx", ...]
 */
export async function buildCouncilWorkbooks(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const out: string[] = [];
  for (const { file, fixture } of loadCouncilFixtures()) {
    const wb = new ExcelJS.Workbook();
    for (const sheet of fixture.sheets) addSeedSheet(wb, sheet);
    const target = path.join(dir, file.replace(/\.ts$/, ".xlsx"));
    await wb.xlsx.writeFile(target);
    out.push(target);
  }
  return out;
}

// Run only when executed as a script (bin/run-ts.js puts the script's path in argv[1]).
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const dir = process.argv[2] ?? path.join(tmpdir(), "councils");
  buildCouncilWorkbooks(dir).then(
    (paths) => process.stdout.write(`Wrote ${paths.length} workbooks to ${dir}\n`),
    (err: unknown) => {
      process.stderr.write(`buildCouncilWorkbooks: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
