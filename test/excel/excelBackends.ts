import type { ExcelDeps, ExcelRunner } from "../../src/excel/excelDeps";
import type { FakeExcel } from "./FakeExcel";
import { OfficeJsHarness } from "./OfficeJsHarness";

/** One Excel the host tests run against, over a `FakeExcel` workbook model. */
export interface ExcelBackend {
  name: "fake" | "office.js";
  /** The host's dependencies, with `delayForCellEdit` as the real host passes it. */
  deps(fake: FakeExcel): ExcelDeps;
  /** `Excel.run` without options (no `delayForCellEdit`). */
  run(fake: FakeExcel): ExcelRunner;
}

/**
 * The two Excels the host tests run on: our fake (`FakeExcel`), and Microsoft's office.js over the
 * same workbook model (`OfficeJsHarness`). Where they disagree, office.js is right. As rows for
 * `describe.each`: `[name, backend]`.
 *
 * @example
 * describe.each(excelBackends)("on %s", (_name, backend) => {
 *   test("...", async () => { await runScore({}, backend.deps(fake)); });
 * });
 */
export const excelBackends: [string, ExcelBackend][] = [
  [
    "the fake",
    {
      name: "fake",
      deps: (fake) => fake.deps(),
      run: (fake) => (batch) => fake.run(batch),
    },
  ],
  [
    "office.js",
    {
      name: "office.js",
      deps: (fake) => OfficeJsHarness.for(fake).deps(),
      run: (fake) => (batch) => OfficeJsHarness.for(fake).run(batch),
    },
  ],
];
