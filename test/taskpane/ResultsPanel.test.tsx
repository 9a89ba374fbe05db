import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import type { ScoreResult } from "../../src/engine/ScoreResult";
import { ResultsPanel } from "../../src/taskpane/ResultsPanel";
import { installDomShims } from "./installDomShims";
import { sampleResult, variance } from "./makeFakeHost";

installDomShims();

function renderResult(result: ScoreResult) {
  const written = { sheets: ["Scorecard Summary"], cfRanges: 0, notWritten: [] };
  return render(
    <FluentProvider theme={webLightTheme}>
      <ResultsPanel report={{ result, written }} />
    </FluentProvider>,
  );
}

test("says nothing about variances when the workbook has no finance table", () => {
  renderResult({ ...sampleResult(), variances: [], financeHeadlines: [] });
  expect(screen.queryByText(/threshold/i)).not.toBeInTheDocument();
  expect(screen.queryByRole("heading", { name: "Flagged variances" })).not.toBeInTheDocument();
  expect(screen.getByText("No finance tables found.")).toBeInTheDocument();
});

test("says none is over the threshold when there are finance lines and none is flagged", () => {
  const result = sampleResult();
  renderResult({ ...result, variances: result.variances.map((v) => ({ ...v, overThreshold: false })) });
  expect(screen.getByRole("heading", { name: "Flagged variances" })).toBeInTheDocument();
  expect(screen.getByText("No variance is over the threshold.")).toBeInTheDocument();
});

test("lists the flagged variances with their narrative", () => {
  const result = sampleResult();
  renderResult(result);
  const flagged = result.variances.filter((v) => v.overThreshold);
  expect(screen.getByRole("list", { name: /^Flagged variances/ }).querySelectorAll("li")).toHaveLength(
    flagged.length,
  );
  expect(screen.queryByText("No finance tables found.")).not.toBeInTheDocument();
});

test("groups flagged variances by finance table, named by sheet and header row, with its headline", () => {
  const result = sampleResult();
  const other = {
    ...variance("Adult social care", -900_000, true),
    sheet: "Outturn 2021-22",
    tableId: "Outturn 2021-22!5",
  };
  const headline = (tableId: string, sheet: string, sentence: string) => ({
    tableId,
    sheet,
    budget: null,
    forecast: null,
    variance: null,
    sentence,
  });
  renderResult({
    ...result,
    variances: [...result.variances, other],
    financeHeadlines: [
      headline("Finance!2", "Finance", "Finance headline."),
      headline("Outturn 2021-22!5", "Outturn 2021-22", "Outturn headline."),
    ],
  });
  const first = screen.getByRole("region", { name: "Finance table Finance, row 2" });
  const second = screen.getByRole("region", { name: "Finance table Outturn 2021-22, row 5" });
  expect(within(first).getByRole("heading", { name: "Finance, row 2" })).toBeInTheDocument();
  expect(within(first).getByText("Finance headline.")).toBeInTheDocument();
  expect(within(first).getAllByRole("listitem")).toHaveLength(1);
  expect(within(first).getByText(/Children's social care/)).toBeInTheDocument();
  expect(within(second).getByText("Outturn headline.")).toBeInTheDocument();
  expect(within(second).getByText(/Adult social care/)).toBeInTheDocument();
  expect(within(second).queryByText(/Children's social care/)).toBeNull();
});
