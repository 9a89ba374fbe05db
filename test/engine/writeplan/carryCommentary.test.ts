import fc from "fast-check";
import {
  carryCommentary,
  matchRows,
  previousPeriodOf,
  type CommentaryIdentity,
} from "../../../src/engine/writeplan/carryCommentary";
import type { OldCommentary } from "../../../src/engine/writeplan/readCommentarySheet";

const identify = ([group, measure]: [string, string]) => ({
  primary: measure.toLowerCase(),
  secondary: group.toLowerCase(),
});
const item = (measure: string, group = "G", sheet = "KPIs"): CommentaryIdentity => ({
  primary: measure.toLowerCase(),
  secondary: group.toLowerCase(),
  sheet,
});
const row = (measure: string, officer: string, previous = "", group = "G") => ({
  labels: [group, measure] as [string, string],
  sheet: "KPIs",
  officer,
  previous,
  cell: "I7",
});

describe("carryCommentary", () => {
  const old: OldCommentary = {
    period: "Q4",
    previousPeriod: "Q3",
    rows: [
      row("A", "on A", "Q3 on A"),
      row("B", "on B"),
      row("Gone", "on gone"),
      row("Dup", "first dup"),
      row("Dup", "second dup"),
    ],
    unmatched: [{ labels: ["G", "Older"], sheet: "KPIs", period: "Q2", text: "kept forever" }],
    earlier: [],
  };

  it("same period: matches by identity in any order, pairs duplicates in order, keeps the unmatched", () => {
    const c = carryCommentary(
      old,
      [item("Dup"), item("B"), item("A"), item("Dup"), item("New")],
      identify,
      "Q4",
    );
    expect(c.officer).toEqual(["first dup", "on B", "on A", "second dup", ""]);
    expect(c.previous).toEqual(["", "", "Q3 on A", "", ""]);
    expect(c.previousPeriod).toBe("Q3");
    expect(c.unmatched.map((u) => [u.text, u.period, u.fresh])).toEqual([
      ["kept forever", "Q2", false],
      ["on gone", "Q4", true],
    ]);
  });

  it("uses the group only to tell duplicates apart", () => {
    const c = carryCommentary(
      { ...old, rows: [row("X", "x in G1", "", "G1"), row("X", "x in G2", "", "G2")] },
      [item("X", "G2"), item("X", "G3")],
      identify,
      "Q4",
    );
    expect(c.officer).toEqual(["x in G2", "x in G1"]);
  });

  it("new period: officer text becomes previous, previous text goes to earlier, officer column empty", () => {
    const c = carryCommentary(old, [item("A"), item("B")], identify, "Q1");
    expect(c.officer).toEqual(["", ""]);
    expect(c.previous).toEqual(["on A", "on B"]);
    expect(c.previousPeriod).toBe("Q4");
    expect(c.earlier).toEqual([{ labels: ["G", "A"], sheet: "KPIs", period: "Q3", text: "Q3 on A" }]);
    expect(c.unmatched.map((u) => u.text)).toEqual(["kept forever", "on gone", "first dup", "second dup"]);
  });

  it("returns unmatched text to its row when the row comes back in the same period", () => {
    const back: OldCommentary = {
      period: "Q4",
      rows: [],
      unmatched: [{ labels: ["G", "Gone"], sheet: "KPIs", period: "Q4", text: "on gone" }],
      earlier: [],
    };
    const c = carryCommentary(back, [item("gone")], identify, "Q4");
    expect(c.officer).toEqual(["on gone"]);
    expect(c.unmatched).toEqual([]);
  });

  it("keeps commentary per period: going back to an earlier period and forward again loses nothing", () => {
    const q2: OldCommentary = {
      period: "2024/25 Q2",
      rows: [row("A", "Q2 on A"), row("B", "Q2 on B"), row("Gone", "Q2 on gone")],
      unmatched: [],
      earlier: [],
    };
    // Scoring Q1 after Q2: Q2 is later, so it is not "previous"; its notes wait in "Earlier".
    const atQ1 = carryCommentary(q2, [item("A"), item("B")], identify, "2024/25 Q1");
    expect(atQ1.officer).toEqual(["", ""]);
    expect(atQ1.previous).toEqual(["", ""]);
    expect(atQ1.previousPeriod).toBeUndefined();
    expect(atQ1.earlier.map((e) => [e.text, e.period])).toEqual([
      ["Q2 on A", "2024/25 Q2"],
      ["Q2 on B", "2024/25 Q2"],
    ]);
    expect(atQ1.unmatched.map((u) => [u.text, u.period, u.fresh])).toEqual([
      ["Q2 on gone", "2024/25 Q2", true],
    ]);

    // An officer types a Q1 note, then Q2 is scored again: Q2's notes come back, Q1's is previous.
    const q1: OldCommentary = {
      period: "2024/25 Q1",
      rows: [row("A", "Q1 on A")],
      unmatched: atQ1.unmatched,
      earlier: atQ1.earlier,
    };
    const back = carryCommentary(q1, [item("B"), item("A"), item("Gone")], identify, "2024/25 Q2");
    expect(back.officer).toEqual(["Q2 on B", "Q2 on A", "Q2 on gone"]);
    expect(back.previous).toEqual(["", "Q1 on A", ""]);
    expect(back.previousPeriod).toBe("2024/25 Q1");
    expect(back.earlier).toEqual([]);
    expect(back.unmatched).toEqual([]);
  });

  it("shows the chronologically previous period's notes as previous, not the last period scored", () => {
    const q3: OldCommentary = {
      period: "2024/25 Q3",
      previousPeriod: "2024/25 Q2",
      rows: [row("A", "Q3 on A", "Q2 on A")],
      unmatched: [],
      earlier: [{ labels: ["G", "A"], sheet: "KPIs", period: "2024/25 Q1", text: "Q1 on A" }],
    };
    const atQ2 = carryCommentary(q3, [item("A")], identify, "2024/25 Q2");
    expect(atQ2.officer).toEqual(["Q2 on A"]);
    expect(atQ2.previous).toEqual(["Q1 on A"]);
    expect(atQ2.previousPeriod).toBe("2024/25 Q1");
    expect(atQ2.earlier.map((e) => e.text)).toEqual(["Q3 on A"]);
  });

  it("uses the last period scored as previous when the periods cannot be ordered", () => {
    const q2: OldCommentary = { period: "Q2", rows: [row("A", "Q2 on A")], unmatched: [], earlier: [] };
    const atQ1 = carryCommentary(q2, [item("A")], identify, "Q1");
    expect(atQ1.previous).toEqual(["Q2 on A"]);
    expect(atQ1.previousPeriod).toBe("Q2");
    const back = carryCommentary(
      {
        period: "Q1",
        previousPeriod: "Q2",
        rows: [row("A", "Q1 on A", "Q2 on A")],
        unmatched: [],
        earlier: [],
      },
      [item("A")],
      identify,
      "Q2",
    );
    expect(back.officer).toEqual(["Q2 on A"]);
    expect(back.previous).toEqual(["Q1 on A"]);
    expect(back.previousPeriod).toBe("Q1");
  });

  it("falls back to the store's last period when the period cell was deleted", () => {
    const c = carryCommentary({ ...old, period: undefined }, [item("A")], identify, "Q1", "Q4");
    expect(c.previous).toEqual(["on A"]);
  });
});

describe("previousPeriodOf", () => {
  it("takes the latest earlier period when periods name their year, else the fallback", () => {
    expect(previousPeriodOf("2024/25 Q3", ["2024/25 Q1", "2024/25 Q2", "2024/25 Q4"], "2024/25 Q4")).toBe(
      "2024/25 Q2",
    );
    expect(previousPeriodOf("2024/25 Q1", ["2024/25 Q2"], "2024/25 Q2")).toBeUndefined();
    expect(previousPeriodOf("Apr-24", ["Mar-24", "2023/24 Q3"], undefined)).toBe("Mar-24");
    expect(previousPeriodOf("Q1", ["Q4", "Q2"], "Q2")).toBe("Q2");
    expect(previousPeriodOf("Q1", [], "Q1")).toBeUndefined();
  });
});

describe("matchRows", () => {
  /** The plain definition: each old row, in order, takes the first free item not taken that it matches. */
  function reference(
    olds: CommentaryIdentity[],
    items: CommentaryIdentity[],
    free: (i: number) => boolean,
    eligible: (o: number) => boolean,
  ): { matches: [number, number][]; left: number[] } {
    const matches = new Map<number, number>();
    const taken = new Set<number>();
    const passes = [
      (o: CommentaryIdentity, n: CommentaryIdentity) =>
        o.primary === n.primary && o.sheet === n.sheet && o.secondary === n.secondary,
      (o: CommentaryIdentity, n: CommentaryIdentity) =>
        o.primary === n.primary && (o.sheet === n.sheet || o.sheet === ""),
    ];
    for (const same of passes)
      olds.forEach((o, oi) => {
        if (matches.has(oi) || !eligible(oi) || o.primary === "") return;
        const ni = items.findIndex((n, i) => !taken.has(i) && free(i) && same(o, n));
        if (ni < 0) return;
        matches.set(oi, ni);
        taken.add(ni);
      });
    const left = olds.map((_, oi) => oi).filter((oi) => !matches.has(oi) && eligible(oi));
    return { matches: [...matches].sort((a, b) => a[0] - b[0]), left };
  }
  const ident = fc.record({
    primary: fc.constantFrom("", "a", "b", "c"),
    sheet: fc.constantFrom("", "KPIs", "Other"),
    secondary: fc.constantFrom("", "g", "h"),
  });

  it("pairs rows exactly as the first-match definition does, duplicates in order", () => {
    fc.assert(
      fc.property(
        fc.array(ident, { maxLength: 12 }),
        fc.array(ident, { maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (olds, items, freeFlags, eligibleFlags) => {
          const free = (i: number) => freeFlags[i];
          const eligible = (o: number) => eligibleFlags[o];
          const got = matchRows(olds, items, free, eligible);
          const want = reference(olds, items, free, eligible);
          expect([...got.matches].sort((a, b) => a[0] - b[0])).toEqual(want.matches);
          expect(got.left).toEqual(want.left);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it("matches 20,000 commented rows against 20,000 items in well under a second", () => {
    const items = Array.from({ length: 20_000 }, (_, i) => item(`Measure ${i}`, `G${i % 7}`));
    const olds = [...items].reverse();
    const t0 = Date.now();
    const got = matchRows(olds, items, () => true);
    expect(Date.now() - t0).toBeLessThan(1000); // a scan of every item per row is quadratic: seconds here
    expect(got.matches.size).toBe(20_000);
    expect(got.matches.get(0)).toBe(19_999);
  });
});
