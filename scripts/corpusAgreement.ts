/**
 * Prints how often the engine agrees with each real report's own judgements (the council corpus).
 *
 *   node bin/run-ts.js scripts/corpusAgreement.ts [--detail]
 */
import { agreementOf, loadCouncilFixtures } from "../test/corpus/councilAgreement";

const detail = process.argv.includes("--detail");
let agreed = 0;
let total = 0;
for (const { file, fixture } of loadCouncilFixtures()) {
  const a = agreementOf(file, fixture);
  agreed += a.agreed;
  total += a.total;
  const pct = a.total ? Math.round((100 * a.agreed) / a.total) : 0;
  process.stdout.write(`${pct.toString().padStart(3)}%  ${a.agreed}/${a.total}  ${file} (${a.publisher})\n`);
  if (detail)
    for (const c of a.checks.filter((x) => !x.ok))
      process.stdout.write(`       ✗ ${c.what}: report ${c.expected}, engine ${c.got}\n`);
}
process.stdout.write(`All: ${agreed}/${total} (${total ? Math.round((100 * agreed) / total) : 0}%)\n`);
