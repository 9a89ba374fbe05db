import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { measureKey } from "../../src/engine/kpi/measureKey";
import { App } from "../../src/taskpane/App";
import { parseTableRange } from "../../src/taskpane/parseTableRange";
import type { RunEvent } from "../../src/taskpane/RunEvent";
import { installDomShims } from "./installDomShims";
import { deferred, makeFakeHost, sampleResult, type FakeHost } from "./makeFakeHost";

installDomShims();

function renderApp(host: FakeHost, extra: Partial<Parameters<typeof App>[0]> = {}) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} {...extra} />
    </FluentProvider>,
  );
}

async function ready() {
  return screen.findByRole("button", { name: "Settings" });
}

function scoreButton() {
  return screen.getByRole("button", { name: "Score this quarter" });
}

test("reads the workbook on open, then shows the settings and warnings", async () => {
  const host = makeFakeHost();
  renderApp(host);
  expect(screen.getByText("Reading the workbook…")).toBeInTheDocument();
  expect(scoreButton()).toHaveAttribute("aria-disabled", "true");
  await ready();
  expect(host.inspectCalls).toHaveLength(1);
  expect(scoreButton()).not.toHaveAttribute("aria-disabled", "true");
  expect(screen.getByRole("heading", { name: "Warnings (2)" })).toBeInTheDocument();
  expect(screen.getByRole("combobox", { name: "Period to score" })).toHaveTextContent("Latest in each table");
});

test("shows a plain message when the workbook cannot be read", async () => {
  renderApp(makeFakeHost({ inspectError: "The sheet is protected." }));
  expect(await screen.findByText("The sheet is protected.")).toBeInTheDocument();
  expect(screen.getByText("Could not read the workbook")).toBeInTheDocument();
});

test("a run goes idle → running (with stages) → done, and the button is disabled while it runs", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost();
  renderApp(host);
  await ready();

  await user.click(scoreButton());
  expect(scoreButton()).toHaveAttribute("aria-disabled", "true");
  expect(screen.getByRole("status")).toHaveTextContent("Reading the workbook…");
  act(() => host.progress?.("scoring"));
  expect(screen.getByRole("status")).toHaveTextContent("Scoring…");
  expect(screen.getByRole("progressbar", { name: "Scoring progress" })).toBeInTheDocument();
  act(() => host.progress?.("writing"));
  expect(screen.getByRole("status")).toHaveTextContent("Writing the results…");

  // Clicking again (even forcing the click through) must not start a second run.
  await user.click(scoreButton());
  act(() => scoreButton().click());
  expect(host.scoreCalls).toHaveLength(1);

  const report = {
    result: sampleResult(),
    written: { sheets: ["Scorecard Summary"], cfRanges: 1, notWritten: [] },
  };
  await act(async () => host.pendingScore?.resolve(report));
  expect(scoreButton()).not.toHaveAttribute("aria-disabled", "true");
  const results = screen.getByRole("region", { name: "Results" });
  expect(within(results).getByText("Results for Q4 2019/20")).toBeInTheDocument();
  expect(within(results).getByText(report.result.counts[2].sentence)).toBeInTheDocument();
  expect(within(results).getByText("Written: Scorecard Summary.")).toBeInTheDocument();
});

test("results show counts per group in a table with word headers, and flagged variances with narrative", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost({ scoreNow: true });
  renderApp(host);
  await ready();
  await user.click(scoreButton());

  const table = await screen.findByRole("table", { name: "KPI counts by group" });
  const headers = within(table)
    .getAllByRole("columnheader")
    .map((h) => h.textContent);
  // The Scorecard Summary's order (issue 12): exceptions first.
  expect(headers).toEqual(["Group", "Outside", "Within", "Better", "No data"]);
  const rows = within(table)
    .getAllByRole("row")
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    );
  const expected = sampleResult().counts.map((c) => [
    c.dimension === "total" ? "Total" : c.group,
    ...[c.outside, c.within, c.better, c.noData].map(String),
  ]);
  expect(rows).toEqual(expected);

  const flagged = screen.getByRole("list", { name: /^Flagged variances/ });
  const v = sampleResult().variances[0];
  expect(within(flagged).getByText(v.narrative)).toBeInTheDocument();
  expect(within(flagged).getByText("overspend")).toBeInTheDocument();
  // The variance under the threshold is not flagged.
  expect(within(flagged).queryByText(/Libraries/)).toBeNull();
});

test("a failed run says why and lets the officer try again", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost();
  renderApp(host);
  await ready();
  await user.click(scoreButton());
  await act(async () => host.pendingScore?.reject(new Error("Cell A1 on KPIs is being edited.")));
  expect(screen.getByText("Scoring failed")).toBeInTheDocument();
  expect(screen.getByText("Cell A1 on KPIs is being edited.")).toBeInTheDocument();
  expect(scoreButton()).not.toHaveAttribute("aria-disabled", "true");
  await user.click(scoreButton());
  expect(host.scoreCalls).toHaveLength(2);
});

test("warning links select their cell, by mouse and by keyboard", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost();
  renderApp(host);
  await ready();
  const warnings = screen.getByRole("list", { name: "Warnings" });
  const first = within(warnings).getByRole("button", { name: /^KPIs!D7: Could not read/ });
  await user.click(first);
  expect(host.selected).toEqual([["KPIs", "D7"]]);
  within(warnings)
    .getByRole("button", { name: /^Finance!B9/ })
    .focus();
  await user.keyboard("{Enter}");
  expect(host.selected).toEqual([
    ["KPIs", "D7"],
    ["Finance", "B9"],
  ]);
});

test("settings the officer changes reach host.score as overrides", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost({ scoreNow: true });
  renderApp(host);
  await ready();

  // Period.
  await user.click(screen.getByRole("combobox", { name: "Period to score" }));
  await user.click(screen.getByRole("option", { name: "Q3 2019/20" }));
  // Threshold, typed the way officers write money.
  const threshold = screen.getByRole("spinbutton", { name: /Variance threshold/ });
  await user.clear(threshold);
  await user.type(threshold, "250k");
  await user.tab();
  // Money style.
  await user.click(screen.getByRole("radio", { name: /Long/ }));

  // Tables: ignore the finance table.
  await user.click(screen.getByRole("button", { name: /Tables found \(2\)/ }));
  const kind = screen.getByRole("combobox", { name: /Finance, row 4/ });
  await user.selectOptions(kind, "ignore");

  // Polarity of an assumed measure.
  await user.click(screen.getByRole("button", { name: "Polarity" }));
  await user.selectOptions(
    screen.getByRole("combobox", { name: "Which way is good for Referrals" }),
    "lower",
  );
  // A measure whose polarity came from its sheet is not offered.
  expect(screen.queryByRole("combobox", { name: /assessments/ })).toBeNull();

  await user.click(scoreButton());
  const overrides = host.scoreCalls[0];
  expect(overrides?.period).toBe("Q3 2019/20");
  expect(overrides?.threshold).toBe(250_000);
  expect(overrides?.moneyStyle).toBe("long");
  expect(overrides?.tables).toEqual([{ sheet: "Finance", headerRow: 4, kind: "ignore" }]);
  expect(overrides?.polarityOverrides).toEqual({ [measureKey("Referrals")]: "lower" });
});

test("a threshold that is not money is refused with a message", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost({ scoreNow: true });
  renderApp(host);
  await ready();
  const threshold = screen.getByRole("spinbutton", { name: /Variance threshold/ });
  await user.clear(threshold);
  await user.type(threshold, "lots");
  await user.tab();
  expect(screen.getByText(/Enter an amount in pounds/)).toBeInTheDocument();
  await user.click(scoreButton());
  expect(host.scoreCalls[0]?.threshold).toBe(100_000);
});

test("every control has an accessible name and the pane works from the keyboard", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost({ scoreNow: true });
  renderApp(host);
  await ready();
  await user.click(screen.getByRole("button", { name: /Tables found/ }));
  await user.click(screen.getByRole("button", { name: "Polarity" }));
  for (const role of [
    "button",
    "combobox",
    "spinbutton",
    "radio",
    "radiogroup",
    "progressbar",
    "table",
    "textbox",
    "group",
  ] as const) {
    const all = screen.queryAllByRole(role);
    const named = screen.queryAllByRole(role, { name: /\S/ });
    expect({ role, unnamed: all.filter((el) => !named.includes(el)).map((el) => el.outerHTML) }).toEqual({
      role,
      unnamed: [],
    });
  }
  // Tab to the primary button and press Enter.
  scoreButton().blur();
  await user.tab();
  let guard = 0;
  while (document.activeElement !== scoreButton() && guard++ < 30) await user.tab();
  expect(document.activeElement).toBe(scoreButton());
  await user.keyboard("{Enter}");
  expect(host.scoreCalls).toHaveLength(1);
  expect(await screen.findByRole("region", { name: "Results" })).toBeInTheDocument();
});

test("a run started from the ribbon shows in the pane and blocks a second run", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost();
  let emit: (e: RunEvent) => void = () => undefined;
  const unsubscribe = jest.fn();
  const runEvents = (listener: (e: RunEvent) => void) => {
    emit = listener;
    return unsubscribe;
  };
  const { unmount } = renderApp(host, { runEvents });
  await ready();
  act(() => emit({ state: "running", stage: "scoring" }));
  expect(scoreButton()).toHaveAttribute("aria-disabled", "true");
  expect(screen.getByRole("status")).toHaveTextContent("Scoring…");
  await user.click(scoreButton());
  expect(host.scoreCalls).toHaveLength(0);
  act(() =>
    emit({
      state: "done",
      report: {
        result: sampleResult(),
        written: { sheets: [], cfRanges: 0, notWritten: ["Scorecard Summary"] },
        writeError: "The sheet Scorecard Summary is protected.",
      },
    }),
  );
  expect(screen.getByRole("region", { name: "Results" })).toBeInTheDocument();
  expect(screen.getByText("Not everything was written")).toBeInTheDocument();
  expect(
    screen.getByText(/The sheet Scorecard Summary is protected\.; Scorecard Summary/),
  ).toBeInTheDocument();
  expect(scoreButton()).not.toHaveAttribute("aria-disabled", "true");
  unmount();
  expect(unsubscribe).toHaveBeenCalled();
});

test("onRunComplete hears of each finished run once", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost({ scoreNow: true });
  const onRunComplete = jest.fn();
  renderApp(host, { onRunComplete });
  await ready();
  await user.click(scoreButton());
  await screen.findByRole("region", { name: "Results" });
  expect(onRunComplete).toHaveBeenCalledTimes(1);
});

test("Enter on 'Score this quarter' keeps focus on it while it runs (aria-disabled, not disabled)", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost();
  renderApp(host);
  await ready();
  scoreButton().focus();
  await user.keyboard("{Enter}");
  expect(host.scoreCalls).toHaveLength(1);
  expect(scoreButton()).toHaveAttribute("aria-disabled", "true");
  expect(document.activeElement).toBe(scoreButton());
  await user.keyboard("{Enter}");
  expect(host.scoreCalls).toHaveLength(1);
});

test("the period defaults to 'Latest in each table', which clears a chosen period", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost({ scoreNow: true });
  renderApp(host);
  await ready();
  expect(screen.getByText(/scores only the tables that have that column/)).toBeInTheDocument();
  const period = screen.getByRole("combobox", { name: "Period to score" });
  await user.click(period);
  expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([
    "Latest in each table",
    "Q4 2019/20",
    "Q3 2019/20",
  ]);
  await user.click(screen.getByRole("option", { name: "Q3 2019/20" }));
  await user.click(period);
  await user.click(screen.getByRole("option", { name: "Latest in each table" }));
  expect(period).toHaveTextContent("Latest in each table");
  await user.click(scoreButton());
  expect(host.scoreCalls[0]?.period).toBe("");
});

async function openTables(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("button", { name: /^Tables found/ }));
}

test("Excel: the selection becomes a table, the workbook is read again with it, and the panel stays open", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost({
    kind: "excel",
    scoreNow: true,
    selection: { sheet: "Data", address: "B4:H30" },
  });
  renderApp(host);
  await ready();
  await openTables(user);
  const reread = deferred<void>();
  const inspect = host.inspect.bind(host);
  host.inspect = async (overrides) => {
    await reread.promise;
    return inspect(overrides);
  };
  await user.click(screen.getByRole("button", { name: "Use the selection as a KPI table" }));
  // While it reads again, the panel stays (its controls paused) and the button keeps the focus.
  expect(screen.getByRole("button", { name: "Use the selection as a KPI table" })).toHaveAttribute(
    "aria-disabled",
    "true",
  );
  expect(document.activeElement).toBe(
    screen.getByRole("button", { name: "Use the selection as a KPI table" }),
  );
  await act(async () => reread.resolve());
  const added = { sheet: "Data", headerRow: 4, kind: "kpi", range: "B4:H30" };
  expect(host.inspectCalls[1]?.tables).toEqual([added]);
  expect(await screen.findByText(/^Cells B4:H30, chosen by you\./)).toBeInTheDocument();
  expect(screen.getByText(/^Added Data!B4:H30 as a KPI table/)).toBeInTheDocument();
  await user.click(scoreButton());
  expect(host.scoreCalls[0]?.tables).toEqual([added]);
});

test("preview: the officer types the range; a wrong sheet is refused in words, a right one is added", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost({
    selection: (typed) => parseTableRange(typed ?? "", ["KPIs", "Finance", "Data"]),
  });
  renderApp(host);
  await ready();
  await openTables(user);
  const range = screen.getByRole("textbox", { name: /^Table range/ });
  await user.type(range, "Budget!B4:H30");
  await user.click(screen.getByRole("button", { name: "Use this range as a budget table" }));
  expect(
    screen.getByText(
      'There is no sheet called "Budget" in this workbook. Its sheets are: KPIs, Finance, Data.',
    ),
  ).toBeInTheDocument();
  expect(host.inspectCalls).toHaveLength(1);
  await user.clear(range);
  await user.type(range, "data!b4:h30");
  await user.click(screen.getByRole("button", { name: "Use this range as a budget table" }));
  await waitFor(() =>
    expect(host.inspectCalls[1]?.tables).toEqual([
      { sheet: "Data", headerRow: 4, kind: "finance", range: "B4:H30" },
    ]),
  );
  expect(await screen.findByRole("group", { name: /^Data, row 4/ })).toBeInTheDocument();
});

test("store round trip: a confirmed role is scored with, saved, and shown as confirmed when the pane opens again", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost({ scoreNow: true });
  const first = renderApp(host);
  await ready();
  await openTables(user);
  const kpis = within(screen.getByRole("group", { name: /^KPIs, row 2/ }));
  await user.selectOptions(kpis.getByRole("combobox", { name: /^Role of column C/ }), "tolerance");
  await user.click(scoreButton());
  await screen.findByRole("region", { name: "Results" });
  const confirmed = {
    sheet: "KPIs",
    headerRow: 2,
    kind: "kpi",
    columns: { measure: "A", target: "B", tolerance: "C" },
    periods: ["E", "F"],
  };
  expect(host.scoreCalls[0]?.tables).toEqual([confirmed]);
  expect(host.saved.tables).toEqual([confirmed]);
  first.unmount();

  renderApp(host);
  await ready();
  expect(host.inspectCalls[1]).toBeUndefined(); // opened with what the workbook saved
  await openTables(user);
  const again = within(screen.getByRole("group", { name: /^KPIs, row 2/ }));
  expect(again.getByRole("combobox", { name: /^Role of column C/ })).toHaveValue("tolerance");
  expect(again.getByText("Column roles confirmed by you.")).toBeInTheDocument();
  await user.click(again.getByRole("button", { name: "Use as detected" }));
  await user.click(scoreButton());
  expect(host.scoreCalls[1]?.tables).toEqual([]);
});

test.each([
  ["preview", "Scored. Download to keep it."],
  ["excel", "Scored and written to the workbook."],
] as const)("after a run the %s pane says honestly where the result is", async (kind, words) => {
  const user = userEvent.setup();
  const host = makeFakeHost({ scoreNow: true, kind });
  renderApp(host);
  await ready();
  await user.click(scoreButton());
  await screen.findByRole("region", { name: "Results" });
  expect(screen.getByText(words)).toBeInTheDocument();
});

test("shows what is outside or within tolerance, and choosing one selects its cell", async () => {
  const user = userEvent.setup();
  const host = makeFakeHost({ scoreNow: true });
  const result = sampleResult();
  result.kpis[1] = {
    ...result.kpis[1],
    status: "outside",
    rule: "outside tolerance: 60% is below the 75% tolerance",
  };
  host.inspect = async () => ({ ...(await makeFakeHost().inspect()), preview: result });
  renderApp(host);
  await ready();
  const exceptions = screen.getByRole("region", { name: "Exceptions" });
  expect(
    within(exceptions).getByRole("heading", { name: "Outside or within tolerance (1)" }),
  ).toBeInTheDocument();
  await user.click(within(exceptions).getByRole("button", { name: "Referrals" }));
  expect(host.selected).toEqual([["KPIs", "E4"]]);
});
