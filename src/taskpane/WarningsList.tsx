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
  /** Selects the warning's cell in the workbook. */
  onSelect(sheet: string, cell: string): Promise<void>;
}

/**
 * Warnings as links: each names its sheet and cell, and choosing it selects that cell so the
 * officer can see the source. A failed selection is reported, not hidden.
 */
export function WarningsList({ warnings, onSelect }: WarningsListProps) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (warnings.length === 0) return <Text>No warnings.</Text>;
  const shown = all ? warnings : warnings.slice(0, FIRST);
  return (
    <div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <ul className={styles.list} aria-label="Warnings">
        {shown.map((w, i) => (
          <li key={`${w.sheet}!${w.cell}#${i}`} className={styles.item}>
            <Link
              as="button"
              className={styles.link}
              onClick={() => {
                setError(null);
                onSelect(w.sheet, w.cell).catch((e: unknown) =>
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
      {warnings.length > FIRST && (
        <Button appearance="subtle" onClick={() => setAll(!all)}>
          {all ? "Show fewer warnings" : `Show all ${warnings.length} warnings`}
        </Button>
      )}
    </div>
  );
}
