import { Button, Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { columnLetters, fromA1 } from "../engine/cells/toA1";
import type { FinanceTable } from "../engine/finance/FinanceTable";
import type { KpiTable } from "../engine/kpi/KpiTable";
import { FINANCE_ROLES, KPI_ROLES, type SignConvention, type TableMapping } from "../engine/Settings";
import { assignColumnRole, roleOfColumn, type ColumnRole } from "./assignColumnRole";
import { completeMapping } from "./completeMapping";
import { mappingForKind } from "./mappingForKind";
import { mappingFromTable } from "./mappingFromTable";
import type { HeaderCell } from "./ScorecardHost";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  roles: {
    width: "100%",
    tableLayout: "fixed",
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
  },
  colRole: { width: "9.5em" },
  th: {
    textAlign: "start",
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  td: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    overflowWrap: "anywhere",
    verticalAlign: "middle",
  },
  column: { textAlign: "start", fontWeight: tokens.fontWeightRegular },
  letter: { fontWeight: tokens.fontWeightSemibold, display: "inline-block", minWidth: "1.75em" },
  blank: { color: tokens.colorNeutralForeground3, fontStyle: "italic" },
  select: { minWidth: 0, width: "100%" },
  row: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  grow: { flexGrow: 1, minWidth: "8em" },
});

/** Words for each role, as the officer reads them. */
const ROLE_WORDS: Record<ColumnRole, string> = {
  measure: "Measure",
  ref: "Reference",
  target: "Target",
  tolerance: "Tolerance",
  polarity: "Polarity",
  status: "Status (RAG)",
  comment: "Comment",
  trend: "Trend",
  serviceArea: "Service area",
  group: "Group",
  period: "Period",
  line: "Budget line",
  budget: "Budget",
  forecast: "Forecast",
  variance: "Variance",
  overspend: "Overspend",
  underspend: "Underspend",
  none: "Not used",
};

const KPI_CHOICES: ColumnRole[] = [...KPI_ROLES, "period", "none"];
const FINANCE_CHOICES: ColumnRole[] = [...FINANCE_ROLES, "none"];

const SIGN_WORDS: Record<SignConvention, string> = {
  "positive-underspend": "+ = underspend (budget − forecast)",
  "positive-overspend": "+ = overspend (forecast − budget)",
};
const SCALES = [
  { value: 1, words: "£ (pounds)" },
  { value: 1000, words: "£000 (thousands)" },
  { value: 1_000_000, words: "£m (millions)" },
] as const;

/** Longest header text repeated in a role control's name. */
const NAME_TEXT_MAX = 40;

/**
 * Props of `TableMappingEditor`.
 * @example { name: "KPIs, row 2", sheet: "KPIs", headerRow: 2, detected: table, headers: cells, onChange }
 */
export interface TableMappingEditorProps {
  /** The table's short name (`tableName`), used in the kind control's label. */
  name: string;
  sheet: string;
  /** 1-based header row by which the mapping names the table. */
  headerRow: number;
  /** The table as detected, if it was (an ignored or newly chosen table may not be). */
  detected?: KpiTable | FinanceTable;
  /** The mapping saved or set in this session for this table, if any. */
  mapping?: TableMapping;
  /** The table's header cells, as the host read them. */
  headers?: HeaderCell[];
  /** Told of every change: a full mapping, an "ignore" one, or one with no columns ("use as detected"). */
  onChange(mapping: TableMapping): void;
  disabled?: boolean;
}

/**
 * One table's kind and column roles, for the officer to confirm or correct: the kind (KPI, budget
 * or ignore), then a small table of columns (letter and header text) and roles, one per header column
 * (pre-filled from detection, or from the saved mapping), and for budget tables the variance sign
 * and money unit. Any change gives a full `TableMapping`; "Use as detected" drops the officer's
 * roles (a chosen range is kept).
 *
 * @example
 * <TableMappingEditor name="KPIs, row 2" sheet="KPIs" headerRow={2} detected={table} headers={cells} onChange={setTableMapping} />
 */
export function TableMappingEditor(props: TableMappingEditorProps) {
  const { name, sheet, headerRow, detected, mapping, headers, onChange, disabled } = props;
  const styles = useStyles();
  const kind = mapping?.kind ?? detected?.kind ?? "ignore";
  const range = mapping?.range;
  const where = { sheet, headerRow, ...(range !== undefined ? { range } : {}) };
  const shown = kind === "ignore" ? null : shownMapping(kind, where, detected, mapping);
  const confirmed = mapping !== undefined && mapping.kind !== "ignore" && mapping.columns !== undefined;
  // Something differs from detection: the officer's roles, or the kind.
  const resettable =
    confirmed || (mapping !== undefined && detected !== undefined && mapping.kind !== detected.kind);

  const changeKind = (next: TableMapping["kind"]) => {
    if (next === "ignore") onChange({ ...where, kind: next });
    else if (detected ? detected.kind === next : !confirmed) onChange({ ...where, kind: next });
    else {
      const from = shown ?? (detected ? { ...mappingFromTable(detected), ...where } : null);
      onChange(mappingForKind(from ?? completeMapping({ ...where, kind: next }), next));
    }
  };

  const reset = () => onChange({ ...where, kind: detected?.kind ?? (kind === "ignore" ? "kpi" : kind) });

  return (
    <div className={styles.root}>
      <Field label={`Score ${name} as`}>
        <Select
          value={kind}
          disabled={disabled}
          onChange={(_, data) => changeKind(data.value as TableMapping["kind"])}
        >
          <option value="kpi">KPI table</option>
          <option value="finance">Budget table</option>
          <option value="ignore">Ignore this table</option>
        </Select>
      </Field>
      {shown && (
        <>
          <Text size={200}>
            {range ? `Cells ${range}, chosen by you. ` : ""}
            {confirmed ? "Column roles confirmed by you." : "Column roles as detected."}
          </Text>
          <RolesTable name={name} mapping={shown} headers={headers} disabled={disabled} onChange={onChange} />
          {shown.kind === "finance" && (
            <div className={styles.row}>
              <Field label="Variance sign" className={styles.grow}>
                <Select
                  size="small"
                  className={styles.select}
                  value={shown.sign}
                  disabled={disabled}
                  onChange={(_, data) => onChange({ ...shown, sign: data.value as SignConvention })}
                >
                  {(Object.keys(SIGN_WORDS) as SignConvention[]).map((s) => (
                    <option key={s} value={s}>
                      {SIGN_WORDS[s]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Money unit" className={styles.grow}>
                <Select
                  size="small"
                  className={styles.select}
                  value={String(shown.scale)}
                  disabled={disabled}
                  onChange={(_, data) =>
                    onChange({ ...shown, scale: Number(data.value) as NonNullable<TableMapping["scale"]> })
                  }
                >
                  {SCALES.map((s) => (
                    <option key={s.value} value={String(s.value)}>
                      {s.words}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
          )}
        </>
      )}
      <div className={styles.row}>
        <Button size="small" disabled={disabled || !resettable} onClick={reset}>
          Use as detected
        </Button>
      </div>
    </div>
  );
}

/** Props of the roles table. */
interface RolesTableProps {
  name: string;
  mapping: TableMapping;
  headers?: HeaderCell[];
  onChange(mapping: TableMapping): void;
  disabled?: boolean;
}

/** Column | Header | Role, one row per header column (and any column the mapping names). */
function RolesTable({ name, mapping, headers, onChange, disabled }: RolesTableProps) {
  const styles = useStyles();
  const columns = listColumns(mapping, headers);
  if (columns.length === 0) {
    return <Text>No columns are known for this table yet: choose “Re-read workbook”.</Text>;
  }
  const choices = mapping.kind === "kpi" ? KPI_CHOICES : FINANCE_CHOICES;
  return (
    <table className={styles.roles} aria-label={`Columns of ${name}`}>
      <colgroup>
        <col />
        <col className={styles.colRole} />
      </colgroup>
      <thead>
        <tr>
          <th scope="col" className={styles.th}>
            Column and header
          </th>
          <th scope="col" className={styles.th}>
            Role
          </th>
        </tr>
      </thead>
      <tbody>
        {columns.map(({ letter, text }) => {
          const role = roleOfColumn(mapping, letter);
          const short = text.length > NAME_TEXT_MAX ? `${text.slice(0, NAME_TEXT_MAX - 1)}…` : text;
          return (
            <tr key={letter}>
              {/* Letter and header text share a cell: a 320 px pane leaves the text room to read. */}
              <th scope="row" className={`${styles.td} ${styles.column}`}>
                <span className={styles.letter}>{letter}</span>{" "}
                {text || <span className={styles.blank}>(blank)</span>}
              </th>
              <td className={styles.td}>
                <Select
                  size="small"
                  className={styles.select}
                  aria-label={`Role of column ${letter}${short ? ` (${short})` : ""}`}
                  value={role}
                  disabled={disabled}
                  onChange={(_, data) =>
                    onChange(assignColumnRole(mapping, letter, data.value as ColumnRole))
                  }
                >
                  {/* A role the list does not offer (an older mapping) still shows as chosen. */}
                  {[...choices, ...(choices.includes(role) ? [] : [role])].map((r) => (
                    <option key={r} value={r}>
                      {ROLE_WORDS[r] ?? r}
                    </option>
                  ))}
                </Select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The full mapping the pane shows for a table of `kind`: the officer's, else detection's. */
function shownMapping(
  kind: "kpi" | "finance",
  where: { sheet: string; headerRow: number; range?: string },
  detected?: KpiTable | FinanceTable,
  mapping?: TableMapping,
): TableMapping {
  if (mapping?.kind === kind && mapping.columns !== undefined) return completeMapping(mapping);
  if (detected) return { ...mappingForKind(mappingFromTable(detected), kind), ...where };
  return completeMapping({ ...where, kind, columns: {} });
}

/** Columns to list, left to right: the header cells, any column the mapping names, else the range's columns. */
function listColumns(mapping: TableMapping, headers?: HeaderCell[]): { letter: string; text: string }[] {
  const byCol = new Map<number, string>();
  for (const h of headers ?? []) byCol.set(h.col, h.text);
  const named = [...Object.values(mapping.columns ?? {}), ...(mapping.periods ?? [])];
  for (const letter of named) {
    const col = colOf(letter);
    if (col !== null && !byCol.has(col)) byCol.set(col, "");
  }
  if (!headers?.length && mapping.range) {
    const [a, b] = mapping.range.split(":");
    const left = colOf(a);
    const right = colOf(b ?? a);
    if (left !== null && right !== null)
      for (let c = left; c <= right; c++) if (!byCol.has(c)) byCol.set(c, "");
  }
  return [...byCol.entries()]
    .sort(([x], [y]) => x - y)
    .map(([col, text]) => ({ letter: columnLetters(col), text }));
}

/** 0-based column of a letter or cell ("C" or "C4"), or null when it is neither. */
function colOf(ref: string): number | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d*)$/.exec(ref.trim());
  return m ? fromA1(`${m[1]}1`).col : null;
}
