import type { RunReport } from "./ScorecardHost";

/**
 * News of a scoring run started outside the pane (the ribbon's "Score this quarter"), so the
 * pane can show its progress and result. The commands code publishes these in the shared runtime.
 *
 * @example
 * { state: "running", stage: "scoring" }
 * { state: "done", report }
 * { state: "error", message: "The sheet \"KPIs\" is protected." }
 */
export type RunEvent =
  | { state: "running"; stage?: "reading" | "scoring" | "writing" }
  | { state: "done"; report: RunReport }
  | { state: "error"; message: string };

/** Subscribes a listener to run events; returns the unsubscribe function. */
export type RunEventSource = (listener: (event: RunEvent) => void) => () => void;
