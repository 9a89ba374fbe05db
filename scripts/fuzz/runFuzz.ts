/**
 * `npm run fuzz [-- --limit N] [--filter TEXT] [--jobs N] [--timeout SECONDS] [--heap MB] [--report FILE] [--cli PATH] [--slice]`:
 * generates the whole fuzz corpus (issue 14) into a temp folder and runs every case through the
 * real CLI in a child process, then prints the outcomes. Exits 1 when any case crashed, hung or came
 * out silently wrong.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { classifyFuzzOutcome, scoreSignature, type CliRun, type FuzzOutcome } from "./classifyFuzzOutcome";
import type { FuzzCase } from "./FuzzCase";
import { generateFuzzCases } from "./generateFuzzCases";
import { loadFuzzBase } from "./loadFuzzBases";
import { runCliInChild, type ChildOptions } from "./runCliInChild";

/** The runner's options, from the command line. */
export interface FuzzOptions {
  limit?: number;
  filter?: string;
  jobs: number;
  child: ChildOptions;
  report?: string;
  /** Only the test slice's cases (at their full sizes). */
  slice?: boolean;
}

/** One case's result. */
export interface FuzzResult {
  name: string;
  description: string;
  outcome: FuzzOutcome;
  reason: string;
  wallMs: number;
  peakRssKb?: number;
}

const OUTCOMES: FuzzOutcome[] = ["scored", "refused", "wrong-verdict", "crash", "hang", "silently-wrong"];

/**
 * Runs the corpus and returns every case's result, printing a line per case that is not clean as
 * it comes.
 * @example const results = await runFuzz({ jobs: 2, child: { timeoutMs: 60_000, maxOldSpaceMb: 2048 } });
 */
export async function runFuzz(options: FuzzOptions, log: (line: string) => void): Promise<FuzzResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "qs-fuzz-"));
  const results: FuzzResult[] = [];
  const baseSignatures = new Map<string, Promise<string>>();
  const signatureOf = (c: FuzzCase): Promise<string> => {
    let found = baseSignatures.get(c.base);
    if (!found) {
      found = (async () => {
        const base = await loadFuzzBase(c.base);
        const run = await runOne(dir, `base-${c.base}`, base.ext, base.bytes, options.child);
        if (run.exitCode !== 0 || run.resultJson === undefined)
          throw new Error(`base ${c.base} does not score: ${run.stderr.trim()}`);
        return scoreSignature(run.resultJson);
      })();
      baseSignatures.set(c.base, found);
    }
    return found;
  };
  const include = (name: string): boolean => options.filter === undefined || name.includes(options.filter);
  const cases = generateFuzzCases({ full: true, include, sliceOnly: options.slice });
  let taken = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      if (options.limit !== undefined && taken >= options.limit) return;
      const next = await cases.next();
      if (next.done) return;
      taken++;
      const c = next.value;
      const signature = c.sameScoreAsBase ? await signatureOf(c) : undefined;
      const run = await runOne(dir, safeName(c.name), c.ext, c.bytes, options.child);
      const { outcome, reason } = classifyFuzzOutcome(c, c.bytes, run, signature);
      results.push({
        name: c.name,
        description: c.description,
        outcome,
        reason,
        wallMs: run.wallMs,
        peakRssKb: run.peakRssKb,
      });
      done++;
      const clean = outcome === "scored" || outcome === "refused";
      log(
        `${String(done).padStart(4)} ${outcome.padEnd(14)} ${(run.wallMs / 1000).toFixed(1).padStart(5)} s  ${c.name}${clean ? "" : `: ${reason}`}`,
      );
    }
  };
  try {
    await Promise.all(Array.from({ length: options.jobs }, worker));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  results.sort((a, b) => a.name.localeCompare(b.name));
  return results;
}

/** Writes one case's bytes, runs the CLI on it and removes its files. */
async function runOne(
  dir: string,
  stem: string,
  ext: string,
  bytes: Uint8Array,
  child: ChildOptions,
): Promise<CliRun> {
  const input = path.join(dir, `${stem}${ext}`);
  const out = path.join(dir, `${stem}.scored${ext}`);
  const json = path.join(dir, `${stem}.json`);
  writeFileSync(input, bytes);
  try {
    return await runCliInChild(input, out, json, child);
  } finally {
    for (const f of [input, out, json]) rmSync(f, { force: true });
  }
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9-]+/g, "_");
}

/**
 * The summary: counts per outcome, the slowest case, the peak memory, every case not clean.
 * @example formatFuzzSummary(results) // "outcome  cases\nscored  212\n..."
 */
export function formatFuzzSummary(results: FuzzResult[]): string {
  const lines: string[] = ["", "| Outcome | Cases |", "| --- | ---: |"];
  for (const o of OUTCOMES) lines.push(`| ${o} | ${results.filter((r) => r.outcome === o).length} |`);
  lines.push(`| **total** | **${results.length}** |`, "");
  const slowest = [...results].sort((a, b) => b.wallMs - a.wallMs)[0];
  const biggest = [...results].sort((a, b) => (b.peakRssKb ?? 0) - (a.peakRssKb ?? 0))[0];
  if (slowest)
    lines.push(`Slowest: ${(slowest.wallMs / 1000).toFixed(1)} s, ${slowest.name} (${slowest.outcome})`);
  if (biggest?.peakRssKb !== undefined)
    lines.push(
      `Peak memory: ${(biggest.peakRssKb / 1024).toFixed(0)} MB resident, ${biggest.name} (${biggest.outcome})`,
    );
  const bad = results.filter((r) => r.outcome !== "scored" && r.outcome !== "refused");
  if (bad.length > 0) {
    lines.push("", `Not clean (${bad.length}):`);
    for (const r of bad) lines.push(`- ${r.outcome}: ${r.name} (${r.description}): ${r.reason}`);
  }
  return `${lines.join("\n")}\n`;
}

function parseArgs(argv: string[]): FuzzOptions {
  const options: FuzzOptions = { jobs: 2, child: { timeoutMs: 60_000, maxOldSpaceMb: 2048 } };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const number = (): number => {
      const n = Number(value);
      if (!(n > 0)) throw new Error(`${flag} needs a positive number`);
      i++;
      return n;
    };
    if (flag === "--slice") options.slice = true;
    else if (flag === "--limit") options.limit = number();
    else if (flag === "--jobs") options.jobs = number();
    else if (flag === "--timeout") options.child.timeoutMs = number() * 1000;
    else if (flag === "--heap") options.child.maxOldSpaceMb = number();
    else if (flag === "--filter" || flag === "--report" || flag === "--cli") {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      if (flag === "--filter") options.filter = value;
      else if (flag === "--report") options.report = value;
      else options.child.cli = path.resolve(value);
      i++;
    } else
      throw new Error(
        `unknown option ${flag} (options: --limit N, --filter TEXT, --jobs N, --timeout S, --heap MB, --report FILE, --cli PATH, --slice)`,
      );
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  (async () => {
    const options = parseArgs(process.argv.slice(2));
    const started = Date.now();
    const results = await runFuzz(options, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(formatFuzzSummary(results));
    process.stdout.write(
      `${results.length} cases in ${((Date.now() - started) / 1000).toFixed(0)} s, ${options.jobs} at a time, each capped at ${options.child.timeoutMs / 1000} s and a ${options.child.maxOldSpaceMb} MB heap\n`,
    );
    if (options.report) writeFileSync(options.report, `${JSON.stringify(results, null, 1)}\n`);
    if (results.some((r) => r.outcome === "crash" || r.outcome === "hang" || r.outcome === "silently-wrong"))
      process.exitCode = 1;
  })().catch((err: unknown) => {
    process.stderr.write(`runFuzz: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
