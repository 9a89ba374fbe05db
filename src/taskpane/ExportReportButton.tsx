/* global document, URL, Blob, setTimeout */
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { Settings } from "../engine/Settings";
import type { ScorecardHost } from "./ScorecardHost";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The report's file name. */
export const REPORT_FILE_NAME = "Committee report.docx";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  file: { maxWidth: "100%" },
});

/** Props of `ExportReportButton`. */
export interface ExportReportButtonProps {
  host: ScorecardHost;
  /** The pane's settings (period, threshold): the report is for the same quarter the pane shows. */
  overrides?: Partial<Settings> | null;
  disabled?: boolean;
}

/**
 * "Export committee report": builds the quarter's accessible Word paper from the workbook as it
 * stands (with the officer's commentary from KPI Commentary and Variance Narrative) and offers it
 * as a download, optionally in a council's own Word template. Shows nothing where the host cannot
 * build a report.
 *
 * @example
 * <ExportReportButton host={host} overrides={draft} disabled={busy} />
 */
export function ExportReportButton({ host, overrides, disabled }: ExportReportButtonProps) {
  const styles = useStyles();
  const [state, setState] = useState<
    { status: "idle" } | { status: "building" } | { status: "done" } | { status: "error"; message: string }
  >({ status: "idle" });
  const [template, setTemplate] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  if (!host.exportReport) return null;
  const exportReport = host.exportReport.bind(host);

  const run = async () => {
    setState({ status: "building" });
    try {
      const bytes = await exportReport({ overrides: overrides ?? undefined, template: template?.bytes });
      download(bytes);
      setState({ status: "done" });
    } catch (err) {
      setState({ status: "error", message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <section aria-label="Committee report" className={styles.root}>
      <h2 className={styles.heading}>Committee report</h2>
      <Field
        label="Council Word template (optional, .docx)"
        hint="Its fonts, heading styles, header and footer are used."
      >
        {(fieldProps) => (
          <input
            {...fieldProps}
            className={styles.file}
            type="file"
            accept={`.docx,.dotx,${DOCX_TYPE}`}
            disabled={disabled || state.status === "building"}
            onChange={(e) => {
              const picked = e.currentTarget.files?.[0];
              if (!picked) return setTemplate(null);
              picked.arrayBuffer().then(
                (buf) => setTemplate({ name: picked.name, bytes: new Uint8Array(buf) }),
                (err: unknown) =>
                  setState({ status: "error", message: `Could not read ${picked.name}: ${String(err)}` }),
              );
            }}
          />
        )}
      </Field>
      <div>
        <Button disabledFocusable={disabled || state.status === "building"} onClick={() => void run()}>
          Export committee report
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {state.status === "building" && <Spinner size="tiny" label="Building the report…" />}
        {state.status === "done" && (
          <Text>{`Downloaded ${REPORT_FILE_NAME}${template ? `, in the template ${template.name}` : ""}.`}</Text>
        )}
      </div>
      {state.status === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Could not build the report</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/** Offers the report as a download. */
function download(bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: DOCX_TYPE }));
  const a = document.createElement("a");
  a.href = url;
  a.download = REPORT_FILE_NAME;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
