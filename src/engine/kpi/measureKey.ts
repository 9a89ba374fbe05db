/**
 * A stable key for a measure name: case, spacing and punctuation-insensitive.
 * @example measureKey("  % Re-Referrals ©") === measureKey("% re-referrals (c)")
 */
export function measureKey(measure: string): string {
  return measure
    .toLowerCase()
    .replace(/©|\(c\)/g, "")
    .replace(/[^a-z0-9%]+/g, " ")
    .trim();
}
