import { analyseVariances } from "../../../src/engine/finance/analyseVariances";
import { EngineError } from "../../../src/engine/EngineError";
import { findFinanceTables } from "../../../src/engine/finance/findFinanceTables";
import type { CellValue, SheetGrid } from "../../../src/engine/Grid";
import { DEFAULT_SETTINGS, type Settings } from "../../../src/engine/Settings";
import { seedToGrid } from "../../fixtures/seedToGrid";
import { careLadder2019 } from "../../fixtures/seeds/careLadder2019";
import { financeSummary2019 } from "../../fixtures/seeds/financeSummary2019";
import { outturn2122 } from "../../fixtures/seeds/outturn2122";
import type { SeedSheet } from "../../fixtures/seeds/SeedSheet";
import type { VarianceResult } from "../../../src/engine/finance/VarianceResult";
import { revenueMonitoring } from "../../fixtures/qa/revenueMonitoring";

function run(g: SheetGrid, overrides: Partial<Settings> = {}) {
  const settings = { ...DEFAULT_SETTINGS, ...overrides };
  const found = findFinanceTables(g, settings);
  const out = analyseVariances(found.tables, new Map([[g.name, g]]), settings);
  return { ...out, tables: found.tables, issues: [...found.issues, ...out.issues] };
}
const byName = (vs: VarianceResult[], name: string): VarianceResult => {
  const v = vs.find((x) => x.name === name);
  if (!v) throw new Error(`no result named ${name}`);
  return v;
};
/** A copy of a seed sheet with some cells changed (1-based row, 0-based column). */
function edit(seed: SeedSheet, changes: [number, number, CellValue][]): SeedSheet {
  const rows = seed.rows.map((r) => [...r]);
  for (const [r, c, v] of changes) rows[r - 1][c] = v;
  return { ...seed, rows };
}

describe("seed 000's December 2019 table at £100k", () => {
  const { variances, headlines, issues } = run(seedToGrid(financeSummary2019));

  test("Looked After Children (the table's 'Children Looked After') is £805k underspent", () => {
    const lac = byName(variances, "Children Looked After");
    expect(lac).toMatchObject({
      budget: 29_024_000,
      forecast: 28_219_000,
      variance: 805_000,
      direction: "underspend",
      overThreshold: true,
      row: 5,
      cell: "J5",
    });
    expect(lac.gross).toEqual({ budget: 32_483_000, forecast: 32_030_000, variance: 453_000 });
    expect(lac.income).toEqual({ budget: -3_458_000, forecast: -3_810_000, variance: 352_000 });
    expect(lac.narrative).toBe("Children Looked After – £805k underspent.");
    expect(lac.variancePct).toBeCloseTo(805 / 29024, 6);
  });

  test("flagged headings: the report's five, plus Contract Value marked as a funding line", () => {
    // The report (§35) counts "five (excluding the pending contract variance for ICT)": Looked after
    // Children, Safeguarding, Other Children & Family Services, Family Support Services and Services
    // for Young People. Contract Value's £123k is over the threshold too. The engine cannot know the
    // ICT contract variance is pending, so it flags the line but marks it `isFunding` (the contract
    // income that pays for the headings, not a service) and says so in the narrative, so the officer
    // can set it aside as the report does. Youth Justice (£92k) and Support Services (−£20k) are under
    // £100k; the Grand Total is a total and is never listed.
    const flagged = variances.filter((v) => v.overThreshold).map((v) => v.name);
    expect(flagged).toEqual([
      "Children Looked After",
      "Other Children and Family Services",
      "Family Support Services",
      "Safeguarding Children and Young People’s Services",
      "Services for Young People",
      "Contract Value",
    ]);
    const contract = byName(variances, "Contract Value");
    expect(contract).toMatchObject({ variance: 123_000, isFunding: true, isIncome: true });
    expect(contract.narrative).toBe(
      "Contract Value – £123k underspent (income £123k above budget; a funding line, not a service heading).",
    );
    expect(variances.filter((v) => v.overThreshold && !v.isFunding)).toHaveLength(5);
  });

  test("the Grand Total is a total, never over the threshold", () => {
    const total = byName(variances, "Grand Total");
    expect(total).toMatchObject({
      isTotal: true,
      overThreshold: false,
      variance: 1_025_000,
      budget: 0,
      forecast: -1_025_000,
    });
  });

  test("the seed's own rounding raises no warning (Safeguarding's −370 against 12,726 − 13,095 = −369)", () => {
    const sg = byName(variances, "Safeguarding Children and Young People’s Services");
    expect(sg.variance).toBe(-370_000); // the sheet's figure is used
    expect(sg.narrative).toBe("Safeguarding Children and Young People’s Services – £370k overspent.");
    expect(issues).toEqual([]);
  });

  test("headline: net budget is nil (a contract-funded trust), so the percentage is of the gross budget", () => {
    expect(headlines).toHaveLength(1);
    expect(headlines[0]).toMatchObject({ budget: 57_281_000, variance: 1_025_000, budgetBasis: "gross" });
    // The report rounds the same £1,025k to "£1.0m"; we write millions to two decimals.
    expect(headlines[0].sentence).toBe(
      "The forecast outturn at Quarter 3 is an underspend of £1.03m (1.8% of the £57.28m gross budget, as the net budget is nil).",
    );
  });
});

describe("seed 001's 2021/22 outturn at £250k", () => {
  const { variances, headlines, issues } = run(seedToGrid(outturn2122), {
    threshold: 250_000,
    directionWords: "noun",
  });

  test("only Looked After Children (£4.64m) and Safeguarding (£1.26m) are overspent past the threshold", () => {
    const flagged = variances.filter((v) => v.overThreshold);
    expect(flagged.map((v) => [v.name, v.variance, v.direction])).toEqual([
      ["Children Looked After", -4_638_000, "overspend"],
      ["Safeguarding Children and Young People's Services", -1_260_000, "overspend"],
    ]);
    expect(issues).toEqual([]);
  });

  test("Covid part and movement since Q3 (operating + Covid change columns), in the seeds' words", () => {
    const lac = byName(variances, "Children Looked After");
    expect(lac).toMatchObject({
      covid: -760_000,
      operating: -3_878_000,
      movement: -683_000,
      movementLabel: "Q3",
    });
    expect(lac.narrative).toBe(
      "Children Looked After – £4.64m overspend (£0.76m Covid), an increase of £0.68m since Q3.",
    );
    // seed §117: "Safeguarding Children - £1.26m overspend – increase of £0.22m since Q3 (£0.24m Covid)"
    expect(byName(variances, "Safeguarding Children and Young People's Services").narrative).toBe(
      "Safeguarding Children and Young People's Services – £1.26m overspend (£0.24m Covid), an increase of £0.22m since Q3.",
    );
    // a heading that crossed from underspend (+£37k at Q3) to overspend
    expect(byName(variances, "Other Children and Family Services").narrative).toBe(
      "Other Children and Family Services – £173k overspend (£42k Covid), a movement of £210k towards overspend since Q3.",
    );
  });

  test("headline matches seed §81: £5.83m overspend at outturn, an increase of £0.89m since Q3", () => {
    expect(headlines[0].sentence).toBe(
      "The 2021/22 outturn is an overspend of £5.83m (9.4% of the £62.08m gross budget, as the net budget is nil; £1.05m Covid), an increase of £0.89m since Q3.",
    );
    expect(headlines[0].movement).toBe(-886_000);
  });
});

describe("tie-out checks, with cell addresses", () => {
  test("a variance more than one unit from budget − forecast is a warning at its cell", () => {
    const { issues, variances } = run(seedToGrid(edit(financeSummary2019, [[9, 9, -372]])));
    const mismatch = issues.filter((i) => i.code === "variance-mismatch");
    expect(mismatch.map((i) => i.cell)).toEqual(["J9"]);
    expect(mismatch[0].message).toMatch(/12,726 and 13,095 give −369/);
    expect(byName(variances, "Safeguarding Children and Young People’s Services").variance).toBe(-372_000);
    // gross + income no longer make the net variance either (−355 + −15 = −370) ...
    expect(issues.filter((i) => i.code === "tie-out").map((i) => [i.cell, i.message])).toEqual([
      [
        "J9",
        expect.stringMatching(
          /gross \+ income ≠ net in the variance columns \(−355 \+ −15 = −370, but J9 says −372\)/,
        ),
      ],
    ]);
    // ... but the lines' variances, 1,023 against the Grand Total's 1,025, are within rounding (4 units for 8 lines)
  });

  test("gross + income ≠ net, and lines that do not add up to their total", () => {
    const { issues } = run(seedToGrid(edit(financeSummary2019, [[5, 3, 29_124]])));
    const tie = issues.filter((i) => i.code === "tie-out");
    expect(tie.map((i) => i.cell).sort()).toEqual(["D13", "D5"]);
    expect(tie.find((i) => i.cell === "D5")?.message).toMatch(/gross \+ income ≠ net in the budget columns/);
    expect(tie.find((i) => i.cell === "D13")?.message).toMatch(/\(D5:D12\) add up to 99, but D13 says 0/);
  });

  test("Covid + operating must make the variance (seed 001)", () => {
    const { issues } = run(seedToGrid(edit(outturn2122, [[5, 10, -700]])), { threshold: 250_000 });
    expect(issues.filter((i) => i.code === "tie-out").map((i) => i.cell)).toContain("J5");
  });

  test("no variance column: computed as budget − forecast (Safeguarding is then the exact −£369k)", () => {
    const seed = {
      ...financeSummary2019,
      rows: financeSummary2019.rows.map((r) => r.slice(0, 7)),
      merges: ["B3:D3", "E3:G3"],
    };
    const { variances, issues } = run(seedToGrid(seed));
    expect(byName(variances, "Children Looked After").variance).toBe(805_000);
    expect(byName(variances, "Safeguarding Children and Young People’s Services").variance).toBe(-369_000);
    expect(byName(variances, "Grand Total").variance).toBe(1_025_000);
    expect(issues).toEqual([]);
  });
});

describe("sign", () => {
  test("a sheet whose variance columns are all forecast − budget is followed, with a warning", () => {
    const flipped = edit(
      financeSummary2019,
      financeSummary2019.rows
        .slice(4)
        .flatMap((r, i) =>
          [7, 8, 9].map((c) => [i + 5, c, -(r[c] as number)] as [number, number, CellValue]),
        ),
    );
    const { variances, issues, tables } = run(seedToGrid(flipped));
    expect(tables[0].invertedSign).toBe(true);
    expect(issues.map((i) => [i.code, i.cell])).toEqual([["variance-sign", "J4"]]);
    expect(byName(variances, "Children Looked After")).toMatchObject({
      variance: 805_000,
      direction: "underspend",
    });
    expect(byName(variances, "Safeguarding Children and Young People’s Services").variance).toBe(-370_000);
  });

  test("one odd variance among correct ones is a mismatch, not a sign change", () => {
    const { issues, tables } = run(seedToGrid(edit(financeSummary2019, [[5, 9, -805]])));
    expect(tables[0].invertedSign).toBe(false);
    expect(issues.map((i) => [i.code, i.cell])).toContainEqual(["variance-mismatch", "J5"]);
  });

  test("income: less income than budgeted is an overspend (seed 000's £380k Continuing Healthcare shortfall)", () => {
    // as the care ladder holds it: income as negative credits
    const { variances } = run(seedToGrid(careLadder2019));
    const chc = byName(variances, "Continuing Healthcare Contributions (income)");
    expect(chc).toMatchObject({
      variance: -380_000,
      direction: "overspend",
      isIncome: true,
      overThreshold: true,
    });
    expect(chc.narrative).toBe(
      "Looked After Children: Continuing Healthcare Contributions (income) – £380k overspent (income £380k below budget).",
    );
    // and as a sheet that holds income as positive amounts, with no variance column
    const positive = run(
      seedToGrid({
        name: "Income",
        rows: [
          ["Line", "Budget £", "Forecast £"],
          ["Out of Area Placements", 6_370_000, 7_210_000],
          ["Continuing Healthcare Contributions", 485_000, 105_000],
          ["Total", 5_885_000, 7_105_000],
        ],
      }),
    );
    expect(byName(positive.variances, "Continuing Healthcare Contributions")).toMatchObject({
      variance: -380_000,
      direction: "overspend",
    });
    expect(byName(positive.variances, "Total").variance).toBe(-1_220_000);
    expect(positive.issues).toEqual([]); // the total nets the income off
  });
});

describe("care ladder: volume and price", () => {
  const { variances, headlines, issues } = run(seedToGrid(careLadder2019));

  test("Out of Area Placements: 3 more placements than budgeted at £3,500 a week", () => {
    const ooa = byName(variances, "Out of Area Placements");
    // volume = −(38 − 35) × £3,500 × 52 weeks = −£546,000; price = the rest
    expect(ooa).toMatchObject({
      variance: -840_000,
      volumeEffect: -546_000,
      priceEffect: -294_000,
      heading: "Looked After Children",
    });
    expect(ooa.activity).toEqual({ budgeted: 35, actual: 38 });
    expect(ooa.unitCost).toEqual({ budgeted: 3500, actual: 3648.79, per: "week" });
    expect(ooa.narrative).toBe(
      "Looked After Children: Out of Area Placements – £840k overspent; volume £546k overspent (38 placements against 35 budgeted), price £294k overspent.",
    );
  });

  test("volume + price = variance on every line with activity; lines without it have none", () => {
    const withActivity = variances.filter((v) => v.volumeEffect !== null);
    expect(withActivity.map((v) => v.name)).toEqual([
      "In-house Residential",
      "Satellite Homes",
      "Out of Area Placements",
      "Independent Fostering Agencies",
      "Child Arrangement Orders",
      "Special Guardianship Orders",
      "Asylum Seekers",
    ]);
    for (const v of withActivity) expect((v.volumeEffect ?? 0) + (v.priceEffect ?? 0)).toBe(v.variance);
    expect(byName(variances, "Oaklands").volumeEffect).toBeNull();
  });

  test("the seed's stated lines, and the heading total of £805k with no tie-out warning", () => {
    const stated: [string, number][] = [
      ["In-house Residential", -152_000],
      ["Satellite Homes", 246_000],
      ["Out of Area Placements", -840_000],
      ["Independent Fostering Agencies", 306_000],
      ["Child Arrangement Orders", 140_000],
      ["Special Guardianship Orders", 125_000],
      ["Asylum Seekers", 143_000],
    ];
    for (const [name, v] of stated) expect(byName(variances, name).variance).toBe(v);
    expect(byName(variances, "Total Looked After Children").variance).toBe(805_000);
    expect(issues).toEqual([]);
    expect(headlines[0].sentence).toBe(
      "The forecast outturn at Quarter 3 is an underspend of £805k (3.6% of the £22.18m budget).",
    );
  });
});

describe("threshold, movement, headline and settings", () => {
  const trust = seedToGrid({
    name: "Trust",
    rows: [
      [null, "Quarter 3", null, null, "Quarter 2"],
      ["Trust", "Budget £m", "Forecast £m", "Variance £m", "Variance £m"],
      ["Doncaster Children's Services Trust", 54.8, 53.8, 1.0, 1.1],
    ],
    merges: ["B1:D1"],
  });

  test("the issue's headline, from a previous quarter's variance column", () => {
    const { headlines, variances } = run(trust);
    expect(variances[0].movement).toBe(-100_000);
    expect(headlines[0].sentence).toBe(
      "The forecast outturn at Quarter 3 is an underspend of £1.00m (1.8% of the £54.80m budget), a decrease of £0.10m since Quarter 2, by the sum of its lines (the table has no total row).",
    );
  });

  test("movement from a previous quarter's forecast column", () => {
    const g = seedToGrid({
      name: "Q",
      rows: [
        ["Heading", "Budget £k", "Q2 Forecast £k", "Q3 Forecast £k"],
        ["Fostering", 1000, 1100, 1250],
      ],
    });
    const v = run(g).variances[0];
    expect(v).toMatchObject({ variance: -250_000, movement: -150_000, movementLabel: "Q2" });
    expect(v.narrative).toBe("Fostering – £250k overspent, an increase of £150k since Q2.");
  });

  test("a variance exactly at the threshold is flagged; £1 under is not", () => {
    const g = seedToGrid({
      name: "T",
      rows: [
        ["Heading", "Budget £", "Forecast £"],
        ["A", 1_000_000, 900_000],
        ["B", 1_000_000, 900_001],
        ["C", 1_000_000, 1_100_000],
      ],
    });
    expect(run(g).variances.map((v) => v.overThreshold)).toEqual([true, false, true]);
    expect(run(g, { threshold: 50_000 }).variances.map((v) => v.overThreshold)).toEqual([true, true, true]);
  });

  test("long money style and noun direction words", () => {
    const { variances } = run(seedToGrid(financeSummary2019), { moneyStyle: "long", directionWords: "noun" });
    expect(byName(variances, "Children Looked After").narrative).toBe(
      "Children Looked After – £0.81 million underspend.",
    );
  });

  test("text in a money cell is an issue, never an exception; money typed as text is read", () => {
    const g = seedToGrid({
      name: "Text",
      rows: [
        ["Heading", "Budget £", "Forecast £", "Variance £"],
        ["Fostering", "£1.2m", "(1,300,000)", "TBC"],
        ["Adoption", "+£917K", "-", null],
      ],
    });
    const { variances, issues } = run(g);
    expect(byName(variances, "Fostering").variance).toBe(2_500_000);
    expect(byName(variances, "Adoption").variance).toBe(917_000);
    expect(issues.map((i) => [i.code, i.cell])).toContainEqual(["unparsed-value", "D2"]);
  });

  test("a table whose sheet grid is missing is programmer misuse", () => {
    const { tables } = run(trust);
    expect(() => analyseVariances(tables, new Map(), DEFAULT_SETTINGS)).toThrow(EngineError);
  });
});

describe("QA: income shown as positive amounts, grand totals and previous-quarter columns", () => {
  // the shape of QA's 06c / 06e workbooks (£m, income as positive amounts)
  const parking = (variance: number | null): SheetGrid =>
    seedToGrid({
      name: "Finance £m",
      rows: [
        ["Quarter 2 forecast outturn"],
        ["Service", "Budget £m", "Forecast £m", ...(variance === null ? [] : ["Variance £m"])],
        ["Children's Social Care", 54.8, 57.12, -2.32],
        ["Education", 12.4, 12.2, 0.2],
        ["Parking fees and charges income", 2.5, 2.12, variance],
        ["Home to school transport", 8.05, 8.1, -0.05],
        ["Total", 72.75, 75.3, -2.55],
      ].map((r) => (variance === null ? r.slice(0, 3) : r)),
    });

  test.each<[string, number | null]>([
    ["budget − forecast, as on every other line (06c)", 0.38],
    ["already turned round (06e)", -0.38],
    ["no variance column (06f)", null],
  ])("an income shortfall is an overspend whichever way its variance is written: %s", (_, variance) => {
    const { variances, issues } = run(parking(variance));
    const p = byName(variances, "Parking fees and charges income");
    expect(p).toMatchObject({ variance: -380_000, direction: "overspend", overThreshold: true });
    expect(p.narrative).toBe(
      "Parking fees and charges income – £380k overspent (income £380k below budget).",
    );
    expect(issues.filter((i) => i.severity !== "info")).toEqual([]);
  });

  test("an income variance that matches neither way round is a mismatch at its cell; the direction is the amounts'", () => {
    const g = seedToGrid({
      name: "Income",
      rows: [
        ["Service", "Budget £k", "Forecast £k", "Variance £k"],
        ["Education", 12400, 12200, 200],
        ["Parking fees and charges income", 2500, 2120, 500],
      ],
    });
    const { variances, issues } = run(g);
    expect(byName(variances, "Parking fees and charges income")).toMatchObject({
      variance: -500_000,
      direction: "overspend",
    });
    const mismatch = issues.filter((i) => i.code === "variance-mismatch");
    expect(mismatch.map((i) => i.cell)).toEqual(["D3"]);
    expect(mismatch[0].message).toMatch(/income forecast is below budget/);
  });

  // the shape of QA's 11-thousands workbook (the sheet's variance is forecast − budget)
  const revenue = (grandForecast: number): SheetGrid => seedToGrid(revenueMonitoring(grandForecast));

  test("a Grand Total under sub-totals is checked against them, not the last heading's lines", () => {
    const ok = run(revenue(76945));
    expect(ok.issues.filter((i) => i.code === "tie-out")).toEqual([]);
    const wrong = run(revenue(77000)).issues.filter((i) => i.code === "tie-out");
    expect(wrong.map((i) => i.cell)).toEqual(["C13", "D13"]);
    expect(wrong[0].message).toBe(
      "Grand Total: the net forecast totals (C8, C12) add up to 76,945, but C13 says 77,000.",
    );
  });

  test("movement from the Q2 column beside the current Forecast Outturn; the quarter from the title", () => {
    const { variances, headlines } = run(revenue(76945));
    expect(byName(variances, "Older people")).toMatchObject({ variance: -900_000, movement: -300_000 });
    expect(headlines[0].sentence).toBe(
      "The forecast outturn at Quarter 3 is an underspend of £55k (0.1% of the £77.00m budget), a decrease of £95k since Q2.",
    );
    // QA's 11b: with no title the quarter is not known, and is not named
    const b = run(
      seedToGrid({
        name: "Rev",
        rows: [
          ["Service", "Annual Budget", "Forecast Outturn", "Q2 Forecast Outturn"],
          ["Older people", 25000, 25900, 25600],
          ["Total", 25000, 25900, 25600],
        ],
      }),
    );
    expect(b.headlines[0].sentence).toBe(
      "The forecast outturn is an overspend of £900 (3.6% of the £25k budget), an increase of £300 since Q2.",
    );
  });
});
