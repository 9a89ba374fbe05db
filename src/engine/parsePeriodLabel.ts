import type { CellValue } from "./Grid";
import type { Period } from "./Period";

/**
 * Reads a header cell as a period, or null when it is not a period column.
 * `band` is the text of the band row above it ("2019/20", "Latest"), if any.
 * STUB: owned by the KPI-engine work.
 * @example parsePeriodLabel("Qtr3", "2019/20") => { kind: "quarter", fy: 2019, quarter: 3, label: "2019/20 Qtr3" }
 */
export function parsePeriodLabel(label: CellValue, format: string, band?: string): Period | null {
  void label;
  void format;
  void band;
  return null;
}
