import {
  Badge,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { StatusCounts } from "../engine/kpi/KpiResult";
import { COUNT_COLUMNS } from "../engine/writeplan/buildSummarySheet";
import type { ScoreResult } from "../engine/ScoreResult";
import type { VarianceResult } from "../engine/finance/VarianceResult";
import type { RunReport } from "./ScorecardHost";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  table: { tableLayout: "fixed", width: "100%", fontSize: tokens.fontSizeBase200, overflowWrap: "normal" },
  groupCol: { width: "32%", overflowWrap: "anywhere", paddingLeft: 0 },
  num: { width: "17%", textAlign: "end", paddingLeft: 0, paddingRight: tokens.spacingHorizontalXS },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  item: { overflowWrap: "anywhere" },
});

/** Short headers for the pane's narrow counts table. */
const SHORT: Partial<Record<string, string>> = {
  outside: "Outside",
  within: "Within",
  better: "Better",
  noData: "No data",
};

/**
 * The pane's count columns: the Scorecard Summary's own columns (`COUNT_COLUMNS`), in its order
 * (Outside, Within, Better, No data), so the pane and the sheet always agree; the other statuses
 * are the "+N not scored" note.
 */
export const PANE_COUNT_COLUMNS = COUNT_COLUMNS.filter((c) => SHORT[c.field] !== undefined).map((c) => ({
  field: c.field,
  header: SHORT[c.field] as string,
  sheetHeader: c.header,
}));

/** Props of `ResultsPanel`. */
export interface ResultsPanelProps {
  report: RunReport;
}

/**
 * What a run found and wrote: the tables not scored (no column for the period chosen), counts per
 * group in the Scorecard Summary's order (words in every header, not colour), the
 * "N of M reported" sentence, each finance table's headline and flagged variances under its sheet and
 * header row (or "No finance tables found."),
 * and the sheets written.
 */
export function ResultsPanel({ report }: ResultsPanelProps) {
  const styles = useStyles();
  const { result, written } = report;
  const total = result.counts.find((c) => c.dimension === "total");
  const groups = result.counts.filter((c) => c.dimension !== "total");
  // A workbook with no finance table has neither lines nor headlines: nothing to say about variances.
  const hasFinance = result.variances.length > 0 || result.financeHeadlines.length > 0;
  return (
    <section aria-label="Results" className={styles.root}>
      <h2 className={styles.heading}>{result.period ? `Results for ${result.period}` : "Results"}</h2>
      {result.skipped.length > 0 && (
        <ul className={styles.list} aria-label="Tables not scored">
          {result.skipped.map((t) => (
            <li key={t.tableId} className={styles.item}>
              {t.message}
            </li>
          ))}
        </ul>
      )}
      {total && <Text weight="semibold">{total.sentence}</Text>}
      {result.counts.length > 0 ? (
        <Table size="extra-small" aria-label="KPI counts by group" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.groupCol}>Group</TableHeaderCell>
              {PANE_COUNT_COLUMNS.map((c) => (
                <TableHeaderCell key={c.field} className={styles.num} title={c.sheetHeader}>
                  {c.header}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {[...groups, ...(total ? [total] : [])].map((c) => (
              <CountRow
                key={`${c.dimension}:${c.group}`}
                counts={c}
                numClass={styles.num}
                groupClass={styles.groupCol}
              />
            ))}
          </TableBody>
        </Table>
      ) : (
        <Text>No KPIs were scored.</Text>
      )}
      {result.summaryLines.length > 0 && (
        <ul className={styles.list} aria-label="Summary">
          {result.summaryLines.map((line) => (
            <li key={line} className={styles.item}>
              {line}
            </li>
          ))}
        </ul>
      )}
      {!hasFinance ? (
        <Text>No finance tables found.</Text>
      ) : (
        <>
          <h2 className={styles.heading}>Flagged variances</h2>
          {financeGroups(result).map((g) => (
            <section key={g.tableId} aria-label={`Finance table ${g.name}`} className={styles.root}>
              <h3 className={styles.subheading}>{g.name}</h3>
              {g.headline && <Text>{g.headline}</Text>}
              {g.flagged.length === 0 ? (
                <Text>No variance is over the threshold.</Text>
              ) : (
                <ul className={styles.list} aria-label={`Flagged variances: ${g.name}`}>
                  {g.flagged.map((v) => (
                    <li key={`${v.tableId}:${v.row}`} className={styles.item}>
                      <Badge appearance="tint" color={v.direction === "overspend" ? "danger" : "success"}>
                        {v.direction}
                      </Badge>{" "}
                      <Text>{v.narrative}</Text>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </>
      )}
      {written.sheets.length > 0 && <Text>{`Written: ${written.sheets.join(", ")}.`}</Text>}
      {(written.notWritten.length > 0 || report.writeError) && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Not everything was written</MessageBarTitle>
            {[report.writeError, ...written.notWritten].filter(Boolean).join("; ")}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/** One finance table's headline and flagged variances, named by its sheet and header row. */
interface FinanceGroup {
  tableId: string;
  name: string;
  headline?: string;
  flagged: VarianceResult[];
}

/** Finance tables in the order found (headlines first, then any table with variances only). */
function financeGroups(result: ScoreResult): FinanceGroup[] {
  const ids = [...new Set([...result.financeHeadlines, ...result.variances].map((x) => x.tableId))];
  return ids.map((tableId) => {
    const headline = result.financeHeadlines.find((h) => h.tableId === tableId);
    const lines = result.variances.filter((v) => v.tableId === tableId);
    const sheet = headline?.sheet ?? lines[0]?.sheet ?? "";
    const row = /!(\d+)$/.exec(tableId)?.[1];
    return {
      tableId,
      name: row ? `${sheet}, row ${row}` : sheet,
      ...(headline ? { headline: headline.sentence } : {}),
      flagged: lines.filter((v) => v.overThreshold),
    };
  });
}

function CountRow({
  counts,
  numClass,
  groupClass,
}: {
  counts: StatusCounts;
  numClass: string;
  groupClass: string;
}) {
  const label = counts.dimension === "total" ? "Total" : counts.group;
  const other = counts.noTarget + counts.targetTbc + counts.notDue;
  return (
    <TableRow>
      <TableCell className={groupClass}>
        {counts.dimension === "total" ? <strong>{label}</strong> : label}
        {other > 0 && <Text size={200}>{` (+${other} not scored)`}</Text>}
      </TableCell>
      {PANE_COUNT_COLUMNS.map((c) => (
        <TableCell key={c.field} className={numClass}>
          {counts[c.field] as number}
        </TableCell>
      ))}
    </TableRow>
  );
}
