import type { Polarity } from "../../../src/engine/Settings";
import {
  HIGHER_IS_BETTER,
  LOWER_IS_BETTER,
  polarityFromWords,
} from "../../../src/engine/kpi/polarityLexicon";
import { LABELLED, allLabelled, lexiconScore } from "./polarityLabels";

const polarity = (measure: string): Polarity | null => polarityFromWords(measure)?.polarity ?? null;

describe("polarityFromWords: the labelled measures", () => {
  const labelled = allLabelled();
  const score = lexiconScore(labelled);

  it("has at least 120 labelled measures, each named once and with a source", () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(120);
    const names = labelled.map((l) => l.measure.replace(/\s+/g, " ").trim().toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const l of labelled) {
      expect(l.source.trim()).not.toBe("");
      expect([null, "higher", "lower", "either"]).toContain(l.truth);
    }
  });

  it("is right on at least 97% of the measures it answers", () => {
    expect(score.answered).toBeGreaterThanOrEqual(100);
    // On failure, show what went wrong.
    if (score.precision < 0.97) expect(score.wrong).toEqual([]);
    expect(score.precision).toBeGreaterThanOrEqual(0.97);
  });

  it("answers at least 90% of the measures labelled with a direction", () => {
    expect(score.coverage).toBeGreaterThanOrEqual(0.9);
  });

  it("gives no direction to demand and context measures", () => {
    const demand = labelled.filter((l) => l.truth === null);
    expect(demand.length).toBeGreaterThanOrEqual(15);
    expect(demand.filter((l) => polarity(l.measure) !== null).map((l) => l.measure)).toEqual([]);
  });

  it("returns the deciding phrase as written in the measure", () => {
    for (const l of labelled) {
      const r = polarityFromWords(l.measure);
      if (r) expect(l.measure).toContain(r.phrase);
    }
  });
});

describe("polarityFromWords: tricky cases", () => {
  it.each<[string, Polarity | null]>([
    ["% of complaints responded to within 10 working days", "higher"],
    ["Average days to process new benefit claims", "lower"],
    ["Number of households in temporary accommodation", "lower"],
    ["Children on CPP for more than 2 years", "lower"],
    ["LAC Stability - 2 years in same placement", "higher"],
    ["LAC Stability - 3 placement changes in year", "lower"],
    ["% Re-Referrals", "lower"],
    [
      "Percentage of Children who wait less 14 months between entering care and move in with adoptive family",
      "higher",
    ],
    ["Children in Need per 10,000 population", null],
    ["Referrals", null],
    ["Contacts to CSC", null],
    ["Number of children looked after", null],
    ["% re referrals within the last 12 months", "lower"],
    ["%Permanent Staff that left within 2 years", "lower"],
    ["Readmissions within 30 days of a previous admission", "lower"],
    ["% of care leavers in employment, education or training", "higher"],
    ["Young people not in education, employment or training", "lower"],
    ["% of Contamination in co-mingled recyclate", "lower"],
    ["Missed refuse and recycling collections as a % of those due", "lower"],
    ["Percentage of posts with no sickness absence in the rolling year", "higher"],
    ["Return interviews completed within 72 hours of the missing episode", "higher"],
    ["A&E four-hour wait", "higher"],
    ["Number of 52 week waits", "lower"],
    ["Percentage of homes not meeting the Decent Homes Standard", "lower"],
    ["Number of adults receiving direct payments per 100,000 population aged 18 years or over", "higher"],
    ["Rent written off that cannot be collected", "lower"],
    ["False alarms due to automatic fire detection", "lower"],
    ["% of incident responses carried out in prescribed time", "higher"],
  ])("%s → %s", (measure, expected) => {
    expect(polarity(measure)).toBe(expected);
  });

  it("names the phrase that decided", () => {
    expect(polarityFromWords("% Re-Referrals")).toEqual({ polarity: "lower", phrase: "Re-Referrals" });
    expect(polarityFromWords("% of complaints responded to within 10 working days")).toEqual({
      polarity: "higher",
      phrase: "within 10 working days",
    });
    expect(polarityFromWords("Number of households in temporary accommodation")?.phrase).toBe(
      "temporary accommodation",
    );
  });

  it("ignores case, hyphens, dashes and spacing", () => {
    for (const m of [
      "% re-referrals",
      "% rereferrals",
      "% re referrals",
      "% RE–REFERRALS",
      "% re\u00a0referrals",
    ]) {
      expect(polarity(m)).toBe("lower");
    }
    for (const m of ["Repairs completed on time", "Repairs completed on-time", "REPAIRS COMPLETED ONTIME"]) {
      expect(polarity(m)).toBe("higher");
    }
  });

  it("lets a stated polarity win over the words", () => {
    expect(polarity("Visits within timescale (lower is better)")).toBe("lower");
    expect(polarity("Complaints upheld (higher is better)")).toBe("higher");
    expect(polarityFromWords("Short term stability: % of 3+ moves (lower the better)")?.phrase).toBe(
      "lower the better",
    );
  });

  it("gives null when phrases of the same tier disagree", () => {
    expect(polarityFromWords("Reduction in re-referrals")).toBeNull();
    expect(polarityFromWords("")).toBeNull();
  });
});

describe("the phrase lists", () => {
  it("are non-empty, named, tiered and stateless", () => {
    expect(LOWER_IS_BETTER.length).toBeGreaterThan(30);
    expect(HIGHER_IS_BETTER.length).toBeGreaterThan(20);
    for (const p of [...LOWER_IS_BETTER, ...HIGHER_IS_BETTER]) {
      expect(p.phrase.trim()).not.toBe("");
      expect([0, 1, 2, 3]).toContain(p.tier);
      expect(p.pattern.flags).not.toMatch(/[gy]/);
      expect(p.pattern.flags).toContain("i");
    }
  });

  it("give the same answer when asked twice", () => {
    const m = "% of calls answered within 60 seconds";
    expect(polarityFromWords(m)).toEqual(polarityFromWords(m));
  });
});

describe("lexiconScore", () => {
  it("counts right, wrong and unanswered measures", () => {
    const s = lexiconScore([
      { measure: "% Re-Referrals", truth: "lower", source: "t" },
      { measure: "Visits within timescale", truth: "lower", source: "t" },
      { measure: "Referrals", truth: "higher", source: "t" },
      { measure: "Children in Need per 10,000 population", truth: null, source: "t" },
      { measure: "Number of complaints received", truth: "either", source: "t" },
    ]);
    expect(s).toMatchObject({ total: 5, directional: 3, answered: 2, correct: 1, precision: 0.5 });
    expect(s.coverage).toBeCloseTo(2 / 3);
    expect(s.wrong.map((w) => w.measure)).toEqual(["Visits within timescale"]);
    expect(s.unanswered.map((w) => w.measure)).toEqual(["Referrals"]);
  });
});
