import { excelSerialToDate, isDateFormat } from "../cells/excelSerialToDate";
import type { CellValue } from "../Grid";
import type { Period } from "./Period";
import { parseMonthLabel } from "../cells/parseMonthLabel";

const MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// Headers that name something other than a period, even when they mention one ("Previous quarter").
const NOT_PERIOD_RE =
  /\b(rank|fig\.?|figure|baseline|target|trend|comments?|commentary|notes?|tolerance|threshold|polarity|measure|indicator|change|previous|same|last year|variance|budget|forecast|rag|status|direction|benchmark|national|regional|average)\b|%/i;
const QUARTER_RE = /\b(?:q|qtr|quarter)\s*([1-4])\b/i;
const YEAR_RE = /\b((?:19|20)\d{2})\s*[/-]\s*(\d{2}|\d{4})\b/;
const SHORT_YEAR_RE = /\b(\d{2})\s*\/\s*(\d{2})\b/;

/**
 * The quarter of the financial year (April–March) a calendar month falls in.
 * @example fyQuarterOfMonth(12) === 3; fyQuarterOfMonth(4) === 1; fyQuarterOfMonth(3) === 4
 */
export function fyQuarterOfMonth(month: number): number {
  return Math.floor(((month + 8) % 12) / 3) + 1;
}

/**
 * The financial year (by its start year) a calendar month falls in.
 * @example fyOfMonth(2015, 12) === 2015; fyOfMonth(2016, 3) === 2015
 */
export function fyOfMonth(year: number, month: number): number {
  return month >= 4 ? year : year - 1;
}

/**
 * Reads a header cell as a period, or null when it is not a period column.
 * `band` is the text of the band row above it ("2019/20", "Latest"), if any; a band's
 * financial year applies when the label has none, and then joins the label ("2019/20 Qtr3").
 * Rank, "Fig."/baseline, target, trend, comment and "%Change against previous quarter"
 * headers are not periods.
 * @example parsePeriodLabel("Qtr3", "General", "2019/20") => { kind: "quarter", fy: 2019, quarter: 3, label: "2019/20 Qtr3" }
 * @example parsePeriodLabel("Dec-15", "General") => { kind: "month", fy: 2015, quarter: 3, month: 12, label: "Dec-15" }
 */
export function parsePeriodLabel(label: CellValue, format: string, band?: string): Period | null {
  const bandText = (band ?? "").replace(/\s+/g, " ").trim();
  if (bandText && /\b(change|variance|baseline|rank)\b|%/i.test(bandText)) return null;
  if (typeof label === "number") {
    if (!isDateFormat(typeof format === "string" ? format : "")) return null;
    const d = excelSerialToDate(label);
    if (!d) return null;
    return monthPeriod(
      d.month,
      d.year,
      `${MONTH_ABBR[d.month - 1]}-${String(d.year % 100).padStart(2, "0")}`,
    );
  }
  if (typeof label !== "string") return null;
  const text = label.replace(/\s+/g, " ").trim();
  if (!text || text.length > 40 || NOT_PERIOD_RE.test(text)) return null;
  const labelFy = fyFromText(text);
  const bandFy = fyFromText(bandText);
  const fy = labelFy ?? bandFy;
  const joined = labelFy === null && bandFy !== null ? `${bandText} ${text}` : text;

  const month = parseMonthLabel(text, true);
  if (month) {
    if (month.year !== null) return monthPeriod(month.month, month.year, text);
    const bandYear = /^\d{4}$/.test(bandText) ? Number(bandText) : null;
    if (bandYear !== null) return monthPeriod(month.month, bandYear, `${text} ${bandText}`);
    return { kind: "month", fy, quarter: fyQuarterOfMonth(month.month), month: month.month, label: joined };
  }
  const q = QUARTER_RE.exec(text);
  if (q) return { kind: "quarter", fy, quarter: Number(q[1]), label: joined };
  if (/\b(ytd|year to date)\b/i.test(text)) return { kind: "ytd", fy, quarter: null, label: joined };
  if (/\bout-?turn\b/i.test(text)) return { kind: "outturn", fy, quarter: null, label: joined };
  if (labelFy !== null && /^(fy\s*)?[\d/\s-]+$/i.test(text))
    return { kind: "year", fy: labelFy, quarter: null, label: text };
  return null;
}

/** "2019/20", "2019-2020", "FY 19/20" → 2019; null when the text names no financial year. */
function fyFromText(text: string): number | null {
  const long = YEAR_RE.exec(text);
  if (long) return Number(long[1]);
  const short = SHORT_YEAR_RE.exec(text);
  if (short && (Number(short[1]) + 1) % 100 === Number(short[2])) return 2000 + Number(short[1]);
  return null;
}

function monthPeriod(month: number, year: number, label: string): Period {
  return { kind: "month", fy: fyOfMonth(year, month), quarter: fyQuarterOfMonth(month), month, label };
}
