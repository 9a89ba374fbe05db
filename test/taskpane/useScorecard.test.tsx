import { act, renderHook, waitFor } from "@testing-library/react";
import { useScorecard } from "../../src/taskpane/useScorecard";
import { makeFakeHost, sampleResult } from "./makeFakeHost";

test("two score calls in the same tick start only one run", async () => {
  const host = makeFakeHost();
  const { result } = renderHook(() => useScorecard(host));
  await waitFor(() => expect(result.current.inspect.status).toBe("ready"));
  act(() => {
    void result.current.score();
    void result.current.score();
  });
  expect(host.scoreCalls).toHaveLength(1);
  expect(result.current.run).toEqual({ status: "running", stage: "reading" });
  await act(async () =>
    host.pendingScore?.resolve({
      result: sampleResult(),
      written: { sheets: [], cfRanges: 0, notWritten: [] },
    }),
  );
  expect(result.current.run.status).toBe("done");
  // Once it has ended, a new run may start.
  act(() => void result.current.score());
  expect(host.scoreCalls).toHaveLength(2);
});

test("a table mapping replaces an earlier one; 'use as detected' removes it; reload inspects with the draft", async () => {
  const host = makeFakeHost();
  const { result } = renderHook(() => useScorecard(host));
  await waitFor(() => expect(result.current.inspect.status).toBe("ready"));
  act(() => result.current.setTableMapping({ sheet: "KPIs", headerRow: 2, kind: "ignore" }));
  act(() => result.current.setTableMapping({ sheet: "KPIs", headerRow: 2, kind: "finance" }));
  act(() => result.current.setTableMapping({ sheet: "Finance", headerRow: 4, kind: "ignore" }));
  act(() => result.current.setTableMapping({ sheet: "KPIs", headerRow: 9, kind: "ignore" }));
  act(() =>
    result.current.setTableMapping({ sheet: "KPIs", headerRow: 9, kind: "kpi", columns: { measure: "B" } }),
  );
  expect(result.current.draft?.tables).toEqual([
    { sheet: "Finance", headerRow: 4, kind: "ignore" },
    { sheet: "KPIs", headerRow: 9, kind: "kpi", columns: { measure: "B" } },
  ]);
  await act(() => result.current.reload());
  expect(host.inspectCalls[1]?.tables).toHaveLength(2);
});

test("a chosen range stays without columns; addTable reads again with it at once", async () => {
  const host = makeFakeHost();
  const { result } = renderHook(() => useScorecard(host));
  await waitFor(() => expect(result.current.inspect.status).toBe("ready"));
  const chosen = { sheet: "Data", headerRow: 4, kind: "kpi" as const, range: "B4:H30" };
  await act(() => result.current.addTable(chosen));
  expect(host.inspectCalls[1]?.tables).toEqual([chosen]);
  expect(result.current.inspect.status).toBe("ready");
  expect(result.current.draft?.tables).toEqual([chosen]);
  // "Use as detected" on a chosen table keeps its range; a kind without columns or range is dropped.
  act(() =>
    result.current.setTableMapping({ sheet: "Data", headerRow: 4, kind: "finance", range: "B4:H30" }),
  );
  act(() => result.current.setTableMapping({ sheet: "KPIs", headerRow: 2, kind: "kpi" }));
  expect(result.current.draft?.tables).toEqual([{ ...chosen, kind: "finance" }]);
});
