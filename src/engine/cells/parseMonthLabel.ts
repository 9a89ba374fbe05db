const MONTHS: [RegExp, number][] = [
  [/^jan(uary)?$/, 1],
  [/^feb(ruary)?$/, 2],
  [/^mar(ch)?$/, 3],
  [/^apr(il)?$/, 4],
  [/^may$/, 5],
  [/^june?$/, 6],
  [/^july?$/, 7],
  [/^aug(ust)?$/, 8],
  [/^sept?(ember)?$/, 9],
  [/^oct(ober)?$/, 10],
  [/^nov(ember)?$/, 11],
  [/^dec(ember)?$/, 12],
];

/**
 * Reads a month label such as "Dec-15", "March 2022", "Mar- 21", "Dec'15" or (with
 * `allowNoYear`) a bare "Jan". Two-digit years are 20xx. Returns null for anything else.
 * @example parseMonthLabel("Dec-15") => { month: 12, year: 2015 }
 */
export function parseMonthLabel(
  text: string,
  allowNoYear = false,
): { month: number; year: number | null } | null {
  const m = /^([a-z]{3,9})\.?\s*(?:[-'’/ ]\s*)?(\d{2}|\d{4})?$/i.exec(text.trim());
  if (!m) return null;
  const word = m[1].toLowerCase();
  const found = MONTHS.find(([re]) => re.test(word));
  if (!found) return null;
  if (m[2] === undefined) return allowNoYear ? { month: found[1], year: null } : null;
  const y = Number(m[2]);
  return { month: found[1], year: m[2].length === 2 ? 2000 + y : y };
}
