import {
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  item: { overflowWrap: "anywhere" },
  link: { textAlign: "start", verticalAlign: "top" },
});

/** How many warnings show before "Show all". */
const FIRST = 5;

/** Props of `WarningsList`. */
export interface WarningsListProps {
  warnings: { sheet: string; cell: string; message: string }[];
  /** Selects the warning's cell in the workbook; a resolved string is a note shown under the list. */
  onSelect(sheet: string, cell: string): Promise<void | string>;
}

/**
 * Warnings as links: each names its sheet and cell, and choosing it selects that cell so the
 * officer can see the source. A host's note (the preview cannot select cells) is announced in a
 * live region just under the list; a failed selection is reported there too, not hidden.
 */
export function WarningsList({ warnings, onSelect }: WarningsListProps) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  if (warnings.length === 0) return <Text>No warnings.</Text>;
  const shown = all ? warnings : warnings.slice(0, FIRST);
  return (
    <div>
      <ul className={styles.list} aria-label="Warnings">
        {shown.map((w, i) => (
          <li key={`${w.sheet}!${w.cell}#${i}`} className={styles.item}>
            <Link
              as="button"
              className={styles.link}
              onClick={() => {
                setError(null);
                setNote(null);
                onSelect(w.sheet, w.cell).then(
                  (said) => setNote(typeof said === "string" ? said : null),
                  (e: unknown) =>
                    setError(
                      `Could not select ${w.sheet}!${w.cell}: ${e instanceof Error ? e.message : String(e)}`,
                    ),
                );
              }}
            >
              {`${w.sheet}!${w.cell}: ${w.message}`}
            </Link>
          </li>
        ))}
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
      {warnings.length > FIRST && (
        <Button appearance="subtle" onClick={() => setAll(!all)}>
          {all ? "Show fewer warnings" : `Show all ${warnings.length} warnings`}
        </Button>
      )}
    </div>
  );
}
