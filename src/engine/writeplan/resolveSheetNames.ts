import type { WorkbookGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import type { Settings } from "../Settings";
import { freeSheetName, MAX_SHEET_NAME } from "./freeSheetName";
import { STORE_SHEET, type StoreState } from "./StoreState";
import type { OwnedSheetRole } from "./WritePlan";

/** Our sheet roles, in the order we write the sheets. */
export const SHEET_ROLES: OwnedSheetRole[] = ["summary", "commentary", "narrative"];

/**
 * Chooses the names of our three sheets. A name held by a sheet of the user's (present in the
 * workbook but not recorded as ours in the store) is never reused: ours gets a suffix,
 * "Scorecard Summary (2)", and a "sheet-name-taken" warning. Nor is the store's name
 * (`storeName`, from `locateStore`; an officer's sheet called "QScorecard_Store" is theirs like any
 * other). Characters Excel forbids are replaced and names are cut to 31 characters. Excel compares
 * sheet names case-insensitively.
 *
 * @example
 * // the user has their own "KPI Commentary":
 * resolveSheetNames(settings.sheetNames, wb, state).names.commentary === "KPI Commentary (2)"
 */
export function resolveSheetNames(
  wanted: Settings["sheetNames"],
  workbook: WorkbookGrid,
  state: StoreState,
  storeName = STORE_SHEET,
): { names: Record<OwnedSheetRole, string>; issues: Issue[] } {
  const store = storeName.toLowerCase();
  const ours = new Set(state.owned.map((o) => o.name.toLowerCase()));
  // Every sheet but ours is the officer's, whatever it is called; the store's name is taken too.
  const users = new Set(
    workbook.sheets.map((s) => s.name.toLowerCase()).filter((n) => !ours.has(n) || n === store),
  );
  users.add(store);
  const chosen = new Set<string>();
  const names = {} as Record<OwnedSheetRole, string>;
  const issues: Issue[] = [];
  for (const role of SHEET_ROLES) {
    const base = cleanSheetName(wanted[role], role);
    const name = freeSheetName(base, new Set([...users, ...chosen]));
    if (name !== base && users.has(base.toLowerCase()) && base.toLowerCase() !== store) {
      issues.push(
        issue(
          "warning",
          "sheet-name-taken",
          base,
          "A1",
          `A sheet of yours is already called "${base}", so it was left alone and the scorecard was written to "${name}".`,
        ),
      );
    }
    chosen.add(name.toLowerCase());
    names[role] = name;
  }
  return { names, issues };
}

/** Replaces characters Excel forbids in sheet names and trims to 31 characters. */
function cleanSheetName(name: string | undefined, role: OwnedSheetRole): string {
  const cleaned = (name ?? "")
    .replace(/[[\]:*?/\\]/g, "-")
    .replace(/^'+|'+$/g, "")
    .trim()
    .slice(0, MAX_SHEET_NAME);
  return (
    cleaned ||
    { summary: "Scorecard Summary", commentary: "KPI Commentary", narrative: "Variance Narrative" }[role]
  );
}
