import { Field, Radio, RadioGroup, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { KpiResult } from "../engine/kpi/KpiResult";
import { measureKey } from "../engine/kpi/measureKey";
import type { Polarity } from "../engine/Settings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
});

/** Props of `PolarityPanel`. */
export interface PolarityPanelProps {
  /** Scored KPIs from the dry run; those with an assumed (or already overridden) polarity are listed. */
  kpis: KpiResult[];
  overrides: Record<string, Polarity>;
  onChange(key: string, polarity: Polarity): void;
  disabled?: boolean;
}

/**
 * One higher/lower choice per measure whose polarity the engine had to assume. Choices are
 * saved as `polarityOverrides` keyed by `measureKey`, so they hold next quarter too.
 */
export function PolarityPanel({ kpis, overrides, onChange, disabled }: PolarityPanelProps) {
  const styles = useStyles();
  const seen = new Set<string>();
  const listed = kpis.filter((k) => {
    const key = measureKey(k.measure);
    const wanted = k.polaritySource === "assumed" || key in overrides;
    if (!wanted || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (listed.length === 0) {
    return <Text>Every measure says which way is good; nothing was assumed.</Text>;
  }
  return (
    <div className={styles.root}>
      <Text>
        No polarity was found for these measures, so higher was assumed to be better. Correct any that are
        wrong.
      </Text>
      {listed.map((k) => {
        const key = measureKey(k.measure);
        return (
          <Field key={key} label={`${k.measure} (${k.sheet}, row ${k.row})`}>
            <RadioGroup
              value={overrides[key] ?? k.polarity}
              disabled={disabled}
              onChange={(_, data) => onChange(key, data.value === "lower" ? "lower" : "higher")}
            >
              <Radio value="higher" label="Higher is better" />
              <Radio value="lower" label="Lower is better" />
            </RadioGroup>
          </Field>
        );
      })}
    </div>
  );
}
