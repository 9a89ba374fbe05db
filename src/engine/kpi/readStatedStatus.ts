import type { StatedStatus } from "./KpiResult";

/** Words officers put in their own status/RAG column, most specific first. */
const WORDS: { re: RegExp; status: StatedStatus }[] = [
  {
    re: /^(n\/?a|not applicable|for info(rmation)?( only)?|info(rmation)? only|data only|no target|contextual?|monitor(ing)? only|baseline( year)?)$/,
    status: "no-target",
  },
  {
    re: /^(no data|data (not )?(yet )?available|not available|awaiting data|tbc|not reported|not yet due|due later|annual)$/,
    status: "no-data",
  },
  {
    re: /\b(not met|not achieved|missed|off[- ]target|off[- ]track|below target|behind target|worse than target|red|significantly (below|off|worse)|not on track|not (being )?on (target|track)|at risk|sad face|frown\w*|cross|octagon)\b|^(r|x|✗|✘)$/,
    status: "outside",
  },
  {
    re: /\b(amber|close to target|near target|slightly (below|off|missed|behind|under|worse)|within tolerance|within (the )?threshold|just (below|off|missed)|minor slippage|some slippage|neutral face|straight face|triangle)\b|^a$/,
    status: "within",
  },
  {
    re: /\b(green|on target|on track|above target|met|achieved|exceed(ed|ing|s)?( target)?|better than target|target met|ahead of target|blue|complete[d]?|happy face|smil(e|ey|ing)( face)?|tick)\b|^(g|✓|✔)$/,
    status: "better",
  },
];

/**
 * Reads an officer's own status cell ("Green", "A", "On track", "Target slightly missed",
 * "above target", "R/A/G" letters) into the engine's words; null when blank or not understood.
 * @example readStatedStatus("Close to target") === "within"; readStatedStatus("G") === "better"
 */
export function readStatedStatus(text: string): StatedStatus | null {
  const t = text.replace(/\s+/g, " ").trim().toLowerCase().replace(/[.!]$/, "");
  if (!t) return null;
  for (const { re, status } of WORDS) if (re.test(t)) return status;
  return null;
}
