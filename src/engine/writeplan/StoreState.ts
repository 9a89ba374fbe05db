import type { OwnedSheetRole } from "./WritePlan";
import type { Settings } from "../Settings";

/**
 * Name of our very hidden store sheet that both the add-in and the CLI read and write. The store
 * is known by its content, not by this name: when an officer's sheet has it, ours is
 * "QScorecard_Store (2)" (see `locateStore`).
 */
export const STORE_SHEET = "QScorecard_Store";

/** What our store sheet holds between runs. */
export interface StoreState {
  version: number;
  /** Sheets we wrote last time, by role. */
  owned: { role: OwnedSheetRole; name: string }[];
  /** Settings saved in the workbook (merged over DEFAULT_SETTINGS). */
  settings: Partial<Settings>;
  /** Period scored last time, for "Previous commentary". */
  lastPeriod?: string;
  /** Conditional-format ranges we wrote last time, per sheet. */
  cf: { sheet: string; range: string }[];
}
