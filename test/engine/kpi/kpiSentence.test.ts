import {
  changePercent,
  formatNumber,
  kpiSentence,
  signedPercent,
  type KpiSentenceInput,
} from "../../../src/engine/kpi/kpiSentence";

const base: KpiSentenceInput = {
  status: "within",
  actual: 0.85,
  target: 0.9,
  tolerance: 0.75,
  unit: { kind: "percent" },
  period: "Q4",
  previous: null,
  yearAgo: null,
};

describe("kpiSentence", () => {
  const cases: [string, Partial<KpiSentenceInput>, string][] = [
    [
      "the issue's own example (percentage points, then points)",
      { previous: 0.83, previousLabel: "Q3", yearAgo: 0.86, yearAgoLabel: "Q4" },
      "85% against a target of 90% (tolerance 75%); up 2 percentage points on Q3; 1 point below Q4 last year.",
    ],
    ["no tolerance", { tolerance: null, status: "outside" }, "85% against a target of 90%."],
    [
      "a fall of half a point, and a year-ago label that names its year",
      { actual: 0.855, previous: 0.86, previousLabel: "Qtr2", yearAgo: 0.855, yearAgoLabel: "2018/19 Qtr3" },
      "85.5% against a target of 90% (tolerance 75%); down 0.5 percentage points on Qtr2; the same as 2018/19 Qtr3.",
    ],
    [
      "unchanged",
      { previous: 0.85, previousLabel: "Q3" },
      "85% against a target of 90% (tolerance 75%); unchanged on Q3.",
    ],
    [
      "days",
      {
        unit: { kind: "days" },
        actual: 23,
        target: 20,
        tolerance: 25,
        previous: 26,
        previousLabel: "Q3",
        yearAgo: 22,
        yearAgoLabel: "Q4",
      },
      "23 days against a target of 20 days (tolerance 25 days); down 3 days on Q3; 1 day above Q4 last year.",
    ],
    [
      "weeks",
      { unit: { kind: "weeks" }, actual: 1, target: 2, tolerance: null, previous: 1.5 },
      "1 week against a target of 2 weeks; down 0.5 weeks on the previous period.",
    ],
    [
      "rate per 10,000",
      {
        unit: { kind: "rate", per: 10_000 },
        actual: 45.2,
        target: 40,
        tolerance: 50,
        yearAgo: 47,
        yearAgoLabel: "Q4",
      },
      "45.2 per 10,000 against a target of 40 per 10,000 (tolerance 50 per 10,000); 1.8 per 10,000 below Q4 last year.",
    ],
    [
      "a demand count without a target, with its % change",
      {
        status: "no-target",
        unit: { kind: "number" },
        actual: 949,
        target: null,
        tolerance: null,
        previous: 924,
        previousLabel: "Qtr2",
        yearAgo: 1181,
        yearAgoLabel: "2018/19 Qtr3",
      },
      "949; no target; up 25 on Qtr2 (+3%); 232 below 2018/19 Qtr3.",
    ],
    [
      "target to be confirmed",
      { status: "target-tbc", target: null, tolerance: null },
      "85%; target to be confirmed.",
    ],
    [
      "no data with its reason",
      { status: "no-data", actual: null, reason: "This data is not reportable" },
      'No data for Q4 ("This data is not reportable"); target 90%.',
    ],
    [
      "a blank cell's reason is not repeated",
      { status: "no-data", actual: null, reason: "No value for Q4" },
      "No data for Q4; target 90%.",
    ],
    [
      "not yet due",
      { status: "not-due", actual: null, target: null, reason: "Annual" },
      'Not yet due at Q4 ("Annual").',
    ],
    // QA: "<1%" read "1% against a target of 2%", dropping the officer's qualifier.
    [
      "a value below a bound",
      { actual: 0.01, qualifier: "<", target: 0.02, tolerance: null, status: "better" },
      "less than 1% against a target of 2%.",
    ],
    [
      "a value above a bound",
      { actual: 0.95, qualifier: ">", target: 0.9, tolerance: null, status: "better" },
      "more than 95% against a target of 90%.",
    ],
    [
      "an approximate value",
      { actual: 0.08, qualifier: "approx", target: 0.19, tolerance: 0.14, status: "outside" },
      "about 8% against a target of 19% (tolerance 14%).",
    ],
    // QA workbook 09-monthly24: 481.739 to 480 read "down 1.7 on Feb-24 (0%)".
    [
      "a count's small change, its percentage to one decimal place",
      {
        status: "no-target",
        unit: { kind: "number" },
        actual: 480,
        target: null,
        tolerance: null,
        previous: 481.739,
        previousLabel: "Feb-24",
      },
      "480; no target; down 1.7 on Feb-24 (-0.4%).",
    ],
    [
      "a count's change too small to show as a percentage",
      {
        status: "no-target",
        unit: { kind: "number" },
        actual: 100_001,
        target: null,
        tolerance: null,
        previous: 100_000,
        previousLabel: "Feb-24",
      },
      "100,001; no target; up 1 on Feb-24.",
    ],
    [
      "a percentage's small change in percentage points",
      { actual: 0.8464, previous: 0.85, previousLabel: "Feb-24" },
      "84.6% against a target of 90% (tolerance 75%); down 0.4 percentage points on Feb-24.",
    ],
    [
      "money",
      { unit: { kind: "money" }, actual: 12500, target: 10000, tolerance: null, status: "better" },
      "£12,500 against a target of £10,000.",
    ],
  ];
  it.each(cases)("%s", (_name, over, expected) => {
    expect(kpiSentence({ ...base, ...over })).toBe(expected);
  });
});

describe("number helpers", () => {
  it.each([
    [5262, 1, "5,262"],
    [2.5, 1, "2.5"],
    [-1234567.25, 1, "-1,234,567.3"],
    [-0.01, 1, "0"],
  ])("formatNumber(%p, %p) = %p", (v, dp, s) => expect(formatNumber(v, dp)).toBe(s));
  it.each([
    [0.031, "+3%"],
    [-0.14, "-14%"],
    [0.001, "0%"],
  ])("signedPercent(%p) = %p", (v, s) => expect(signedPercent(v)).toBe(s));
  it.each([
    [0.031, " (+3%)"],
    [-0.0036, " (-0.4%)"],
    [0.0096, " (+1%)"],
    [0.0004, ""],
  ])("changePercent(%p) = %p", (v, s) => expect(changePercent(v)).toBe(s));
});
