import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ScoreOutcome } from "../../src/engine/scoreWorkbook";
import { mergeSettings } from "../../src/engine/scoreWorkbook";
import type { XlsxScorer } from "../../src/taskpane/createPreviewHost";
import { PreviewPage } from "../../src/taskpane/PreviewPage";
import { installDomShims } from "./installDomShims";
import { financeTable, kpiTable, sampleResult } from "./makeFakeHost";

installDomShims();

const scorer: XlsxScorer = async (input, options) => ({
  outcome: {
    result: sampleResult(),
    kpiTables: [kpiTable()],
    financeTables: [financeTable()],
    settings: mergeSettings({}, options?.overrides ?? {}),
    plan: { sheets: [{ name: "Scorecard Summary" }], conditionalFormats: [] },
  } as unknown as ScoreOutcome,
  output: new Uint8Array([...input, 9]),
});

test("open a workbook, score it, download the scored file as a Blob, with nothing sent anywhere", async () => {
  const user = userEvent.setup();
  const blobs: Blob[] = [];
  URL.createObjectURL = jest.fn((b: Blob) => {
    blobs.push(b);
    return "blob:scored";
  });
  URL.revokeObjectURL = jest.fn();
  const clicked: string[] = [];
  const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    clicked.push(this.download);
  });
  const fetchSpy = jest.fn();
  (globalThis as { fetch?: unknown }).fetch = fetchSpy;

  render(
    <FluentProvider theme={webLightTheme}>
      <PreviewPage loadScorer={async () => scorer} />
    </FluentProvider>,
  );
  const download = screen.getByRole("button", { name: "Download scored workbook" });
  expect(download).toBeDisabled();
  const input = screen.getByLabelText("Workbook to score (.xlsx)");
  await user.upload(input, new File([new Uint8Array([1, 2, 3])], "Q4 report.xlsx"));

  const score = await screen.findByRole("button", { name: "Score this quarter" });
  await screen.findByRole("button", { name: "Settings" });
  await user.click(score);
  await screen.findByRole("region", { name: "Results" });
  expect(download).toBeEnabled();
  await user.click(download);

  expect(clicked).toEqual(["Q4 report (scored).xlsx"]);
  expect(new Uint8Array(await blobs[0].arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 9]));
  expect(blobs[0].type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(fetchSpy).not.toHaveBeenCalled();

  // A warning link cannot select a cell outside Excel, so the page says which cell it means.
  await user.click(screen.getByRole("button", { name: /^KPIs!D7/ }));
  expect(screen.getByText(/That warning is about cell KPIs!D7/)).toBeInTheDocument();
  click.mockRestore();
});
