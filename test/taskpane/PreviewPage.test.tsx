import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ScoreOutcome } from "../../src/engine/scoreWorkbook";
import { mergeSettings } from "../../src/engine/scoreWorkbook";
import type { XlsxScorer } from "../../src/taskpane/createPreviewHost";
import { PreviewPage } from "../../src/taskpane/PreviewPage";
import { installDomShims } from "./installDomShims";
import { financeTable, kpiTable, sampleResult } from "./makeFakeHost";
import type { WorkbookGrid } from "../../src/engine/Grid";

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

/** Stands for ExcelJS reading the file's cells (the bytes here are not a real .xlsx). */
const readGrid = async (): Promise<(bytes: Uint8Array) => Promise<WorkbookGrid>> => async () => ({
  sheets: [{ name: "KPIs", originRow: 0, originCol: 0, values: [["Measure"]], formats: [["General"]] }],
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
      <PreviewPage loadScorer={async () => scorer} loadGridReader={readGrid} />
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

  click.mockRestore();
});

test('re-scoring a scored file keeps its name: one "(scored)", never two', async () => {
  const user = userEvent.setup();
  URL.createObjectURL = jest.fn(() => "blob:scored");
  URL.revokeObjectURL = jest.fn();
  const clicked: string[] = [];
  const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    clicked.push(this.download);
  });
  render(
    <FluentProvider theme={webLightTheme}>
      <PreviewPage loadScorer={async () => scorer} loadGridReader={readGrid} />
    </FluentProvider>,
  );
  await user.upload(
    screen.getByLabelText("Workbook to score (.xlsx)"),
    new File([new Uint8Array([1])], "sample (scored).xlsx"),
  );
  await screen.findByRole("button", { name: "Settings" });
  await user.click(screen.getByRole("button", { name: "Score this quarter" }));
  await screen.findByRole("region", { name: "Results" });
  expect(screen.getByText("Scored. Download to keep it.")).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Download scored workbook" }));
  expect(clicked).toEqual(["sample (scored).xlsx"]);
  click.mockRestore();
});

test("Enter on a warning link announces its note in a live region just under the warnings list", async () => {
  const user = userEvent.setup();
  renderPage();
  await user.upload(
    screen.getByLabelText("Workbook to score (.xlsx)"),
    new File([new Uint8Array([1])], "a.xlsx"),
  );
  await screen.findByRole("button", { name: "Settings" });
  const link = screen.getByRole("button", { name: /^KPIs!D7/ });
  link.focus();
  await user.keyboard("{Enter}");
  const note = await screen.findByText(/That warning is about cell KPIs!D7/);
  const live = note.closest("[aria-live]");
  expect(live).toHaveAttribute("aria-live", "polite");
  const warnings = screen.getByRole("region", { name: "Warnings" });
  expect(warnings).toContainElement(note);
  // The region follows the list directly.
  expect(screen.getByRole("list", { name: "Warnings" }).nextElementSibling).toBe(live);
});

test("the 'go on if charts … would be lost' switch keeps unsaved settings", async () => {
  const user = userEvent.setup();
  renderPage();
  await user.upload(
    screen.getByLabelText("Workbook to score (.xlsx)"),
    new File([new Uint8Array([1])], "a.xlsx"),
  );
  await screen.findByRole("button", { name: "Settings" });
  const threshold = screen.getByRole("spinbutton", { name: /Variance threshold/ });
  await user.clear(threshold);
  await user.type(threshold, "250k");
  await user.tab();
  await user.click(screen.getByRole("radio", { name: /Long/ }));
  await user.click(screen.getByRole("switch", { name: /Go on if charts or pictures/ }));
  await screen.findByRole("button", { name: "Settings" });
  await waitFor(() =>
    expect(screen.getByRole("spinbutton", { name: /Variance threshold/ })).toHaveValue("250000"),
  );
  expect(screen.getByRole("radio", { name: /Long/ })).toBeChecked();
});

function renderPage() {
  return render(
    <FluentProvider theme={webLightTheme}>
      <PreviewPage loadScorer={async () => scorer} loadGridReader={readGrid} />
    </FluentProvider>,
  );
}
