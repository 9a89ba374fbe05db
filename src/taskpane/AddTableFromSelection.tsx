import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { TableMapping } from "../engine/Settings";
import type { SelectedRange } from "./ScorecardHost";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  row: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
});

/**
 * Props of `AddTableFromSelection`.
 * @example { getSelection: (typed) => host.getSelection(typed), onAdd: sc.addTable, typeRange: true }
 */
export interface AddTableFromSelectionProps {
  /** The host's `getSelection`: a range, or a note to show. */
  getSelection(typed?: string): Promise<SelectedRange | string>;
  /** Saves the new table's mapping (and reads the workbook again to find it). */
  onAdd(mapping: TableMapping): void | Promise<void>;
  /** The host cannot see a selection (the browser preview): the officer types the range. */
  typeRange?: boolean;
  disabled?: boolean;
}

/**
 * Two buttons that take the officer's selection (in the preview, a range they type) as a table
 * the scorecard missed: "Use the selection as a KPI table" and "… as a budget table". The mapping
 * made is `{ sheet, headerRow: the range's first row, kind, range }`. A note from the host (one
 * cell selected, a sheet that does not exist, ...) is shown in words.
 *
 * @example
 * <AddTableFromSelection getSelection={(t) => host.getSelection(t)} onAdd={sc.addTable} typeRange={host.kind === "preview"} />
 */
export function AddTableFromSelection({
  getSelection,
  onAdd,
  typeRange,
  disabled,
}: AddTableFromSelectionProps) {
  const styles = useStyles();
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const use = async (kind: "kpi" | "finance") => {
    setBusy(true);
    setNote(null);
    setFailure(null);
    setAdded(null);
    try {
      const got = await getSelection(typeRange ? typed : undefined);
      if (typeof got === "string") {
        setNote(got);
        return;
      }
      const headerRow = Number(/\d+/.exec(got.address)?.[0]);
      await onAdd({ sheet: got.sheet, headerRow, kind, range: got.address });
      setAdded(
        `Added ${got.sheet}!${got.address} as a ${kind === "kpi" ? "KPI" : "budget"} table, with row ${headerRow} as its header. Check its columns in the list.`,
      );
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const what = typeRange ? "this range" : "the selection";
  return (
    <section aria-label="Add a table that was not found" className={styles.root}>
      <h3 className={styles.heading}>A table that was not found</h3>
      <Text size={200}>
        {typeRange
          ? "Type the table's range, from its header row to its last row, then say what kind of table it is."
          : "Select the table in the sheet, from its header row to its last row, then say what kind of table it is."}
      </Text>
      {typeRange && (
        <Field
          label="Table range"
          hint="The sheet, “!”, then the cells, such as KPIs!B4:H30"
          validationState={note ? "error" : "none"}
          validationMessage={note ?? undefined}
        >
          <Input
            value={typed}
            disabled={disabled}
            onChange={(_, data) => {
              setTyped(data.value);
              setNote(null);
            }}
          />
        </Field>
      )}
      <div className={styles.row}>
        {/* disabledFocusable: focus stays on the button while the selection is read and the workbook read again. */}
        <Button disabledFocusable={busy || disabled} onClick={() => void use("kpi")}>
          {`Use ${what} as a KPI table`}
        </Button>
        <Button disabledFocusable={busy || disabled} onClick={() => void use("finance")}>
          {`Use ${what} as a budget table`}
        </Button>
      </div>
      {!typeRange && note && (
        <MessageBar intent="warning">
          <MessageBarBody>{note}</MessageBarBody>
        </MessageBar>
      )}
      {failure && (
        <MessageBar intent="error">
          <MessageBarBody>{`Could not use ${what}: ${failure}`}</MessageBarBody>
        </MessageBar>
      )}
      <div role="status" aria-live="polite">
        {added && <Text size={200}>{added}</Text>}
      </div>
    </section>
  );
}
