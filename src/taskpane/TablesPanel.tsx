import { Badge, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { FinanceTable } from "../engine/finance/FinanceTable";
import type { KpiTable } from "../engine/kpi/KpiTable";
import { tableHeaderRow } from "../engine/scoreWorkbook";
import type { TableMapping } from "../engine/Settings";
import { AddTableFromSelection } from "./AddTableFromSelection";
import type { HeaderCell, SelectedRange } from "./ScorecardHost";
import { tableKey } from "./tableHeaders";
import { TableMappingEditor } from "./TableMappingEditor";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  sheet: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  table: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  title: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  facts: {
    margin: 0,
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalS,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere", minWidth: 0 },
});

/** Props of `TablesPanel`. */
export interface TablesPanelProps {
  kpiTables: KpiTable[];
  financeTables: FinanceTable[];
  /** Mappings saved or set in this session (kind "ignore" hides a table from scoring). */
  mappings: TableMapping[];
  /** Header cells by `tableKey`, as the host read them (`InspectResult.headers`). */
  headers?: Record<string, HeaderCell[]>;
  /**
   * A table's new mapping: a full one (kind, every role as a letter), an "ignore" one, or one
   * without columns ("use as detected", which the caller removes unless it holds a chosen range).
   */
  onChange(mapping: TableMapping): void;
  /** The host's `getSelection`; with `onAdd`, offers to add the selection as a table. */
  getSelection?(typed?: string): Promise<SelectedRange | string>;
  /** Saves a table chosen from the selection (`{ sheet, headerRow, kind, range }`) and reads again. */
  onAdd?(mapping: TableMapping): void | Promise<void>;
  /** The host cannot see a selection (the preview): the officer types the range. */
  typeRange?: boolean;
  disabled?: boolean;
}

/** One table of the panel: found by detection, or known only from a mapping (ignored, or chosen). */
interface Entry {
  sheet: string;
  headerRow: number;
  detected?: KpiTable | FinanceTable;
  title?: string;
  periods: string[];
  groups: string[];
  rows: number;
}

const KIND_WORDS = { kpi: "KPI", finance: "Finance", ignore: "Ignored" } as const;

/**
 * The tables found on each sheet (kind, header row, period columns, groups), each with its kind
 * and column roles for the officer to confirm or correct (`TableMappingEditor`), and buttons to
 * add a table detection missed from the selection (`AddTableFromSelection`). Ignored and chosen
 * tables stay listed so the officer can change them back.
 *
 * @example
 * <TablesPanel kpiTables={data.kpiTables} financeTables={data.financeTables} mappings={draft.tables}
 *   headers={data.headers} onChange={sc.setTableMapping} getSelection={(t) => host.getSelection(t)} onAdd={sc.addTable} />
 */
export function TablesPanel(props: TablesPanelProps) {
  const { kpiTables, financeTables, mappings, headers, onChange, disabled } = props;
  const styles = useStyles();
  const entries = listEntries(kpiTables, financeTables, mappings);
  const sheets = [...new Set(entries.map((e) => e.sheet))];
  const add = props.getSelection && props.onAdd && (
    <AddTableFromSelection
      getSelection={props.getSelection}
      onAdd={props.onAdd}
      typeRange={props.typeRange}
      disabled={disabled}
    />
  );
  if (entries.length === 0) {
    return (
      <div className={styles.root}>
        <Text>No KPI or finance tables were found in this workbook.</Text>
        {add}
      </div>
    );
  }
  return (
    <div className={styles.root}>
      {sheets.map((sheet) => (
        <section key={sheet} aria-label={`Sheet ${sheet}`} className={styles.root}>
          <h3 className={styles.sheet}>{sheet}</h3>
          {entries
            .filter((e) => e.sheet === sheet)
            .map((e, i) => {
              const key = tableKey(e.sheet, e.headerRow);
              const mapped = mappings.find((m) => m.sheet === e.sheet && m.headerRow === e.headerRow);
              const kind = mapped?.kind ?? e.detected?.kind ?? "ignore";
              const name = tableName(e);
              return (
                // Side-by-side tables share a header row (and so a key): the index tells them apart.
                <div key={`${key}#${i}`} role="group" aria-label={name} className={styles.table}>
                  <div className={styles.title}>
                    <Text weight="semibold" title={e.title}>
                      {name}
                    </Text>
                    <Badge appearance="outline" color={kind === "ignore" ? "informative" : "brand"}>
                      {KIND_WORDS[kind]}
                    </Badge>
                  </div>
                  {e.detected && (
                    <dl className={styles.facts}>
                      {e.title && (
                        <>
                          <dt className={styles.term}>Title</dt>
                          <dd className={styles.value}>{e.title}</dd>
                        </>
                      )}
                      <dt className={styles.term}>Rows</dt>
                      <dd className={styles.value}>{e.rows}</dd>
                      <dt className={styles.term}>Periods</dt>
                      <dd className={styles.value}>
                        {e.periods.length ? e.periods.join(", ") : "none found"}
                      </dd>
                      {e.groups.length > 0 && (
                        <>
                          <dt className={styles.term}>Groups</dt>
                          <dd className={styles.value}>{e.groups.join(", ")}</dd>
                        </>
                      )}
                    </dl>
                  )}
                  <TableMappingEditor
                    name={name}
                    sheet={e.sheet}
                    headerRow={e.headerRow}
                    detected={e.detected}
                    mapping={mapped}
                    headers={headers?.[key]}
                    onChange={onChange}
                    disabled={disabled}
                  />
                </div>
              );
            })}
        </section>
      ))}
      {add}
    </div>
  );
}

function listEntries(
  kpiTables: KpiTable[],
  financeTables: FinanceTable[],
  mappings: TableMapping[],
): Entry[] {
  const entries: Entry[] = [
    ...kpiTables.map((t): Entry => ({
      sheet: t.sheet,
      headerRow: tableHeaderRow(t),
      detected: t,
      title: t.title,
      periods: t.columns.periods.map((p) => p.period.label),
      groups: unique(t.rows.map((r) => r.group).filter(Boolean)),
      rows: t.rows.length,
    })),
    ...financeTables.map((t): Entry => ({
      sheet: t.sheet,
      headerRow: tableHeaderRow(t),
      detected: t,
      title: t.title,
      periods: t.period ? [t.period.label] : [],
      groups: unique(t.lines.map((l) => l.heading ?? "").filter(Boolean)),
      rows: t.lines.length,
    })),
  ];
  for (const m of mappings) {
    if (!entries.some((e) => e.sheet === m.sheet && e.headerRow === m.headerRow)) {
      entries.push({ sheet: m.sheet, headerRow: m.headerRow, periods: [], groups: [], rows: 0 });
    }
  }
  return entries;
}

/** Longest table title shown in a table's name; longer ones are cut with "…". */
const TITLE_MAX = 40;

/**
 * A table's short name: sheet and header row first, then its title when short (cut at 40 characters).
 * @example tableName({ sheet: "Finance", headerRow: 4, title: "Revenue budget" }) // "Finance, row 4: Revenue budget"
 */
export function tableName(e: { sheet: string; headerRow: number; title?: string }): string {
  const where = `${e.sheet}, row ${e.headerRow}`;
  const title = e.title?.trim().replace(/\s+/g, " ");
  if (!title) return where;
  return `${where}: ${title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1).trimEnd()}…` : title}`;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
