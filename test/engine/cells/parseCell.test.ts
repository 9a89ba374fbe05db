import fc from "fast-check";
import { isDateFormat } from "../../../src/engine/cells/excelSerialToDate";
import { parseCell, plainNumberUnit } from "../../../src/engine/cells/parseCell";
import type { ParsedValue } from "../../../src/engine/cells/ParsedValue";

const p = (v: string | number | boolean | null, format = "General"): ParsedValue =>
  parseCell(v, format, "KPIs", "D4");

describe("parseCell", () => {
  it("keeps the sheet, the cell and the original text", () => {
    expect(p("85%")).toMatchObject({ sheet: "KPIs", cell: "D4", text: "85%" });
    expect(p(0.85, "0%")).toMatchObject({ text: "0.85" });
  });

  it.each([
    [0.85, "0%", 0.85, "percent"],
    ["85%", "General", 0.85, "percent"],
    [12.5, "General", 12.5, "number"],
    ["1,257", "General", 1257, "number"],
    ["-6%", "General", -0.06, "percent"],
    ["+3%", "General", 0.03, "percent"],
    ["34 weeks", "General", 34, "weeks"],
    ["463 days", "General", 463, "days"],
    [463, '0 "days"', 463, "days"],
    ["£42.3M", "General", 42_300_000, "money"],
    ["+£917K", "General", 917_000, "money"],
  ])("reads %p (format %p) as %p %p", (value, format, expected, unit) => {
    const r = p(value, format);
    expect(r.kind).toBe("number");
    if (r.kind !== "number") return;
    expect(r.value).toBeCloseTo(expected, 10);
    expect(r.unit.kind).toBe(unit);
  });

  it("reads qualified values with their qualifier", () => {
    expect(p("<1%")).toMatchObject({ kind: "number", value: 0.01, qualifier: "<" });
    expect(p(">95%")).toMatchObject({ kind: "number", value: 0.95, qualifier: ">" });
    expect(p("approx. 8%")).toMatchObject({ kind: "number", value: 0.08, qualifier: "approx" });
    expect(p("≤ 5%")).toMatchObject({ kind: "number", value: 0.05, qualifier: "<=" });
  });

  it("reads a leading number followed by a note (seed 001's Q4 cells)", () => {
    expect(p("Approx. 8% of children who left care in Q4 had been adopted.")).toMatchObject({
      kind: "number",
      value: 0.08,
      qualifier: "approx",
      note: "of children who left care in Q4 had been adopted.",
    });
    expect(p("80% One of the Trusts homes is graded as requires improvement.")).toMatchObject({
      kind: "number",
      value: 0.8,
      note: "One of the Trusts homes is graded as requires improvement.",
    });
    expect(p("463 NB the small number of children")).toMatchObject({
      kind: "number",
      value: 463,
      note: "NB the small number of children",
    });
    expect(p("5% See comment above")).toMatchObject({
      kind: "number",
      value: 0.05,
      note: "See comment above",
    });
    expect(p("17*")).toMatchObject({ kind: "number", value: 17, note: "*" });
  });

  it("reads rates with their population", () => {
    expect(p("194 per 100,000 of 10-17 year olds")).toMatchObject({
      kind: "number",
      value: 194,
      unit: { kind: "rate", per: 100_000, of: "10-17 year olds" },
    });
    expect(p("346 per 10,000 population")).toMatchObject({ value: 346, unit: { kind: "rate", per: 10_000 } });
  });

  it("reads Excel dates only when the format is a date format", () => {
    expect(p(42339, "mmm-yy")).toMatchObject({ kind: "date", year: 2015, month: 12, day: 1 });
    expect(p(42339, "dd/mm/yyyy")).toMatchObject({ kind: "date" });
    expect(p(42339, "General")).toMatchObject({ kind: "number", value: 42339 });
    expect(p(42339, "[h]:mm")).toMatchObject({ kind: "number" });
  });

  it("reads month labels", () => {
    expect(p("Dec-15")).toMatchObject({ kind: "month", year: 2015, month: 12 });
    expect(p("March 2022")).toMatchObject({ kind: "month", year: 2022, month: 3 });
    expect(p("Mar- 21")).toMatchObject({ kind: "month", year: 2021, month: 3 });
  });

  it.each([
    ["N/A", "na"],
    ["n/a", "na"],
    ["-", "na"],
    ["–", "na"],
    [null, "blank"],
    ["   ", "blank"],
    ["TBC", "tbc"],
    ["to be confirmed", "tbc"],
    ["Target figure to be confirmed", "tbc"],
    ["new measure", "new-measure"],
    ["under development", "new-measure"],
    ["annual", "not-due"],
    ["not yet due", "not-due"],
    ["Annual KPI not yet due", "not-due"],
    ["This data is not reportable", "text"],
    [
      "This data is not reportable. The % of children subject a protection for the second time ever is 123%",
      "text",
    ],
    ["Data is currently not available", "text"],
    ["2019/20", "text"],
    ["10-17", "text"],
    ["5k", "text"],
    [true, "text"],
  ])("reads %p as %p", (value, kind) => {
    expect(p(value).kind).toBe(kind);
  });

  it.each(["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"])(
    "reads the Excel error %s",
    (code) => {
      expect(p(code)).toMatchObject({ kind: "error", code });
    },
  );

  it("never throws, whatever the value and format", () => {
    const value = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.string({ unit: "grapheme" }),
    );
    const fmt = fc.oneof(
      fc.string(),
      fc.constantFrom("General", "0%", "mmm-yy", "0.0", '"days"', "[h]:mm", "£#,##0"),
    );
    fc.assert(
      fc.property(value, fmt, (v, f) => {
        const r = parseCell(v, f, "S", "A1");
        expect(typeof r.kind).toBe("string");
        if (r.kind === "number") expect(Number.isFinite(r.value)).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe("plainNumberUnit", () => {
  it("gives parseCell's unit exactly when parseCell reads the cell's own number", () => {
    const formats = ["General", "0%", "0.0%", "mmm-yy", "dd/mm/yyyy", "£#,##0", '0 "days"', '0 "weeks"', "@"];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double(),
          fc.integer({ min: -1e6, max: 3e6 }),
          fc.constantFrom("85%", "N/A", "", " ", "12", null, true, Number.NaN, Infinity, -0, 1e300),
        ),
        fc.constantFrom(...formats),
        (value, format) => {
          const unit = plainNumberUnit(value, format);
          const parsed = parseCell(value, format, "KPIs", "D4");
          if (unit === null) {
            // Not a plain number: text and blanks, dates, non-finite numbers (or a number that is
            // date-formatted, which the caller reads through parseCell).
            expect(typeof value !== "number" || !Number.isFinite(value) || isDateFormat(format)).toBe(true);
          } else {
            expect(parsed).toMatchObject({ kind: "number", value, unit });
          }
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it("is the plain number's unit by format", () => {
    expect(plainNumberUnit(0.85, "0%")).toEqual({ kind: "percent" });
    expect(plainNumberUnit(12, "General")).toEqual({ kind: "number" });
    expect(plainNumberUnit("85%", "General")).toBeNull();
    expect(plainNumberUnit(42339, "mmm-yy")).toBeNull();
  });
});
