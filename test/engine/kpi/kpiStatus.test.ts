import fc from "fast-check";
import type { KpiStatus } from "../../../src/engine/kpi/KpiResult";
import {
  compareWithTarget,
  effectiveTolerance,
  kpiStatus,
  unitsAgree,
} from "../../../src/engine/kpi/kpiStatus";
import { parseCell } from "../../../src/engine/cells/parseCell";
import type { Polarity } from "../../../src/engine/Settings";

type V = string | number | null;
/** Cells as a sheet holds them: [value, format]; a bare number is a plain number. */
const cell = (v: V | [number, string], addr: string) =>
  Array.isArray(v) ? parseCell(v[0], v[1], "KPIs", addr) : parseCell(v, "General", "KPIs", addr);
const pct = (n: number): [number, string] => [n, "0%"];
const score = (
  actual: V | [number, string],
  target: V | [number, string],
  tolerance: V | [number, string],
  polarity: Polarity = "higher",
) =>
  kpiStatus({
    actual: cell(actual, "D5"),
    target: cell(target, "B5"),
    tolerance: cell(tolerance, "C5"),
    polarity,
    measure: "Test measure",
  });

describe("compareWithTarget (higher is better)", () => {
  it("meeting the target counts as better", () =>
    expect(compareWithTarget(0.9, 0.9, 0.75, "higher")).toBe("better"));
  it("tolerance ≤ actual < target is within", () => {
    expect(compareWithTarget(0.85, 0.9, 0.75, "higher")).toBe("within");
    expect(compareWithTarget(0.75, 0.9, 0.75, "higher")).toBe("within");
  });
  it("below tolerance is outside", () =>
    expect(compareWithTarget(0.74, 0.9, 0.75, "higher")).toBe("outside"));
  it("no amber band without a tolerance or with one equal to the target", () => {
    expect(compareWithTarget(0.85, 0.9, null, "higher")).toBe("outside");
    expect(compareWithTarget(0.79, 0.8, 0.8, "higher")).toBe("outside");
  });
  it("ignores a tolerance on the wrong side", () => {
    expect(effectiveTolerance(0.9, 0.95, "higher")).toBeNull();
    expect(compareWithTarget(0.85, 0.9, 0.95, "higher")).toBe("outside");
  });
});

describe("compareWithTarget (lower is better mirrors)", () => {
  // Seed 001: "Short term stability ... (lower the better)" 9% target, 15% tolerance, 6% actual.
  it("at or under the target is better", () => {
    expect(compareWithTarget(0.06, 0.09, 0.15, "lower")).toBe("better");
    expect(compareWithTarget(0.09, 0.09, 0.15, "lower")).toBe("better");
  });
  it("target < actual ≤ tolerance is within; above is outside", () => {
    expect(compareWithTarget(0.15, 0.09, 0.15, "lower")).toBe("within");
    expect(compareWithTarget(0.16, 0.09, 0.15, "lower")).toBe("outside");
    // Seed 001: average days to adoption, target 426, tolerance 460, actual 463.
    expect(compareWithTarget(463, 426, 460, "lower")).toBe("outside");
  });
  it("ignores a tolerance below the target", () =>
    expect(compareWithTarget(0.1, 0.09, 0.05, "lower")).toBe("outside"));
});

describe("kpiStatus", () => {
  it("scores seed 001's contract rows from cells as the sheet holds them", () => {
    expect(score(pct(0.85), pct(0.9), pct(0.75)).status).toBe("within");
    expect(score(pct(0.99), pct(0.95), pct(0.8)).status).toBe("better");
    expect(score(pct(0.56), pct(0.8), pct(0.8)).status).toBe("outside");
  });

  it("lets the target decide the statuses that need no comparison", () => {
    expect(score(pct(0.5), null, null).status).toBe("no-target");
    expect(score(pct(0.5), "N/A", null).status).toBe("no-target");
    expect(score(pct(0.5), "TBC", null).status).toBe("target-tbc");
    expect(score(pct(0.5), "new measure", null).status).toBe("target-tbc");
    expect(score(pct(0.5), "annual", null)).toMatchObject({ status: "not-due", reason: "annual" });
    expect(score(pct(0.5), "not yet due", null).status).toBe("not-due");
    // A no-target row still reports its value (demand counts).
    expect(score(1257, null, null)).toMatchObject({ status: "no-target", actual: 1257 });
  });

  it("warns about a target it cannot read, naming the cell", () => {
    const r = score(pct(0.5), "#REF!", null);
    expect(r.status).toBe("no-target");
    expect(r.issues[0]).toMatchObject({
      code: "unparsed-value",
      sheet: "KPIs",
      cell: "B5",
      severity: "warning",
    });
    expect(r.issues[0].message).toContain("#REF!");
  });

  it("gives no-data for a non-numeric actual and keeps its text as the reason", () => {
    const text =
      "This data is not reportable. Unlike Child Protection Reviews the timescale for CIC reviews is dependent on a range of factors.";
    expect(score(text, pct(0.95), pct(0.8))).toMatchObject({ status: "no-data", reason: text, actual: null });
    expect(score("N/A", pct(0.95), pct(0.8))).toMatchObject({ status: "no-data", reason: "N/A" });
    expect(score(null, pct(0.95), pct(0.8))).toMatchObject({ status: "no-data", reason: "No value" });
    expect(score("annual", pct(0.95), null).status).toBe("not-due");
    const err = score("#DIV/0!", pct(0.95), null);
    expect(err).toMatchObject({ status: "no-data", reason: "Excel error #DIV/0!" });
    expect(err.issues[0]).toMatchObject({ code: "unparsed-value", cell: "D5", severity: "warning" });
  });

  it("never guesses units: a % target against a bare 85 or an unformatted 0.85 warns and gives no-data", () => {
    for (const bare of [85, 0.85]) {
      const r = score(bare, pct(0.9), pct(0.75));
      expect(r.status).toBe("no-data");
      expect(r.reason).toMatch(/Unit mismatch/);
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]).toMatchObject({
        code: "unit-mismatch",
        sheet: "KPIs",
        cell: "D5",
        severity: "warning",
      });
    }
    expect(score(85, pct(0.9), null).issues[0].message).toContain('type it as "85%"');
    expect(score(0.85, pct(0.9), null).issues[0].message).toContain("percentage number format");
  });

  it("compares rates with rates per the same population", () => {
    // Seed 001: first-time entrants, target 194 per 100,000, actual 124 per 100,000 (lower is better).
    const r = score(
      "124 per 100,000 of 10-17 year olds",
      "194 per 100,000 of 10-17 year olds",
      "N/A",
      "lower",
    );
    expect(r).toMatchObject({ status: "better", actual: 124, target: 194, tolerance: null });
    expect(score("124 per 10,000", "194 per 100,000", null, "lower").status).toBe("no-data");
  });

  it("converts weeks and days", () => {
    expect(score("4 weeks", "26 days", null, "lower")).toMatchObject({ status: "outside", actual: 28 });
    expect(unitsAgree({ kind: "weeks" }, { kind: "days" })).toBe(true);
    expect(unitsAgree({ kind: "percent" }, { kind: "number" })).toBe(false);
  });

  it("warns about a tolerance on the wrong side and treats it as absent", () => {
    const r = score(pct(0.85), pct(0.9), pct(0.95), "higher");
    expect(r.status).toBe("outside");
    expect(r.tolerance).toBeNull();
    expect(r.issues[0]).toMatchObject({ code: "tolerance-wrong-side", cell: "C5", severity: "warning" });
    expect(r.issues[0].message).toMatch(/ignored/);
  });

  it("adds no warning for a tolerance equal to the target (no amber band)", () => {
    const r = score(pct(0.79), pct(0.8), pct(0.8));
    expect(r).toMatchObject({ status: "outside", tolerance: null });
    expect(r.issues).toHaveLength(0);
  });

  // QA workbooks 01-monthly row 10 (blank Mar-24, tolerance set), 03-fyquarters row 9 ("N/A" actual,
  // "18%" tolerance) and 10-warnings rows 3, 6, 9: the tolerance was dropped whenever there was no data.
  it("reports the target and tolerance whatever the status", () => {
    expect(score(null, 8, 9, "lower")).toMatchObject({ status: "no-data", target: 8, tolerance: 9 });
    expect(score("N/A", pct(0.15), "18%", "lower")).toMatchObject({ target: 0.15, tolerance: 0.18 });
    expect(score("#DIV/0!", pct(0.9), pct(0.85))).toMatchObject({ status: "no-data", tolerance: 0.85 });
    expect(score(85, pct(0.9), pct(0.85))).toMatchObject({ status: "no-data", tolerance: 0.85 });
    expect(score("Annual", pct(0.9), pct(0.85))).toMatchObject({ status: "not-due", tolerance: 0.85 });
    expect(score(pct(0.5), "TBC", pct(0.4))).toMatchObject({ status: "target-tbc", tolerance: 0.4 });
    expect(score(10, null, 12)).toMatchObject({ status: "no-target", tolerance: 12 });
    // A tolerance that makes no band is still left out, and still warned about with no data.
    const wrong = score(null, pct(0.9), pct(0.95));
    expect(wrong.tolerance).toBeNull();
    expect(wrong.issues.map((i) => i.code)).toEqual(["tolerance-wrong-side"]);
    expect(score(null, pct(0.8), pct(0.8)).tolerance).toBeNull();
  });

  it('advises typing "96%" for the text "0.96" against a % target, and a % format for the number 0.96', () => {
    const hint = (actual: V, isText: boolean) =>
      kpiStatus({
        actual: cell(actual, "E9"),
        target: cell(pct(0.95), "B9"),
        tolerance: cell(null, "C9"),
        polarity: "higher",
        actualIsText: isText,
      }).issues[0].message;
    expect(hint("0.96", true)).toMatch(/type it as "96%"/);
    expect(hint("0.96", true)).not.toMatch(/number format/);
    expect(hint(0.96, false)).toMatch(/give E9 a percentage number format/);
  });

  it("compares qualified values conservatively", () => {
    // Seed 001: "% of Child Protection Plans lasting 2 years or more": 3% target, 5% tolerance, "<1%".
    expect(score("<1%", pct(0.03), pct(0.05), "lower")).toMatchObject({ status: "better", actual: 0.01 });
    expect(score("<4%", pct(0.03), pct(0.05), "lower").status).toBe("within"); // compares as 4%
    expect(score(">95%", pct(0.95), pct(0.8), "higher").status).toBe("better"); // compares as 95%
    expect(score(">85%", pct(0.95), pct(0.8), "higher").status).toBe("within");
    // Approximate values compare as the number.
    expect(
      score("Approx. 8% of children who left care in Q4 had been adopted.", pct(0.19), pct(0.14)).status,
    ).toBe("outside");
  });

  it("scores a bound pointing the wrong way only when even its best case is outside", () => {
    expect(score("<10%", pct(0.95), pct(0.8), "higher").status).toBe("outside");
    const unsure = score("<99%", pct(0.95), pct(0.8), "higher");
    expect(unsure.status).toBe("no-data");
    expect(unsure.reason).toMatch(/cannot be compared/);
  });

  const statusRank: Record<KpiStatus, number> = {
    better: 0,
    within: 1,
    outside: 2,
    "no-data": 3,
    "no-target": 3,
    "target-tbc": 3,
    "not-due": 3,
  };
  const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  const tolerance = fc.option(finite, { nil: null });

  it("property: raising a higher-is-better actual never makes the status worse (any target and tolerance)", () => {
    fc.assert(
      fc.property(finite, finite, finite, tolerance, (a, b, target, tol) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(statusRank[compareWithTarget(hi, target, tol, "higher")]).toBeLessThanOrEqual(
          statusRank[compareWithTarget(lo, target, tol, "higher")],
        );
      }),
      { numRuns: 10_000 },
    );
  });

  it("property: lowering a lower-is-better actual never makes the status worse (any target and tolerance)", () => {
    fc.assert(
      fc.property(finite, finite, finite, tolerance, (a, b, target, tol) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(statusRank[compareWithTarget(lo, target, tol, "lower")]).toBeLessThanOrEqual(
          statusRank[compareWithTarget(hi, target, tol, "lower")],
        );
      }),
      { numRuns: 10_000 },
    );
  });

  it("property: the same holds through kpiStatus on percentage cells, with tolerance cells absent, N/A or on either side", () => {
    const tolCell = fc.oneof(
      fc.constant<V>(null),
      fc.constant<V>("N/A"),
      finite.map((t) => t / 100),
    );
    fc.assert(
      fc.property(
        finite,
        finite,
        finite,
        tolCell,
        fc.constantFrom<Polarity>("higher", "lower"),
        (a, b, t, tol, polarity) => {
          const [lo, hi] = a <= b ? [a / 100, b / 100] : [b / 100, a / 100];
          const tolV: V | [number, string] = typeof tol === "number" ? pct(tol) : tol;
          const better = polarity === "higher" ? hi : lo;
          const worse = polarity === "higher" ? lo : hi;
          const sBetter = score(pct(better), pct(t / 100), tolV, polarity).status;
          const sWorse = score(pct(worse), pct(t / 100), tolV, polarity).status;
          expect(statusRank[sBetter]).toBeLessThanOrEqual(statusRank[sWorse]);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
