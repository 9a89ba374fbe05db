import type { RunEventSource } from "../taskpane/RunEvent";
import type { RemoveReport, RunReport } from "../taskpane/ScorecardHost";

/** Where a run was started from. */
export type RunSource = "ribbon" | "taskpane";

/** What the task pane hears about scoring runs, whoever started them. */
export type RunEvent =
  | { type: "started"; source: RunSource }
  | { type: "progress"; source: RunSource; stage: "reading" | "scoring" | "writing" | "done" }
  | { type: "finished"; source: RunSource; report: RunReport }
  | { type: "failed"; source: RunSource; code: string; message: string }
  /** "Remove scorecard" finished: the last run's results no longer describe the workbook. */
  | { type: "removed"; source: RunSource; report: RemoveReport };

type Listener = (event: RunEvent) => void;

interface Bus {
  listeners: Set<Listener>;
  last?: RunEvent;
}

const BUS = Symbol.for("quarterly-scorecard.runEvents");

/** The bus lives on `globalThis` so the ribbon and task pane bundles of one shared runtime share it. */
function bus(): Bus {
  const g = globalThis as unknown as Record<symbol, Bus | undefined>;
  let b = g[BUS];
  if (!b) {
    b = { listeners: new Set() };
    g[BUS] = b;
  }
  return b;
}

/**
 * Subscribes to run events; returns the unsubscribe function. With `replay`, the last event
 * (if any) is delivered at once, so a pane that opens after a ribbon run still shows its result.
 *
 * @example
 * useEffect(() => onRunEvent((e) => e.type === "finished" && setReport(e.report), { replay: true }), []);
 */
export function onRunEvent(listener: Listener, options: { replay?: boolean } = {}): () => void {
  const b = bus();
  b.listeners.add(listener);
  if (options.replay && b.last) listener(b.last);
  return () => {
    b.listeners.delete(listener);
  };
}

/**
 * Sends an event to every listener. A listener that throws must not stop a scoring run, so its
 * error is reported on the console and the other listeners still hear the event.
 */
export function emitRunEvent(event: RunEvent): void {
  const b = bus();
  b.last = event;
  for (const l of [...b.listeners]) {
    try {
      l(event);
    } catch (e) {
      console.error("A run-event listener failed", e);
    }
  }
}

/** The most recent event, or undefined before any run. */
export function lastRunEvent(): RunEvent | undefined {
  return bus().last;
}

/** Forgets listeners and the last event (tests only). */
export function resetRunEvents(): void {
  const b = bus();
  b.listeners.clear();
  b.last = undefined;
}

/**
 * The bus in the task pane's `RunEventSource` shape, replaying the last event so a pane opened by
 * the ribbon button shows that run. Pass it to `<App runEvents={subscribeRunEvents} />`.
 */
export const subscribeRunEvents: RunEventSource = (listener) =>
  onRunEvent(
    (e) => {
      if (e.type === "started") listener({ state: "running", stage: "reading" });
      else if (e.type === "progress") {
        if (e.stage !== "done") listener({ state: "running", stage: e.stage });
      } else if (e.type === "finished") listener({ state: "done", report: e.report });
      else if (e.type === "failed") listener({ state: "error", message: e.message });
      // "removed" has no pane state; it only stops an old result being replayed.
    },
    { replay: true },
  );
