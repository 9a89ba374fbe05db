import { fyOfMonth, fyQuarterOfMonth } from "./parsePeriodLabel";
import type { Period } from "./Period";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const FY = String.raw`((?:19|20)\d{2})\s*[/-]\s*(\d{2}|\d{4})`;
const QUARTER = String.raw`(?:q|qtr|quarter)\s*([1-4])`;
const QUARTER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
};
const QUARTER_FY_RE = new RegExp(String.raw`\b${QUARTER}\b[\s,-]*(?:of\s+)?${FY}\b`, "i");
const FY_QUARTER_RE = new RegExp(String.raw`\b${FY}\b[\s,-]*${QUARTER}\b`, "i");
const QUARTER_WORD_RE = new RegExp(
  String.raw`\b(?:quarter\s+(one|two|three|four)|(first|second|third|fourth)\s+quarter)\b[\s,-]*(?:of\s+)?${FY}\b`,
  "i",
);
const MONTH_YEAR_RE = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+((?:19|20)\d{2})\b/i;

/** The start year of "2019/20", "2019-2020"; null when the two years do not follow on. */
function fyOf(a: string, b: string): number | null {
  const start = Number(a);
  const end = Number(b.length === 2 ? `${a.slice(0, 2)}${b}` : b);
  return end === start + 1 || (b.length === 2 && (start + 1) % 100 === Number(b)) ? start : null;
}

/**
 * The quarter or month a title or note names ("Performance report Q1 2014/15", "Quarter 2 2019/20",
 * "2019/20 Qtr3", "third quarter of 2019/20", "as at September 2019"), labelled in our style
 * ("Q1 2014/15", "Sep-19"); null when it names none.
 * @example findPeriodInText("KPI report: Quarter 2, 2019/20") => { kind: "quarter", fy: 2019, quarter: 2, label: "Q2 2019/20" }
 */
export function findPeriodInText(text: string): Period | null {
  const q = QUARTER_FY_RE.exec(text);
  if (q) return quarter(Number(q[1]), fyOf(q[2], q[3]));
  const f = FY_QUARTER_RE.exec(text);
  if (f) return quarter(Number(f[3]), fyOf(f[1], f[2]));
  const w = QUARTER_WORD_RE.exec(text);
  if (w) return quarter(QUARTER_WORDS[(w[1] ?? w[2]).toLowerCase()], fyOf(w[3], w[4]));
  const m = MONTH_YEAR_RE.exec(text);
  if (m) return monthPeriod(MONTHS.indexOf(m[1].toLowerCase()) + 1, Number(m[2]));
  return null;
}

function quarter(q: number, fy: number | null): Period | null {
  if (fy === null) return null;
  return { kind: "quarter", fy, quarter: q, label: `Q${q} ${fy}/${String((fy + 1) % 100).padStart(2, "0")}` };
}

function monthPeriod(month: number, year: number): Period {
  return {
    kind: "month",
    fy: fyOfMonth(year, month),
    quarter: fyQuarterOfMonth(month),
    month,
    label: `${MONTH_NAMES[month - 1].slice(0, 3)}-${String(year % 100).padStart(2, "0")}`,
  };
}

/**
 * `p` moved by `offset` quarters (or months, for a month), keeping our label style.
 * @example shiftPeriod(findPeriodInText("Q1 2014/15")!, -1).label === "Q4 2013/14"
 */
export function shiftPeriod(p: Period, offset: number): Period | null {
  if (p.kind === "quarter" && p.fy !== null && p.quarter !== null) {
    const n = p.fy * 4 + (p.quarter - 1) + offset;
    return quarter((((n % 4) + 4) % 4) + 1, Math.floor(n / 4));
  }
  if (p.kind === "month" && p.month !== undefined && p.fy !== null) {
    const year = p.month >= 4 ? p.fy : p.fy + 1;
    const steps = offset === -4 ? -12 : offset; // "same period last year"
    const n = year * 12 + (p.month - 1) + steps;
    return monthPeriod((((n % 12) + 12) % 12) + 1, Math.floor(n / 12));
  }
  return null;
}
