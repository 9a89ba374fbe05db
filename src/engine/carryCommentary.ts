import type { KeptCommentary, OldCommentary, OldCommentaryRow } from "./readCommentarySheet";

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
  /** Commentary from before the previous period, kept at the foot. */
  earlier: KeptCommentary[];
}

/**
 * Carries officer commentary from last run's sheet onto this run's rows, so nothing typed is lost:
 * - matched by identity (primary key + sheet, then group to tell duplicates apart), never by position;
 * - the same period: officer text stays in "Officer commentary" and previous text in "Previous commentary";
 * - a new period: last period's officer text moves to "Previous commentary" and the officer column
 *   starts empty; text that was already "previous" moves to the "Earlier commentary" block;
 * - text whose row has gone goes to the "Unmatched commentary" block, and stays there on later runs
 *   (it returns to its row if that row comes back in the same period).
 *
 * @example
 * carryCommentary(old, items, identify, "Q4").officer[2] // "Agency staff recruited in March."
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

  const oldPeriod = (old.period ?? lastPeriod ?? period).trim();
  const samePeriod = oldPeriod === period.trim();
  const ident = (r: { labels: [string, string]; sheet: string }): CommentaryIdentity => ({
    ...identify(r.labels),
    sheet: r.sheet,
  });
  const fresh: CarriedCommentary["unmatched"] = [];
  const toKept = (r: OldCommentaryRow, text: string, p: string): CarriedCommentary["unmatched"][number] => ({
    labels: r.labels,
    sheet: r.sheet,
    period: p,
    text,
    fresh: true,
    from: r.cell,
  });

  const withOfficer = old.rows.filter((r) => r.officer.trim());
  const withPrevious = old.rows.filter((r) => r.previous.trim());
  if (samePeriod) {
    out.previousPeriod = old.previousPeriod;
    const a = matchRows(withOfficer.map(ident), items, (i) => !officer[i]);
    a.matches.forEach((i, o) => (officer[i] = withOfficer[o].officer));
    a.left.forEach((o) => fresh.push(toKept(withOfficer[o], withOfficer[o].officer, oldPeriod)));
    const b = matchRows(withPrevious.map(ident), items, (i) => !previous[i]);
    b.matches.forEach((i, o) => (previous[i] = withPrevious[o].previous));
    b.left.forEach((o) =>
      fresh.push(toKept(withPrevious[o], withPrevious[o].previous, old.previousPeriod ?? "")),
    );
  } else {
    out.previousPeriod = oldPeriod;
    const a = matchRows(withOfficer.map(ident), items, (i) => !previous[i]);
    a.matches.forEach((i, o) => (previous[i] = withOfficer[o].officer));
    a.left.forEach((o) => fresh.push(toKept(withOfficer[o], withOfficer[o].officer, oldPeriod)));
    for (const r of withPrevious)
      out.earlier.push({
        labels: r.labels,
        sheet: r.sheet,
        period: old.previousPeriod ?? "",
        text: r.previous,
      });
  }

  // Old unmatched text returns to its row if the row is back in the same period and its cell is free.
  const keptIdents = old.unmatched.map(ident);
  const forNow = matchRows(
    keptIdents,
    items,
    (i) => !officer[i],
    (o) => old.unmatched[o].period === period.trim(),
  );
  forNow.matches.forEach((i, o) => (officer[i] = old.unmatched[o].text));
  const forPrev = matchRows(
    keptIdents,
    items,
    (i) => !previous[i],
    (o) =>
      !forNow.matches.has(o) &&
      out.previousPeriod !== undefined &&
      old.unmatched[o].period === out.previousPeriod,
  );
  forPrev.matches.forEach((i, o) => (previous[i] = old.unmatched[o].text));
  old.unmatched.forEach((k, o) => {
    if (!forNow.matches.has(o) && !forPrev.matches.has(o)) out.unmatched.push({ ...k, fresh: false });
  });
  out.unmatched.push(...fresh);
  out.earlier = [...old.earlier, ...out.earlier];
  return out;
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
