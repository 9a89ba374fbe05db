import {
  Badge,
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { KpiResult } from "../engine/kpi/KpiResult";
import { formatValue } from "../engine/kpi/kpiSentence";
import { directionLabel, statusChangeWords, statusLabel, TREND_KEY } from "../engine/kpi/statusLabel";
import { orderByException } from "../engine/writeplan/buildCommentarySheet";

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    overflowWrap: "anywhere",
  },
  link: { textAlign: "start", fontWeight: tokens.fontWeightSemibold },
  detail: { fontSize: tokens.fontSizeBase200 },
  key: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

/** How many exceptions show before "Show all". */
const FIRST = 10;

/** Props of `ExceptionsList`. */
export interface ExceptionsListProps {
  kpis: KpiResult[];
  /** Selects the measure's scored cell; a resolved string is a note to show instead (the preview). */
  onSelect(sheet: string, cell: string): Promise<void | string>;
}

/**
 * What is red or amber, and why: each measure outside or within tolerance (outside first, then
 * within, in the workbook's order, as on the KPI Commentary sheet) with its figures, status, the
 * rule that decided it, its change of status and trend (with the trend's key). Choosing one
 * selects its scored cell in the workbook.
 *
 * @example <ExceptionsList kpis={result.kpis} onSelect={(s, c) => host.selectCell(s, c)} />
 */
export function ExceptionsList({ kpis, onSelect }: ExceptionsListProps) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const exceptions = orderByException(kpis).filter((k) => k.status === "outside" || k.status === "within");
  if (exceptions.length === 0) return <Text>No measure is outside or within tolerance.</Text>;
  const shown = all ? exceptions : exceptions.slice(0, FIRST);
  const trends = shown.some((k) => directionLabel(k) !== "");
  const select = (k: KpiResult) => {
    setNote(null);
    setError(null);
    // A row whose table lacks the period's column has no scored cell: point at its row instead.
    const cell = k.actualCell || `A${k.row}`;
    onSelect(k.sheet, cell).then(
      (said) => setNote(typeof said === "string" ? said : null),
      (e: unknown) =>
        setError(`Could not select ${k.sheet}!${cell}: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  return (
    <div>
      <ul className={styles.list} aria-label="Exceptions">
        {shown.map((k) => {
          const trend = directionLabel(k);
          const change = statusChangeWords(k.previousStatus, k.status);
          return (
            <li key={`${k.sheet}!${k.row}`} className={styles.item}>
              <div>
                <Badge appearance="tint" color={k.status === "outside" ? "danger" : "warning"}>
                  {statusLabel(k.status)}
                </Badge>
              </div>
              <Link as="button" className={styles.link} onClick={() => select(k)}>
                {`${k.ref ? `${k.ref} ` : ""}${k.measure}`}
              </Link>
              <Text className={styles.detail}>{figures(k)}</Text>
              {k.rule && <Text className={styles.detail}>{`Why: ${k.rule}`}</Text>}
              {(change || trend) && (
                <Text className={styles.detail}>
                  {[change, trend && `Trend: ${trend}`].filter(Boolean).join(". ")}
                </Text>
              )}
              <Text className={styles.detail}>{`${k.sheet}!${k.actualCell || `A${k.row}`}`}</Text>
            </li>
          );
        })}
      </ul>
      <div aria-live="polite">
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {note && (
          <MessageBar intent="info">
            <MessageBarBody>{note}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {exceptions.length > FIRST && (
        <Button appearance="subtle" onClick={() => setAll(!all)}>
          {all ? "Show fewer exceptions" : `Show all ${exceptions.length} exceptions`}
        </Button>
      )}
      {trends && <Text className={styles.key}>{TREND_KEY}</Text>}
    </div>
  );
}

/**
 * A measure's figures in the officer's terms: "Actual 85% · target 90% · tolerance 75%" (a long
 * text actual is cut short: it is on the sheet in full).
 * @example figures(kpi) === "Actual 85% · target 90% · tolerance 75%"
 */
function figures(k: KpiResult): string {
  const value = (n: number | null, text?: string) =>
    n !== null ? formatValue(n, k.unit) : short(text ?? "–");
  const parts = [
    `Actual ${k.qualifier ? short(k.actualText ?? value(k.actual)) : value(k.actual, k.actualText)}`,
  ];
  parts.push(`target ${value(k.target, k.targetText)}`);
  if (k.tolerance !== null) parts.push(`tolerance ${value(k.tolerance)}`);
  return parts.join(" · ");
}

/** Text of at most 40 characters, cut at a word with "…". */
function short(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= 40) return t;
  const cut = t.slice(0, 40);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 20)).replace(/[\s.,;:]+$/, "")}…`;
}
