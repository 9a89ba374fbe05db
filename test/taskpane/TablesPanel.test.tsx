import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { TableMapping } from "../../src/engine/Settings";
import type { SelectedRange } from "../../src/taskpane/ScorecardHost";
import { TablesPanel, tableName, type TablesPanelProps } from "../../src/taskpane/TablesPanel";
import { installDomShims } from "./installDomShims";
import { financeTable, kpiTable, sampleHeaders } from "./makeFakeHost";

installDomShims();

const KPI = /^KPIs, row 2/;
const FINANCE = /^Finance, row 4/;

function renderPanel(mappings: TableMapping[] = [], extra: Partial<TablesPanelProps> = {}) {
  const onChange = jest.fn();
  const long = { ...kpiTable(), title: "A summary of the December 2019 position is as follows:" };
  render(
    <FluentProvider theme={webLightTheme}>
      <TablesPanel
        kpiTables={[long]}
        financeTables={[financeTable()]}
        mappings={mappings}
        headers={sampleHeaders()}
        onChange={onChange}
        {...extra}
      />
    </FluentProvider>,
  );
  return onChange;
}

/** The role each column's control shows, as [letter, header, role value]; checks the table's headings. */
function roles(table: RegExp): string[][] {
  const grid = within(screen.getByRole("group", { name: table })).getByRole("table");
  expect(
    within(grid)
      .getAllByRole("columnheader")
      .map((h) => h.textContent),
  ).toEqual(["Column and header", "Role"]);
  return within(grid)
    .getAllByRole("row")
    .slice(1)
    .map((row) => {
      const [letter, ...header] = (within(row).getByRole("rowheader").textContent ?? "").split(" ");
      return [letter, header.join(" "), (within(row).getByRole("combobox") as HTMLSelectElement).value];
    });
}

function roleSelect(table: RegExp, letter: string) {
  return within(screen.getByRole("group", { name: table })).getByRole("combobox", {
    name: new RegExp(`^Role of column ${letter}\\b`),
  });
}

test("names each table by sheet and header row first, with a title only when short", () => {
  renderPanel();
  expect(screen.getByText("Finance, row 4: Revenue budget monitoring")).toBeInTheDocument();
  const long = screen.getByText(/^KPIs, row 2: /);
  expect(long.textContent).toBe("KPIs, row 2: A summary of the December 2019 position…");
  expect(tableName({ sheet: "KPIs", headerRow: 2 })).toBe("KPIs, row 2");
});

test("roles are pre-filled from detection, one per header column, with the roles of the table's kind", () => {
  renderPanel();
  expect(roles(KPI)).toEqual([
    ["A", "Measure", "measure"],
    ["B", "Target", "target"],
    ["C", "Tolerance", "none"],
    ["D", "Notes", "none"],
    ["E", "Q3 2019/20", "period"],
    ["F", "Q4 2019/20", "period"],
  ]);
  expect(roles(FINANCE)).toEqual([
    ["A", "Service", "line"],
    ["B", "Budget £000", "budget"],
    ["C", "Forecast £000", "forecast"],
    ["D", "Variance £000", "variance"],
  ]);
  const options = (select: HTMLElement) =>
    within(select)
      .getAllByRole("option")
      .map((o) => o.textContent);
  expect(options(roleSelect(KPI, "C"))).toEqual([
    "Measure",
    "Reference",
    "Target",
    "Tolerance",
    "Polarity",
    "Status (RAG)",
    "Comment",
    "Trend",
    "Service area",
    "Group",
    "Period",
    "Not used",
  ]);
  expect(options(roleSelect(FINANCE, "A"))).toEqual([
    "Budget line",
    "Budget",
    "Forecast",
    "Variance",
    "Overspend",
    "Underspend",
    "Not used",
  ]);
  const finance = within(screen.getByRole("group", { name: FINANCE }));
  expect(finance.getByRole("combobox", { name: "Variance sign" })).toHaveValue("positive-underspend");
  expect(finance.getByRole("combobox", { name: "Money unit" })).toHaveValue("1000");
  expect(screen.getAllByText("Column roles as detected.")).toHaveLength(2);
  // Nothing to reset while everything is as detected.
  for (const t of [KPI, FINANCE])
    expect(
      within(screen.getByRole("group", { name: t })).getByRole("button", { name: "Use as detected" }),
    ).toBeDisabled();
});

test("changing a role gives the full mapping: every role as a letter, and the periods", async () => {
  const user = userEvent.setup();
  const onChange = renderPanel();
  await user.selectOptions(roleSelect(KPI, "C"), "tolerance");
  expect(onChange).toHaveBeenLastCalledWith({
    sheet: "KPIs",
    headerRow: 2,
    kind: "kpi",
    columns: { measure: "A", target: "B", tolerance: "C" },
    periods: ["E", "F"],
  });
  await user.selectOptions(roleSelect(KPI, "E"), "none");
  expect(onChange).toHaveBeenLastCalledWith({
    sheet: "KPIs",
    headerRow: 2,
    kind: "kpi",
    columns: { measure: "A", target: "B" },
    periods: ["F"],
  });
  const finance = within(screen.getByRole("group", { name: FINANCE }));
  await user.selectOptions(finance.getByRole("combobox", { name: "Money unit" }), "£m (millions)");
  expect(onChange).toHaveBeenLastCalledWith({
    sheet: "Finance",
    headerRow: 4,
    kind: "finance",
    columns: { line: "A", budget: "B", forecast: "C", variance: "D" },
    sign: "positive-underspend",
    scale: 1_000_000,
  });
  await user.selectOptions(finance.getByRole("combobox", { name: "Variance sign" }), "positive-overspend");
  expect(onChange).toHaveBeenLastCalledWith(
    expect.objectContaining({ sign: "positive-overspend", scale: 1000 }),
  );
});

test("a saved mapping's roles show instead of detection's, and 'Use as detected' removes it", async () => {
  const user = userEvent.setup();
  const saved: TableMapping = {
    sheet: "KPIs",
    headerRow: 2,
    kind: "kpi",
    columns: { measure: "A", ref: "D", tolerance: "C" },
    periods: ["B", "E", "F"],
  };
  const onChange = renderPanel([saved]);
  expect(roles(KPI).map((r) => r[2])).toEqual(["measure", "period", "tolerance", "ref", "period", "period"]);
  const kpi = within(screen.getByRole("group", { name: KPI }));
  expect(kpi.getByText("Column roles confirmed by you.")).toBeInTheDocument();
  await user.click(kpi.getByRole("button", { name: "Use as detected" }));
  expect(onChange).toHaveBeenLastCalledWith({ sheet: "KPIs", headerRow: 2, kind: "kpi" });
});

test("the kind can be changed: KPI to budget (the names column carries over), to ignore, and back", async () => {
  const user = userEvent.setup();
  const onChange = renderPanel();
  const kind = screen.getByRole("combobox", { name: /^Score KPIs, row 2.* as$/ });
  expect(
    within(kind)
      .getAllByRole("option")
      .map((o) => o.textContent),
  ).toEqual(["KPI table", "Budget table", "Ignore this table"]);
  expect(kind).toHaveValue("kpi");
  await user.selectOptions(kind, "finance");
  expect(onChange).toHaveBeenLastCalledWith({
    sheet: "KPIs",
    headerRow: 2,
    kind: "finance",
    columns: { line: "A" },
    sign: "positive-underspend",
    scale: 1,
  });
  await user.selectOptions(screen.getByRole("combobox", { name: /^Score Finance, row 4/ }), "ignore");
  expect(onChange).toHaveBeenLastCalledWith({ sheet: "Finance", headerRow: 4, kind: "ignore" });
});

test("a table shown as another kind lists that kind's roles; going back to the detected kind is 'as detected'", async () => {
  const user = userEvent.setup();
  const asFinance: TableMapping = {
    sheet: "KPIs",
    headerRow: 2,
    kind: "finance",
    columns: { line: "A", budget: "B" },
    sign: "positive-overspend",
    scale: 1000,
  };
  const onChange = renderPanel([asFinance]);
  expect(roles(KPI).map((r) => r[2])).toEqual(["line", "budget", "none", "none", "none", "none"]);
  const group = within(screen.getByRole("group", { name: KPI }));
  expect(group.getByText("Finance")).toBeInTheDocument();
  await user.selectOptions(group.getByRole("combobox", { name: /^Score KPIs/ }), "kpi");
  expect(onChange).toHaveBeenLastCalledWith({ sheet: "KPIs", headerRow: 2, kind: "kpi" });
});

test("an ignored table stays listed so it can be used again", async () => {
  const user = userEvent.setup();
  const onChange = renderPanel([{ sheet: "Old", headerRow: 7, kind: "ignore" }]);
  const select = screen.getByRole("combobox", { name: /^Score Old, row 7/ });
  expect(select).toHaveValue("ignore");
  expect(screen.getByText("Ignored")).toBeInTheDocument();
  expect(within(screen.getByRole("group", { name: /^Old, row 7/ })).queryByRole("table")).toBeNull();
  await user.selectOptions(select, "kpi");
  expect(onChange).toHaveBeenLastCalledWith({ sheet: "Old", headerRow: 7, kind: "kpi" });
});

test("a chosen range is listed with its columns and keeps its range through every change", async () => {
  const user = userEvent.setup();
  const chosen: TableMapping = { sheet: "Data", headerRow: 4, kind: "kpi", range: "B4:D9" };
  const onChange = renderPanel([chosen]);
  const group = within(screen.getByRole("group", { name: /^Data, row 4/ }));
  expect(group.getByText(/^Cells B4:D9, chosen by you\./)).toBeInTheDocument();
  expect(roles(/^Data, row 4/)).toEqual([
    ["B", "(blank)", "none"],
    ["C", "(blank)", "none"],
    ["D", "(blank)", "none"],
  ]);
  await user.selectOptions(roleSelect(/^Data, row 4/, "B"), "measure");
  expect(onChange).toHaveBeenLastCalledWith({
    sheet: "Data",
    headerRow: 4,
    kind: "kpi",
    range: "B4:D9",
    columns: { measure: "B" },
    periods: [],
  });
  await user.selectOptions(group.getByRole("combobox", { name: /^Score Data/ }), "ignore");
  expect(onChange).toHaveBeenLastCalledWith({ sheet: "Data", headerRow: 4, kind: "ignore", range: "B4:D9" });
});

test("'Use the selection as a KPI table' adds the selected range with its first row as the header", async () => {
  const user = userEvent.setup();
  const onAdd = jest.fn();
  const getSelection = jest.fn(async (): Promise<SelectedRange | string> => ({
    sheet: "Data",
    address: "B4:H30",
  }));
  renderPanel([], { getSelection, onAdd });
  expect(screen.queryByRole("textbox")).toBeNull(); // Excel: no range to type
  await user.click(screen.getByRole("button", { name: "Use the selection as a KPI table" }));
  expect(getSelection).toHaveBeenCalledWith(undefined);
  expect(onAdd).toHaveBeenLastCalledWith({ sheet: "Data", headerRow: 4, kind: "kpi", range: "B4:H30" });
  expect(screen.getByRole("status")).toHaveTextContent(
    "Added Data!B4:H30 as a KPI table, with row 4 as its header.",
  );
  await user.click(screen.getByRole("button", { name: "Use the selection as a budget table" }));
  expect(onAdd).toHaveBeenLastCalledWith({ sheet: "Data", headerRow: 4, kind: "finance", range: "B4:H30" });
});

test("a note from the host is shown in words, and a failure says what went wrong; nothing is added", async () => {
  const user = userEvent.setup();
  const onAdd = jest.fn();
  const getSelection = jest
    .fn<Promise<SelectedRange | string>, [string?]>()
    .mockResolvedValueOnce("Data!B4 is one cell: a table needs its header row.")
    .mockRejectedValueOnce(new Error("Excel is busy."));
  renderPanel([], { getSelection, onAdd });
  const kpiButton = screen.getByRole("button", { name: "Use the selection as a KPI table" });
  await user.click(kpiButton);
  expect(screen.getByText("Data!B4 is one cell: a table needs its header row.")).toBeInTheDocument();
  await user.click(kpiButton);
  expect(screen.getByText("Could not use the selection: Excel is busy.")).toBeInTheDocument();
  expect(onAdd).not.toHaveBeenCalled();
});

test("the preview: the officer types a range; a bad one gets a clear error on the field", async () => {
  const user = userEvent.setup();
  const onAdd = jest.fn();
  const getSelection = jest.fn(async (typed?: string): Promise<SelectedRange | string> =>
    typed === "Data!B4:H30" ? { sheet: "Data", address: "B4:H30" } : `There is no sheet called "${typed}".`,
  );
  renderPanel([], { getSelection, onAdd, typeRange: true });
  const range = screen.getByRole("textbox", { name: /^Table range/ });
  await user.type(range, "Dta!B4:H30");
  await user.click(screen.getByRole("button", { name: "Use this range as a budget table" }));
  expect(getSelection).toHaveBeenLastCalledWith("Dta!B4:H30");
  expect(range).toHaveAttribute("aria-invalid", "true");
  expect(range).toHaveAccessibleDescription(
    expect.stringContaining('There is no sheet called "Dta!B4:H30".'),
  );
  expect(onAdd).not.toHaveBeenCalled();
  await user.clear(range);
  await user.type(range, "Data!B4:H30");
  expect(range).not.toHaveAttribute("aria-invalid", "true");
  await user.click(screen.getByRole("button", { name: "Use this range as a budget table" }));
  expect(onAdd).toHaveBeenLastCalledWith({ sheet: "Data", headerRow: 4, kind: "finance", range: "B4:H30" });
});

test("with no table found, the panel still offers to add one", () => {
  render(
    <FluentProvider theme={webLightTheme}>
      <TablesPanel
        kpiTables={[]}
        financeTables={[]}
        mappings={[]}
        onChange={jest.fn()}
        getSelection={async () => "nothing"}
        onAdd={jest.fn()}
      />
    </FluentProvider>,
  );
  expect(screen.getByText("No KPI or finance tables were found in this workbook.")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Use the selection as a KPI table" })).toBeInTheDocument();
});
