import { useCallback, useEffect, useRef, useState } from "react";
import type { Polarity, Settings, TableMapping } from "../engine/Settings";
import type { InspectResult, RunReport, ScorecardHost } from "./ScorecardHost";
import type { RunEventSource } from "./RunEvent";

/** A stage of a scoring run, as reported by the host. */
export type RunStage = "reading" | "scoring" | "writing" | "done";

/** Where reading the workbook (inspect) is. */
export type InspectState =
  { status: "loading" } | { status: "ready"; data: InspectResult } | { status: "error"; message: string };

/** Where a scoring run is: idle → running → done | error. */
export type RunState =
  | { status: "idle" }
  | { status: "running"; stage: RunStage }
  | { status: "done"; report: RunReport }
  | { status: "error"; message: string };

/** What `useScorecard` gives the task pane. */
export interface Scorecard {
  inspect: InspectState;
  run: RunState;
  /** The settings the officer is editing (starts as the workbook's saved settings). */
  draft: Settings | null;
  /** Changes one or more settings in the draft. */
  update(change: Partial<Settings>): void;
  /** Sets one measure's polarity override (keyed by `measureKey`). */
  setPolarity(key: string, polarity: Polarity): void;
  /**
   * Sets one table's mapping (replacing any for the same sheet and header row). A mapping with
   * no columns, no range and a kind other than "ignore" means "use as detected": it is removed.
   */
  setTableMapping(mapping: TableMapping): void;
  /** Sets a mapping for a table the officer chose (`range`), then reads the workbook again to find it. */
  addTable(mapping: TableMapping): Promise<void>;
  /** Scores with the draft settings; ignored while a run is in flight. Resolves when the run ends. */
  score(): Promise<void>;
  /** Reads the workbook again with the draft settings (a dry run). */
  reload(): Promise<void>;
}

/**
 * The task pane's state machine over a `ScorecardHost`: inspects on mount, keeps the officer's
 * draft settings, and runs one score at a time (a second call while running does nothing).
 * `runEvents` lets a run started elsewhere (the ribbon button) show in the pane.
 *
 * @example
 * const sc = useScorecard(host);
 * <Button disabled={sc.run.status === "running"} onClick={() => void sc.score()}>Score this quarter</Button>
 */
export function useScorecard(host: ScorecardHost, runEvents?: RunEventSource): Scorecard {
  const [inspect, setInspect] = useState<InspectState>({ status: "loading" });
  const [run, setRun] = useState<RunState>({ status: "idle" });
  const [draft, setDraft] = useState<Settings | null>(null);
  const running = useRef(false);
  const draftRef = useRef<Settings | null>(null);
  draftRef.current = draft;

  const doInspect = useCallback(
    async (overrides?: Partial<Settings>) => {
      setInspect({ status: "loading" });
      try {
        const data = await host.inspect(overrides);
        setInspect({ status: "ready", data });
        setDraft(data.settings);
      } catch (e) {
        setInspect({ status: "error", message: messageOf(e) });
      }
    },
    [host],
  );

  // A new host (the preview's "go on" switch) reads again with the officer's unsaved draft.
  useEffect(() => {
    void doInspect(draftRef.current ?? undefined);
  }, [doInspect]);

  useEffect(() => {
    if (!runEvents) return undefined;
    return runEvents((event) => {
      if (event.state === "running") {
        running.current = true;
        setRun({ status: "running", stage: event.stage ?? "reading" });
      } else {
        running.current = false;
        setRun(
          event.state === "done"
            ? { status: "done", report: event.report }
            : { status: "error", message: event.message },
        );
      }
    });
  }, [runEvents]);

  const score = useCallback(async () => {
    // A ref, not state: two clicks in the same frame must still start only one run.
    if (running.current) return;
    running.current = true;
    setRun({ status: "running", stage: "reading" });
    try {
      const report = await host.score(draftRef.current ?? undefined, (stage) => {
        if (stage !== "done") setRun({ status: "running", stage });
      });
      setRun({ status: "done", report });
    } catch (e) {
      setRun({ status: "error", message: messageOf(e) });
    } finally {
      running.current = false;
    }
  }, [host]);

  const update = useCallback((change: Partial<Settings>) => {
    setDraft((d) => (d ? { ...d, ...change } : d));
  }, []);

  const setPolarity = useCallback((key: string, polarity: Polarity) => {
    setDraft((d) => (d ? { ...d, polarityOverrides: { ...d.polarityOverrides, [key]: polarity } } : d));
  }, []);

  const setTableMapping = useCallback((mapping: TableMapping) => {
    setDraft((d) => (d ? withMapping(d, mapping) : d));
  }, []);

  const addTable = useCallback(
    async (mapping: TableMapping) => {
      const d = draftRef.current;
      if (!d) return;
      const next = withMapping(d, mapping);
      draftRef.current = next;
      setDraft(next);
      await doInspect(next);
    },
    [doInspect],
  );

  const reload = useCallback(() => doInspect(draftRef.current ?? undefined), [doInspect]);

  return { inspect, run, draft, update, setPolarity, setTableMapping, addTable, score, reload };
}

/** The settings with `mapping` in place of any for the same table (or without one: "use as detected"). */
function withMapping(d: Settings, mapping: TableMapping): Settings {
  const others = d.tables.filter((t) => !(t.sheet === mapping.sheet && t.headerRow === mapping.headerRow));
  // "Use as detected" needs no mapping: one would force a header at that row. A chosen range
  // (`range`) must stay, or the table would be lost.
  const needed = mapping.kind === "ignore" || mapping.columns !== undefined || mapping.range !== undefined;
  return { ...d, tables: needed ? [...others, mapping] : others };
}

/** A plain message from anything thrown. */
function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
