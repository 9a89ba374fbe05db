import type { CellValue } from "../Grid";

/**
 * What a money cell holds:
 * - `number`: `value` in the sheet's own units (e.g. £000's), or in whole pounds when `pounds` is
 *   true because the text carried its own unit ("£42.3M", "+£917K", "£1.2 million");
 * - `blank`: empty, "n/a";
 * - `text`: anything else (kept for an issue).
 */
export type MoneyReading =
  { kind: "number"; value: number; pounds: boolean } | { kind: "blank" } | { kind: "text"; text: string };

/**
 * Reads a finance cell. Accepts numbers, "1,234", "(1,234)" and "-1,234" negatives, "£", a unit suffix
 * ("k", "m", "million"), a leading "+", "-" / "–" / "nil" as zero, and a "CR" / "DR" suffix (a credit
 * is negative spend: "1,234 CR" is −1,234). Never throws.
 * @example readMoney("(1,234)", "General") => { kind: "number", value: -1234, pounds: false }
 * @example readMoney("+£917K", "General") => { kind: "number", value: 917000, pounds: true }
 * @example readMoney("1,234 CR", "General") => { kind: "number", value: -1234, pounds: false }
 */
export function readMoney(value: CellValue, format: string): MoneyReading {
  // numbers are stored unscaled: a "#,##0," format only changes how they look
  const credit = typeof value === "string" ? /^(.*[\d)])\s*(cr|dr)\.?$/i.exec(value.trim()) : null;
  if (credit) {
    const m = readMoney(credit[1], format);
    if (m.kind !== "number") return { kind: "text", text: value as string };
    const size = Math.abs(m.value);
    return { ...m, value: credit[2].toLowerCase() === "cr" ? (size === 0 ? 0 : -size) : size };
  }
  return readPlain(value);
}

/**
 * Amounts past a quadrillion (in the sheet's units) are read as text, not money: no budget is that
 * large, and scaling or adding them could pass the largest number a double holds (1e306 × 1,000).
 */
export const MAX_MONEY = 1e15;

function readPlain(value: CellValue): MoneyReading {
  if (value === null) return { kind: "blank" };
  if (typeof value === "number")
    return Number.isFinite(value) && Math.abs(value) <= MAX_MONEY
      ? { kind: "number", value, pounds: false }
      : { kind: "text", text: String(value) };
  if (typeof value === "boolean") return { kind: "text", text: String(value) };
  const text = value.trim();
  if (text === "" || /^(n\/?a|not applicable)$/i.test(text)) return { kind: "blank" };
  if (/^[-–—]$|^nil$/i.test(text)) return { kind: "number", value: 0, pounds: false };
  const m =
    /^(\()?\s*([+\-–−])?\s*£?\s*([+\-–−])?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(k|m|bn|million|thousand)?\s*(\))?$/i.exec(
      text.replace(/^£\s*\(/, "(£"),
    );
  if (!m || Boolean(m[1]) !== Boolean(m[6])) return { kind: "text", text };
  const sign = m[1] || (m[2] && m[2] !== "+") || (m[3] && m[3] !== "+") ? -1 : 1;
  const digits = Number(m[4].replace(/,/g, ""));
  const suffix = m[5]?.toLowerCase();
  const mult = !suffix ? 1 : suffix === "k" || suffix === "thousand" ? 1000 : suffix === "bn" ? 1e9 : 1e6;
  const amount = sign * digits * mult;
  if (!(Math.abs(amount) <= MAX_MONEY)) return { kind: "text", text };
  return { kind: "number", value: amount, pounds: suffix !== undefined };
}
