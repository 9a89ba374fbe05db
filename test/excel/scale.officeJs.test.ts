import { PAYLOAD_LIMIT_BYTES, REQUEST_BUDGET_BYTES } from "../../src/excel/batchWriteOps";
import { measureScaleRun, SCALE_CASES, type ScaleMeasure } from "./measureScaleRun";

// Issue 11, scale checks on Microsoft's office.js: 10 to 25,000 KPIs, on one sheet and over 20
// sheets, first and second runs, every request measured as office.js serialised it.
// The table in docs/excel-addin.md comes from the same runs: node bin/run-ts.js test/excel/measureScaleRun.ts

const measured = new Map<string, ScaleMeasure>();

describe.each(SCALE_CASES)("%i KPIs over %i sheet(s), through office.js", (kpis, sheets) => {
  let m: ScaleMeasure;
  beforeAll(async () => {
    m = await measureScaleRun(kpis, sheets);
    measured.set(`${kpis}/${sheets}`, m);
  }, 120_000);

  test("every write completes, in both runs", () => {
    expect(m.first.notWritten).toEqual([]);
    expect(m.second.notWritten).toEqual([]);
    // The second run replaced the first's rules: Excel holds exactly the plan's.
    expect(m.rules).toBe(m.planRules);
  });

  test("no request is over 5 MB as office.js serialises it, and none is refused as too large", () => {
    for (const run of [m.first, m.second]) {
      expect(run.requestLargest).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
      expect(run.responseLargest).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
      expect(run.refused.filter((c) => c !== "ResponsePayloadSizeLimitExceeded")).toEqual([]);
    }
  });

  test("syncs: the first run reads in 2 and the second in 1; writes split only past the 5 MB limit", () => {
    expect(m.first.reads).toBe(2);
    // A read whose response passes 5 MB is read again, sizes first and then in chunks.
    if (!m.second.refused.length) expect(m.second.reads).toBe(1);
    for (const run of [m.first, m.second]) {
      const needed = Math.ceil(run.writeTotal / REQUEST_BUDGET_BYTES);
      expect(run.writes).toBeGreaterThanOrEqual(needed);
      expect(run.writes).toBeLessThanOrEqual(needed + 1);
      if (run.writeTotal < REQUEST_BUDGET_BYTES * 0.9) expect(run.writes).toBe(1);
    }
  });
});

test("the sync count is the same for 10 and 1,000 KPIs, on one sheet or twenty", () => {
  const counts = ["10/1", "1000/1", "10/20", "1000/20"].map((k) => {
    const m = measured.get(k) as ScaleMeasure;
    return [m.first.reads + m.first.writes, m.second.reads + m.second.writes];
  });
  expect(counts).toEqual([
    [3, 2],
    [3, 2],
    [3, 2],
    [3, 2],
  ]);
});
