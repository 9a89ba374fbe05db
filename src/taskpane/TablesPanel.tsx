import { Badge, Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { FinanceTable } from "../engine/finance/FinanceTable";
import type { KpiTable } from "../engine/kpi/KpiTable";
import { tableHeaderRow } from "../engine/scoreWorkbook";
import type { TableMapping } from "../engine/Settings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
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
  /** An "ignore" mapping, or one of the detected kind (without columns: use as detected). */
  onChange(mapping: TableMapping): void;
  disabled?: boolean;
}

/** One row of the panel: a table found, or one the officer ignored. */
interface Entry {
  sheet: string;
  headerRow: number;
  found: "kpi" | "finance" | null;
  title?: string;
  periods: string[];
  groups: string[];
  rows: number;
}

/**
 * The tables found on each sheet (kind, header row, period columns, groups), each with a choice
 * to use it or ignore it. The kind is what was detected: it cannot be switched. Ignored tables
 * stay listed so the officer can bring them back.
 */
export function TablesPanel({ kpiTables, financeTables, mappings, onChange, disabled }: TablesPanelProps) {
  const styles = useStyles();
  const entries = listEntries(kpiTables, financeTables, mappings);
  if (entries.length === 0) {
    return <Text>No KPI or finance tables were found in this workbook.</Text>;
  }
  const sheets = [...new Set(entries.map((e) => e.sheet))];
  return (
    <div className={styles.root}>
      {sheets.map((sheet) => (
        <section key={sheet} aria-label={`Sheet ${sheet}`} className={styles.root}>
          <h3 className={styles.sheet}>{sheet}</h3>
          {entries
            .filter((e) => e.sheet === sheet)
            .map((e) => {
              const mapped = mappings.find((m) => m.sheet === e.sheet && m.headerRow === e.headerRow);
              const ignored = mapped?.kind === "ignore" || e.found === null;
              const name = tableName(e);
              return (
                <div key={`${e.sheet}!${e.headerRow}`} className={styles.table}>
                  <div className={styles.title}>
                    <Text weight="semibold" title={e.title}>
                      {name}
                    </Text>
                    <Badge appearance="outline" color={ignored ? "informative" : "brand"}>
                      {ignored ? "Ignored" : e.found === "kpi" ? "KPI" : "Finance"}
                    </Badge>
                  </div>
                  {e.found && (
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
                  <Field label={`Score ${name}?`}>
                    <Select
                      value={ignored ? "ignore" : "use"}
                      disabled={disabled}
                      onChange={(_, data) =>
                        onChange(
                          data.value === "ignore"
                            ? { sheet: e.sheet, headerRow: e.headerRow, kind: "ignore" }
                            : {
                                sheet: e.sheet,
                                headerRow: e.headerRow,
                                kind: e.found ?? "kpi",
                                ...(mapped?.columns ? { columns: mapped.columns } : {}),
                              },
                        )
                      }
                    >
                      <option value="use">Use this table</option>
                      <option value="ignore">Ignore this table</option>
                    </Select>
                  </Field>
                </div>
              );
            })}
        </section>
      ))}
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
      found: "kpi",
      title: t.title,
      periods: t.columns.periods.map((p) => p.period.label),
      groups: unique(t.rows.map((r) => r.group).filter(Boolean)),
      rows: t.rows.length,
    })),
    ...financeTables.map((t): Entry => ({
      sheet: t.sheet,
      headerRow: tableHeaderRow(t),
      found: "finance",
      title: t.title,
      periods: t.period ? [t.period.label] : [],
      groups: unique(t.lines.map((l) => l.heading ?? "").filter(Boolean)),
      rows: t.lines.length,
    })),
  ];
  for (const m of mappings) {
    if (!entries.some((e) => e.sheet === m.sheet && e.headerRow === m.headerRow)) {
      entries.push({ sheet: m.sheet, headerRow: m.headerRow, found: null, periods: [], groups: [], rows: 0 });
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
