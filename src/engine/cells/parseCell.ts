import { excelSerialToDate, isDateFormat } from "./excelSerialToDate";
import type { CellValue } from "../Grid";
import type { CellRef, ParsedValue, Qualifier, Unit } from "./ParsedValue";
import { parseMonthLabel } from "./parseMonthLabel";

const ERROR_RE =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;
const NA_RE = /^(n\s*\/\s*a|n\.a\.?|na|not applicable|-+|–|—|_)$/i;
const TBC_RE = /^(tbc|tba|tbd|to be (confirmed|agreed|set)|(target )?(figure )?to be confirmed)\.?$/i;
const NOT_DUE_RE =
  /^(annual(ly)?( (kpi|measure|target|figure|indicator))?( (-|–)?\s*not (yet )?due)?|not (yet )?due( yet)?|(reported|measured) annually|annual kpi not yet due)\.?$/i;
const NEW_RE =
  /^(new( measure| indicator| kpi| pi)?( for \d{4}\/\d{2})?|under development|in development|being developed)\.?$/i;

// qualifier, sign, £, digits, £ multiplier, the rest
const NUMBER_RE =
  /^(approx(?:imately)?\.?|c\.|circa|around|about|~|<=|>=|≤|≥|<|>)?\s*([+\-−–]?)\s*(£)?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:\s*(bn|k|m)(?![a-z]))?(.*)$/is;
const RATE_RE =
  /^per\s+((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(k\b|m\b|thousand|million)?\s*(?:of\s+)?(.*)$/is;
// What may follow a number for the rest to count as a note: space, a footnote mark, or end punctuation.
const NOTE_START_RE = /^(\s|[*¹²³⁴⁵⁶⁷⁸⁹⁰†‡(]|[.;:)](\s|$))/;

/**
 * Reads one cell into a `ParsedValue`. Never throws: anything unknown becomes `kind: "text"`.
 * - numbers: a % format makes them fractions of unit "percent"; a date format makes them dates;
 * - text: "85%", "<1%", "approx. 8%", "194 per 100,000 of 10-17 year olds", "34 weeks", "463 days",
 *   "£42.3M", "Dec-15", "N/A", "-", "TBC", "annual", "new measure", "#DIV/0!";
 * - a number followed by words keeps the words as `note` ("80% One of the Trusts homes..." → 0.8).
 * @example parseCell(0.85, "0%", "KPIs", "D4") => { kind: "number", value: 0.85, unit: { kind: "percent" }, ... }
 * @example parseCell("<1%", "General", "KPIs", "D9") => { kind: "number", value: 0.01, qualifier: "<", ... }
 */
export function parseCell(value: CellValue, format: string, sheet: string, cell: string): ParsedValue {
  const fmt = typeof format === "string" ? format : "General";
  if (value === null || value === undefined) return { kind: "blank", sheet, cell, text: "" };
  if (typeof value === "number") return parseNumberCell(value, fmt, sheet, cell);
  const text = String(value);
  if (typeof value !== "string") return { kind: "text", sheet, cell, text };
  if (!NON_BLANK_RE.test(text)) return { kind: "blank", sheet, cell, text };
  return parseTextCell(value.replace(/\s+/g, " ").trim(), { sheet, cell, text });
}

/** A character that is not white space (the same set `trim` removes). */
const NON_BLANK_RE = /\S/;

/**
 * The unit `parseCell` would give a cell holding a plain number (finite, not date-formatted),
 * without building a `ParsedValue`; null for any other cell (text, blanks, dates), which must go
 * through `parseCell`. When it is not null, `parseCell` gives `{ kind: "number", value, unit }`.
 * @example plainNumberUnit(0.85, "0%") => { kind: "percent" }; plainNumberUnit("85%", "General") === null
 */
export function plainNumberUnit(value: CellValue, format: string): Unit | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  const fmt = typeof format === "string" ? format : "General";
  return isDateFormat(fmt) ? null : unitFromFormat(fmt);
}

function parseNumberCell(value: number, format: string, sheet: string, cell: string): ParsedValue {
  const text = String(value);
  if (!Number.isFinite(value)) return { kind: "text", sheet, cell, text };
  if (isDateFormat(format)) {
    const d = excelSerialToDate(value);
    if (d)
      return { kind: "date", serial: value, year: d.year, month: d.month, day: d.day, sheet, cell, text };
  }
  return { kind: "number", value, unit: unitFromFormat(format), sheet, cell, text };
}

/** Units by number format, shared: many cells use one format, and units are never changed. */
const UNITS = new Map<string, Unit>();
const UNIT_CACHE_LIMIT = 1000;

function unitFromFormat(format: string): Unit {
  const known = UNITS.get(format);
  if (known) return known;
  const unit = readUnit(format);
  if (UNITS.size >= UNIT_CACHE_LIMIT) UNITS.clear();
  UNITS.set(format, unit);
  return unit;
}

function readUnit(format: string): Unit {
  const quoted = (format.match(/"[^"]*"/g) ?? []).join(" ").toLowerCase();
  const bare = format.replace(/"[^"]*"/g, "");
  if (bare.includes("%")) return { kind: "percent" };
  if (/\bdays?\b/.test(quoted)) return { kind: "days" };
  if (/\b(weeks?|wks?)\b/.test(quoted)) return { kind: "weeks" };
  if (format.includes("£")) return { kind: "money" };
  return { kind: "number" };
}

function parseTextCell(t: string, ref: CellRef): ParsedValue {
  if (ERROR_RE.test(t)) return { kind: "error", code: t.toUpperCase(), ...ref };
  if (NA_RE.test(t)) return { kind: "na", ...ref };
  if (TBC_RE.test(t)) return { kind: "tbc", ...ref };
  if (NOT_DUE_RE.test(t)) return { kind: "not-due", ...ref };
  if (NEW_RE.test(t)) return { kind: "new-measure", ...ref };
  const month = parseMonthLabel(t);
  if (month && month.year !== null) return { kind: "month", year: month.year, month: month.month, ...ref };
  return parseNumberText(t, ref) ?? { kind: "text", ...ref };
}

function parseNumberText(t: string, ref: CellRef): ParsedValue | null {
  const m = NUMBER_RE.exec(t);
  if (!m) return null;
  const [, q, sign, pound, digits, mult, restRaw] = m;
  let value = Number(digits.replace(/,/g, ""));
  if (!Number.isFinite(value)) return null;
  if (sign && sign !== "+") value = -value;
  let unit: Unit = { kind: "number" };
  let rest = restRaw;
  if (pound) {
    unit = { kind: "money" };
    const k = (mult ?? "").toLowerCase();
    value *= k === "k" ? 1e3 : k === "m" ? 1e6 : k === "bn" ? 1e9 : 1;
  } else if (mult) {
    return null; // "5k" without £: not a form we read
  }
  const trimmed = rest.trimStart();
  if (!pound && trimmed.startsWith("%")) {
    unit = { kind: "percent" };
    value /= 100;
    rest = trimmed.slice(1);
  } else if (!pound) {
    const rate = RATE_RE.exec(trimmed);
    const unitWord = /^(days?|weeks?|wks?)\b\.?/i.exec(trimmed);
    if (rate && /^\s/.test(rest)) {
      const perK = (rate[2] ?? "").toLowerCase();
      const per =
        Number(rate[1].replace(/,/g, "")) *
        (perK.startsWith("k") || perK === "thousand" ? 1e3 : perK.startsWith("m") ? 1e6 : 1);
      const of = rate[3].trim();
      unit = of ? { kind: "rate", per, of } : { kind: "rate", per };
      rest = "";
    } else if (unitWord && /^\s/.test(rest)) {
      unit = { kind: /^d/i.test(unitWord[1]) ? "days" : "weeks" };
      rest = trimmed.slice(unitWord[0].length);
    }
  }
  if (rest !== "" && !NOTE_START_RE.test(rest)) return null;
  const note = rest.trim();
  const qualifier = toQualifier(q);
  return {
    kind: "number",
    value: value === 0 ? 0 : value,
    unit,
    ...(qualifier ? { qualifier } : {}),
    ...(note ? { note } : {}),
    ...ref,
  };
}

function toQualifier(q: string | undefined): Qualifier | undefined {
  if (!q) return undefined;
  if (q === "<" || q === ">" || q === "<=" || q === ">=") return q;
  if (q === "≤") return "<=";
  if (q === "≥") return ">=";
  return "approx";
}
