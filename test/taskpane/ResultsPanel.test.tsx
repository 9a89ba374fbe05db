import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import type { ScoreResult } from "../../src/engine/ScoreResult";
import { ResultsPanel } from "../../src/taskpane/ResultsPanel";
import { installDomShims } from "./installDomShims";
import { sampleResult } from "./makeFakeHost";

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
  expect(screen.getByRole("list", { name: "Flagged variances" }).querySelectorAll("li")).toHaveLength(
    flagged.length,
  );
  expect(screen.queryByText("No finance tables found.")).not.toBeInTheDocument();
});
