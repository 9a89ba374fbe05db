/**
 * Runs `task` unless a task with the same key is already in flight, in which case the in-flight
 * promise is returned and `task` is not started. The registry lives on `globalThis` so the
 * ribbon command's bundle and the task pane's bundle, loaded in one shared runtime, share it.
 *
 * @example
 * const a = singleFlight("score", run); const b = singleFlight("score", run); // a === b, run called once
 */
export function singleFlight<T>(key: string, task: () => Promise<T>): Promise<T> {
  const flights = registry();
  const current = flights.get(key) as Promise<T> | undefined;
  if (current) return current;
  const started = Promise.resolve()
    .then(task)
    .finally(() => {
      if (flights.get(key) === started) flights.delete(key);
    });
  flights.set(key, started);
  return started;
}

/** True while a task with this key is in flight. */
export function isInFlight(key: string): boolean {
  return registry().has(key);
}

const REGISTRY = Symbol.for("quarterly-scorecard.singleFlight");

function registry(): Map<string, Promise<unknown>> {
  const g = globalThis as unknown as Record<symbol, Map<string, Promise<unknown>> | undefined>;
  let map = g[REGISTRY];
  if (!map) {
    map = new Map();
    g[REGISTRY] = map;
  }
  return map;
}
