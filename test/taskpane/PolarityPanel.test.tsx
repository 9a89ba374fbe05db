import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { KpiResult } from "../../src/engine/kpi/KpiResult";
import { measureKey } from "../../src/engine/kpi/measureKey";
import type { Polarity } from "../../src/engine/Settings";
import { PolarityPanel } from "../../src/taskpane/PolarityPanel";
import { installDomShims } from "./installDomShims";
import { kpi } from "./makeFakeHost";

installDomShims();

function renderPanel(kpis: KpiResult[], overrides: Record<string, Polarity> = {}) {
  const changes: [string, Polarity][] = [];
  render(
    <FluentProvider theme={webLightTheme}>
      <PolarityPanel kpis={kpis} overrides={overrides} onChange={(k, p) => changes.push([k, p])} />
    </FluentProvider>,
  );
  return changes;
}

/** The main table's rows: measure text (without its sheet and row) and the state badge. */
function rows(name = "Polarity of measures"): [string, string][] {
  return within(screen.getByRole("table", { name }))
    .getAllByRole("row")
    .slice(1)
    .map((r) => {
      const [measure, choice] = within(r).getAllByRole("cell");
      return [measure.firstChild?.textContent ?? "", choice.textContent?.replace(/^.*better/, "") ?? ""];
    });
}

const saved = { ...kpi("Re-offending rates", 6, "setting"), polarity: "lower" as const };
const context = { ...kpi("Children in need per 10,000", 7, "assumed"), status: "no-target" as const };
const kpis = [
  saved,
  kpi("% assessments in 45 days", 3, "column"),
  kpi("Referrals", 4, "assumed"),
  context,
  kpi("Caseloads", 5, "assumed"),
];

test("lists the measures needing a decision first, then saved choices shown as saved", () => {
  renderPanel(kpis, { [measureKey("Re-offending rates")]: "lower" });
  expect(rows()).toEqual([
    ["Referrals", "Needs a decision"],
    ["Caseloads", "Needs a decision"],
    ["Re-offending rates", "Saved"],
  ]);
  expect(screen.getByText(/2 measures need a decision/)).toBeInTheDocument();
  expect(screen.getByText(/1 choice is saved in the workbook/)).toBeInTheDocument();
  // A measure whose polarity its sheet gives is not offered.
  expect(screen.queryByText("% assessments in 45 days")).toBeNull();
  expect(screen.getByRole("combobox", { name: "Which way is good for Re-offending rates" })).toHaveValue(
    "lower",
  );
});

test("a new choice reaches onChange and reads as not saved yet", async () => {
  const user = userEvent.setup();
  const changes = renderPanel(kpis);
  await user.selectOptions(
    screen.getByRole("combobox", { name: "Which way is good for Caseloads" }),
    "lower",
  );
  expect(changes).toEqual([[measureKey("Caseloads"), "lower"]]);
});

test("a choice made but not yet scored reads as not saved yet", () => {
  renderPanel(kpis, { [measureKey("Referrals")]: "lower", [measureKey("Re-offending rates")]: "higher" });
  expect(rows()).toEqual([
    ["Caseloads", "Needs a decision"],
    // In the workbook's order within each state.
    ["Re-offending rates", "Not saved yet"],
    ["Referrals", "Not saved yet"],
  ]);
});

test("filters by name, and folds context measures without a target away", async () => {
  const user = userEvent.setup();
  renderPanel(kpis);
  expect(screen.queryByText("Children in need per 10,000")).toBeNull();
  await user.click(screen.getByRole("button", { name: "Show 1 context measure without a target" }));
  expect(rows("Polarity of context measures without a target")).toEqual([
    ["Children in need per 10,000", "Needs a decision"],
  ]);
  await user.type(screen.getByRole("textbox", { name: "Filter measures" }), "case");
  expect(rows()).toEqual([["Caseloads", "Needs a decision"]]);
  expect(screen.queryByRole("table", { name: "Polarity of context measures without a target" })).toBeNull();
  await user.clear(screen.getByRole("textbox", { name: "Filter measures" }));
  await user.type(screen.getByRole("textbox", { name: "Filter measures" }), "nothing like it");
  expect(screen.getByText("No measure matches the filter.")).toBeInTheDocument();
});

test("says so when nothing was assumed", () => {
  renderPanel([kpi("% assessments in 45 days", 3, "column")]);
  expect(screen.getByText("Every measure says which way is good; nothing was assumed.")).toBeInTheDocument();
});
