import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { KpiResult } from "../../src/engine/kpi/KpiResult";
import { TREND_KEY } from "../../src/engine/kpi/statusLabel";
import { ExceptionsList } from "../../src/taskpane/ExceptionsList";
import { installDomShims } from "./installDomShims";
import { kpi } from "./makeFakeHost";

installDomShims();

const within1: KpiResult = {
  ...kpi("Assessments within 45 days", 3, "column"),
  status: "within",
  actual: 0.85,
  target: 0.9,
  tolerance: 0.75,
  rule: "within tolerance: 85% misses the 90% target but is at or above the 75% tolerance",
  ref: "CS01",
  previous: 0.8,
  changeVsPrevious: 0.0625,
  trend: "improving",
  previousStatus: "within",
};
const outside: KpiResult = {
  ...kpi("Audits graded good", 9, "column"),
  status: "outside",
  actual: 0.56,
  target: 0.8,
  tolerance: 0.8,
  rule: "outside tolerance: 56% is below the 80% tolerance",
  actualCell: "D9",
};

type OnSelect = (sheet: string, cell: string) => Promise<void | string>;

function renderList(kpis: KpiResult[], onSelect?: jest.Mock<ReturnType<OnSelect>, Parameters<OnSelect>>) {
  const select = onSelect ?? jest.fn<ReturnType<OnSelect>, Parameters<OnSelect>>();
  if (!onSelect) select.mockResolvedValue(undefined);
  render(
    <FluentProvider theme={webLightTheme}>
      <ExceptionsList kpis={kpis} onSelect={select} />
    </FluentProvider>,
  );
  return select;
}

test("lists outside then within measures with their figures, the rule, change of status and trend", () => {
  renderList([kpi("Fine", 2, "column"), within1, outside]);
  const items = within(screen.getByRole("list", { name: "Exceptions" })).getAllByRole("listitem");
  expect(items.map((i) => within(i).getByRole("button").textContent)).toEqual([
    "Audits graded good",
    "CS01 Assessments within 45 days",
  ]);
  expect(items[0]).toHaveTextContent("Actual 56% · target 80% · tolerance 80%");
  expect(items[0]).toHaveTextContent("Why: outside tolerance: 56% is below the 80% tolerance");
  expect(items[1]).toHaveTextContent("Actual 85% · target 90% · tolerance 75%");
  expect(items[1]).toHaveTextContent("Still within tolerance");
  expect(items[1]).toHaveTextContent("Trend: ↑ Up, improving");
  expect(screen.getByText(TREND_KEY)).toBeInTheDocument();
});

test("choosing one selects its scored cell through the host", async () => {
  const user = userEvent.setup();
  const onSelect = renderList([within1, outside]);
  await user.click(screen.getByRole("button", { name: "Audits graded good" }));
  expect(onSelect).toHaveBeenCalledWith("KPIs", "D9");
});

test("shows the host's note (the preview cannot select cells)", async () => {
  const user = userEvent.setup();
  const note: jest.Mock<ReturnType<OnSelect>, Parameters<OnSelect>> = jest.fn();
  note.mockResolvedValue("The preview cannot select cells.");
  renderList([outside], note);
  await user.click(screen.getByRole("button", { name: "Audits graded good" }));
  expect(await screen.findByText("The preview cannot select cells.")).toBeInTheDocument();
});

test("says so when nothing is outside or within tolerance", () => {
  renderList([kpi("Fine", 2, "column")]);
  expect(screen.getByText("No measure is outside or within tolerance.")).toBeInTheDocument();
});
