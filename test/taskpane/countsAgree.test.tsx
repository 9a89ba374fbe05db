/**
 * The pane and the sheets always agree (issue 12): from the same result, the pane's counts table
 * and the Scorecard Summary's counts table give each group the same numbers, in the same order.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import type { PlanCell } from "../../src/engine/writeplan/WritePlan";
import { PANE_COUNT_COLUMNS, ResultsPanel } from "../../src/taskpane/ResultsPanel";
import { seedToGrid } from "../fixtures/seedToGrid";
import { contractKpis } from "../fixtures/seeds/contractKpis";
import { corporateScorecard } from "../fixtures/seeds/corporateScorecard";
import { partnershipKpis } from "../fixtures/seeds/partnershipKpis";
import { installDomShims } from "./installDomShims";

installDomShims();

/** The Summary sheet's "Group" counts table: header texts, then each row's name and cells by header. */
function summaryCounts(cells: PlanCell[]): { headers: string[]; rows: Map<string, Map<string, unknown>> } {
  const at = new Map(cells.map((c) => [`${c.row},${c.col}`, c.value]));
  const headerRow = cells.find((c) => c.col === 0 && c.value === "Group")?.row;
  if (headerRow === undefined) throw new Error("the Scorecard Summary has no Group counts table");
  const headers: string[] = [];
  for (let c = 1; typeof at.get(`${headerRow},${c}`) === "string"; c++)
    headers.push(at.get(`${headerRow},${c}`) as string);
  const rows = new Map<string, Map<string, unknown>>();
  for (let r = headerRow + 1; typeof at.get(`${r},0`) === "string"; r++) {
    const name = at.get(`${r},0`) as string;
    rows.set(name, new Map(headers.map((h, i) => [h, at.get(`${r},${i + 1}`)])));
    if (name === "Total") break;
  }
  return { headers, rows };
}

test.each([
  ["seed 001's contract and partnership tables", [contractKpis, partnershipKpis]],
  ["seed 004's corporate scorecard", [corporateScorecard]],
])("the pane and the Scorecard Summary show the same counts for %s", (_, seeds) => {
  const { result, plan } = scoreWorkbook({ sheets: seeds.map(seedToGrid) });
  const summary = plan.sheets.find((s) => s.role === "summary")!;
  const sheet = summaryCounts(summary.cells);

  render(
    <FluentProvider theme={webLightTheme}>
      <ResultsPanel report={{ result, written: { sheets: [], cfRanges: 0, notWritten: [] } }} />
    </FluentProvider>,
  );
  const table = screen.getByRole("table", { name: "KPI counts by group" });
  const [head, ...body] = within(table).getAllByRole("row");
  const paneHeaders = within(head)
    .getAllByRole("columnheader")
    .slice(1)
    .map((h) => h.getAttribute("title"));
  // The pane's columns are the sheet's, in the sheet's order (their first four).
  expect(paneHeaders).toEqual(sheet.headers.slice(0, paneHeaders.length));
  expect(body.length).toBe(sheet.rows.size);
  for (const row of body) {
    const [name, ...numbers] = within(row)
      .getAllByRole("cell")
      .map((c) => c.textContent ?? "");
    const group = name.replace(/ \(\+\d+ not scored\)$/, "");
    const onSheet = sheet.rows.get(group);
    expect({ group, onSheet: onSheet !== undefined }).toEqual({ group, onSheet: true });
    expect(numbers.map(Number)).toEqual(PANE_COUNT_COLUMNS.map((c) => onSheet!.get(c.sheetHeader)));
    // "+N not scored" is the rest of the sheet's row (no target, target TBC, not yet due).
    const rest = sheet.headers
      .slice(paneHeaders.length)
      .filter((h) => h !== "Total")
      .reduce((n, h) => n + Number(onSheet!.get(h) ?? 0), 0);
    expect(Number(/\(\+(\d+) not scored\)/.exec(name)?.[1] ?? 0)).toBe(rest);
  }
});
