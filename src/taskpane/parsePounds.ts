/**
 * Reads an amount of money typed by an officer: "250000", "£250,000", "250k", "0.25m".
 * @example parsePounds("£1.5m") === 1500000; parsePounds("lots") === null
 */
export function parsePounds(text: string): number | null {
  const m = /^£?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(k|m)?$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1].replace(/,/g, ""));
  const scale = m[2]?.toLowerCase() === "m" ? 1_000_000 : m[2]?.toLowerCase() === "k" ? 1000 : 1;
  return Math.round(n * scale);
}
