import type { VarianceResult } from "./VarianceResult";

/**
 * The word for a variance's direction, in the style the settings ask for.
 * @example directionWord("underspend", "ed") === "underspent"; directionWord("overspend", "noun") === "overspend"
 */
export function directionWord(direction: VarianceResult["direction"], style: "ed" | "noun"): string {
  if (direction === "on budget") return "on budget";
  return style === "ed" ? direction.replace(/d$/, "t") : direction;
}
