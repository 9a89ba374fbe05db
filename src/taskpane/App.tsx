import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { ExceptionsList } from "./ExceptionsList";
import { ExportReportButton } from "./ExportReportButton";
import { PolarityPanel } from "./PolarityPanel";
import { RemoveScorecard } from "./RemoveScorecard";
import { ResultsPanel } from "./ResultsPanel";
import type { RunEventSource } from "./RunEvent";
import type { InspectResult, RunReport, ScorecardHost } from "./ScorecardHost";
import { SettingsPanel } from "./SettingsPanel";
import { TablesPanel } from "./TablesPanel";
import { useScorecard, type RunStage } from "./useScorecard";
import { WarningsList } from "./WarningsList";

const useStyles = makeStyles({
  root: {
    boxSizing: "border-box",
    width: "100%",
    maxWidth: "100%",
    minWidth: 0,
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
    overflowWrap: "anywhere",
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  run: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: {
    display: "flex",
    columnGap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
    rowGap: tokens.spacingVerticalS,
  },
});

const STAGE_TEXT: Record<RunStage, string> = {
  reading: "Reading the workbook…",
  scoring: "Scoring…",
  writing: "Writing the results…",
  done: "Done",
};
const STAGE_VALUE: Record<RunStage, number> = { reading: 0.15, scoring: 0.5, writing: 0.85, done: 1 };

/** Props of `App`. */
export interface AppProps {
  host: ScorecardHost;
  /** Runs started elsewhere (the ribbon button) to show in the pane. */
  runEvents?: RunEventSource;
  /** Told when a run from the pane finishes (the preview enables its download then). */
  onRunComplete?(report: RunReport): void;
}

/**
 * The Quarterly Scorecard task pane: the "Score this quarter" button with progress and results,
 * warnings as links to their cells, and the settings the button uses (period, threshold, money
 * style, tables, assumed polarities). Works the same in Excel and in the browser preview.
 */
export function App({ host, runEvents, onRunComplete }: AppProps) {
  const styles = useStyles();
  const sc = useScorecard(host, runEvents);
  const running = sc.run.status === "running";
  const reported = useRef<RunReport | null>(null);

  useEffect(() => {
    if (sc.run.status === "done" && reported.current !== sc.run.report) {
      reported.current = sc.run.report;
      onRunComplete?.(sc.run.report);
    }
  }, [sc.run, onRunComplete]);

  // While the workbook is read again (or if that fails), the last read stays on show, so the
  // settings the officer is working in (and the focus in them) are kept.
  const lastRead = useRef<InspectResult | null>(null);
  if (sc.inspect.status === "ready") lastRead.current = sc.inspect.data;
  const ready = lastRead.current;
  const busy = running || sc.inspect.status === "loading";
  const latest = sc.run.status === "done" ? sc.run.report.result : ready?.preview;

  return (
    <main className={styles.root}>
      <h1 className={styles.title}>Quarterly Scorecard</h1>

      {sc.inspect.status === "loading" && <Spinner size="small" label="Reading the workbook…" />}
      {sc.inspect.status === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Could not read the workbook</MessageBarTitle>
            {sc.inspect.message}
          </MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.run}>
        <div className={styles.row}>
          {/* disabledFocusable: focus stays on the button while it runs (aria-disabled). */}
          <Button
            appearance="primary"
            disabledFocusable={running || sc.inspect.status === "loading"}
            onClick={() => void sc.score()}
          >
            Score this quarter
          </Button>
          <Button disabled={running || sc.inspect.status === "loading"} onClick={() => void sc.reload()}>
            Re-read workbook
          </Button>
        </div>
        <div role="status" aria-live="polite">
          {sc.run.status === "running" && (
            <>
              <Text>{STAGE_TEXT[sc.run.stage]}</Text>
              <ProgressBar value={STAGE_VALUE[sc.run.stage]} aria-label="Scoring progress" />
            </>
          )}
          {sc.run.status === "done" && (
            // The preview holds the scored copy in the page until it is downloaded.
            <Text>
              {host.kind === "preview"
                ? "Scored. Download to keep it."
                : "Scored and written to the workbook."}
            </Text>
          )}
        </div>
        {sc.run.status === "error" && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>Scoring failed</MessageBarTitle>
              {sc.run.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>

      {sc.run.status === "done" && <ResultsPanel report={sc.run.report} />}
      <ExportReportButton host={host} overrides={sc.draft} disabled={busy} />

      {latest && latest.kpis.length > 0 && (
        <section aria-label="Exceptions" className={styles.run}>
          <h2 className={styles.heading}>
            {`Outside or within tolerance (${latest.kpis.filter((k) => k.status === "outside" || k.status === "within").length})`}
          </h2>
          <ExceptionsList kpis={latest.kpis} onSelect={(sheet, cell) => host.selectCell(sheet, cell)} />
        </section>
      )}

      {latest && (
        <section aria-label="Warnings" className={styles.run}>
          <h2 className={styles.heading}>{`Warnings (${latest.warnings.length})`}</h2>
          <WarningsList warnings={latest.warnings} onSelect={(sheet, cell) => host.selectCell(sheet, cell)} />
        </section>
      )}

      {ready && sc.draft && (
        <Accordion multiple collapsible defaultOpenItems={["settings"]}>
          <AccordionItem value="settings">
            <AccordionHeader as="h2">Settings</AccordionHeader>
            <AccordionPanel>
              <SettingsPanel
                settings={sc.draft}
                periods={ready.periods}
                onChange={sc.update}
                disabled={busy}
              />
            </AccordionPanel>
          </AccordionItem>
          <AccordionItem value="tables">
            <AccordionHeader as="h2">{`Tables found (${ready.kpiTables.length + ready.financeTables.length})`}</AccordionHeader>
            <AccordionPanel>
              <TablesPanel
                kpiTables={ready.kpiTables}
                financeTables={ready.financeTables}
                mappings={sc.draft.tables}
                headers={ready.headers}
                onChange={sc.setTableMapping}
                getSelection={(typed) => host.getSelection(typed)}
                onAdd={sc.addTable}
                typeRange={host.kind === "preview"}
                disabled={busy}
              />
            </AccordionPanel>
          </AccordionItem>
          <AccordionItem value="polarity">
            <AccordionHeader as="h2">Polarity</AccordionHeader>
            <AccordionPanel>
              <PolarityPanel
                kpis={(latest ?? ready.preview).kpis}
                overrides={sc.draft.polarityOverrides}
                onChange={sc.setPolarity}
                disabled={busy}
              />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}

      <RemoveScorecard
        remove={() => host.removeScorecard()}
        disabled={busy}
        onRemoved={() => void sc.reload()}
      />
    </main>
  );
}
