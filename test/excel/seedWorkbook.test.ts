import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { CF_MARKER } from "../../src/engine/writeplan/WritePlan";
import { hasMarker } from "../../src/excel/queueSheetContents";
import { runScore } from "../../src/excel/runScore";
import { seedToGrid } from "../fixtures/seedToGrid";
import { SAMPLE_SEEDS } from "../fixtures/sampleSeeds";
import { FakeExcel } from "./FakeExcel";
import { excelBackends } from "./excelBackends";

// The sample workbook (the seed fixtures as sheets), scored by the real engine through the fake.
const seeds = SAMPLE_SEEDS;
const userNames = seeds.map((s) => s.name);

function sample(): FakeExcel {
  return FakeExcel.fromGrid({ sheets: seeds.map(seedToGrid) });
}

describe.each(excelBackends)("on %s", (_name, backend) => {
  describe("the sample workbook through the fake", () => {
    test("reads every seed sheet, writes the plan, and leaves the user's cells alone", async () => {
      const fake = sample();
      const before = userNames.map((n) => fake.sheet(n).snapshot());
      const { report, outcome, syncs } = await runScore({}, backend.deps(fake));
      expect(syncs).toBe(3);
      expect(outcome.plan.sheets.length).toBeGreaterThan(0);
      expect(outcome.plan.conditionalFormats.length).toBeGreaterThan(0);
      expect(userNames.map((n) => fake.sheet(n).snapshot())).toEqual(before);
      expect(report.written.notWritten).toEqual([]);
      expect(report.written.sheets).toEqual(outcome.plan.sheets.map((s) => s.name));
      for (const s of outcome.plan.sheets) expect(fake.findSheet(s.name)).toBeDefined();
      const ours = fake.sheets.flatMap((s) => s.conditionalFormats).filter((cf) => hasMarker(cf.formula));
      expect(ours).toHaveLength(outcome.plan.conditionalFormats.reduce((n, cf) => n + cf.rules.length, 0));
      for (const cf of ours) expect(cf.formula).toContain(CF_MARKER);
      if (outcome.plan.store.rows.length) expect(fake.sheet(STORE_SHEET).visibility).toBe("VeryHidden");
    });

    test("scoring twice gives the same sheets and the same rule count", async () => {
      const fake = sample();
      await runScore({}, backend.deps(fake));
      const names = fake.sheets.filter((s) => !s.deleted).map((s) => s.name);
      const rules = fake.sheets.map((s) => s.conditionalFormats.length);
      const ourSheets = names.filter((n) => !userNames.includes(n)).map((n) => fake.sheet(n).snapshot());
      await runScore({}, backend.deps(fake));
      expect(fake.sheets.filter((s) => !s.deleted).map((s) => s.name)).toEqual(names);
      expect(fake.sheets.map((s) => s.conditionalFormats.length)).toEqual(rules);
      expect(names.filter((n) => !userNames.includes(n)).map((n) => fake.sheet(n).snapshot())).toEqual(
        ourSheets,
      );
    });
  });
});
