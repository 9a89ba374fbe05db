import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReportRequest } from "../../src/taskpane/ScorecardHost";
import { ExportReportButton, REPORT_FILE_NAME } from "../../src/taskpane/ExportReportButton";
import { installDomShims } from "./installDomShims";
import { deferred, makeFakeHost } from "./makeFakeHost";

installDomShims();

const created: Blob[] = [];
beforeAll(() => {
  // jsdom has no object URLs: record what would be downloaded.
  URL.createObjectURL = (b: Blob | MediaSource) => {
    created.push(b as Blob);
    return `blob:report-${created.length}`;
  };
  URL.revokeObjectURL = () => {};
});
beforeEach(() => {
  created.length = 0;
});

function renderButton(host: ReturnType<typeof makeFakeHost>, disabled = false) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <ExportReportButton host={host} overrides={{ period: "Q3", threshold: 250_000 }} disabled={disabled} />
    </FluentProvider>,
  );
}

test("shows nothing where the host cannot build a report", () => {
  renderButton(makeFakeHost());
  expect(screen.queryByRole("button", { name: "Export committee report" })).toBeNull();
});

test("builds the report with the pane's settings and offers it as a download", async () => {
  const host = makeFakeHost();
  const calls: (ReportRequest | undefined)[] = [];
  const pending = deferred<Uint8Array>();
  host.exportReport = (request) => {
    calls.push(request);
    return pending.promise;
  };
  const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
  renderButton(host);
  await userEvent.click(screen.getByRole("button", { name: "Export committee report" }));
  expect(await screen.findByText("Building the report…")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Export committee report" })).toHaveAttribute(
    "aria-disabled",
    "true",
  );
  pending.resolve(new Uint8Array([80, 75, 3, 4]));
  expect(await screen.findByText(`Downloaded ${REPORT_FILE_NAME}.`)).toBeInTheDocument();
  expect(calls).toEqual([{ overrides: { period: "Q3", threshold: 250_000 }, template: undefined }]);
  expect(created).toHaveLength(1);
  expect(created[0].type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  expect(click).toHaveBeenCalledTimes(1);
  click.mockRestore();
});

test("passes a chosen council template, and shows a failure in words", async () => {
  const host = makeFakeHost();
  const calls: (ReportRequest | undefined)[] = [];
  host.exportReport = async (request) => {
    calls.push(request);
    throw new Error("the template is not a Word document (.docx)");
  };
  renderButton(host);
  const file = new File([new Uint8Array([1, 2, 3])], "council.docx");
  await userEvent.upload(screen.getByLabelText(/Council Word template/), file);
  await userEvent.click(screen.getByRole("button", { name: "Export committee report" }));
  expect(await screen.findByText("Could not build the report")).toBeInTheDocument();
  expect(screen.getByText("the template is not a Word document (.docx)")).toBeInTheDocument();
  await waitFor(() => expect(calls[0]?.template).toEqual(new Uint8Array([1, 2, 3])));
});
