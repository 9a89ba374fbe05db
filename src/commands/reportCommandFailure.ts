import { describeOfficeError } from "../excel/describeOfficeError";
import { emitRunEvent } from "./runEvents";

/**
 * Reports a failure that happened before a run could start (Office not ready, or the handler's
 * code failing to load) through the run events the task pane shows.
 *
 * @example import("./scoreThisQuarter").catch((e) => reportCommandFailure(e));
 */
export function reportCommandFailure(error: unknown): void {
  const plain = describeOfficeError(error);
  emitRunEvent({ type: "failed", source: "ribbon", code: plain.code, message: plain.message });
}
