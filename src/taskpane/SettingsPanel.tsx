import {
  Dropdown,
  Field,
  Option,
  Radio,
  RadioGroup,
  SpinButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { Settings } from "../engine/Settings";
import { parsePounds } from "./parsePounds";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  control: { minWidth: 0, maxWidth: "100%" },
});

/** The option meaning no period chosen: each table's latest period with data. */
const LATEST = "latest-in-each-table";
const LATEST_TEXT = "Latest in each table";

/** Props of `SettingsPanel`. */
export interface SettingsPanelProps {
  settings: Settings;
  /** KPI periods that can be chosen, latest first (the first option is always "Latest in each table"). */
  periods: string[];
  onChange(change: Partial<Settings>): void;
  disabled?: boolean;
}

/**
 * The period, variance threshold (£) and money style. The period is "Latest in each table" (no
 * `settings.period`: each table's latest period holding data) or one KPI period column.
 */
export function SettingsPanel({ settings, periods, onChange, disabled }: SettingsPanelProps) {
  const styles = useStyles();
  const [thresholdError, setThresholdError] = useState<string | undefined>();
  const period = settings.period?.trim() ? settings.period : LATEST;
  const hint = periods.length
    ? "Choosing one period scores only the tables that have that column."
    : "No period columns were found: each table's latest period is scored.";
  return (
    <div className={styles.root}>
      <Field label="Period to score" hint={hint}>
        <Dropdown
          className={styles.control}
          value={period === LATEST ? LATEST_TEXT : period}
          selectedOptions={[period]}
          disabled={disabled || periods.length === 0}
          onOptionSelect={(_, data) =>
            data.optionValue &&
            // "" (not undefined) so that a period saved in the workbook is cleared too.
            onChange({ period: data.optionValue === LATEST ? "" : data.optionValue })
          }
        >
          <Option value={LATEST}>{LATEST_TEXT}</Option>
          {periods.map((p) => (
            <Option key={p} value={p}>
              {p}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field
        label="Variance threshold (£)"
        hint="Budget variances at or above this are flagged. You can type 250000, 250k or 0.25m."
        validationMessage={thresholdError}
      >
        <SpinButton
          className={styles.control}
          value={settings.threshold}
          min={0}
          step={10_000}
          disabled={disabled}
          onChange={(_, data) => {
            const value = data.value ?? parsePounds(data.displayValue ?? "");
            if (value === null || value < 0) {
              setThresholdError("Enter an amount in pounds, such as 100000 or 100k.");
              return;
            }
            setThresholdError(undefined);
            onChange({ threshold: value });
          }}
        />
      </Field>
      <Field label="Money style">
        <RadioGroup
          value={settings.moneyStyle}
          disabled={disabled}
          onChange={(_, data) => onChange({ moneyStyle: data.value === "long" ? "long" : "short" })}
        >
          <Radio value="short" label="Short (£805k, £4.64m)" />
          <Radio value="long" label="Long (£0.81 million)" />
        </RadioGroup>
      </Field>
    </div>
  );
}
