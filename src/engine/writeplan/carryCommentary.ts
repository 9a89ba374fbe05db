import type { KeptCommentary, OldCommentary, OldCommentaryRow } from "./readCommentarySheet";
import { parsePeriodLabel } from "../periods/parsePeriodLabel";
import { periodSortKeys } from "../periods/periodOrder";

/** How a row of a commentary sheet is identified for matching. */
export interface CommentaryIdentity {
  /** The main key, e.g. `measureKey(measure)` or heading + line keys. */
  primary: string;
  /** Used only to tell duplicates apart, e.g. the group's key. */
  secondary: string;
  /** The user's sheet the row comes from. */
  sheet: string;
}

/** Officer text placed on this run's rows, and what could not be placed. */
export interface CarriedCommentary {
  /** Officer commentary per item (same order as `items`; "" when none). */
  officer: string[];
  /** Previous period's commentary per item. */
  previous: string[];
  /** The period the previous commentary is for. */
  previousPeriod?: string;
  /** Commentary whose row has gone; `fresh` when it left the main table on this run. */
  unmatched: (KeptCommentary & { fresh: boolean; from?: string })[];
  /** Commentary for other periods whose rows are still there, kept at the foot. */
  earlier: KeptCommentary[];
}

/** One piece of officer text from last run's sheet, with the period it is for and where it was. */
interface Note extends KeptCommentary {
  from: "officer" | "previous" | "unmatched" | "earlier";
  /** A1 address of the cell it was typed in (main table only). */
  cell?: string;
}

/**
 * Carries officer commentary from last run's sheet onto this run's rows, so nothing typed is lost.
 * Commentary is kept per measure AND period, wherever it sat last run (the Officer or Previous
 * column, or the Unmatched or Earlier block):
 * - "Officer commentary" gets the text for the period scored, "Previous commentary" the text for the
 *   period before it: the latest earlier period with commentary when the periods can be ordered
 *   ("2024/25 Q1" < "2024/25 Q2"), else the last period scored that is not this one;
 * - rows are matched by identity (primary key + sheet, then group to tell duplicates apart), never by
 *   position;
 * - text for other periods whose row is still there goes to the "Earlier commentary" block;
 * - text whose row has gone goes to the "Unmatched commentary" block, and stays there on later runs
 *   (it returns to its row when the row comes back for its period, or the period before).
 *
 * @example
 * carryCommentary(old, items, identify, "2024/25 Q4").officer[2] // "Agency staff recruited in March."
 */
export function carryCommentary(
  old: OldCommentary | undefined,
  items: CommentaryIdentity[],
  identify: (labels: [string, string]) => { primary: string; secondary: string },
  period: string,
  lastPeriod?: string,
): CarriedCommentary {
  const officer = items.map(() => "");
  const previous = items.map(() => "");
  const out: CarriedCommentary = { officer, previous, unmatched: [], earlier: [] };
  if (!old) return out;

  const now = period.trim();
  // A missing or blank "Period scored" cell: the store's last period, else this one.
  const oldPeriod = old.period?.trim() || lastPeriod?.trim() || now;
  const oldPrevious = old.previousPeriod?.trim() || undefined;
  const fromRow = (r: OldCommentaryRow, text: string, p: string, from: Note["from"]): Note => ({
    labels: r.labels,
    sheet: r.sheet,
    period: p,
    text,
    from,
    cell: r.cell,
  });
  const notes: Note[] = [
    ...old.rows.filter((r) => r.officer.trim()).map((r) => fromRow(r, r.officer, oldPeriod, "officer")),
    ...old.rows
      .filter((r) => r.previous.trim())
      .map((r) => fromRow(r, r.previous, oldPrevious ?? "", "previous")),
    ...old.unmatched.map((k): Note => ({ ...k, period: k.period.trim(), from: "unmatched" })),
    ...old.earlier.map((k): Note => ({ ...k, period: k.period.trim(), from: "earlier" })),
  ];

  const before = previousPeriodOf(
    now,
    notes.map((n) => n.period),
    oldPeriod !== now ? oldPeriod : oldPrevious,
  );
  out.previousPeriod = before;
  const idents = notes.map((n) => ({ ...identify(n.labels), sheet: n.sheet }));
  const forNow = matchRows(
    idents,
    items,
    (i) => !officer[i],
    (o) => notes[o].period === now,
  );
  forNow.matches.forEach((i, o) => (officer[i] = notes[o].text));
  const forBefore = matchRows(
    idents,
    items,
    (i) => !previous[i],
    (o) => before !== undefined && notes[o].period === before,
  );
  forBefore.matches.forEach((i, o) => (previous[i] = notes[o].text));

  // Whatever is left keeps its block; text that was in the main table goes to "Earlier" when its row
  // is still there (it is for another period), else to "Unmatched".
  const hasRow = identityFinder(items);
  const fresh: CarriedCommentary["unmatched"] = [];
  notes.forEach((n, o) => {
    if (forNow.matches.has(o) || forBefore.matches.has(o)) return;
    const kept: KeptCommentary = { labels: n.labels, sheet: n.sheet, period: n.period, text: n.text };
    if (n.from === "unmatched") out.unmatched.push({ ...kept, fresh: false });
    else if (n.from === "earlier") out.earlier.push(kept);
    else if (n.period !== now && n.period !== before && hasRow(idents[o])) out.earlier.push(kept);
    else fresh.push({ ...kept, fresh: true, from: n.cell });
  });
  for (const f of fresh) out.unmatched.push(f);
  return out;
}

/**
 * A test of whether an identity names one of `items` (by primary key and sheet; an identity with no
 * sheet matches any sheet; one with no primary key matches nothing).
 * @example identityFinder([{ primary: "a", secondary: "", sheet: "KPIs" }])({ primary: "a", secondary: "g", sheet: "" }) === true
 */
export function identityFinder(items: CommentaryIdentity[]): (id: CommentaryIdentity) => boolean {
  const keys = new Set(items.flatMap((n) => [JSON.stringify([n.primary, n.sheet]), n.primary]));
  return (id) =>
    id.primary !== "" && keys.has(id.sheet === "" ? id.primary : JSON.stringify([id.primary, id.sheet]));
}

/**
 * The period whose commentary is "previous" when `period` is scored: the latest of `known` before it
 * when the periods can be ordered (each names its financial year), else `fallback` (the last period
 * scored that is not this one). Undefined when there is none.
 * @example previousPeriodOf("2024/25 Q2", ["2024/25 Q1", "2024/25 Q3"], "2024/25 Q3") === "2024/25 Q1"
 * @example previousPeriodOf("2024/25 Q1", ["2024/25 Q2"], "2024/25 Q2") === undefined
 * @example previousPeriodOf("Q1", ["Q4"], "Q4") === "Q4"
 */
export function previousPeriodOf(period: string, known: string[], fallback?: string): string | undefined {
  const dated = (label: string): number | undefined => {
    const p = parsePeriodLabel(label, "General");
    return p && p.fy !== null ? periodSortKeys([p])[0] : undefined;
  };
  const key = dated(period);
  const others = [...new Set(known.filter((k) => k !== "" && k !== period))];
  const ordered = others.map((k) => [k, dated(k)] as const).filter((e) => e[1] !== undefined);
  if (key === undefined || ordered.length === 0)
    return fallback && fallback !== period ? fallback : undefined;
  let best: { label: string; key: number } | undefined;
  for (const [label, k] of ordered)
    if (k! < key && (best === undefined || k! > best.key)) best = { label, key: k! };
  return best?.label;
}

/**
 * Matches old rows to new items: first on primary + sheet + secondary, then on primary + sheet
 * (an old row without a sheet matches any sheet). Duplicates pair up in order.
 * Returns old index → item index, and the old rows left over. Linear in rows plus items.
 * @example matchRows([{ primary: "a", sheet: "", secondary: "" }], [{ primary: "a", sheet: "KPIs", secondary: "g" }], () => true).matches.get(0) === 0
 */
export function matchRows(
  olds: CommentaryIdentity[],
  items: CommentaryIdentity[],
  free: (item: number) => boolean,
  eligible: (old: number) => boolean = () => true,
): { matches: Map<number, number>; left: number[] } {
  const matches = new Map<number, number>();
  const taken = new Set<number>();
  // Items by key, in order; each old row takes the first item of its key that is not taken and
  // is free. `free` does not change during a call and `taken` only grows, so a queue's skipped
  // head never comes back: each queue is walked once (linear, not old rows × items).
  const byExact = new IndexQueues(items, (n) => JSON.stringify([n.primary, n.sheet, n.secondary]));
  const bySheet = new IndexQueues(items, (n) => JSON.stringify([n.primary, n.sheet]));
  const byPrimary = new IndexQueues(items, (n) => n.primary);
  const passes: ((o: CommentaryIdentity) => number | undefined)[] = [
    (o) => byExact.take(JSON.stringify([o.primary, o.sheet, o.secondary]), taken, free),
    (o) =>
      (o.sheet === "" ? byPrimary : bySheet).take(
        o.sheet === "" ? o.primary : JSON.stringify([o.primary, o.sheet]),
        taken,
        free,
      ),
  ];
  for (const find of passes) {
    olds.forEach((o, oi) => {
      if (matches.has(oi) || !eligible(oi) || o.primary === "") return;
      const ni = find(o);
      if (ni === undefined) return;
      matches.set(oi, ni);
      taken.add(ni);
    });
  }
  const left = olds.map((_, oi) => oi).filter((oi) => !matches.has(oi) && eligible(oi));
  return { matches, left };
}

/** Item indexes grouped by a key, ascending, with a read position per key. */
class IndexQueues {
  private readonly queues = new Map<string, { items: number[]; head: number }>();
  constructor(items: CommentaryIdentity[], key: (n: CommentaryIdentity) => string) {
    items.forEach((n, i) => {
      const k = key(n);
      const q = this.queues.get(k);
      if (q) q.items.push(i);
      else this.queues.set(k, { items: [i], head: 0 });
    });
  }
  /** The first item of `key` not taken and free, or undefined. */
  take(key: string, taken: Set<number>, free: (item: number) => boolean): number | undefined {
    const q = this.queues.get(key);
    if (!q) return undefined;
    while (q.head < q.items.length && (taken.has(q.items[q.head]) || !free(q.items[q.head]))) q.head++;
    return q.head < q.items.length ? q.items[q.head] : undefined;
  }
}
