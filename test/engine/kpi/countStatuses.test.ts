import fc from "fast-check";
import { countStatuses, reportedSentence, summaryLine } from "../../../src/engine/kpi/countStatuses";
import type { KpiResult, KpiStatus } from "../../../src/engine/kpi/KpiResult";

const STATUSES: KpiStatus[] = [
  "better",
  "within",
  "outside",
  "no-data",
  "no-target",
  "target-tbc",
  "not-due",
];

function kpi(status: KpiStatus, group: string, serviceArea = ""): KpiResult {
  return {
    sheet: "KPIs",
    row: 2,
    measure: "m",
    group,
    serviceArea,
    polarity: "higher",
    polaritySource: "column",
    target: null,
    tolerance: null,
    actual: null,
    status,
    trend: null,
    changeVsPrevious: null,
    changeVsYearAgo: null,
    period: "Q4",
    unit: { kind: "number" },
    actualCell: "D2",
    previous: null,
    yearAgo: null,
    recent: [],
    tableId: "KPIs!1",
    contract: false,
  };
}

const many = (n: number, status: KpiStatus, group: string, area = "") =>
  Array.from({ length: n }, () => kpi(status, group, area));

describe("countStatuses", () => {
  it("counts by group, by service area and in total, with the seeds' sentence and summary line", () => {
    const kpis = [
      ...many(4, "better", "Contract measures", "Safeguarding"),
      ...many(3, "within", "Contract measures", "Children in care"),
      ...many(2, "outside", "Contract measures", "Safeguarding"),
      ...many(2, "no-data", "Contract measures"),
      ...many(17, "better", "Partnership", "Safeguarding"),
      ...many(4, "outside", "Partnership", "Children in care"),
      ...many(2, "not-due", "Partnership"),
    ];
    const { groups, serviceAreas, total, summaryLines } = countStatuses(kpis);
    expect(groups.map((g) => g.group)).toEqual(["Contract measures", "Partnership"]);
    expect(groups[0]).toMatchObject({
      better: 4,
      within: 3,
      outside: 2,
      noData: 2,
      reported: 9,
      dimension: "group",
    });
    expect(groups[0].pctBetter).toBeCloseTo(4 / 9, 12);
    expect(summaryLines[0]).toBe(
      "Contract measures: 4 better than target, 3 within tolerance, 2 outside, 2 no data",
    );
    expect(summaryLines[1]).toBe("Partnership: 17 better than target, 4 outside, 2 not yet due");
    expect(groups[1].sentence).toBe("17 of the 21 reported (81%) are within or better than target");
    expect(serviceAreas.map((s) => [s.group, s.reported, s.dimension])).toEqual([
      ["Safeguarding", 23, "serviceArea"],
      ["Children in care", 7, "serviceArea"],
    ]);
    expect(total).toMatchObject({
      group: "All measures",
      dimension: "total",
      better: 21,
      within: 3,
      outside: 6,
      noData: 2,
      notDue: 2,
      reported: 30,
    });
  });

  it("says so when nothing is reported", () => {
    const { groups } = countStatuses(many(4, "no-target", "Demand"));
    expect(groups[0]).toMatchObject({ reported: 0, pctBetter: null, pctWithin: null, pctOutside: null });
    expect(groups[0].sentence).toBe("None of these measures was reported against a target");
    expect(summaryLine(groups[0])).toBe("Demand: 4 no target");
    expect(reportedSentence(1, 1)).toBe("1 of the 1 reported (100%) is within or better than target");
  });

  it("property: counts always equal the statuses they count", () => {
    const arb = fc.array(
      fc.record({
        status: fc.constantFrom(...STATUSES),
        group: fc.constantFrom("A", "B", "C"),
        area: fc.constantFrom("", "X", "Y"),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const kpis = rows.map((r) => kpi(r.status, r.group, r.area));
        const { groups, serviceAreas, total } = countStatuses(kpis);
        const sum = (c: (typeof groups)[number]) =>
          c.better + c.within + c.outside + c.noData + c.noTarget + c.targetTbc + c.notDue;
        expect(sum(total)).toBe(kpis.length);
        expect(groups.reduce((n, g) => n + sum(g), 0)).toBe(kpis.length);
        expect(serviceAreas.reduce((n, g) => n + sum(g), 0)).toBe(kpis.filter((k) => k.serviceArea).length);
        for (const g of groups) {
          const mine = kpis.filter((k) => k.group === g.group);
          expect(g.better).toBe(mine.filter((k) => k.status === "better").length);
          expect(g.reported).toBe(
            mine.filter((k) => ["better", "within", "outside"].includes(k.status)).length,
          );
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
