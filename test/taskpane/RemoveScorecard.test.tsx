import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import { RemoveScorecard } from "../../src/taskpane/RemoveScorecard";
import type { RemoveReport } from "../../src/taskpane/ScorecardHost";
import { installDomShims } from "./installDomShims";
import { makeFakeHost } from "./makeFakeHost";

installDomShims();

function renderButton(remove: () => Promise<RemoveReport>) {
  const removed: RemoveReport[] = [];
  render(
    <FluentProvider theme={webLightTheme}>
      <RemoveScorecard remove={remove} onRemoved={(r) => removed.push(r)} />
    </FluentProvider>,
  );
  return removed;
}

describe("RemoveScorecard (the pane's button)", () => {
  test("asks first; Cancel removes nothing", async () => {
    const remove = jest.fn(async () => ({ sheets: [], rules: 0, store: false, notRemoved: [] }));
    renderButton(remove);
    await userEvent.click(screen.getByRole("button", { name: "Remove scorecard…" }));
    expect(screen.getByText(/commentary typed in them/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(remove).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Remove scorecard…" })).toBeInTheDocument();
  });

  test("Remove takes the scorecard out and says what went", async () => {
    const report = { sheets: ["Scorecard Summary", "KPI Commentary"], rules: 8, store: true, notRemoved: [] };
    const removed = renderButton(async () => report);
    await userEvent.click(screen.getByRole("button", { name: "Remove scorecard…" }));
    await userEvent.click(screen.getByRole("button", { name: "Remove" }));
    expect(
      await screen.findByText(
        "Removed 2 sheets (Scorecard Summary, KPI Commentary), 8 RAG rules and the saved settings.",
      ),
    ).toBeInTheDocument();
    expect(removed).toEqual([report]);
  });

  test("what could not be removed, and a failure, are shown in words", async () => {
    renderButton(async () => ({
      sheets: [],
      rules: 3,
      store: true,
      notRemoved: ['scorecard formatting on "KPIs" ("KPIs" is protected)'],
    }));
    await userEvent.click(screen.getByRole("button", { name: "Remove scorecard…" }));
    await userEvent.click(screen.getByRole("button", { name: "Remove" }));
    expect(await screen.findByText(/"KPIs" is protected/)).toBeInTheDocument();
  });

  test("a host that fails: the message is shown, not swallowed", async () => {
    renderButton(async () => Promise.reject(new Error("The scorecard is being scored.")));
    await userEvent.click(screen.getByRole("button", { name: "Remove scorecard…" }));
    await userEvent.click(screen.getByRole("button", { name: "Remove" }));
    expect(await screen.findByText("The scorecard is being scored.")).toBeInTheDocument();
    expect(screen.getByText("Could not remove the scorecard")).toBeInTheDocument();
  });

  test("in the pane, it calls the host's removeScorecard and reads the workbook again", async () => {
    const host = makeFakeHost({ scoreNow: true });
    render(
      <FluentProvider theme={webLightTheme}>
        <App host={host} />
      </FluentProvider>,
    );
    await screen.findByRole("button", { name: "Remove scorecard…" });
    const reads = host.inspectCalls.length;
    await userEvent.click(screen.getByRole("button", { name: "Remove scorecard…" }));
    await userEvent.click(screen.getByRole("button", { name: "Remove" }));
    expect(await screen.findByText(/^Removed 2 sheets/)).toBeInTheDocument();
    expect(host.removeCalls).toBe(1);
    expect(host.inspectCalls.length).toBe(reads + 1);
  });
});
