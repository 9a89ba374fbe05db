/**
 * Turns an Excel date serial (1900 date system) into a calendar date, or null when the
 * number cannot be a date (not finite, before 1 Jan 1900 or after 31 Dec 9999).
 * Excel counts 29 Feb 1900 as a day (a historical bug), so serials from 61 on are shifted.
 * @example excelSerialToDate(42339) => { year: 2015, month: 12, day: 1 }
 */
export function excelSerialToDate(serial: number): { year: number; month: number; day: number } | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const whole = Math.floor(serial);
  const base = whole >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const d = new Date(base + whole * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * True when an Excel number format shows a date ("mmm-yy", "dd/mm/yyyy", "[$-809]d mmmm yyyy").
 * Quoted text, bracketed sections and escaped characters are ignored; elapsed-time formats
 * ("[h]:mm") and plain time formats ("hh:mm") are not dates.
 * @example isDateFormat("mmm-yy") === true; isDateFormat("0%") === false; isDateFormat("General") === false
 */
export function isDateFormat(format: string): boolean {
  if (typeof format !== "string") return false;
  const known = DATE_FORMATS.get(format);
  if (known !== undefined) return known;
  const answer = testDateFormat(format);
  if (DATE_FORMATS.size >= FORMAT_CACHE_LIMIT) DATE_FORMATS.clear();
  DATE_FORMATS.set(format, answer);
  return answer;
}

/** Answers of `isDateFormat` by format string: a workbook uses few formats over many cells. */
const DATE_FORMATS = new Map<string, boolean>();
const FORMAT_CACHE_LIMIT = 1000;

function testDateFormat(format: string): boolean {
  const section = format.split(";")[0];
  if (/\[(h+|m+|s+)\]/i.test(section)) return false; // elapsed time
  const stripped = section
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "")
    .toLowerCase();
  if (stripped.trim() === "general") return false;
  // A date needs a day or year, or a month "m" that is not a minute (minutes follow h or precede s).
  if (/[dy]/.test(stripped)) return true;
  const withoutMinutes = stripped.replace(/h+[^a-z]*m+/g, "").replace(/m+[^a-z]*s+/g, "");
  return /m/.test(withoutMinutes);
}
