import { EngineError } from "../EngineError";
import type { KpiResult, StatusCounts } from "./KpiResult";

/** Name of the all-measures row. */
export const TOTAL_LABEL = "All measures";

type CountKey = "better" | "within" | "outside" | "noData" | "noTarget" | "targetTbc" | "notDue";

/** Words for each count in a summary line, in the seeds' order. */
const WORDS: [CountKey, string][] = [
  ["better", "better than target"],
  ["within", "within tolerance"],
  ["outside", "outside"],
  ["noData", "no data"],
  ["targetTbc", "target TBC"],
  ["notDue", "not yet due"],
  ["noTarget", "no target"],
];

/**
 * Counts one set of results. `reported` is better + within + outside; percentages are of
 * `reported` (null when nothing is reported).
 * @example countOne("Contract measures", "group", kpis).sentence === "7 of the 8 reported (88%) are within or better than target"
 */
export function countOne(
  name: string,
  dimension: StatusCounts["dimension"],
  kpis: KpiResult[],
): StatusCounts {
  let better = 0;
  let within = 0;
  let outside = 0;
  let noData = 0;
  let noTarget = 0;
  let targetTbc = 0;
  let notDue = 0;
  // Local counters: a keyed update of one object per KPI was most of the time on 100,000 KPIs.
  for (const k of kpis) {
    switch (k.status) {
      case "better":
        better++;
        break;
      case "within":
        within++;
        break;
      case "outside":
        outside++;
        break;
      case "no-data":
        noData++;
        break;
      case "no-target":
        noTarget++;
        break;
      case "target-tbc":
        targetTbc++;
        break;
      case "not-due":
        notDue++;
        break;
      default:
        throw new EngineError("bad-argument", `countOne: unknown status "${String(k.status)}"`);
    }
  }
  const c = { better, within, outside, noData, noTarget, targetTbc, notDue };
  const reported = c.better + c.within + c.outside;
  const pct = (n: number) => (reported === 0 ? null : n / reported);
  return {
    group: name,
    ...c,
    dimension,
    reported,
    pctBetter: pct(c.better),
    pctWithin: pct(c.within),
    pctOutside: pct(c.outside),
    sentence: reportedSentence(c.better + c.within, reported),
  };
}

/**
 * The seeds' sentence: "17 of the 21 reported (81%) are within or better than target".
 * With nothing reported: "None of these measures was reported against a target".
 * @example reportedSentence(17, 21) === "17 of the 21 reported (81%) are within or better than target"
 */
export function reportedSentence(withinOrBetter: number, reported: number): string {
  if (reported === 0) return "None of these measures was reported against a target";
  const pct = Math.round((withinOrBetter / reported) * 100);
  return `${withinOrBetter} of the ${reported} reported (${pct}%) ${withinOrBetter === 1 ? "is" : "are"} within or better than target`;
}

/**
 * One summary line the way the seeds say it, listing only the non-zero counts:
 * "Contract measures: 4 better than target, 3 within tolerance, 2 outside, 2 no data".
 * @example summaryLine(counts) === "Demand: 4 no target"
 */
export function summaryLine(c: StatusCounts): string {
  const parts = WORDS.filter(([k]) => c[k] > 0).map(([k, w]) => `${c[k]} ${w}`);
  return `${c.group}: ${parts.length ? parts.join(", ") : "no measures"}`;
}

/**
 * Counts statuses by group (in order of first appearance), by service area (rows with none are
 * left out of that dimension) and in total, with percentages of those reported, plus one
 * summary line per group. Every count is computed from the statuses it counts.
 * @example countStatuses(kpis).summaryLines[0] === "Contract measures: 4 better than target, 3 within tolerance, 1 outside, 3 no data"
 */
export function countStatuses(kpis: KpiResult[]): {
  groups: StatusCounts[];
  serviceAreas: StatusCounts[];
  total: StatusCounts;
  summaryLines: string[];
} {
  const by = (key: (k: KpiResult) => string) => {
    const m = new Map<string, KpiResult[]>();
    for (const k of kpis) {
      const name = key(k);
      if (!name) continue;
      const list = m.get(name);
      if (list) list.push(k);
      else m.set(name, [k]);
    }
    return m;
  };
  const groups = [...by((k) => k.group || "Other measures")].map(([name, list]) =>
    countOne(name, "group", list),
  );
  const serviceAreas = [...by((k) => k.serviceArea)].map(([name, list]) =>
    countOne(name, "serviceArea", list),
  );
  const total = countOne(TOTAL_LABEL, "total", kpis);
  return { groups, serviceAreas, total, summaryLines: groups.map(summaryLine) };
}
