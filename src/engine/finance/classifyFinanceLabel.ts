import type { Sub } from "./readFinanceRow";
import { readSignWords, type SignWords } from "./readSignWords";

/**
 * Money roles of a finance column; overspend and underspend are the two halves of a split variance.
 * @example "budget"
 */
export type MoneyKind = "budget" | "forecast" | "variance" | "overspend" | "underspend";

/** Other column roles a finance or care-ladder table can have. @example "covid" */
export type ExtraKind =
  | "covid"
  | "operating"
  | "change"
  | "variancePct"
  | "activityBudget"
  | "activityActual"
  | "unitCostBudget"
  | "unitCostActual";

/**
 * When a column's figures are for, as its header words say.
 * @example { fy: 2002, quarter: null, month: null, previous: false, lastYear: true, toDate: false, original: false }
 */
export interface LabelPeriod {
  /** Financial year starting ("2019/20" → 2019), or null. */
  fy: number | null;
  quarter: number | null;
  /** Month or period number ("Month 2", "P4"), or null. */
  month: number | null;
  /** "Previous", "prior", "last quarter": an earlier period of the same year. */
  previous: boolean;
  /** "Last year", "prior year": an earlier year (set later, too, for an older `fy`). */
  lastYear: boolean;
  /** "To date", "YTD": part of the year, not the full year. */
  toDate: boolean;
  /** "Original", "initial": superseded by a revised figure when both stand side by side. */
  original: boolean;
}

/** A money column's role. @example { kind: "variance", sub: "net", actualOnly: false, sign: null, fy: 2019, … } */
export interface MoneyLabel extends LabelPeriod {
  kind: MoneyKind;
  sub: Sub;
  /** "Actual" without a forecast word: an actual, used only where there is no forecast. */
  actualOnly: boolean;
  /** The sign the header's words give a variance column. */
  sign: SignWords | null;
}

/** A column's role as its header words give it. @example { kind: "variancePct", fy: null, … } */
export type FinanceLabel = MoneyLabel | (LabelPeriod & { kind: ExtraKind });

const QUARTER_RE = /\b(?:q|qtr|quarter)\s*([1-4])\b/i;
const MONTH_RE = /\b(?:month|mth|period|p|m)\s*(\d{1,2})\b/i;
const OVER_RE = /\bover\s*-?\s*spen[dt]|\bover\b|\badverse\b/;
const UNDER_RE = /\bunder\s*-?\s*spen[dt]|\bunder\b|\bfavou?rable\b/;

/**
 * The role of one column from its stacked header words, top (band) to bottom (unit row). The money
 * kind comes from the lowest words that name one ("YEAR END FORECAST" over "Budgeted Spend" is a
 * budget); gross / income / net from the lowest words that name it ("Spend or (Income)" is net);
 * the period (year, quarter, month, previous, last year, to date) and sign words from all of them.
 * @example classifyFinanceLabel(["2019/20 Budget", "Gross £000's"]) // { kind: "budget", sub: "gross", fy: 2019, … }
 * @example classifyFinanceLabel(["Projected Variance (favourable) / adverse", "£m"])?.kind === "variance"
 */
export function classifyFinanceLabel(levels: string[]): FinanceLabel | null {
  const parts = levels.map((t) => t.replace(/\s+/g, " ").trim()).filter((t) => t !== "");
  if (parts.length === 0) return null;
  const l = parts.join(" ").toLowerCase();
  const period = periodOf(l);
  const budgetish = /budget/.test(l);
  if (
    /unit cost|cost per|average cost|weekly cost|annual cost|£\s*\/\s*(week|wk|year|annum)|per (week|annum|year)/.test(
      l,
    )
  ) {
    return { kind: budgetish ? "unitCostBudget" : "unitCostActual", ...period };
  }
  if (
    /placements|activity|\bnumbers?\b|\bno\.|\bcases\b|\bfte\b|\bbeds\b|\bclients\b/.test(l) &&
    !/£/.test(l)
  ) {
    if (budgetish) return { kind: "activityBudget", ...period };
    if (/actual|forecast|projected|current|outturn/.test(l)) return { kind: "activityActual", ...period };
    return null;
  }
  if (/change (from|since|in)|movement|\bmovt\b/.test(l)) return { kind: "change", ...period };
  if (/covid/.test(l)) return { kind: "covid", ...period };
  if (/operating/.test(l)) return { kind: "operating", ...period };

  // the shortest run of words from the bottom that names a money kind
  for (let i = parts.length - 1; i >= 0; i--) {
    let found = moneyKind(parts.slice(i).join(" ").toLowerCase());
    if (!found) continue;
    // "Over or" above "(under) spend" is one variance header, not an underspend column
    if ((found.kind === "overspend" || found.kind === "underspend") && i > 0) {
      const wider = moneyKind(
        parts
          .slice(i - 1)
          .join(" ")
          .toLowerCase(),
      );
      if (
        wider?.kind === "variance" &&
        OVER_RE.test(parts[i - 1].toLowerCase()) !== UNDER_RE.test(parts[i - 1].toLowerCase())
      )
        found = wider;
    }
    if (found.kind === "variancePct") return { kind: "variancePct", ...period };
    return {
      kind: found.kind,
      sub: subOf(parts),
      actualOnly: found.actualOnly,
      sign: found.kind === "variance" ? readSignWords(parts.join(" ")) : null,
      ...period,
    };
  }
  return null;
}

function moneyKind(t: string): { kind: MoneyKind | "variancePct"; actualOnly: boolean } | null {
  const over = OVER_RE.test(t);
  const under = UNDER_RE.test(t);
  const pair =
    (over && under) ||
    /\bfav\b.*\badv\b|\badv\b.*\bfav\b|surplus.*deficit|deficit.*surplus/.test(t) ||
    /(^|\s)(\+|positive)\s*(ve\s*)?=/.test(t);
  if (/variance|\bvar\b|\bdifference\b/.test(t) || pair) {
    return { kind: /%|percent/.test(t) ? "variancePct" : "variance", actualOnly: false };
  }
  if (over) return { kind: "overspend", actualOnly: false };
  if (under) return { kind: "underspend", actualOnly: false };
  if (/forecast|outturn|projected|projection/.test(t)) return { kind: "forecast", actualOnly: false };
  if (/\bactuals?\b/.test(t)) return { kind: "forecast", actualOnly: true };
  if (/budget/.test(t)) return { kind: "budget", actualOnly: false };
  return null;
}

/** Gross, income or net from the lowest words that say; "Spend or (Income)" is net. */
function subOf(parts: string[]): Sub {
  for (let i = parts.length - 1; i >= 0; i--) {
    const t = parts[i].toLowerCase();
    if (/\bnet\b/.test(t)) return "net";
    if (/\bgross\b/.test(t)) return "gross";
    const spend = /expenditure|\bspend/.test(t);
    const income = /\bincome\b/.test(t);
    if (spend && income) return "net";
    if (/expenditure/.test(t)) return "gross";
    if (income) return "income";
  }
  return "net";
}

function periodOf(l: string): LabelPeriod {
  const q = QUARTER_RE.exec(l);
  const m = MONTH_RE.exec(l);
  const month = m && Number(m[1]) >= 1 && Number(m[1]) <= 12 ? Number(m[1]) : null;
  const lastYear = /\b(last|previous|prior)\s+(financial\s+)?(year|yr)\b|\bly\b/.test(l);
  return {
    fy: fyOf(l),
    quarter: q ? Number(q[1]) : null,
    month,
    previous: !lastYear && /previous|prior|last (quarter|month|period)/.test(l),
    lastYear,
    toDate: /\bto date\b|\by-?t-?d\b|\bprofiled\b/.test(l),
    original: /\b(original|initial)\b/.test(l),
  };
}

/**
 * The financial year a text names, by its first year: "2019/20", "2019-2020", "2002/3" (the second
 * part must follow the first).
 * @example fyOf("LAST YEAR 2002/3") === 2002; fyOf("2019/12") === null
 */
export function fyOf(s: string): number | null {
  const re = /\b((?:19|20)\d\d)\s*[/-]\s*(\d{1,4})\b/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const y = Number(m[1]);
    const next = m[2];
    if (Number(next) === (y + 1) % 10 ** next.length || Number(next) === y + 1) return y;
  }
  return null;
}
