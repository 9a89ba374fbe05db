/** A small deterministic random source: the same seed always gives the same sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/**
 * A seeded generator (mulberry32): cases are reproduced from their seed alone.
 * @example const rnd = seededRandom(42); rnd.int(10) // the same number on every run
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => {
    if (!(n >= 1)) throw new Error(`seededRandom.int needs n >= 1, got ${n}`);
    return Math.floor(next() * n);
  };
  return { next, int, pick: (items) => items[int(items.length)] };
}
