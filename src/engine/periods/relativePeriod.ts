import type { Period } from "./Period";

/** Headers naming the period by its place, with the offset in quarters they stand for. */
const RELATIVE: { re: RegExp; offset: number }[] = [
  {
    re: /^(current|latest|this|now|actual|result|value|performance|current (value|quarter|period|month|position|performance|figure|result|data)|latest (value|quarter|period|month|position|performance|figure|result|data)|this (quarter|period|month)|actual (performance|value|result)|(current|latest) (actual|outturn))$/,
    offset: 0,
  },
  {
    re: /^(previous|prior|last|previous (value|quarter|period|month|figure|result)|last (quarter|period|month|value|figure)|prior (quarter|period|month))$/,
    offset: -1,
  },
  { re: /^(same (quarter|period) last year|last year|previous year|same period previous year)$/, offset: -4 },
];

/**
 * A column named only by its place ("Current", "This quarter", "Previous", "Latest value"), as a
 * relative period labelled by its header; null for any other header.
 * @example relativePeriod("Last quarter") => { kind: "relative", offset: -1, fy: null, quarter: null, label: "Last quarter" }
 */
export function relativePeriod(header: string): Period | null {
  const text = header.replace(/\s+/g, " ").trim();
  const t = text.toLowerCase().replace(/[.:]$/, "");
  for (const { re, offset } of RELATIVE)
    if (re.test(t)) return { kind: "relative", offset, fy: null, quarter: null, label: text };
  return null;
}
