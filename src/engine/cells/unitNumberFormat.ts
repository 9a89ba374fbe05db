import type { Unit } from "./ParsedValue";

/**
 * An Excel number format that shows values of this unit as the officer wrote them, so our
 * sheets hold numbers (not text) that paste cleanly into a committee paper.
 * One decimal place is shown only when one of `values` needs it.
 *
 * @example
 * unitNumberFormat({ kind: "percent" }, [0.85, 0.9]) === "0%"
 * unitNumberFormat({ kind: "rate", per: 100000 }, [124]) === '#,##0" per 100,000"'
 */
export function unitNumberFormat(unit: Unit, values: (number | null)[] = []): string {
  const scale = unit.kind === "percent" ? 100 : 1;
  const fractional = values.some((v) => v !== null && Math.abs(Math.round(v * scale) - v * scale) > 1e-9);
  const base = fractional ? "#,##0.0" : "#,##0";
  switch (unit.kind) {
    case "percent":
      return fractional ? "0.0%" : "0%";
    case "days":
      return `${base}" days"`;
    case "weeks":
      return `${base}" weeks"`;
    case "rate":
      return `${base}" per ${groupThousands(unit.per)}"`;
    case "money":
      return `"£"${base};-"£"${base}`;
    default:
      return base;
  }
}

/**
 * Writes an integer with thousands separators.
 * @example groupThousands(100000) === "100,000"
 */
export function groupThousands(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
