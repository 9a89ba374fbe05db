import {
  buildSummarySheet,
  reportedSentence,
  SIGNED_PERCENT_FORMAT,
  SIGNED_POINTS_FORMAT,
} from "../../../src/engine/writeplan/buildSummarySheet";
import type { SheetWrite } from "../../../src/engine/writeplan/WritePlan";
import { countsOf, kpi, scoreResult } from "../planFixtures";

/** The cells of one row, by the text in its first column. */
function rowOf(sheet: SheetWrite, first: string) {
  const r = sheet.cells.find((c) => c.col === 0 && c.value === first)!.row;
  return sheet.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
}

describe("buildSummarySheet", () => {
  // Seed 000 §13: 28 strategic partnership indicators, 4 outside, 6 within, 11 better, 2 not due, 5 TBC.
  const statuses = [
    ...Array(4).fill("outside"),
    ...Array(6).fill("within"),
    ...Array(11).fill("better"),
    ...Array(2).fill("not-due"),
    ...Array(5).fill("target-tbc"),
  ];
  const kpis = statuses.map((status, i) =>
    kpi({
      measure: `PI ${i}`,
      row: i + 2,
      status,
      group: "Partnership",
      serviceArea: i % 2 ? "Child Protection" : "Care Leavers",
    }),
  );
  const demand = [
    kpi({
      measure: "Referrals",
      row: 40,
      status: "no-target",
      unit: { kind: "number" },
      actual: 949,
      changeVsPrevious: 949 / 924 - 1,
      changeVsYearAgo: 949 / 1181 - 1,
      recent: [
        { label: "2018/19 Qtr3", value: 1181 },
        { label: "2019/20 Qtr2", value: 924 },
        { label: "2019/20 Qtr3", value: 949 },
      ],
      tableId: "Demand!2",
    }),
  ];
  const result = scoreResult([...kpis, ...demand], [], "2019/20 Q3");
  result.serviceAreaCounts = ["Care Leavers", "Child Protection"].map((a) =>
    countsOf(
      a,
      kpis.filter((k) => k.serviceArea === a),
      "serviceArea",
    ),
  );
  const s = buildSummarySheet({
    name: "Scorecard Summary",
    result,
    settings: { threshold: 100_000 },
    commentaryName: "KPI Commentary",
    narrativeName: "Variance Narrative",
  }).sheet;

  it("states the period and the seeds' sentence", () => {
    expect(rowOf(s, "Period scored")[1].value).toBe("2019/20 Q3");
    expect(s.cells.map((c) => c.value)).toContain(
      "17 of 21 reported are within or better than target (81%).",
    );
  });

  it("lays out the counts like seed 000 §13, with a Total row and a percentage row of all measures", () => {
    const header = rowOf(s, "Service area").map((c) => c.value);
    expect(header).toEqual([
      "Service area",
      "Outside target range",
      "Within target range",
      "Better than target",
      "No data",
      "No target",
      "Target TBC",
      "Not yet due",
      "Total",
    ]);
    const totals = s.cells.filter((c) => c.col === 0 && c.value === "Total");
    expect(totals).toHaveLength(2); // service areas and groups
    const groupTotal = rowOf(s, "Partnership").map((c) => c.value);
    expect(groupTotal).toEqual(["Partnership", 4, 6, 11, 0, 0, 5, 2, 28]);
    const pct = s.cells.filter((c) => c.row === totals[0].row + 1 && c.col > 0);
    // The seed's 14.3% 21.4% 39.3% 7.1% 17.9% are of its 28 measures.
    expect(pct.map((c) => Math.round((c.value as number) * 1000) / 10)).toEqual([
      14.3, 21.4, 39.3, 0, 0, 17.9, 7.1,
    ]);
    expect(pct.every((c) => c.style?.numberFormat === "0.0%")).toBe(true);
  });

  it("writes the demand table like seed 000 §17 with signed percentage changes as numbers", () => {
    const row = rowOf(s, "Referrals");
    expect(row.map((c) => c.value).slice(1, 4)).toEqual([1181, 924, 949]);
    expect(row[4]).toMatchObject({ style: { numberFormat: SIGNED_PERCENT_FORMAT } });
    expect(Math.round((row[4].value as number) * 100)).toBe(3);
    expect(Math.round((row[5].value as number) * 100)).toBe(-20);
    expect(
      rowOf(s, "Demand measure")
        .map((c) => c.value)
        .slice(-2),
    ).toEqual(["Previous quarter", "Same quarter last year"]);
  });

  it("counts trends and handles nothing reported", () => {
    expect(rowOf(s, "With a target").map((c) => c.value)).toEqual(["With a target", 0, 0, 0, 28]);
    expect(reportedSentence({ better: 0, within: 0, outside: 0 })).toBe(
      "No measure was reported against a target this period.",
    );
  });

  it("never cuts a text off: a cell with something beside it fits its column or wraps", () => {
    // A long group name (a sheet's title used as the group) and the colour key.
    const long = kpis.map((k) => ({
      ...k,
      group: "Quarterly Performance Report – Q2 2024/25 (all services)",
    }));
    const r = scoreResult(long, [], "2024/25 Q2");
    const sheet = buildSummarySheet({
      name: "Scorecard Summary",
      result: r,
      settings: { threshold: 100_000 },
      commentaryName: "KPI Commentary",
      narrativeName: "Variance Narrative",
    }).sheet;
    const at = new Map(sheet.cells.map((c) => [`${c.row},${c.col}`, c]));
    const cut = sheet.cells.filter((c) => {
      if (typeof c.value !== "string" || c.style?.wrap) return false;
      const next = at.get(`${c.row},${c.col + 1}`);
      if (next === undefined || next.value === null) return false; // it runs on into the empty cell
      return c.value.length > (sheet.columnWidths?.[c.col] ?? 8.43) - 1;
    });
    expect(cut.map((c) => c.value)).toEqual([]);
    for (const label of ["✔ Better than target", "▲ Within tolerance", "✖ Outside tolerance", "○ No data"])
      expect(sheet.cells.map((c) => c.value)).toContain(label);
  });

  it("leaves out measures with no service area, and the whole table when none has one", () => {
    const mixed = [...kpis.slice(0, 3), ...kpis.slice(3).map((k) => ({ ...k, serviceArea: "" }))];
    const build = (areas: string[]) => {
      const r = scoreResult(mixed, [], "2019/20 Q3");
      r.serviceAreaCounts = areas.map((a) =>
        countsOf(
          a,
          mixed.filter((k) => k.serviceArea === a),
          "serviceArea",
        ),
      );
      return buildSummarySheet({
        name: "Scorecard Summary",
        result: r,
        settings: { threshold: 100_000 },
        commentaryName: "KPI Commentary",
        narrativeName: "Variance Narrative",
      }).sheet;
    };
    const some = build(["Care Leavers", "Child Protection", ""]);
    const firstCol = (x: SheetWrite) => x.cells.filter((c) => c.col === 0).map((c) => c.value);
    expect(firstCol(some)).toContain("Service area");
    expect(firstCol(some)).not.toContain("");
    expect(
      rowOf(some, "Total")
        .map((c) => c.value)
        .at(-1),
    ).toBe(3); // the three with a service area
    const none = build([""]);
    expect(firstCol(none)).not.toContain("Service area");
    expect(firstCol(none)).toContain("Group");
    expect(none.cells.filter((c) => c.col === 0 && c.value === "Total")).toHaveLength(1);
  });

  // QA round 2: guessed directions counted; "0.9" for 89%; "+7%" for 87% → 93%.
  it("counts direction only for a known polarity, and shows percentages in % with changes in points", () => {
    const kpis = [
      kpi({
        measure: "Up, assumed",
        row: 2,
        status: "within",
        polaritySource: "assumed",
        trend: "improving",
      }),
      kpi({ measure: "Down, known", row: 3, status: "outside", polaritySource: "text", trend: "declining" }),
      kpi({
        measure: "Timeliness",
        row: 4,
        status: "no-target",
        tableId: "D!1",
        actual: 0.93,
        previous: 0.87,
        yearAgo: 0.95,
        changeVsPrevious: (0.93 - 0.87) / 0.87,
        changeVsYearAgo: (0.93 - 0.95) / 0.95,
        recent: [
          { label: "Q1", value: 0.87 },
          { label: "Q2", value: 0.93 },
        ],
      }),
    ];
    const result = scoreResult(kpis);
    const sheet = buildSummarySheet({
      name: "Scorecard Summary",
      result,
      settings: { threshold: 100000 },
      commentaryName: "KPI Commentary",
      narrativeName: "Variance Narrative",
    }).sheet;
    expect(rowOf(sheet, "With a target").map((c) => c.value)).toEqual(["With a target", 0, 0, 1, 1]);
    const row = rowOf(sheet, "Timeliness");
    expect(row.slice(1, 3).map((c) => [c.value, c.style?.numberFormat])).toEqual([
      [0.87, "0%"],
      [0.93, "0%"],
    ]);
    expect(row.slice(3).map((c) => [c.value, c.style?.numberFormat])).toEqual([
      [6, SIGNED_POINTS_FORMAT],
      [-2, SIGNED_POINTS_FORMAT],
    ]);
    expect(sheet.cells.some((c) => c.value === "Points change against…")).toBe(true);
  });
});
