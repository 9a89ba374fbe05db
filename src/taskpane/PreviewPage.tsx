import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useMemo, useState } from "react";
import { App } from "./App";
import { createPreviewHost, type PreviewHostOptions } from "./createPreviewHost";

/* global document, URL, Blob, setTimeout */

const useStyles = makeStyles({
  root: {
    boxSizing: "border-box",
    maxWidth: "420px",
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    overflowWrap: "anywhere",
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  pane: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  file: { maxWidth: "100%" },
});

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The download's name: the file's name with " (scored)" once, however often it was scored.
 * @example scoredFileName("Q4 report (scored).xlsx") === "Q4 report (scored).xlsx"
 */
function scoredFileName(name: string): string {
  const base = name.replace(/\.xlsx$/i, "").replace(/(\s*\(scored\))+$/i, "");
  return `${base} (scored).xlsx`;
}

/** Props of `PreviewPage`. */
export interface PreviewPageProps {
  /** Replaces how the preview loads its scorer (tests). */
  loadScorer?: PreviewHostOptions["loadScorer"];
  /** Replaces how the preview loads its cell reader (tests). */
  loadGridReader?: PreviewHostOptions["loadGridReader"];
}

/**
 * The browser preview outside Office: open an .xlsx, use the same task pane on it, and download
 * the scored workbook. The file is read, scored and saved in the page; nothing is uploaded.
 */
export function PreviewPage({ loadScorer, loadGridReader }: PreviewPageProps) {
  const styles = useStyles();
  // `pick` counts files chosen: a new file starts a fresh pane, the switch keeps the settings.
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array; pick: number } | null>(null);
  const [force, setForce] = useState(false);
  const [scored, setScored] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);

  const host = useMemo(
    () => file && createPreviewHost(file.bytes, { force, loadScorer, loadGridReader }),
    [file, force, loadScorer, loadGridReader],
  );
  const onRunComplete = useCallback(() => setScored(true), []);

  const download = () => {
    const bytes = host?.scoredWorkbook();
    if (!bytes || !file) return;
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
    const a = document.createElement("a");
    a.href = url;
    a.download = scoredFileName(file.name);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <div className={styles.root}>
      <h1 className={styles.title}>Quarterly Scorecard: browser preview</h1>
      <MessageBar intent="info">
        <MessageBarBody>
          Your workbook stays in this browser. It is read, scored and saved here; nothing is uploaded.
        </MessageBarBody>
      </MessageBar>
      <Field label="Workbook to score (.xlsx)" validationMessage={readError ?? undefined}>
        {(fieldProps) => (
          <input
            {...fieldProps}
            className={styles.file}
            type="file"
            accept={`.xlsx,${XLSX_TYPE}`}
            onChange={(e) => {
              const picked = e.currentTarget.files?.[0];
              if (!picked) return;
              setReadError(null);
              picked.arrayBuffer().then(
                (buf) => {
                  setScored(false);
                  setFile((f) => ({
                    name: picked.name,
                    bytes: new Uint8Array(buf),
                    pick: (f?.pick ?? 0) + 1,
                  }));
                },
                (err: unknown) => setReadError(`Could not read ${picked.name}: ${String(err)}`),
              );
            }}
          />
        )}
      </Field>
      <Switch
        label="Go on if charts or pictures in the file would be lost"
        checked={force}
        onChange={(_, data) => {
          setScored(false);
          setForce(data.checked);
        }}
      />
      <Button appearance="secondary" disabled={!scored} onClick={download}>
        Download scored workbook
      </Button>
      {host && file ? (
        <div className={styles.pane}>
          <App key={file.pick} host={host} onRunComplete={onRunComplete} />
        </div>
      ) : (
        <Text>Choose a workbook to see the tables found and score it.</Text>
      )}
    </div>
  );
}
