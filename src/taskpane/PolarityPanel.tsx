import {
  Badge,
  Button,
  Input,
  Select,
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
import { useId, useState } from "react";
import type { KpiResult } from "../engine/kpi/KpiResult";
import { measureKey } from "../engine/kpi/measureKey";
import type { Polarity } from "../engine/Settings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  table: { tableLayout: "fixed", width: "100%", fontSize: tokens.fontSizeBase200 },
  measureCol: { overflowWrap: "anywhere", paddingLeft: 0 },
  choiceCol: { width: "44%", paddingLeft: tokens.spacingHorizontalXS, paddingRight: 0 },
  where: { display: "block", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
  select: { minWidth: 0, width: "100%" },
});

/** Props of `PolarityPanel`. */
export interface PolarityPanelProps {
  /**
   * The latest result's KPIs (the last run's, else the dry run's): those whose polarity was
   * assumed or comes from a saved choice are listed.
   */
  kpis: KpiResult[];
  /** The choices the officer is editing (`settings.polarityOverrides`, keyed by `measureKey`). */
  overrides: Record<string, Polarity>;
  onChange(key: string, polarity: Polarity): void;
  disabled?: boolean;
}

/** Where a measure's polarity stands, in the order the table lists them. */
type State = "decide" | "changed" | "saved";

const STATE_WORDS: Record<State, string> = {
  decide: "Needs a decision",
  changed: "Not saved yet",
  saved: "Saved",
};

interface Listed {
  key: string;
  k: KpiResult;
  state: State;
  /** A demand or context count: polarity only names its trend. */
  context: boolean;
}

/**
 * Which way is good, for each measure the workbook does not say: a compact table, filterable by
 * name, with the measures that need a decision first (higher was assumed), then choices not yet
 * saved, then saved ones (shown as saved). Context measures without a target are folded away:
 * their polarity only names their trend. Choices are saved as `polarityOverrides` keyed by
 * `measureKey` when the workbook is scored, so they hold next quarter too.
 *
 * @example <PolarityPanel kpis={result.kpis} overrides={draft.polarityOverrides} onChange={setPolarity} />
 */
export function PolarityPanel({ kpis, overrides, onChange, disabled }: PolarityPanelProps) {
  const styles = useStyles();
  const filterId = useId();
  const [filter, setFilter] = useState("");
  const [showContext, setShowContext] = useState(false);

  const listed = listMeasures(kpis, overrides);
  if (listed.length === 0) return <Text>Every measure says which way is good; nothing was assumed.</Text>;
  const needed = listed.filter((l) => l.state === "decide" && !l.context).length;
  const saved = listed.filter((l) => l.state === "saved").length;
  const words = filter.trim().toLowerCase();
  const matches = (l: Listed) => !words || `${l.k.measure} ${l.k.sheet}`.toLowerCase().includes(words);
  const main = listed.filter((l) => !l.context && matches(l));
  const context = listed.filter((l) => l.context && matches(l));

  return (
    <div className={styles.root}>
      <Text>
        {[
          needed > 0
            ? `${needed} ${needed === 1 ? "measure needs" : "measures need"} a decision: nothing in the workbook says which way is good, so higher was assumed.`
            : "No measure with a target needs a decision.",
          saved > 0 ? `${saved} ${saved === 1 ? "choice is" : "choices are"} saved in the workbook.` : "",
          "Choices are saved when you score.",
        ]
          .filter(Boolean)
          .join(" ")}
      </Text>
      <Input
        id={filterId}
        aria-label="Filter measures"
        placeholder="Filter measures"
        value={filter}
        onChange={(_, data) => setFilter(data.value)}
      />
      <PolarityTable rows={main} label="Polarity of measures" {...{ overrides, onChange, disabled }} />
      {main.length === 0 && <Text>No measure matches the filter.</Text>}
      {context.length > 0 && (
        <>
          <Button
            appearance="subtle"
            aria-expanded={showContext}
            onClick={() => setShowContext(!showContext)}
          >
            {`${showContext ? "Hide" : "Show"} ${context.length} context ${context.length === 1 ? "measure" : "measures"} without a target`}
          </Button>
          {showContext && (
            <PolarityTable
              rows={context}
              label="Polarity of context measures without a target"
              {...{ overrides, onChange, disabled }}
            />
          )}
        </>
      )}
    </div>
  );
}

/** One table of measures, each with its higher/lower choice and where it stands. */
function PolarityTable({
  rows,
  label,
  overrides,
  onChange,
  disabled,
}: {
  rows: Listed[];
  label: string;
  overrides: Record<string, Polarity>;
  onChange(key: string, polarity: Polarity): void;
  disabled?: boolean;
}) {
  const styles = useStyles();
  if (rows.length === 0) return null;
  return (
    <Table size="extra-small" aria-label={label} className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.measureCol}>Measure</TableHeaderCell>
          <TableHeaderCell className={styles.choiceCol}>Good is</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(({ key, k, state }) => (
          <TableRow key={key}>
            <TableCell className={styles.measureCol}>
              {k.measure}
              <span className={styles.where}>{`${k.sheet}, row ${k.row}`}</span>
            </TableCell>
            <TableCell className={styles.choiceCol}>
              <Select
                className={styles.select}
                size="small"
                aria-label={`Which way is good for ${k.measure}`}
                value={overrides[key] ?? k.polarity}
                disabled={disabled}
                onChange={(_, data) => onChange(key, data.value === "lower" ? "lower" : "higher")}
              >
                <option value="higher">Higher is better</option>
                <option value="lower">Lower is better</option>
              </Select>
              <Badge
                size="small"
                appearance={state === "saved" ? "tint" : "outline"}
                color={state === "decide" ? "warning" : state === "saved" ? "success" : "informative"}
              >
                {STATE_WORDS[state]}
              </Badge>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The measures to list, once each, in the order: needs a decision, not saved yet, saved. */
function listMeasures(kpis: KpiResult[], overrides: Record<string, Polarity>): Listed[] {
  const seen = new Set<string>();
  const out: Listed[] = [];
  for (const k of kpis) {
    const key = measureKey(k.measure);
    const chosen = overrides[key];
    const fromSetting = k.polaritySource === "setting";
    if (seen.has(key) || (k.polaritySource !== "assumed" && !fromSetting && chosen === undefined)) continue;
    seen.add(key);
    const state: State =
      chosen === undefined
        ? fromSetting
          ? "saved"
          : "decide"
        : fromSetting && chosen === k.polarity
          ? "saved"
          : "changed";
    out.push({ key, k, state, context: k.status === "no-target" });
  }
  const rank: Record<State, number> = { decide: 0, changed: 1, saved: 2 };
  // A stable sort keeps the workbook's order within each state.
  return out.sort((a, b) => rank[a.state] - rank[b.state]);
}
