import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { TableMapping } from "../../src/engine/Settings";
import { TablesPanel, tableName } from "../../src/taskpane/TablesPanel";
import { installDomShims } from "./installDomShims";
import { financeTable, kpiTable } from "./makeFakeHost";

installDomShims();

function renderPanel(mappings: TableMapping[] = []) {
  const onChange = jest.fn();
  const long = { ...kpiTable(), title: "A summary of the December 2019 position is as follows:" };
  render(
    <FluentProvider theme={webLightTheme}>
      <TablesPanel
        kpiTables={[long]}
        financeTables={[financeTable()]}
        mappings={mappings}
        onChange={onChange}
      />
    </FluentProvider>,
  );
  return onChange;
}

test("names each table by sheet and header row first, with a title only when short", () => {
  renderPanel();
  expect(screen.getByText("Finance, row 4: Revenue budget monitoring")).toBeInTheDocument();
  const long = screen.getByText(/^KPIs, row 2: /);
  expect(long.textContent).toBe("KPIs, row 2: A summary of the December 2019 position…");
  expect(tableName({ sheet: "KPIs", headerRow: 2 })).toBe("KPIs, row 2");
});

test("offers only 'Use this table' and 'Ignore this table', for KPI and finance tables alike", async () => {
  const user = userEvent.setup();
  const onChange = renderPanel();
  for (const name of [/^Score KPIs, row 2/, /^Score Finance, row 4/]) {
    const select = screen.getByRole("combobox", { name });
    const options = within(select)
      .getAllByRole("option")
      .map((o) => o.textContent);
    expect(options).toEqual(["Use this table", "Ignore this table"]);
    expect(select).toHaveValue("use");
  }
  await user.selectOptions(screen.getByRole("combobox", { name: /^Score Finance, row 4/ }), "ignore");
  expect(onChange).toHaveBeenLastCalledWith({ sheet: "Finance", headerRow: 4, kind: "ignore" });
});

test("an ignored table stays listed so it can be used again", async () => {
  const user = userEvent.setup();
  const onChange = renderPanel([{ sheet: "Old", headerRow: 7, kind: "ignore" }]);
  const select = screen.getByRole("combobox", { name: /^Score Old, row 7/ });
  expect(select).toHaveValue("ignore");
  expect(screen.getByText("Ignored")).toBeInTheDocument();
  await user.selectOptions(select, "use");
  expect(onChange).toHaveBeenLastCalledWith({ sheet: "Old", headerRow: 7, kind: "kpi" });
});
