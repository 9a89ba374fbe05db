import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { RemoveReport } from "./ScorecardHost";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** Props of `RemoveScorecard`. */
export interface RemoveScorecardProps {
  /** The host's "Remove scorecard" action. */
  remove(): Promise<RemoveReport>;
  /** While a run or a read is in flight. */
  disabled?: boolean;
  /** Told after a removal (the pane reads the workbook again). */
  onRemoved?(report: RemoveReport): void;
}

type State =
  | { step: "idle" }
  | { step: "confirm" }
  | { step: "removing" }
  | { step: "done"; report: RemoveReport }
  | { step: "error"; message: string };

/**
 * "Remove scorecard…": asks first (our sheets go, with any commentary typed in them), then takes our
 * RAG colours, our sheets and the saved settings out of the workbook through the host, and says
 * what was removed and what could not be.
 *
 * @example <RemoveScorecard remove={() => host.removeScorecard()} disabled={busy} />
 */
export function RemoveScorecard({ remove, disabled, onRemoved }: RemoveScorecardProps) {
  const styles = useStyles();
  const [state, setState] = useState<State>({ step: "idle" });
  const run = async () => {
    setState({ step: "removing" });
    try {
      const report = await remove();
      setState({ step: "done", report });
      onRemoved?.(report);
    } catch (e) {
      setState({ step: "error", message: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <section aria-label="Remove scorecard" className={styles.root}>
      {state.step === "confirm" ? (
        <>
          <Text>
            This takes the RAG colours, the scorecard&apos;s sheets (with any commentary typed in them) and
            the saved settings out of this workbook. Your own cells are not changed.
          </Text>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void run()}>
              Remove
            </Button>
            <Button onClick={() => setState({ step: "idle" })}>Cancel</Button>
          </div>
        </>
      ) : (
        <div className={styles.row}>
          <Button
            disabledFocusable={disabled || state.step === "removing"}
            onClick={() => setState({ step: "confirm" })}
          >
            Remove scorecard…
          </Button>
        </div>
      )}
      {/* A live region without the status role: the pane's scoring status is its one "status". */}
      <div aria-live="polite">
        {state.step === "removing" && <Text>Removing the scorecard…</Text>}
        {state.step === "done" && <Text>{describe(state.report)}</Text>}
      </div>
      {state.step === "done" && state.report.notRemoved.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Not removed</MessageBarTitle>
            {[state.report.error, ...state.report.notRemoved].filter(Boolean).join(" ")}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.step === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Could not remove the scorecard</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/** "Removed 2 sheets, 8 RAG rules and the saved settings." */
function describe(r: RemoveReport): string {
  const parts = [
    r.sheets.length
      ? `${r.sheets.length} ${r.sheets.length === 1 ? "sheet" : "sheets"} (${r.sheets.join(", ")})`
      : "",
    r.rules ? `${r.rules} RAG ${r.rules === 1 ? "rule" : "rules"}` : "",
    r.store ? "the saved settings" : "",
  ].filter(Boolean);
  if (!parts.length) return "There was no scorecard to remove.";
  const last = parts.pop() as string;
  return `Removed ${parts.length ? `${parts.join(", ")} and ${last}` : last}.`;
}
